package queries_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
	"github.com/dipgraph/dipgraph/queries"
)

// legacyStore creates a bolt store laid out as before the predicate index
// existed (Cayley's indexes and the label index) and opens it: stores
// created without Options.PredicateIndex must stay exactly so.
func legacyStore(t *testing.T, path string) *store.Store {
	t.Helper()
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	saved := kv.DefaultQuadIndexes
	kv.DefaultQuadIndexes = append(append([]kv.QuadIndex(nil), saved...), store.LabelIndex)
	err = kv.Init(hbolt.New(db), nil)
	kv.DefaultQuadIndexes = saved
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestPredicateIndexSameRows loads the shared corpus into a new bolt store
// (with the predicate index) and into one laid out as before it, and runs
// every saved query with every test case on both: the same rows.
func TestPredicateIndexSameRows(t *testing.T) {
	docs := corpusDocs(t, "skipping the predicate-index comparison")
	dir := t.TempDir()
	s, err := store.Open(filepath.Join(dir, "new.db"), store.Options{PredicateIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := legacyStore(t, filepath.Join(dir, "old.db"))
	if !store.HasPredicateIndex(s.QuadStore()) {
		t.Fatal("a new bolt store has no predicate index")
	}
	if store.HasPredicateIndex(old.QuadStore()) {
		t.Fatal("the legacy store has a predicate index")
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range docs {
		d, err := extract.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		label := extract.DocIRI(d)
		quads := x.Extract(d).Quads(label)
		for _, st := range []*store.Store{s, old} {
			if _, _, err := st.ReplaceGraph(label, quads); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
	}
	gaz, err := ontology.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	run := func(st *store.Store, q *queries.Query, raw map[string]string) []string {
		b, err := q.Bind(raw, &queries.Resolver{Gazetteer: gaz, Store: st.QuadStore()})
		if err != nil {
			t.Fatalf("%s: bind: %v", q.Name, err)
		}
		res, err := queries.RunSaved(ctx, st.QuadStore(), q, b, queries.Options{Timeout: time.Minute})
		if err != nil {
			t.Fatalf("%s: %v", q.Name, err)
		}
		var rows []string
		for _, r := range res.Rows {
			rows = append(rows, queries.RowKey(r))
		}
		return rows
	}
	total := 0
	for _, q := range queries.All() {
		for _, raw := range cases(t)[q.Name] {
			got, want := run(s, q, raw), run(old, q, raw)
			total += len(got)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s %s: %d rows with the predicate index, %d without", q.Name, describe(raw), len(got), len(want))
			}
		}
	}
	if total == 0 {
		t.Error("no rows at all")
	}
	// A relation read through the index: the quads of one predicate.
	var counts []string
	for _, st := range []*store.Store{s, old} {
		text := `g.Emit(g.V().Out(g.IRI("` + ontology.RDFType + `")).Count())`
		out, err := queries.RunGizmo(ctx, st.QuadStore(), text, queries.Options{})
		if err != nil || len(out) != 1 {
			t.Fatalf("count rdf:type: %v %v", out, err)
		}
		counts = append(counts, fmt.Sprint(out[0]))
	}
	if counts[0] != counts[1] || counts[0] == "0" {
		t.Errorf("g.V().Out(rdf:type).Count(): %s with the index, %s without", counts[0], counts[1])
	}
}

// TestPredicateIndexOptIn: a store created without Options.PredicateIndex
// has no predicate index; reopening a store never changes its indexes.
func TestPredicateIndexOptIn(t *testing.T) {
	dir := t.TempDir()
	for _, want := range []bool{false, true} {
		path := filepath.Join(dir, fmt.Sprintf("%v.db", want))
		s, err := store.Open(path, store.Options{PredicateIndex: want})
		if err != nil {
			t.Fatal(err)
		}
		got := store.HasPredicateIndex(s.QuadStore())
		s.Close()
		if got != want {
			t.Errorf("created with PredicateIndex %v: has it %v", want, got)
		}
		s, err = store.Open(path, store.Options{PredicateIndex: !want})
		if err != nil {
			t.Fatal(err)
		}
		if got := store.HasPredicateIndex(s.QuadStore()); got != want {
			t.Errorf("reopened with PredicateIndex %v: has it %v, want %v", !want, got, want)
		}
		s.Close()
	}
}
