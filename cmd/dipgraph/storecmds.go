package main

import "github.com/urfave/cli/v2"

// TODO(issue): being written; registered here so that main.go lists every command once.
func removeCommand() *cli.Command { return &cli.Command{Name: "remove", Hidden: true} }
func docsCommand() *cli.Command   { return &cli.Command{Name: "docs", Hidden: true} }
func statsCommand() *cli.Command  { return &cli.Command{Name: "stats", Hidden: true} }
