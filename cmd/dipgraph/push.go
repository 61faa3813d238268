package main

import "github.com/urfave/cli/v2"

// TODO(issue): being written; registered here so that main.go lists every command once.
func pushCommand() *cli.Command { return &cli.Command{Name: "push", Hidden: true} }
