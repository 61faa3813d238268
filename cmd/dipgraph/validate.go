package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/graph/shacl"
	"github.com/dipgraph/dipgraph/graph/store"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check RDF files or a store against the SHACL shapes of the output contract",
		ArgsUsage: "FILE... | --store PATH",
		Description: `Checks the data against ontology/shapes.ttl (or --shapes FILE) with dipgraph's own SHACL
Core validator and prints one line per result: severity, focus node, path, constraint
component, message and value, then a summary. Files are read by extension (.ttl Turtle,
.nt N-Triples, .nq N-Quads; "-" is Turtle on standard input, or --input-format); the named
graphs of N-Quads files and of a store are validated as one graph.

Exit status: 0 the data conforms, 1 it does not, 2 usage or read errors.

   dipgraph extract doc.md -o doc.ttl && dipgraph validate doc.ttl
   dipgraph validate --store dipgraph.db
   dipgraph validate --shapes my-shapes.ttl --json export.nq`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "store", Aliases: []string{"s"}, Usage: "validate the store at `PATH` (bolt file, leveldb:PATH) instead of files"},
			lockFlag(),
			&cli.StringFlag{Name: "shapes", Usage: "SHACL shapes `FILE` to use instead of the shipped ontology/shapes.ttl"},
			&cli.StringFlag{Name: "input-format", Usage: "read every FILE as `FORMAT` (turtle, ntriples, nquads) whatever its extension"},
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON ({conforms, violations, results: [{focus, path, constraint, message, severity, value, shape}]})"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the summary"},
		},
		Action: runValidate,
	}
}

func runValidate(c *cli.Context) error {
	files := c.Args().Slice()
	spec := c.String("store")
	switch {
	case len(files) == 0 && spec == "":
		return exitError{2, fmt.Errorf("validate: give RDF FILEs or --store PATH (see dipgraph validate --help)")}
	case len(files) > 0 && spec != "":
		return exitError{2, fmt.Errorf("validate: give RDF FILEs or --store PATH, not both")}
	}
	format := c.String("input-format")
	if format != "" && format != "turtle" && format != "ntriples" && format != "nquads" {
		return exitError{2, fmt.Errorf("validate: unknown --input-format %q (turtle, ntriples or nquads)", format)}
	}

	var shapes *shacl.Shapes
	var err error
	shapesName := "the shipped shapes (ontology/shapes.ttl)"
	if p := c.String("shapes"); p != "" {
		shapes, err = shacl.ReadShapes(p)
		shapesName = p
	} else {
		shapes, err = shacl.DefaultShapes()
	}
	if err != nil {
		return exitError{2, fmt.Errorf("validate: shapes: %w", err)}
	}

	data := shacl.NewGraph()
	source := ""
	if spec != "" {
		if err := readStoreInto(c, spec, data); err != nil {
			return exitError{2, fmt.Errorf("validate: %w", err)}
		}
		source = "the store " + spec
	} else {
		for _, f := range files {
			if err := readRDFInto(data, f, format); err != nil {
				return exitError{2, fmt.Errorf("validate: %w", err)}
			}
		}
		source = fmt.Sprintf("%d file", len(files))
		if len(files) != 1 {
			source += "s"
		}
	}

	report := shapes.Validate(data)
	w := c.App.Writer
	if c.Bool("json") {
		if err := writeReportJSON(w, report); err != nil {
			return err
		}
	} else {
		if !c.Bool("quiet") {
			for _, r := range report.Results {
				fmt.Fprintln(w, formatResult(r))
			}
		}
		fmt.Fprintln(w, summary(report, source, shapesName))
	}
	if !report.Conforms {
		noun := "results"
		if len(report.Results) == 1 {
			noun = "result"
		}
		return exitError{1, fmt.Errorf("validate: does not conform: %d %s", len(report.Results), noun)}
	}
	return nil
}

// readRDFInto adds an RDF file ("-": standard input) to g.
func readRDFInto(g *shacl.Graph, path, format string) error {
	if path == "-" {
		if format == "" {
			format = "turtle"
		}
		return g.Read("stdin", format, os.Stdin, "")
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if format == "" {
		if _, err := shacl.FormatOf(path); err != nil {
			if documentExts[strings.ToLower(filepath.Ext(path))] {
				return fmt.Errorf("%s is a document, not RDF: run dipgraph extract on it first, or load it and use --store", path)
			}
			return err
		}
	}
	return g.ReadFile(path, format)
}

// openExistingStore opens a store read-only, refusing to create a bolt
// file that is not there.
func openExistingStore(c *cli.Context, spec string) (*store.Store, error) {
	if spec != store.SpecMemory && !strings.Contains(spec, ":") {
		if _, err := os.Stat(spec); err != nil {
			return nil, fmt.Errorf("store %s: %w", spec, unwrapPathError(err))
		}
	}
	return store.Open(spec, store.Options{ReadOnly: true, LockTimeout: c.Duration("lock-timeout")})
}

func readStoreInto(c *cli.Context, spec string, g *shacl.Graph) error {
	s, err := openExistingStore(c, spec)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Quads(context.Background(), func(q quad.Quad) error { return g.Add(q) })
}

// formatResult prints one result on one line.
func formatResult(r shacl.Result) string {
	var b strings.Builder
	b.WriteString(r.Severity)
	b.WriteString(" ")
	b.WriteString(shacl.Compact(r.Focus))
	if r.Path != nil {
		b.WriteString(" ")
		b.WriteString(r.Path.Compact())
	}
	b.WriteString(": ")
	b.WriteString(r.Constraint)
	b.WriteString(": ")
	b.WriteString(r.Message)
	if r.Value != nil {
		b.WriteString(" (value ")
		b.WriteString(shacl.Compact(r.Value))
		b.WriteString(")")
	}
	return b.String()
}

func summary(r *shacl.Report, source, shapes string) string {
	checked := fmt.Sprintf("%d triples of %s, %d focus nodes checked against %s", r.Triples, source, r.FocusNodes, shapes)
	if r.Conforms {
		return "conforms: " + checked
	}
	counts := r.Count()
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%d %s", counts[n], n)
	}
	noun := "results"
	if len(r.Results) == 1 {
		noun = "result"
	}
	return fmt.Sprintf("does not conform: %d %s (%s) in %s", len(r.Results), noun, strings.Join(parts, ", "), checked)
}

type jsonResult struct {
	Focus      string  `json:"focus"`
	Path       *string `json:"path"`
	Constraint string  `json:"constraint"`
	Message    string  `json:"message"`
	Severity   string  `json:"severity"`
	Value      *string `json:"value"`
	Shape      *string `json:"shape"`
}

// writeReportJSON prints the report in the JSON form of
// tools/shacl/validate.mjs, with terms in N-Triples syntax.
func writeReportJSON(w io.Writer, r *shacl.Report) error {
	out := struct {
		Conforms   bool         `json:"conforms"`
		Violations int          `json:"violations"`
		Results    []jsonResult `json:"results"`
	}{Conforms: r.Conforms, Violations: len(r.Results), Results: []jsonResult{}}
	str := func(v quad.Value) *string {
		if v == nil {
			return nil
		}
		s := v.String()
		return &s
	}
	for _, x := range r.Results {
		jr := jsonResult{Focus: x.Focus.String(), Constraint: x.Constraint, Message: x.Message, Severity: x.Severity, Value: str(x.Value), Shape: str(x.Shape)}
		if x.Path != nil {
			p := x.Path.String()
			jr.Path = &p
		}
		out.Results = append(out.Results, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
