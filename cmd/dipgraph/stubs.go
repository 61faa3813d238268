package main

import "github.com/urfave/cli/v2"

func gazetteerCommand() *cli.Command { return &cli.Command{Name: "gazetteer"} }
func ontologyCommand() *cli.Command  { return &cli.Command{Name: "ontology"} }
