package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/eval"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against gold annotations (precision, recall, F1)",
		ArgsUsage: "DIR | --gold FILE.gold.tsv DOC",
		Description: `Extracts each document and compares it with its gold file (format in
../shared/corpus/README.md): an output entity matches a gold entity of the same type when
a mention text or its prefLabel equals a gold surface form or name; a relation matches when
it connects matched entities. A directory pairs NAME.md with NAME.gold.tsv.

   dipgraph eval ../shared/corpus
   dipgraph eval -v --gold ../shared/corpus/00_seed.gold.tsv ../shared/corpus/00_seed.md`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "gold", Usage: "gold `FILE` for a single document"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list misses and false hits"},
		}, extractorFlags()...),
		Action: runEval,
	}
}

// evalPairs lists (document, gold) pairs from the arguments.
func evalPairs(c *cli.Context) ([][2]string, error) {
	if g := c.String("gold"); g != "" {
		if c.NArg() != 1 {
			return nil, exitError{2, fmt.Errorf("eval: --gold takes exactly one DOC")}
		}
		return [][2]string{{c.Args().First(), g}}, nil
	}
	if c.NArg() != 1 {
		return nil, exitError{2, fmt.Errorf("eval: give a DIR with NAME.md and NAME.gold.tsv files, or --gold FILE DOC")}
	}
	golds, err := filepath.Glob(filepath.Join(c.Args().First(), "*.gold.tsv"))
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for _, g := range golds {
		base := strings.TrimSuffix(g, ".gold.tsv")
		for _, ext := range []string{".md", ".txt", ".markdown"} {
			if _, err := os.Stat(base + ext); err == nil {
				out = append(out, [2]string{base + ext, g})
				break
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("eval: no NAME.gold.tsv with a matching document in %s", c.Args().First())
	}
	return out, nil
}

func runEval(c *cli.Context) error {
	pairs, err := evalPairs(c)
	if err != nil {
		return err
	}
	x, err := newExtractor(c)
	if err != nil {
		return err
	}
	var reports []*eval.Report
	for _, p := range pairs {
		d, err := readDocument(c, p[0])
		if err != nil {
			return err
		}
		gf, err := os.Open(p[1])
		if err != nil {
			return err
		}
		g, err := eval.ReadGold(gf, p[1])
		gf.Close()
		if err != nil {
			return err
		}
		r := eval.Score(g, x.Extract(d).Quads(nil))
		r.Doc = filepath.Base(p[0])
		reports = append(reports, r)
		r.WriteText(c.App.Writer, c.Bool("verbose"))
	}
	if len(reports) > 1 {
		fmt.Fprintln(c.App.Writer, "== micro-average")
		eval.Micro(reports).WriteText(c.App.Writer, false)
	}
	return nil
}
