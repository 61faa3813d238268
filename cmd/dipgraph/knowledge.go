package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/rdfio"
	"github.com/dipgraph/dipgraph/ontology"
)

func ontologyCommand() *cli.Command {
	return &cli.Command{
		Name:  "ontology",
		Usage: "print the OWL ontology (Turtle), or with --shapes the SHACL shapes every output satisfies",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "shapes", Usage: "print the SHACL shapes instead"}},
		Action: func(c *cli.Context) error {
			name := "dipgraph.ttl"
			if c.Bool("shapes") {
				name = "shapes.ttl"
			}
			b, err := ontology.ReadData(name)
			if err != nil {
				return err
			}
			_, err = c.App.Writer.Write(b)
			return err
		},
	}
}

func gazetteerCommand() *cli.Command {
	gazFlag := &cli.StringSliceFlag{Name: "gazetteer", Usage: "extra gazetteer `FILE`, merged with the built-in one; repeatable"}
	return &cli.Command{
		Name:  "gazetteer",
		Usage: "inspect the knowledge base the extractor matches against",
		Subcommands: []*cli.Command{
			{
				Name:      "lookup",
				Usage:     "show which entries a surface form hits and why",
				ArgsUsage: "TEXT",
				Description: `   dipgraph gazetteer lookup Moscow
   dipgraph gazetteer lookup "the security councils"`,
				Flags: []cli.Flag{gazFlag},
				Action: func(c *cli.Context) error {
					if c.NArg() == 0 {
						return exitError{2, fmt.Errorf("gazetteer lookup: give the TEXT to look up")}
					}
					x, err := extract.New(extract.Options{Gazetteers: c.StringSlice("gazetteer")})
					if err != nil {
						return err
					}
					text := strings.Join(c.Args().Slice(), " ")
					hits := x.Matcher.Explain(text)
					if len(hits) == 0 {
						fmt.Fprintf(c.App.Writer, "%q: no entry (matching is by whole tokens, case rule in ontology/README.md)\n", text)
						return exitError{1, fmt.Errorf("no match for %q", text)}
					}
					for _, h := range hits {
						fmt.Fprintln(c.App.Writer, h)
					}
					return nil
				},
			},
			{
				Name:  "export",
				Usage: "print the whole knowledge base as RDF",
				Flags: []cli.Flag{gazFlag, formatFlag("turtle")},
				Action: func(c *cli.Context) error {
					f, ok := rdfio.FormatByName(c.String("format"))
					if !ok {
						return exitError{2, fmt.Errorf("gazetteer export: unknown --format %q (one of %s)", c.String("format"), strings.Join(formatNames(false), ", "))}
					}
					g, err := ontology.LoadGazetteer(c.StringSlice("gazetteer")...)
					if err != nil {
						return err
					}
					bw := bufio.NewWriter(c.App.Writer)
					w := f.NewWriter(bw)
					for _, q := range extract.GazetteerQuads(g) {
						if err := w.WriteQuad(q); err != nil {
							return err
						}
					}
					if err := w.Close(); err != nil {
						return err
					}
					return bw.Flush()
				},
			},
		},
	}
}
