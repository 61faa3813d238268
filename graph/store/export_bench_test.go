package store_test

// Export benchmarks (quads/s read and written, output discarded) on a bolt
// store loaded with real dipgraph output: Turtle through DumpTerms against
// the path it replaced (Dump into WriteQuad), timed in the same run, and
// N-Triples through Triples.

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/bench/benchquads"
	"github.com/dipgraph/dipgraph/graph/rdfio"
	"github.com/dipgraph/dipgraph/graph/store"
)

// exportQuads is the size of the store the export benchmarks read.
const exportQuads = 100_000

func exportStore(b *testing.B) *store.Store {
	b.Helper()
	docs, err := benchquads.Docs(exportQuads)
	if err != nil {
		b.Fatal(err)
	}
	s, err := store.Open(filepath.Join(b.TempDir(), "export.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	for _, d := range docs {
		if _, _, err := s.ReplaceGraph(d.Label, d.Quads); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func exportBench(b *testing.B, s *store.Store, format string, dump func(w rdfio.Writer) (int, error)) {
	f, _ := rdfio.FormatByName(format)
	n := 0
	for b.Loop() {
		w := f.NewWriter(io.Discard)
		var err error
		if n, err = dump(w); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}

func BenchmarkExportTurtleBolt(b *testing.B) {
	s := exportStore(b)
	ctx := context.Background()
	b.Run("terms", func(b *testing.B) {
		exportBench(b, s, "turtle", func(w rdfio.Writer) (int, error) {
			c := &countTerms{TermWriter: w.(rdfio.TermWriter)}
			ok, err := s.DumpTerms(ctx, false, c)
			if !ok && err == nil {
				b.Fatal("DumpTerms: no path on a bolt store")
			}
			return c.n, err
		})
	})
	b.Run("quads", func(b *testing.B) {
		exportBench(b, s, "turtle", func(w rdfio.Writer) (int, error) {
			n := 0
			err := s.Dump(ctx, func(q quad.Quad) error { n++; q.Label = nil; return w.WriteQuad(q) })
			return n, err
		})
	})
}

func BenchmarkExportNTriplesBolt(b *testing.B) {
	s := exportStore(b)
	exportBench(b, s, "ntriples", func(w rdfio.Writer) (int, error) {
		n := 0
		err := s.Triples(context.Background(), func(q quad.Quad) error { n++; return w.WriteQuad(q) })
		return n, err
	})
}

// countTerms counts the quads a TermWriter takes.
type countTerms struct {
	rdfio.TermWriter
	n int
}

func (c *countTerms) WriteTerms(s, p, o, g uint32) error {
	c.n++
	return c.TermWriter.WriteTerms(s, p, o, g)
}
