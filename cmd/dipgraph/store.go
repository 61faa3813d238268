package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/rdfio"
	"github.com/dipgraph/dipgraph/graph/store"
)

func storeFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "store", Aliases: []string{"s"}, Value: "dipgraph.db", EnvVars: []string{"DIPGRAPH_STORE"},
		Usage: "the store: a bolt file `PATH` (embedded, the default), memory, or leveldb:PATH"}
}

func lockFlag() *cli.DurationFlag {
	return &cli.DurationFlag{Name: "lock-timeout", Value: 5 * time.Second, Usage: "how long to wait for a store another process holds"}
}

func openStore(c *cli.Context, readOnly bool) (*store.Store, error) {
	return store.Open(c.String("store"), store.Options{ReadOnly: readOnly, LockTimeout: c.Duration("lock-timeout")})
}

func loadCommand() *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "extract documents and load their graphs into a Cayley store",
		ArgsUsage: "FILE|DIR|- ...",
		Description: `Each document's facts go into a named graph (the document's IRI): loading a
document again replaces its facts, so loading the same files twice adds nothing.

   dipgraph load ../shared/corpus
   dipgraph load --store team.db --speaker-state Russia note.txt`,
		Flags: append([]cli.Flag{storeFlag(), lockFlag(),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but errors"},
		}, extractorFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return exitError{2, fmt.Errorf("load: give at least one FILE, DIR or - (see dipgraph load --help)")}
			}
			files, err := expandInputs(c.Args().Slice())
			if err != nil {
				return err
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			s, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			var bad []string
			added, removed := 0, 0
			for _, path := range files {
				d, err := readDocument(c, path)
				if err != nil {
					fmt.Fprintln(c.App.ErrWriter, "dipgraph: skipped", err)
					bad = append(bad, path)
					continue
				}
				label := extract.DocIRI(d)
				a, r, err := s.ReplaceGraph(label, x.Extract(d).Quads(label))
				if err != nil {
					return fmt.Errorf("%s: %w", path, err)
				}
				added += a
				removed += r
				if !c.Bool("quiet") {
					state := "loaded"
					if a == 0 && r == 0 {
						state = "unchanged"
					}
					fmt.Fprintf(c.App.ErrWriter, "%s: %s (+%d -%d quads)\n", path, state, a, r)
				}
			}
			n, _ := s.Count()
			if !c.Bool("quiet") {
				fmt.Fprintf(c.App.ErrWriter, "%d documents, +%d -%d quads; the store %s holds %d quads\n", len(files)-len(bad), added, removed, s, n)
			}
			if len(bad) > 0 {
				return exitError{1, fmt.Errorf("load: %d of %d documents could not be read: %s", len(bad), len(files), strings.Join(bad, ", "))}
			}
			return nil
		},
	}
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the store's graph as RDF",
		Description: `Triple formats (turtle, ntriples) merge the documents' graphs into one; quad
formats (nquads, trig) keep each document's named graph.

   dipgraph export --format turtle > graph.ttl
   dipgraph export --store team.db --format nquads -o graph.nq`,
		Flags: []cli.Flag{storeFlag(), lockFlag(), formatFlag("turtle"),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
		},
		Action: func(c *cli.Context) error {
			f, ok := rdfio.FormatByName(c.String("format"))
			if !ok {
				return exitError{2, fmt.Errorf("export: unknown --format %q (one of %s)", c.String("format"), strings.Join(formatNames(false), ", "))}
			}
			if _, err := os.Stat(c.String("store")); err != nil && c.String("store") != "memory" && !strings.Contains(c.String("store"), ":") {
				return fmt.Errorf("export: store %s: %w", c.String("store"), unwrapPathError(err))
			}
			s, err := openStore(c, true)
			if err != nil {
				return err
			}
			defer s.Close()
			var out io.Writer = os.Stdout
			if p := c.String("output"); p != "" {
				fh, err := os.Create(p)
				if err != nil {
					return err
				}
				defer fh.Close()
				out = fh
			}
			bw := bufio.NewWriter(out)
			w := f.NewWriter(bw)
			seen := map[[3]string]bool{} // triple formats: one triple for its copies in several graphs
			err = s.Quads(context.Background(), func(q quad.Quad) error {
				if !f.Quads {
					k := [3]string{q.Subject.String(), q.Predicate.String(), q.Object.String()}
					if seen[k] {
						return nil
					}
					seen[k] = true
					q.Label = nil
				}
				return w.WriteQuad(q)
			})
			if err != nil {
				return err
			}
			if err := w.Close(); err != nil {
				return err
			}
			return bw.Flush()
		},
	}
}
