package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/queries"
)

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run an ad hoc Gizmo query against the store",
		ArgsUsage: "'GIZMO'",
		Description: `Gizmo is Cayley's JavaScript path language; IRIs are written in angle brackets.

   dipgraph query 'g.V("<https://w3id.org/dipgraph/id/russia>").Out().All()'
   dipgraph query --limit 5 'g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/dipgraph/ontology#State>").All()'`,
		Flags: []cli.Flag{storeFlag(), lockFlag(),
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop the query after this long"},
			&cli.IntFlag{Name: "limit", Value: 1000, Usage: "at most this many results (0: no limit)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return exitError{2, fmt.Errorf("query: give one Gizmo query in quotes (see dipgraph query --help)")}
			}
			s, err := openStore(c, true)
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := queries.RunGizmo(c.Context, s.QuadStore(), c.Args().First(), queries.Options{Timeout: c.Duration("timeout"), Limit: c.Int("limit")})
			enc := json.NewEncoder(c.App.Writer)
			enc.SetEscapeHTML(false)
			for _, r := range res {
				if e := enc.Encode(r); e != nil {
					return e
				}
			}
			return err
		},
	}
}
