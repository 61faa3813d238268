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
	"github.com/dipgraph/dipgraph/ontology"
)

func storeFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "store", Aliases: []string{"s"}, Value: "dipgraph.db", EnvVars: []string{"DIPGRAPH_STORE"},
		Usage: "the store: a bolt file `PATH` (embedded, the default), memory, leveldb:DIR, or a PostgreSQL URL postgres://USER:PASS@HOST:PORT/DB?sslmode=disable"}
}

func lockFlag() *cli.DurationFlag {
	return &cli.DurationFlag{Name: "lock-timeout", Value: store.DefaultLockTimeout, Usage: "how long to wait for a store another process is writing to"}
}

func openStore(c *cli.Context, readOnly bool) (*store.Store, error) {
	return store.Open(c.String("store"), store.Options{ReadOnly: readOnly, LockTimeout: c.Duration("lock-timeout"),
		PredicateIndex: c.Bool("predicate-index")})
}

// openExisting opens a store that must exist already: commands that only
// read or remove never create an empty store by accident.
func openExisting(c *cli.Context, readOnly bool) (*store.Store, error) {
	spec := c.String("store")
	path := spec
	for _, p := range []string{"bolt:", "leveldb:"} {
		path = strings.TrimPrefix(path, p)
	}
	if path != store.SpecMemory && !strings.Contains(path, ":") {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("store %s: %w", spec, unwrapPathError(err))
		}
	}
	return openStore(c, readOnly)
}

// docLabel turns a DOC-ID, a document file or a document IRI into the
// document's graph label. An existing file wins over an id of that name.
func docLabel(arg string) quad.IRI {
	if strings.Contains(arg, "://") {
		return quad.IRI(arg)
	}
	if fi, err := os.Stat(arg); err == nil && !fi.IsDir() {
		return quad.IRI(ontology.Docs + extract.DocumentID(arg))
	}
	return quad.IRI(ontology.Docs + arg)
}

// docID is the inverse of docLabel for display.
func docID(label quad.Value) string {
	s := quad.StringOf(label)
	if iri, ok := label.(quad.IRI); ok {
		s = string(iri)
	}
	return strings.TrimPrefix(s, ontology.Docs)
}

func loadCommand() *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "extract documents and load their graphs into a Cayley store",
		ArgsUsage: "FILE|DIR|- ...",
		Description: `Each document's facts go into a named graph (the document's IRI): loading a
document again replaces its facts, so loading the same files twice adds nothing.
Each document is loaded in one transaction, with a record of its quad count that
dipgraph check verifies: a crash or kill leaves every document whole, old or new,
and running the same load again finishes the job. A document that cannot be read
is skipped with its cause and listed at the end (exit status 1) unless
--keep-going=false. Another process writing to a bolt or leveldb store is waited
for up to --lock-timeout.
On a terminal a progress line shows documents done, quads per second and the time
left; in a pipe only the per-document lines are written.

   dipgraph load ../shared/corpus
   dipgraph load --store team.db --speaker-state Russia note.txt
   dipgraph load --store 'postgres://me:secret@db.example:5432/dipgraph' corpus/`,
		Flags: append([]cli.Flag{storeFlag(), lockFlag(),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but errors"},
			&cli.BoolFlag{Name: "progress", Usage: "show the progress line even when standard error is not a terminal"},
			&cli.BoolFlag{Name: "keep-going", Value: true, Usage: "when a document cannot be read, say why, load the others and list the skipped ones at the end (exit status 1); --keep-going=false stops at the first"},
			&cli.BoolFlag{Name: "predicate-index", Usage: "when this load creates a bolt or leveldb store, give it a predicate-first index: whole-relation queries (g.V().Out(p) from every node, queries run contradictions) read one relation instead of every quad, but loads run about 0.6x as fast and the file is ~17% larger; an existing store keeps its indexes"},
		}, extractorFlags()...),
		Action: runLoad,
	}
}

func runLoad(c *cli.Context) error {
	if c.NArg() == 0 {
		return exitError{2, fmt.Errorf("load: give at least one FILE, DIR or - (see dipgraph load --help)")}
	}
	if c.Bool("quiet") && c.Bool("progress") {
		return exitError{2, fmt.Errorf("load: --quiet and --progress contradict each other")}
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
	quiet := c.Bool("quiet")
	p := newProgress(c.App.ErrWriter, files, c.Bool("progress") || !quiet && stderrIsTerminal())
	var bad []string
	added, removed := 0, 0
	for _, path := range files {
		d, err := readDocument(c, path)
		if err != nil && !c.Bool("keep-going") {
			p.finish()
			return exitError{1, fmt.Errorf("load: %w (stopped there: --keep-going=false)", err)}
		}
		if err != nil {
			p.println("dipgraph: skipped " + err.Error())
			bad = append(bad, path)
			p.step(path, 0)
			continue
		}
		label := extract.DocIRI(d)
		quads := x.Extract(d).Quads(label)
		a, r, err := s.ReplaceGraph(label, quads)
		if err != nil {
			p.finish()
			return fmt.Errorf("%s: %w", path, err)
		}
		added += a
		removed += r
		if !quiet {
			state := "loaded"
			if a == 0 && r == 0 {
				state = "unchanged"
			}
			p.println(fmt.Sprintf("%s: %s (+%d -%d quads)", path, state, a, r))
		}
		p.step(path, len(quads))
	}
	p.finish()
	n, _ := s.Count()
	if !quiet {
		fmt.Fprintf(c.App.ErrWriter, "%d documents, +%d -%d quads; the store %s holds %d quads\n", len(files)-len(bad), added, removed, s, n)
	}
	if len(bad) > 0 {
		return exitError{1, fmt.Errorf("load: %d of %d documents could not be read: %s", len(bad), len(files), strings.Join(bad, ", "))}
	}
	return nil
}

func stderrIsTerminal() bool {
	fi, err := os.Stderr.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress draws one status line, rewritten in place with \r, between the
// lines println writes. Disabled, it only passes those lines through.
type progress struct {
	w          io.Writer
	on         bool
	sizes      map[string]int64
	total      int
	totalBytes int64
	docs       int
	bytes      int64
	quads      int
	start      time.Time
	drawn      time.Time
}

func newProgress(w io.Writer, files []string, on bool) *progress {
	p := &progress{w: w, on: on, total: len(files), sizes: map[string]int64{}, start: time.Now()}
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && f != "-" {
			p.sizes[f] = fi.Size()
			p.totalBytes += fi.Size()
		}
	}
	p.draw(true)
	return p
}

func (p *progress) println(line string) {
	if p.on {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	fmt.Fprintln(p.w, line)
	p.draw(true)
}

func (p *progress) step(path string, quads int) {
	p.docs++
	p.bytes += p.sizes[path]
	p.quads += quads
	p.draw(p.docs == p.total)
}

// draw redraws the line at most ten times a second unless forced.
func (p *progress) draw(force bool) {
	now := time.Now()
	if !p.on || !force && now.Sub(p.drawn) < 100*time.Millisecond {
		return
	}
	p.drawn = now
	el := now.Sub(p.start).Seconds()
	done := float64(p.docs) / float64(max(p.total, 1))
	if p.totalBytes > 0 {
		done = float64(p.bytes) / float64(p.totalBytes)
	}
	const width = 24
	bar := strings.Repeat("#", int(done*width)) + strings.Repeat(".", width-int(done*width))
	rate, eta := "", "ETA --:--"
	if el > 0 && p.docs > 0 {
		rate = fmt.Sprintf("  %.0f quads/s", float64(p.quads)/el)
	}
	if done > 0 {
		left := time.Duration(el * (1 - done) / done * float64(time.Second)).Round(time.Second)
		eta = fmt.Sprintf("ETA %d:%02d", int(left.Minutes()), int(left.Seconds())%60)
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s] %d/%d documents%s  %s", bar, p.docs, p.total, rate, eta)
}

func (p *progress) finish() {
	if p.on {
		if p.docs < p.total { // stopped early: show where
			p.draw(true)
		}
		fmt.Fprintln(p.w)
		p.on = false
	}
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the store's graph as RDF",
		Description: `Quad formats (nquads, trig, jsonld) keep each document's named graph; triple
formats (turtle, ntriples) merge them, writing a triple that several documents
state once. --graph writes one document's graph. The store is read as a stream:
quad formats one graph after another, triple formats one subject at a time.
The turtle and trig writers sort their output and so hold it all until the end
(each distinct term once and 16 bytes per quad); ntriples, nquads and jsonld
stream. ntriples from a bolt store holds each value once and 12 bytes per quad
(up to 1 GiB), which spares a lookup per quad; from larger or other stores, the
quads of one subject.
JSON-LD is compacted with the prefixes of the published context
(graph/rdfio/jsonld-context.jsonld), embedded in the output.

   dipgraph export --format turtle > graph.ttl
   dipgraph export --store team.db --format nquads -o graph.nq
   dipgraph export --format jsonld --graph 00_seed`,
		Flags: []cli.Flag{storeFlag(), lockFlag(), formatFlag("turtle"),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.StringFlag{Name: "graph", Aliases: []string{"g"}, Usage: "export only the graph of document `DOC-ID` (an id as dipgraph docs lists it, a document file, or the document IRI)"},
		},
		Action: runExport,
	}
}

func runExport(c *cli.Context) error {
	f, ok := rdfio.FormatByName(c.String("format"))
	if !ok {
		return exitError{2, fmt.Errorf("export: unknown --format %q (one of %s)", c.String("format"), strings.Join(formatNames(false), ", "))}
	}
	s, err := openExisting(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	var label quad.IRI
	if g := c.String("graph"); g != "" {
		label = docLabel(g)
		if n, err := s.CountIn(ctx, label); err != nil {
			return err
		} else if n == 0 {
			return exitError{1, fmt.Errorf("export: no document %s in the store %s (dipgraph docs lists them)", g, s)}
		}
	}
	out := c.App.Writer
	if p := c.String("output"); p != "" {
		fh, err := os.Create(p)
		if err != nil {
			return err
		}
		defer fh.Close()
		out = fh
	}
	bw := bufio.NewWriterSize(out, 1<<16) // fewer write calls than the default 4 KB
	w := f.NewWriter(bw)
	write := func(q quad.Quad) error { return w.WriteQuad(q) }
	if !f.Quads {
		write = func(q quad.Quad) error { q.Label = nil; return w.WriteQuad(q) }
	}
	switch {
	case label != "":
		err = s.QuadsIn(ctx, label, write)
	case f.Dedupes && dumpTerms(ctx, s, f, w):
	case f.Quads, f.Dedupes:
		// A writer that sorts and drops repeats takes the store as it
		// lies, one sequential read (Turtle: each graph's copy of a
		// triple comes once out of the writer); the others get each
		// distinct triple once from Triples.
		if f.Dedupes {
			w = f.NewWriter(bw) // dumpTerms may have filled the first
		}
		err = s.Dump(ctx, write)
	default:
		err = s.Triples(ctx, write)
	}
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// dumpTerms gives a writer that sorts its output (Turtle, TriG) the
// store's quads as numbered terms, in one pass over a bolt store's log
// (store.DumpTerms), and reports whether that worked. When it did not (not
// a bolt store, a term the writer refuses), Dump gives the quads again to
// a new writer, with WriteQuad's errors.
func dumpTerms(ctx context.Context, s *store.Store, f rdfio.Format, w rdfio.Writer) bool {
	tw, ok := w.(rdfio.TermWriter)
	if !ok {
		return false
	}
	ok, err := s.DumpTerms(ctx, f.Quads, tw)
	return ok && err == nil
}
