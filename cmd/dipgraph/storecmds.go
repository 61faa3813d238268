package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
)

func removeCommand() *cli.Command {
	return &cli.Command{
		Name:      "remove",
		Usage:     "delete documents' graphs from the store",
		ArgsUsage: "DOC-ID|FILE ...",
		Description: `Deletes every quad of each document's named graph. Entities and facts that other
documents also state stay: they are quads of those documents' graphs. Nothing is
removed when one of the documents is not in the store.

   dipgraph remove 00_seed
   dipgraph remove ../shared/corpus/00_seed.md      (the id comes from the file name)`,
		Flags: []cli.Flag{storeFlag(), lockFlag(),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but errors"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return exitError{2, fmt.Errorf("remove: give at least one DOC-ID or FILE (dipgraph docs lists the ids)")}
			}
			s, err := openExisting(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := context.Background()
			var labels []quad.IRI
			var unknown []string
			for _, arg := range c.Args().Slice() {
				l := docLabel(arg)
				n, err := s.CountIn(ctx, l)
				if err != nil {
					return err
				}
				if n == 0 {
					unknown = append(unknown, arg)
				}
				labels = append(labels, l)
			}
			if len(unknown) > 0 {
				return exitError{1, fmt.Errorf("remove: no document %s in the store %s (dipgraph docs lists them); nothing removed",
					strings.Join(unknown, ", "), s)}
			}
			for _, l := range labels {
				n, err := s.RemoveGraph(l)
				if err != nil {
					return err
				}
				if !c.Bool("quiet") {
					fmt.Fprintf(c.App.ErrWriter, "%s: removed %d quads\n", docID(l), n)
				}
			}
			return nil
		},
	}
}

func docsCommand() *cli.Command {
	return &cli.Command{
		Name:  "docs",
		Usage: "list the documents in the store: id, title, date, quads",
		Description: `The title and date are the document node's dcterms:title and dcterms:date in its
own graph. The id is what dipgraph remove and export --graph take.

   dipgraph docs
   dipgraph docs --tsv --store team.db`,
		Flags: []cli.Flag{storeFlag(), lockFlag(),
			&cli.BoolFlag{Name: "tsv", Usage: "tab-separated values, no padding"},
		},
		Action: func(c *cli.Context) error {
			s, err := openExisting(c, true)
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := context.Background()
			graphs, err := s.Graphs()
			if err != nil {
				return err
			}
			w := c.App.Writer
			tw := tabwriter.NewWriter(c.App.Writer, 2, 8, 2, ' ', 0)
			if !c.Bool("tsv") {
				w = tw
			}
			fmt.Fprintln(w, "ID\tTITLE\tDATE\tQUADS")
			var total int64
			for _, g := range graphs {
				n, err := s.CountIn(ctx, g)
				if err != nil {
					return err
				}
				total += n
				title, err := firstObject(ctx, s, g, ontology.DCTitle)
				if err != nil {
					return err
				}
				date, err := firstObject(ctx, s, g, ontology.DCDate)
				if err != nil {
					return err
				}
				if !c.Bool("tsv") {
					title = truncate(title, 72)
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%d\n", cell(docID(g)), cell(title), cell(date), n)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "%d documents, %d quads in their graphs\n", len(graphs), total)
			return nil
		},
	}
}

// firstObject returns the lexical form of the first object of (g, p) in
// graph g, or "".
func firstObject(ctx context.Context, s *store.Store, g quad.Value, p string) (string, error) {
	vals, err := s.Objects(ctx, g, g, quad.IRI(p))
	if err != nil || len(vals) == 0 {
		return "", err
	}
	switch v := vals[0].(type) {
	case quad.String:
		return string(v), nil
	case quad.TypedString:
		return string(v.Value), nil
	case quad.LangString:
		return string(v.Value), nil
	}
	return quad.StringOf(vals[0]), nil
}

// cell keeps a value on one line of one column.
func cell(s string) string {
	if s == "" {
		return "-"
	}
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// truncate shortens s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count the store's documents, quads, triples, instances per class and relations",
		Description: `Classes are the objects of rdf:type, counted by instances (distinct subjects);
relations are the dip: relations of the output contract, counted as distinct triples
and as quads (a triple two documents state is one triple, two quads).

   dipgraph stats --store team.db`,
		Flags: []cli.Flag{storeFlag(), lockFlag()},
		Action: func(c *cli.Context) error {
			s, err := openExisting(c, true)
			if err != nil {
				return err
			}
			defer s.Close()
			sum, err := s.Stats(context.Background())
			if err != nil {
				return err
			}
			type row struct {
				name string
				n    []int64
			}
			rows := []row{{"documents", []int64{int64(sum.Graphs)}}, {"quads", []int64{sum.Quads}},
				{"distinct triples", []int64{sum.Triples}}, {}, {"class", nil}}
			for _, k := range sortedKeys(sum.Classes) {
				rows = append(rows, row{shortIRI(k), []int64{sum.Classes[k]}})
			}
			rows = append(rows, row{}, row{"relation", nil})
			for _, r := range ontology.Relations {
				pc := sum.Predicates[quad.IRI(ontology.DIP+r)]
				rows = append(rows, row{"dip:" + r, []int64{pc.Triples, pc.Quads}})
			}
			width := 0
			for _, r := range rows {
				width = max(width, len(r.name))
			}
			var b strings.Builder
			for _, r := range rows {
				switch {
				case r.name == "class":
					fmt.Fprintf(&b, "%-*s  %9s\n", width, "class", "instances")
				case r.name == "relation":
					fmt.Fprintf(&b, "%-*s  %9s  %9s\n", width, "relation", "triples", "quads")
				case r.name == "":
					b.WriteString("\n")
				default:
					fmt.Fprintf(&b, "%-*s", width, r.name)
					for _, n := range r.n {
						fmt.Fprintf(&b, "  %9d", n)
					}
					b.WriteString("\n")
				}
			}
			_, err = fmt.Fprint(c.App.Writer, b.String())
			return err
		},
	}
}

func sortedKeys[V any](m map[quad.Value]V) []quad.Value {
	keys := make([]quad.Value, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return quad.StringOf(keys[i]) < quad.StringOf(keys[j]) })
	return keys
}

// shortIRI writes an IRI with the output's prefixes (dip:State).
func shortIRI(v quad.Value) string {
	iri, ok := v.(quad.IRI)
	if !ok {
		return quad.StringOf(v)
	}
	for _, p := range ontology.Prefixes {
		if local, ok := strings.CutPrefix(string(iri), p.IRI); ok && local != "" {
			return p.Name + ":" + local
		}
	}
	return string(iri)
}
