package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/rdfio"
)

func formatNames(quadsOnly bool) []string {
	var out []string
	for _, f := range rdfio.Formats() {
		if !quadsOnly || f.Quads {
			out = append(out, f.Name)
		}
	}
	return out
}

func formatFlag(def string) *cli.StringFlag {
	return &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: def,
		Usage: "output `FORMAT`: " + strings.Join(formatNames(false), ", ")}
}

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract entities, relations and claims from documents and write RDF",
		ArgsUsage: "FILE|DIR|- ...",
		Description: `Reads each document (a directory is read recursively for .txt, .md and .markdown
files; - is standard input) and writes its graph in the output contract's model:
entities with their mentions (code-point offsets), the direct relations, and a dip:Claim
behind every relation. Output is deterministic: the same input gives the same bytes.

   dipgraph extract ../shared/corpus/00_seed.md
   dipgraph extract --format ntriples -o corpus.nt corpus/
   cat note.txt | dipgraph extract --speaker-state Russia -`,
		Flags: append([]cli.Flag{
			formatFlag("turtle"),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
		}, extractorFlags()...),
		Action: runExtract,
	}
}

func runExtract(c *cli.Context) error {
	if c.NArg() == 0 {
		return exitError{2, fmt.Errorf("extract: give at least one FILE, DIR or - (see dipgraph extract --help)")}
	}
	f, ok := rdfio.FormatByName(c.String("format"))
	if !ok {
		return exitError{2, fmt.Errorf("extract: unknown --format %q (one of %s)", c.String("format"), strings.Join(formatNames(false), ", "))}
	}
	files, err := expandInputs(c.Args().Slice())
	if err != nil {
		return err
	}
	x, err := newExtractor(c)
	if err != nil {
		return err
	}
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
	var bad []string
	for _, path := range files {
		d, err := readDocument(c, path)
		if err != nil {
			fmt.Fprintln(c.App.ErrWriter, "dipgraph: skipped", err)
			bad = append(bad, path)
			continue
		}
		var label quad.Value
		if f.Quads {
			label = extract.DocIRI(d)
		}
		for _, q := range x.Extract(d).Quads(label) {
			if err := w.WriteQuad(q); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if len(bad) > 0 {
		return exitError{1, fmt.Errorf("extract: %d of %d documents could not be read: %s", len(bad), len(files), strings.Join(bad, ", "))}
	}
	return nil
}
