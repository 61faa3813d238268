package store_test

// Load benchmarks (quads/s) on real dipgraph output (bench/benchquads), each
// against its baseline: Cayley's own write path, graph.NewQuadWriter
// ("single", ignore_duplicate) + AddQuadSet in store.BatchSize batches, on
// the same quads and the same kind of store (for bolt: the store Open made,
// with dipgraph's label index), timed in the same iterations. Issue 8's
// targets: Load into bolt >= 90% of AddQuadSet's rate; into memory >= 200k
// quads/s. `make bench` runs them.

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"

	"github.com/dipgraph/dipgraph/bench/benchquads"
	"github.com/dipgraph/dipgraph/graph/store"
)

// loadQuads is the number of quads loaded per iteration (cayley-notes.md
// measured Cayley's rates at this size).
const loadQuads = 200_000

var (
	loadOnce sync.Once
	loadDocs []benchquads.Doc
	loadAll  []quad.Quad
	loadErr  error
)

func benchData(b *testing.B) ([]benchquads.Doc, []quad.Quad) {
	b.Helper()
	loadOnce.Do(func() {
		if loadDocs, loadErr = benchquads.Docs(loadQuads); loadErr != nil {
			return
		}
		for _, d := range loadDocs {
			loadAll = append(loadAll, d.Quads...)
		}
	})
	if loadErr != nil {
		b.Fatal(loadErr)
	}
	return loadDocs, loadAll
}

// bench runs one load per iteration into a fresh store made by open
// (untimed) and reports quads/s.
func bench[S any](b *testing.B, n int, open func(b *testing.B) S, load func(b *testing.B, s S), close func(S)) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s := open(b)
		b.StartTimer()
		load(b, s)
		b.StopTimer()
		close(s)
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}

func openStore(spec func(b *testing.B) string) func(b *testing.B) *store.Store {
	return func(b *testing.B) *store.Store {
		s, err := store.Open(spec(b), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
}

func memorySpec(*testing.B) string { return store.SpecMemory }

func boltSpec(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") }

func closeStore(s *store.Store) { s.Close() }

// storeLoad is dipgraph's path: validate, dedupe, batch, count.
func storeLoad(quads []quad.Quad) func(b *testing.B, s *store.Store) {
	return func(b *testing.B, s *store.Store) {
		n, err := s.Load(quads)
		if err != nil {
			b.Fatal(err)
		}
		if n != len(quads) {
			b.Fatalf("loaded %d of %d quads", n, len(quads))
		}
	}
}

// addQuadSet is the baseline: Cayley's own writer on the same quad store.
func addQuadSet(quads []quad.Quad) func(b *testing.B, qs graph.QuadStore) {
	return func(b *testing.B, qs graph.QuadStore) {
		w, err := graph.NewQuadWriter("single", qs, graph.Options{"ignore_duplicate": true})
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(quads); i += store.BatchSize {
			if err := w.AddQuadSet(quads[i:min(i+store.BatchSize, len(quads))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// pair times dipgraph's load and the baseline on fresh stores, alternating
// which goes first, so that a shared machine's drift hits both alike. It
// reports both rates and their ratio.
func pair(b *testing.B, n int, open func(b *testing.B) *store.Store, dip, base func(b *testing.B, s *store.Store)) {
	b.ReportAllocs()
	var tDip, tBase time.Duration
	run := func(f func(b *testing.B, s *store.Store), t *time.Duration) {
		b.StopTimer()
		s := open(b)
		b.StartTimer()
		start := time.Now()
		f(b, s)
		*t += time.Since(start)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			run(dip, &tDip)
			run(base, &tBase)
		} else {
			run(base, &tBase)
			run(dip, &tDip)
		}
		i++
	}
	b.ReportMetric(float64(n)*float64(b.N)/tDip.Seconds(), "quads/s")
	b.ReportMetric(float64(n)*float64(b.N)/tBase.Seconds(), "baseline-quads/s")
	b.ReportMetric(tBase.Seconds()/tDip.Seconds(), "ratio")
}

// baseline runs addQuadSet on the Store's own Cayley quad store: the same
// backend, indexes and options as dipgraph's path.
func baseline(quads []quad.Quad) func(b *testing.B, s *store.Store) {
	add := addQuadSet(quads)
	return func(b *testing.B, s *store.Store) { add(b, s.QuadStore()) }
}

// BenchmarkLoadMemory: store.Load into memory (quads/s) and, in the same
// iterations, AddQuadSet into the same kind of store (baseline-quads/s).
func BenchmarkLoadMemory(b *testing.B) {
	_, all := benchData(b)
	pair(b, len(all), openStore(memorySpec), storeLoad(all), baseline(all))
}

// BenchmarkLoadBolt: store.Load into a new bolt store (quads/s) and, in the
// same iterations, AddQuadSet into the same kind of bolt file (bbolt,
// Cayley's indexes plus the label index; baseline-quads/s).
func BenchmarkLoadBolt(b *testing.B) {
	_, all := benchData(b)
	pair(b, len(all), openStore(boltSpec), storeLoad(all), baseline(all))
}

// BenchmarkAddQuadSetBoltCayleyIndexes is Cayley's stock kv layout on bbolt
// (its default indexes, no label index): what the label index costs.
func BenchmarkAddQuadSetBoltCayleyIndexes(b *testing.B) {
	_, all := benchData(b)
	open := func(b *testing.B) graph.QuadStore {
		db, err := bolt.Open(boltSpec(b), 0o644, nil)
		if err != nil {
			b.Fatal(err)
		}
		h := hbolt.New(db)
		if err := kv.Init(h, nil); err != nil {
			b.Fatal(err)
		}
		qs, err := kv.New(h, nil)
		if err != nil {
			b.Fatal(err)
		}
		return qs
	}
	bench(b, len(all), open, addQuadSet(all), func(qs graph.QuadStore) { qs.Close() })
}

// BenchmarkReplaceGraphBolt is what `dipgraph load` does: one ReplaceGraph
// (one transaction) per document into a new store.
func BenchmarkReplaceGraphBolt(b *testing.B) {
	docs, all := benchData(b)
	bench(b, len(all), openStore(boltSpec), func(b *testing.B, s *store.Store) {
		for _, d := range docs {
			if _, _, err := s.ReplaceGraph(d.Label, d.Quads); err != nil {
				b.Fatal(fmt.Errorf("%s: %w", d.Label, err))
			}
		}
	}, closeStore)
}
