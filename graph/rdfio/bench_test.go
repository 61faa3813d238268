package rdfio_test

// Writer benchmarks on real dipgraph output (bench/benchquads: generated
// documents, extracted) held in memory: triples/s and output MB/s, written
// to io.Discard, and for each writer the live heap it holds before Close
// (heldB/triple). `make bench` runs them; issue 8's targets are N-Triples
// >= 2M triples/s from memory and Turtle at least serdi's rate on the same
// triples (measured by bench/run.sh, which has serdi).

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
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
	held := heldBytes(b, f, qs)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		write(b, f, qs, io.Discard)
	}
	b.ReportMetric(float64(len(qs))*float64(b.N)/b.Elapsed().Seconds(), "triples/s")
	b.ReportMetric(float64(held)/float64(len(qs)), "heldB/triple")
}

// heldBytes is how much live heap a writer holds after the last WriteQuad,
// before Close: the buffer of the Turtle and TriG writers, which sort.
func heldBytes(b *testing.B, f rdfio.Format, qs []quad.Quad) uint64 {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	w := f.NewWriter(io.Discard)
	for _, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	if m1.HeapAlloc < m0.HeapAlloc {
		return 0
	}
	return m1.HeapAlloc - m0.HeapAlloc
}

func BenchmarkWriteNTriples(b *testing.B) { benchWriter(b, "ntriples") }
func BenchmarkWriteNQuads(b *testing.B)   { benchWriter(b, "nquads") }
func BenchmarkWriteTurtle(b *testing.B)   { benchWriter(b, "turtle") }
func BenchmarkWriteTriG(b *testing.B)     { benchWriter(b, "trig") }
func BenchmarkWriteJSONLD(b *testing.B)   { benchWriter(b, "jsonld") }

// BenchmarkCopyNTriples is the floor under BenchmarkWriteNTriples: the
// same N-Triples lines, encoded beforehand, copied through a bufio.Writer
// to io.Discard. No writer can beat it; the ratio of the two is how much
// encoding and checking cost.
func BenchmarkCopyNTriples(b *testing.B) {
	qs := writerQuads(b)
	f, _ := rdfio.FormatByName("ntriples")
	lines := make([][]byte, len(qs))
	var buf bytes.Buffer
	n := 0
	for i, q := range qs {
		buf.Reset()
		w := f.NewWriter(&buf)
		if err := w.WriteQuad(q); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		lines[i] = bytes.Clone(buf.Bytes())
		n += len(lines[i])
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		bw := bufio.NewWriter(io.Discard)
		for _, l := range lines {
			if _, err := bw.Write(l); err != nil {
				b.Fatal(err)
			}
		}
		if err := bw.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(qs))*float64(b.N)/b.Elapsed().Seconds(), "triples/s")
}
