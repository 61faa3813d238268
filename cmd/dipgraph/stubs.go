package main

import "github.com/urfave/cli/v2"

func loadCommand() *cli.Command      { return &cli.Command{Name: "load"} }
func exportCommand() *cli.Command    { return &cli.Command{Name: "export"} }
func queryCommand() *cli.Command     { return &cli.Command{Name: "query"} }
func gazetteerCommand() *cli.Command { return &cli.Command{Name: "gazetteer"} }
func ontologyCommand() *cli.Command  { return &cli.Command{Name: "ontology"} }
