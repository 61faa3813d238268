package rdfio_test

// Writer benchmarks on real dipgraph output (bench/benchquads: generated
// documents, extracted) held in memory: triples/s and output MB/s, written
// to io.Discard. `make bench` runs them; issue 8's targets are N-Triples
// >= 2M triples/s from memory and Turtle at least serdi's rate on the same
// triples (measured by bench/run.sh, which has serdi).

import (
	"io"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/bench/benchquads"
	"github.com/dipgraph/dipgraph/graph/rdfio"
)

// benchTriples is the size of the in-memory graph: issue 8's "1M-triple store".
const benchTriples = 1_000_000

var (
	benchOnce  sync.Once
	benchQuads []quad.Quad
	benchErr   error
)

func writerQuads(b *testing.B) []quad.Quad {
	b.Helper()
	benchOnce.Do(func() { benchQuads, benchErr = benchquads.Quads(benchTriples) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchQuads
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func write(b *testing.B, f rdfio.Format, qs []quad.Quad, out io.Writer) {
	w := f.NewWriter(out)
	for _, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
}

func benchWriter(b *testing.B, format string) {
	qs := writerQuads(b)
	f, ok := rdfio.FormatByName(format)
	if !ok {
		b.Fatalf("no format %s", format)
	}
	var cw countWriter
	write(b, f, qs, &cw)
	b.SetBytes(cw.n) // output bytes
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		write(b, f, qs, io.Discard)
	}
	b.ReportMetric(float64(len(qs))*float64(b.N)/b.Elapsed().Seconds(), "triples/s")
}

func BenchmarkWriteNTriples(b *testing.B) { benchWriter(b, "ntriples") }
func BenchmarkWriteNQuads(b *testing.B)   { benchWriter(b, "nquads") }
func BenchmarkWriteTurtle(b *testing.B)   { benchWriter(b, "turtle") }
func BenchmarkWriteTriG(b *testing.B)     { benchWriter(b, "trig") }
