package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/push"
	"github.com/dipgraph/dipgraph/graph/rdfio"
)

// Environment variables with the credentials of push. The flags do not
// read them through urfave/cli, whose help would show their values.
const (
	envPushUser     = "DIPGRAPH_PUSH_USER"
	envPushPassword = "DIPGRAPH_PUSH_PASSWORD"
)

func pushCommand() *cli.Command {
	return &cli.Command{
		Name:      "push",
		Usage:     "send graphs to a SPARQL store (Graph Store HTTP Protocol or SPARQL Update)",
		ArgsUsage: "--store PATH | FILE|DIR ...",
		Description: `Sends the store's graphs (--store) or the given files to a SPARQL 1.1 Graph Store HTTP
Protocol endpoint (--endpoint; PUT replaces a graph, POST adds) or, for stores without it, a
SPARQL 1.1 Update endpoint (--update-endpoint; DROP SILENT GRAPH, then INSERT DATA). Graphs
go in chunks (--chunk-triples, --chunk-bytes); requests failing with 5xx, 408, 429 or a
timeout are retried with backoff (--retries). A graph is replaced unless --append.

--graph IRI sends everything into one graph; --graph-per-document sends each document's
graph (the store's graphs, the graphs of N-Quads files, the documents' IRIs) to the graph of
the same IRI, so that pushing again replaces rather than duplicates.

FILEs are RDF (.ttl, .nt, .nq) or documents (.md, .txt, .markdown, directories of them),
which are extracted first. Credentials (Basic or Digest) come from --user/--password or the
environment variables DIPGRAPH_PUSH_USER and DIPGRAPH_PUSH_PASSWORD (preferred: a password
on the command line is visible to other users of the machine); they are never printed.

   dipgraph push --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba \
       --graph-per-document --store dipgraph.db
   dipgraph push --update-endpoint http://localhost:3030/ds/update --graph https://example.org/g out.ttl`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "endpoint", Usage: "SPARQL 1.1 Graph Store HTTP Protocol endpoint `URL`"},
			&cli.StringFlag{Name: "update-endpoint", Usage: "SPARQL 1.1 Update endpoint `URL`, instead of --endpoint"},
			&cli.StringFlag{Name: "graph", Usage: "send all triples to the graph `IRI`"},
			&cli.BoolFlag{Name: "graph-per-document", Usage: "send each document's graph to the graph of the same IRI"},
			&cli.BoolFlag{Name: "append", Usage: "add to the graphs (POST, INSERT DATA) instead of replacing them"},
			&cli.StringFlag{Name: "user", Usage: "user `NAME` for Basic or Digest authentication (or $" + envPushUser + ")"},
			&cli.StringFlag{Name: "password", Usage: "`PASSWORD` (or $" + envPushPassword + ", which other users cannot see)"},
			&cli.StringFlag{Name: "store", Aliases: []string{"s"}, Usage: "push the store at `PATH` (bolt file, leveldb:PATH) instead of files"},
			lockFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "ntriples", Usage: "request body `FORMAT` for the Graph Store protocol: ntriples or turtle"},
			&cli.IntFlag{Name: "chunk-triples", Value: push.DefaultChunkTriples, Usage: "at most `N` triples per request"},
			&cli.IntFlag{Name: "chunk-bytes", Value: push.DefaultChunkBytes, Usage: "at most `N` bytes of N-Triples per request"},
			&cli.IntFlag{Name: "retries", Value: push.DefaultRetries, Usage: "retry a failed request `N` times (0: never)"},
			&cli.DurationFlag{Name: "timeout", Value: push.DefaultTimeout, Usage: "time limit of one request"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the summary and errors"},
		}, extractorFlags()...),
		Action: runPush,
	}
}

// pushGraph is one graph to send: its IRI ("" for the default graph) and
// quads.
type pushGraph struct {
	iri   string
	quads []quad.Quad
}

func runPush(c *cli.Context) error {
	usage := func(format string, args ...any) error {
		return exitError{2, fmt.Errorf("push: "+format+" (see dipgraph push --help)", args...)}
	}
	endpoint, update := c.String("endpoint"), c.String("update-endpoint")
	switch {
	case endpoint == "" && update == "":
		return usage("give --endpoint URL (Graph Store protocol) or --update-endpoint URL (SPARQL Update)")
	case endpoint != "" && update != "":
		return usage("give --endpoint or --update-endpoint, not both")
	}
	graph, perDoc := c.String("graph"), c.Bool("graph-per-document")
	switch {
	case graph == "" && !perDoc:
		return usage("give --graph IRI or --graph-per-document")
	case graph != "" && perDoc:
		return usage("give --graph or --graph-per-document, not both")
	}
	spec := c.String("store")
	switch {
	case spec == "" && c.NArg() == 0:
		return usage("give --store PATH or FILEs")
	case spec != "" && c.NArg() > 0:
		return usage("give --store PATH or FILEs, not both")
	}
	retries := c.Int("retries")
	if retries == 0 {
		retries = -1 // push.Options: 0 is the default, negative never
	}
	user, password := c.String("user"), c.String("password")
	if user == "" {
		user = os.Getenv(envPushUser)
	}
	if password == "" {
		password = os.Getenv(envPushPassword)
	}
	stderr := c.App.ErrWriter
	p, err := push.New(push.Options{
		Endpoint: endpoint, UpdateEndpoint: update,
		User: user, Password: password,
		Format:       c.String("format"),
		ChunkTriples: c.Int("chunk-triples"), ChunkBytes: c.Int("chunk-bytes"),
		Retries: retries, Timeout: c.Duration("timeout"),
		Progress: func(r push.Request) {
			if r.Status >= 200 && r.Status < 300 || r.Status == 401 {
				return
			}
			what := "no answer"
			if r.Status != 0 {
				what = fmt.Sprintf("HTTP %d", r.Status)
			}
			fmt.Fprintf(stderr, "dipgraph: push: %s %s (%d triples): %s\n", r.Method, showGraphIRI(r.Graph), r.Triples, what)
		},
	})
	if err != nil {
		return exitError{2, err}
	}

	var graphs []pushGraph
	source := ""
	if spec != "" {
		graphs, err = storeGraphs(c, spec, graph)
		source = "the store " + spec
	} else {
		graphs, err = fileGraphs(c, c.Args().Slice(), graph)
		source = fmt.Sprintf("%d input", c.NArg())
		if c.NArg() != 1 {
			source += "s"
		}
	}
	if err != nil {
		var ee exitError
		if errors.As(err, &ee) {
			return err
		}
		return exitError{2, fmt.Errorf("push: %w", err)}
	}
	if len(graphs) == 0 {
		return exitError{1, fmt.Errorf("push: %s holds no triples", source)}
	}

	verb := "replaced"
	if c.Bool("append") {
		verb = "added to"
	}
	out := c.App.Writer
	ctx := context.Background()
	start := time.Now()
	for _, g := range graphs {
		var st push.Stats
		if c.Bool("append") {
			st, err = p.Add(ctx, g.iri, g.quads)
		} else {
			st, err = p.Replace(ctx, g.iri, g.quads)
		}
		if err != nil {
			t := p.Total()
			return fmt.Errorf("%w (before the error: %d graphs, %d triples sent)", err, t.Graphs-1, t.Triples-st.Triples)
		}
		if !c.Bool("quiet") {
			fmt.Fprintf(out, "%s: %s with %d triples (%s, %s)\n", showGraphIRI(g.iri), verb, st.Triples, plural(st.Requests, "request"), bytesText(st.Bytes))
		}
	}
	t := p.Total()
	fmt.Fprintf(out, "pushed %d triples in %s from %s to the %s: %s, %s, %s, %s\n",
		t.Triples, plural(t.Graphs, "graph"), source, p, plural(t.Requests, "request"), bytesText(t.Bytes), plural(t.Retries, "retry"), time.Since(start).Round(time.Millisecond))
	return nil
}

func plural(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func showGraphIRI(g string) string {
	if g == "" {
		return "(default graph)"
	}
	return "<" + g + ">"
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// storeGraphs reads the store's graphs: one graph per label, or all quads
// into the graph single.
func storeGraphs(c *cli.Context, spec, single string) ([]pushGraph, error) {
	s, err := openExistingStore(c, spec)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	ctx := context.Background()
	if single != "" {
		var qs []quad.Quad
		err := s.Quads(ctx, func(q quad.Quad) error { qs = append(qs, q); return nil })
		if err != nil || len(qs) == 0 {
			return nil, err
		}
		return []pushGraph{{single, qs}}, nil
	}
	labels, err := s.Graphs()
	if err != nil {
		return nil, err
	}
	var out []pushGraph
	total := 0
	for _, l := range labels {
		iri, ok := l.(quad.IRI)
		if !ok {
			return nil, fmt.Errorf("store %s: graph %s is no IRI; use --graph IRI", spec, l)
		}
		g := pushGraph{iri: string(iri.Full())}
		if err := s.QuadsIn(ctx, l, func(q quad.Quad) error { g.quads = append(g.quads, q); return nil }); err != nil {
			return nil, err
		}
		total += len(g.quads)
		out = append(out, g)
	}
	if n, err := s.Count(); err == nil && int(n) > total {
		return nil, fmt.Errorf("store %s: %d quads are in no named graph; push them with --graph IRI", spec, int(n)-total)
	}
	return out, nil
}

// fileGraphs reads RDF files and extracts documents: one graph per
// document or N-Quads graph, or everything into the graph single.
func fileGraphs(c *cli.Context, args []string, single string) ([]pushGraph, error) {
	var out []pushGraph
	index := map[string]int{}
	add := func(iri string, qs ...quad.Quad) {
		if single != "" {
			iri = single
		}
		i, ok := index[iri]
		if !ok {
			i = len(out)
			index[iri] = i
			out = append(out, pushGraph{iri: iri})
		}
		out[i].quads = append(out[i].quads, qs...)
	}
	var docs []string
	var x *extract.Extractor
	for _, a := range args {
		info, err := os.Stat(a)
		if a != "-" && err != nil {
			return nil, fmt.Errorf("%s: %w", a, unwrapPathError(err))
		}
		f, isRDF := rdfio.FormatByExt(filepath.Ext(a))
		if a == "-" || info.IsDir() || !isRDF {
			docs = append(docs, a)
			continue
		}
		if f.NewReader == nil {
			return nil, fmt.Errorf("%s: cannot read %s files (use .ttl, .nt or .nq)", a, f.Name)
		}
		if err := readRDFGraphs(a, f.Name, single != "", add); err != nil {
			return nil, err
		}
	}
	if len(docs) > 0 {
		files, err := expandInputs(docs)
		if err != nil {
			return nil, err
		}
		if x, err = newExtractor(c); err != nil {
			return nil, err
		}
		for _, path := range files {
			d, err := readDocument(c, path)
			if err != nil {
				return nil, err
			}
			label := extract.DocIRI(d)
			add(string(label), x.Extract(d).Quads(label)...)
		}
	}
	return out, nil
}

func readRDFGraphs(path, format string, single bool, add func(string, ...quad.Quad)) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	rd, err := rdfio.NewReader(format, fh, rdfio.ReadOptions{})
	if err != nil {
		return err
	}
	for {
		q, err := rd.ReadQuad()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		label := ""
		switch l := q.Label.(type) {
		case nil:
			if !single {
				return fmt.Errorf("%s: triples outside named graphs: use --graph IRI for %s files, or N-Quads with graphs", path, strings.TrimPrefix(filepath.Ext(path), "."))
			}
		case quad.IRI:
			label = string(l)
		default:
			if !single {
				return fmt.Errorf("%s: graph %s is no IRI; use --graph IRI", path, l)
			}
		}
		add(label, q)
	}
}
