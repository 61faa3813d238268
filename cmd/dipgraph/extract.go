package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

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
		Description: `Reads each document (a directory is read recursively for .txt, .md, .markdown,
.html and .htm files; - is standard input) and writes its graph in the output contract's model:
entities with their mentions (code-point offsets), the direct relations, and a dip:Claim
behind every relation. Output is deterministic: the same input gives the same bytes,
whatever -j is.

Documents are extracted in parallel (-j, default: one per CPU) and written in input
order. With ntriples and nquads the output streams: a document is read, extracted,
written and released, so memory is bounded by the largest documents in flight, not
by the corpus. Turtle and TriG are sorted and grouped, so those writers hold every
triple of the run until the end: about 16 bytes a quad plus each distinct term once
(roughly 50 bytes a triple), so memory grows with the output; use ntriples or nquads
for large corpora.

--shard i/n splits the sorted list of documents into n contiguous ranges of equal
count and processes range i (0 <= i < n), for running one corpus on n machines:
with ntriples or nquads, the outputs of shards 0/n, 1/n, ... concatenated in that
order are byte for byte the output of one run over the whole list. (Turtle and TriG
shards are separate documents whose union is the same graph.)

On a terminal, progress (documents/s, MB/s) is shown on standard error.

   dipgraph extract ../shared/corpus/00_seed.md
   dipgraph extract --format ntriples -o corpus.nt corpus/
   dipgraph extract -f nquads --shard 0/4 -o part0.nq corpus/   # on the first of 4 machines
   cat note.txt | dipgraph extract --speaker-state Russia -`,
		Flags: append([]cli.Flag{
			formatFlag("turtle"),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(),
				Usage: "extract `N` documents in parallel (output is the same for every N)"},
			&cli.StringFlag{Name: "shard", Usage: "process only shard `i/n` (0 <= i < n): the i-th of n contiguous ranges of the sorted document list"},
			&cli.BoolFlag{Name: "keep-going", Value: true, Usage: "when a document cannot be read, say why, extract the others and list the skipped ones at the end (exit status 1); --keep-going=false stops at the first, writing the output of the documents before it"},
		}, extractorFlags()...),
		Action: runExtract,
	}
}

// parseShard reads "i/n" with 0 <= i < n.
func parseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	if ok {
		i, err = strconv.Atoi(strings.TrimSpace(a))
		if err == nil {
			n, err = strconv.Atoi(strings.TrimSpace(b))
		}
	}
	if !ok || err != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("--shard %q: want i/n with 0 <= i < n, e.g. 0/4", s)
	}
	return i, n, nil
}

// shardRange returns shard i of n over count items: contiguous, in order,
// sizes differing by at most one, so concatenating shards 0..n-1 gives
// the whole list.
func shardRange(i, n, count int) (lo, hi int) {
	return int(int64(i) * int64(count) / int64(n)), int(int64(i+1) * int64(count) / int64(n))
}

// docResult is one document's extraction, handed from a worker to the
// writer. For line formats out holds the serialised quads, else quads.
type docResult struct {
	path    string
	size    int64
	readErr error // the document could not be read: skipped
	out     *[]byte
	quads   []quad.Quad
	err     error // a quad could not be serialised
}

// outBufs recycles the buffers documents are serialised into: a document
// writes about 25 times its size in N-Triples, and growing a new buffer
// for each one was most of what the collector had to do.
var outBufs = sync.Pool{New: func() any { return new([]byte) }}

// outPerTextByte is about how many bytes of N-Triples a byte of text
// makes (26 on the 10 MB benchmark corpus).
const outPerTextByte = 27

// maxPooledOut bounds the buffers kept for reuse: the one of an unusually
// large document is left to the collector.
const maxPooledOut = 16 << 20

func runExtract(c *cli.Context) error {
	if c.NArg() == 0 {
		return exitError{2, fmt.Errorf("extract: give at least one FILE, DIR or - (see dipgraph extract --help)")}
	}
	f, ok := rdfio.FormatByName(c.String("format"))
	if !ok {
		return exitError{2, fmt.Errorf("extract: unknown --format %q (one of %s)", c.String("format"), strings.Join(formatNames(false), ", "))}
	}
	jobs := c.Int("jobs")
	if jobs < 0 {
		return exitError{2, fmt.Errorf("extract: -j %d: want a number of parallel jobs >= 1 (0: one per CPU)", jobs)}
	}
	if jobs == 0 {
		jobs = runtime.NumCPU()
	}
	shard, shards := 0, 1
	if s := c.String("shard"); s != "" {
		var err error
		if shard, shards, err = parseShard(s); err != nil {
			return exitError{2, fmt.Errorf("extract: %w", err)}
		}
	}
	files, err := expandInputs(c.Args().Slice())
	if err != nil {
		return err
	}
	lo, hi := shardRange(shard, shards, len(files))
	files = files[lo:hi]
	if f.Dedupes {
		warnSortedOutput(c.App.ErrWriter, f.Name, files)
	}
	defer tuneGC()()
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
	bw := bufio.NewWriterSize(out, 256<<10)
	w := f.NewWriter(bw)
	// The line formats (ntriples, nquads) keep no state between quads: one
	// quad, one line. For them each document is serialised on its own (in
	// parallel), its lines appended straight to its own buffer
	// (Result.AppendLines, which makes no quads), and the buffers are
	// written in order, which equals one writer's output.
	_, perDoc := rdfio.NewLineEncoder(f.Name)

	// process reads, extracts and (for line formats) serialises one
	// document. It only reads x and c, so workers may run it concurrently.
	process := func(path string) docResult {
		r := docResult{path: path}
		d, err := readDocument(c, path)
		if err != nil {
			r.readErr = err
			return r
		}
		r.size = int64(len(d.Text))
		var label quad.Value
		if f.Quads {
			label = extract.DocIRI(d)
		}
		res := x.Extract(d)
		if !perDoc {
			r.quads = res.Quads(label)
			return r
		}
		out := outBufs.Get().(*[]byte)
		buf := (*out)[:0]
		// Room for the usual output at once instead of doubling up to it
		// (kept for a recycled buffer that held a document as large).
		if need := outPerTextByte * len(d.Text); cap(buf) < need {
			buf = make([]byte, 0, need)
		}
		// A quad that cannot be written leaves the lines before it, as a
		// writer would.
		buf, r.err = res.AppendLines(buf, label)
		*out = buf
		r.out = out
		return r
	}

	prog := newExtractProgress(c, len(files))
	var bad []string
	// emit writes one document's result; it runs on this goroutine only,
	// in input order.
	var stopped error // --keep-going=false: the document that stopped the run
	emit := func(r docResult) error {
		if r.readErr != nil && !c.Bool("keep-going") {
			stopped = exitError{1, fmt.Errorf("extract: %w (stopped there: --keep-going=false)", r.readErr)}
			return stopped
		}
		if r.readErr != nil {
			prog.clear()
			fmt.Fprintln(c.App.ErrWriter, "dipgraph: skipped", r.readErr)
			bad = append(bad, r.path)
			prog.done(0)
			return nil
		}
		if perDoc {
			// Straight to the file: a document's lines are one large
			// buffer already, which bw would partly copy first. Nothing
			// else writes to bw with a line format.
			_, err := out.Write(*r.out)
			if cap(*r.out) <= maxPooledOut {
				outBufs.Put(r.out)
			}
			if err != nil {
				return err
			}
		} else {
			for _, q := range r.quads {
				if err := w.WriteQuad(q); err != nil {
					return fmt.Errorf("%s: %w", r.path, err)
				}
			}
		}
		if r.err != nil {
			return fmt.Errorf("%s: %w", r.path, r.err)
		}
		prog.done(r.size)
		return nil
	}

	if err := runOrdered(files, jobs, process, emit); err != nil && err != stopped {
		prog.finish()
		return err
	}
	prog.finish()
	// After a stop the documents before it are written out whole.
	if err := w.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if stopped != nil {
		return stopped
	}
	if len(bad) > 0 {
		return exitError{1, fmt.Errorf("extract: %d of %d documents could not be read: %s", len(bad), len(files), strings.Join(bad, ", "))}
	}
	return nil
}

// extractGCPercent and extractMemoryLimit tune the collector for extract
// unless GOGC or GOMEMLIMIT say otherwise. Extraction allocates a lot of
// short-lived garbage while the live heap stays small (the documents in
// flight, about 30 MB with -j 2), so collecting at 3x the live heap instead
// of 2x saves CPU time. It was 5x (100 MB benchmark corpus, -j 2: GOGC 200
// 15.1, 400 13.3 user seconds) until extraction allocated half as much:
// since, 3x costs no more CPU than 5x and keeps the heap, and the pages the
// kernel must hand out, smaller (50 MB generated corpus, -j 2, alternate
// runs: GOGC 400 6.75 and 5.93 CPU seconds, 193 MB peak RSS; 200 6.11 and
// 5.83 s, 125 MB). The soft limit makes the collector work harder again
// before the runtime holds more than it, which bounds the peak RSS (with
// GOGC 400: 230 MB with a 256 MB limit, 187 MB with 192 MB).
const (
	extractGCPercent   = 200
	extractMemoryLimit = 192 << 20
)

// tuneGC applies the settings above and returns a function restoring the
// previous ones (tests run commands in one process).
func tuneGC() (restore func()) {
	gc, limit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		gc = debug.SetGCPercent(extractGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(extractMemoryLimit)
	}
	return func() {
		if gc != -2 {
			debug.SetGCPercent(gc)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}

// runOrdered calls process on every path using jobs goroutines and emit on
// the results in the order of paths, on the calling goroutine. At most
// 4*jobs documents are in flight (being processed or waiting to be
// emitted), so memory is bounded by the largest documents, not by their
// number. It stops at emit's first error.
func runOrdered(paths []string, jobs int, process func(string) docResult, emit func(docResult) error) error {
	if jobs <= 1 {
		for _, p := range paths {
			if err := emit(process(p)); err != nil {
				return err
			}
		}
		return nil
	}
	type job struct {
		path string
		res  chan docResult
	}
	stop := make(chan struct{})
	defer close(stop)
	order := make(chan chan docResult, 4*jobs) // results in input order
	work := make(chan job)
	go func() { // feeder
		defer close(order)
		defer close(work)
		for _, p := range paths {
			res := make(chan docResult, 1)
			select {
			case order <- res:
			case <-stop:
				return
			}
			select {
			case work <- job{p, res}:
			case <-stop:
				return
			}
		}
	}()
	for range jobs {
		go func() {
			for j := range work {
				j.res <- process(j.path) // buffered: never blocks
			}
		}()
	}
	for res := range order {
		if err := emit(<-res); err != nil {
			return err
		}
	}
	return nil
}

// extractProgress shows documents/s on a terminal's standard error; it is silent
// when standard error is a pipe or file, and in tests.
type extractProgress struct {
	w           io.Writer
	total       int
	docs        int
	bytes       int64
	start, last time.Time
}

func newExtractProgress(c *cli.Context, total int) *extractProgress {
	p := &extractProgress{total: total, start: time.Now()}
	if c.App.ErrWriter == nil || c.App.ErrWriter == os.Stderr {
		if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.w = os.Stderr
		}
	}
	return p
}

func (p *extractProgress) done(size int64) {
	p.docs++
	p.bytes += size
	if p.w == nil {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 250*time.Millisecond {
		p.last = now
		p.show()
	}
}

func (p *extractProgress) show() {
	secs := time.Since(p.start).Seconds()
	if secs <= 0 {
		secs = 1e-9
	}
	fmt.Fprintf(p.w, "\r\033[Kextract: %d/%d documents, %.0f documents/s, %.1f MB/s",
		p.docs, p.total, float64(p.docs)/secs, float64(p.bytes)/1e6/secs)
}

// clear erases the progress line before another message.
func (p *extractProgress) clear() {
	if p.w != nil && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// finish leaves the final figures on their own line.
func (p *extractProgress) finish() {
	if p.w != nil && !p.last.IsZero() {
		p.show()
		fmt.Fprintln(p.w)
	}
}

// sortedOutputWarnBytes is the input size above which extract warns that a
// sorted format (Turtle, TriG) holds the whole output in memory: at about
// 26 bytes of N-Triples per byte of text and ~50 bytes a held triple, 100 MB
// of text needs about 1 GB. A variable for the test.
var sortedOutputWarnBytes int64 = 256 << 20

// warnSortedOutput tells the user, before a long run, that a large corpus
// is better written as N-Triples or N-Quads, which stream.
func warnSortedOutput(w io.Writer, format string, files []string) {
	var total int64
	for _, p := range files {
		if fi, err := os.Stat(p); err == nil {
			total += fi.Size()
		}
	}
	if total > sortedOutputWarnBytes {
		fmt.Fprintf(w, "dipgraph: note: %s output is sorted, so extract holds all of it in memory until the end (about 1 GB per 100 MB of text); for these %d MB use -f ntriples or -f nquads, which stream\n", format, total>>20)
	}
}
