package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/queries"
)

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run an ad hoc Gizmo (or GraphQL) query against the store",
		ArgsUsage: "'QUERY'",
		Description: `Gizmo is Cayley's JavaScript path language; IRIs are written in angle brackets.
Results are printed one JSON value per line. A query that runs past --timeout is stopped.
For the questions analysts ask most, see dipgraph queries list.

   dipgraph query 'g.V("<https://w3id.org/dipgraph/id/russia>").Out().All()'
   dipgraph query --limit 5 'g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/dipgraph/ontology#State>").All()'
   dipgraph query --lang graphql '{ nodes(id: "<https://w3id.org/dipgraph/id/russia>") { id } }'`,
		Flags: []cli.Flag{storeFlag(), lockFlag(),
			&cli.StringFlag{Name: "lang", Aliases: []string{"l"}, Value: "gizmo", Usage: "query `LANGUAGE`: " + strings.Join(queries.Languages, ", ")},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop the query after this long"},
			&cli.IntFlag{Name: "limit", Value: 1000, Usage: "at most this many results (0: no limit)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return exitError{2, fmt.Errorf("query: give one query in quotes (see dipgraph query --help)")}
			}
			lang := c.String("lang")
			if !contains(queries.Languages, lang) {
				return exitError{2, fmt.Errorf("query: unknown --lang %q (one of %s)", lang, strings.Join(queries.Languages, ", "))}
			}
			defer queries.TuneGC()()
			s, err := openStore(c, true)
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := queries.Run(c.Context, s.QuadStore(), lang, c.Args().First(), queries.Options{Timeout: c.Duration("timeout"), Limit: c.Int("limit")})
			enc := json.NewEncoder(c.App.Writer)
			enc.SetEscapeHTML(false)
			for _, r := range res {
				if e := enc.Encode(r); e != nil {
					return e
				}
			}
			if errors.Is(err, queries.ErrTimeout) {
				return fmt.Errorf("%w; a query that loops or scans too much is stopped there: allow longer with --timeout", err)
			}
			return err
		},
	}
}
