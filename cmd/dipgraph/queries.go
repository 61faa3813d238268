package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/ontology"
	"github.com/dipgraph/dipgraph/queries"
)

func queriesCommand() *cli.Command {
	return &cli.Command{
		Name:  "queries",
		Usage: "saved queries: who established or ended which format, who accuses whom, who advocates what",
		Description: `Each saved query answers one question, as a Gizmo query run against the store and as a
SPARQL 1.1 twin (queries/NAME.rq) that external tools run on an export.

   dipgraph queries list
   dipgraph queries show timeline
   dipgraph queries run timeline --param actor=Moscow
   dipgraph queries run format "Kremlin-White House expert group" --format csv
   dipgraph queries run evidence kremlin-white-house-expert-group terminatedBy US
   dipgraph queries sparql actor Russia | node tools/sparql/select.mjs - graph.ttl

Names of actors and formats go through the gazetteer ("Moscow", "Russia", "RU" are all
Russia), then through the labels in the store; a slug (russia) or an IRI also works.`,
		Subcommands: []*cli.Command{
			{
				Name:   "list",
				Usage:  "list the saved queries and the questions they answer",
				Action: queriesList,
			},
			{
				Name:      "show",
				Usage:     "print a saved query: its header, its Gizmo text and its SPARQL twin",
				ArgsUsage: "NAME",
				Action:    queriesShow,
			},
			{
				Name:      "run",
				Usage:     "run a saved query against the store",
				ArgsUsage: "NAME [VALUE ...]",
				Description: `VALUEs fill the query's parameters in order (see dipgraph queries show NAME);
--param key=value sets any of them by name. Parameters are passed to the query as values,
never written into its text.

   dipgraph queries run events --param type=Termination --param from=2021
   dipgraph queries run actor Moscow --format json`,
				Flags: []cli.Flag{storeFlag(), lockFlag(), paramFlag(), gazetteerFlag(),
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table",
						Usage: "output `FORMAT`: " + strings.Join(queries.OutputFormats, ", ") + " (csv, tsv and json: full IRIs, each entity with a _label column)"},
					&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop the query after this long"},
					&cli.IntFlag{Name: "limit", Value: 0, Usage: "at most this many rows (0: all)"},
					&cli.IntFlag{Name: "width", Value: 60, Usage: "table cells longer than this are cut (-1: never)"},
					&cli.StringFlag{Name: "engine", Value: queries.EngineAuto,
						Usage: "`ENGINE`: native (Go plans of the built-in queries, bolt and leveldb stores), gizmo (the .gizmo.js text), or auto (native where it can run, else gizmo); both give the same rows"},
				},
				Action: queriesRun,
			},
			{
				Name:      "sparql",
				Usage:     "print a saved query's SPARQL 1.1 twin, with its parameters bound, for other tools",
				ArgsUsage: "NAME [VALUE ...]",
				Description: `Without values the .rq is printed as it is: optional parameters unbound, required
ones set to an example. With values, the one VALUES line marked "# dipgraph:params" binds
them (IRIs checked, literals escaped); nothing else changes.

   dipgraph export -o graph.ttl && dipgraph queries sparql positions --param actor=RU | node tools/sparql/select.mjs - graph.ttl`,
				Flags:  []cli.Flag{paramFlag(), gazetteerFlag()},
				Action: queriesSPARQL,
			},
		},
	}
}

func paramFlag() *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "a parameter `key=value`; repeatable"}
}

func gazetteerFlag() *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: "gazetteer", Usage: "extra gazetteer `FILE` for resolving names; repeatable"}
}

func lookupQuery(c *cli.Context, verb string) (*queries.Query, error) {
	if c.NArg() < 1 {
		return nil, exitError{2, fmt.Errorf("queries %s: give a query NAME (one of %s)", verb, strings.Join(queries.Names(), ", "))}
	}
	q, ok := queries.Lookup(c.Args().First())
	if !ok {
		return nil, exitError{2, fmt.Errorf("queries %s: no saved query %q (one of %s)", verb, c.Args().First(), strings.Join(queries.Names(), ", "))}
	}
	return q, nil
}

func queriesList(c *cli.Context) error {
	w := c.App.Writer
	for _, q := range queries.All() {
		fmt.Fprintf(w, "%s\n    %s\n", q.Usage(), q.Question)
	}
	return nil
}

func queriesShow(c *cli.Context) error {
	q, err := lookupQuery(c, "show")
	if err != nil {
		return err
	}
	w := c.App.Writer
	fmt.Fprintf(w, "%s: %s\n\nusage: dipgraph queries run %s\n", q.Name, q.Question, q.Usage())
	if len(q.Params) > 0 {
		fmt.Fprintln(w, "\nparameters:")
		for _, p := range q.Params {
			req := "optional"
			if p.Required {
				req = "required"
			}
			fmt.Fprintf(w, "  %-10s %-8s %-8s %s\n", p.Name, p.Type, req, p.Doc)
		}
	}
	fmt.Fprintln(w, "\ncolumns:")
	for _, col := range q.Columns {
		fmt.Fprintf(w, "  %-12s %-6s %s\n", col.Name, col.Kind, col.Doc)
	}
	fmt.Fprintf(w, "\n=== %s (Gizmo, run with queries/lib.js and the parameters as `params`)\n\n%s", q.GizmoFile(), q.Gizmo)
	fmt.Fprintf(w, "\n=== %s (SPARQL 1.1)\n\n%s", q.SPARQLFile(), q.SPARQL)
	return nil
}

// bindArgs reads NAME's values from the arguments and --param, and binds
// them with the gazetteer (and the store's labels when qs is given).
func bindArgs(c *cli.Context, q *queries.Query, r *queries.Resolver) (*queries.Binding, error) {
	raw, err := q.ParseParams(c.Args().Tail(), c.StringSlice("param"))
	if err == nil {
		var b *queries.Binding
		if b, err = q.Bind(raw, r); err == nil {
			return b, nil
		}
	}
	var ue *queries.UsageError
	if errors.As(err, &ue) {
		return nil, exitError{2, err}
	}
	return nil, err
}

func loadGazetteer(c *cli.Context) (*ontology.Gazetteer, error) {
	g, err := ontology.LoadGazetteer(c.StringSlice("gazetteer")...)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return g, nil
}

type rerunKey struct{}

// flagsAfterArgs lets `queries run NAME VALUE --param k=v --store PATH`
// work: urfave/cli stops reading flags at the first argument, so when
// flags follow the arguments the command runs again with every flag first
// (those already read, then the rest) and the arguments after "--". Every
// flag of these commands takes a value except --help.
func flagsAfterArgs(c *cli.Context) (bool, error) {
	if c.Context.Value(rerunKey{}) != nil {
		return false, nil
	}
	args := c.Args().Slice()
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && name != "help" && name != "h" && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	if len(flags) == 0 {
		return false, nil
	}
	var all []string
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if !c.IsSet(name) {
			continue
		}
		if _, ok := f.(*cli.StringSliceFlag); ok {
			for _, v := range c.StringSlice(name) {
				all = append(all, "--"+name+"="+v)
			}
			continue
		}
		all = append(all, fmt.Sprintf("--%s=%v", name, c.Value(name)))
	}
	all = append(append(all, flags...), "--")
	all = append(all, pos...)
	parent := c.Lineage()[1]
	parent.Context = context.WithValue(parent.Context, rerunKey{}, true)
	return true, c.Command.Run(parent, append([]string{c.Command.Name}, all...)...)
}

func queriesRun(c *cli.Context) error {
	if again, err := flagsAfterArgs(c); again {
		return err
	}
	q, err := lookupQuery(c, "run")
	if err != nil {
		return err
	}
	format := c.String("format")
	if !contains(queries.OutputFormats, format) {
		return exitError{2, fmt.Errorf("queries run: unknown --format %q (one of %s)", format, strings.Join(queries.OutputFormats, ", "))}
	}
	if e := c.String("engine"); !contains(queries.Engines, e) {
		return exitError{2, fmt.Errorf("queries run: unknown --engine %q (one of %s)", e, strings.Join(queries.Engines, ", "))}
	}
	if p := c.String("store"); p != "memory" && !strings.Contains(p, ":") {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("queries run: store %s: %w (load documents first: dipgraph load --store %s FILES)", p, unwrapPathError(err), p)
		}
	}
	gaz, err := loadGazetteer(c)
	if err != nil {
		return err
	}
	s, err := openStore(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	b, err := bindArgs(c, q, &queries.Resolver{Gazetteer: gaz, Store: s.QuadStore()})
	if err != nil {
		return err
	}
	for _, n := range b.Notes {
		fmt.Fprintln(c.App.ErrWriter, "dipgraph: note:", n)
	}
	defer queries.TuneGC()()
	res, err := queries.RunSaved(c.Context, s.QuadStore(), q, b, queries.Options{Timeout: c.Duration("timeout"), Limit: c.Int("limit"), Engine: c.String("engine")})
	if err != nil {
		if errors.Is(err, queries.ErrTimeout) {
			return fmt.Errorf("%w; allow longer with --timeout", err)
		}
		return err
	}
	labels, err := queries.Labels(c.Context, s.QuadStore(), gaz, res)
	if err != nil {
		return err
	}
	if err := queries.WriteResult(c.App.Writer, res, format, queries.WriteOptions{Labels: labels, Width: c.Int("width")}); err != nil {
		return err
	}
	if format == "table" {
		fmt.Fprintf(c.App.ErrWriter, "%d rows\n", len(res.Rows))
	}
	return nil
}

func queriesSPARQL(c *cli.Context) error {
	if again, err := flagsAfterArgs(c); again {
		return err
	}
	q, err := lookupQuery(c, "sparql")
	if err != nil {
		return err
	}
	var b *queries.Binding
	if c.NArg() > 1 || len(c.StringSlice("param")) > 0 {
		gaz, err := loadGazetteer(c)
		if err != nil {
			return err
		}
		if b, err = bindArgs(c, q, &queries.Resolver{Gazetteer: gaz}); err != nil {
			return err
		}
		for _, n := range b.Notes {
			fmt.Fprintln(c.App.ErrWriter, "dipgraph: note:", n)
		}
	}
	text, err := q.SPARQLText(b)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(c.App.Writer, text)
	return err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
