package queries

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store"
)

// TestMemoStoreSameAnswers runs Gizmo paths on a bolt store directly and
// through memoize: the same results, and g.V(x).In(p) scans the object,
// predicate, subject index by its first two directions.
func TestMemoStoreSameAnswers(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "memo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var qs []quad.Quad
	label := quad.IRI("https://example.org/doc")
	for i := 0; i < 50; i++ {
		n := quad.IRI(fmt.Sprintf("n%d", i))
		qs = append(qs,
			quad.Make(n, quad.IRI("p"), quad.IRI("hub"), label),
			quad.Make(n, quad.IRI("q"), quad.IRI("hub"), label),
			quad.Make(n, quad.IRI("name"), quad.LangString{Value: quad.String(fmt.Sprint("N", i)), Lang: "en"}, label),
		)
		if i%2 == 0 {
			qs = append(qs, quad.Make(n, quad.IRI("r"), quad.String(fmt.Sprint(i)), label))
		}
	}
	if _, _, err := s.ReplaceGraph(label, qs); err != nil {
		t.Fatal(err)
	}
	m := memoize(s.QuadStore()).(*memoStore)
	if len(m.prefixes) == 0 {
		t.Fatal("no kv index found for prefix scans")
	}
	// The object, predicate filter of g.V("<hub>").In("<q>") becomes a scan
	// of two directions of one index.
	ctx := context.Background()
	rs, err := m.RefsOf(ctx, []quad.Value{quad.IRI("hub"), quad.IRI("q")})
	if err != nil {
		t.Fatal(err)
	}
	opt, ok := m.OptimizeShape(ctx, shape.QuadsAction{Result: quad.Subject, Filter: map[quad.Direction]refs.Ref{quad.Object: rs[0], quad.Predicate: rs[1]}})
	if !ok {
		t.Fatal("the object, predicate filter was not optimized")
	}
	b, ok := opt.(boundShape)
	if !ok {
		t.Fatalf("optimized to %T", opt)
	}
	nf, ok := b.s.(shape.NodesFrom)
	if scan, isScan := nf.Quads.(kv.IndexScan); !ok || !isScan || len(scan.Values) != 2 {
		t.Fatalf("optimized to %#v, want an index scan by two values", b.s)
	}

	for _, text := range []string{
		`g.V("<hub>").In("<q>").All()`,
		`g.V("<hub>").In("<p>").Tag("s").Out(null, "p").Tag("o").All()`,
		`g.V("<n3>", "<n4>").Tag("s").Out(null, "p").Tag("o").All()`,
		`g.V("<hub>").In("<p>").Out("<r>").All()`,
		`g.Emit(g.V("<n7>").Out("<name>").ToArray())`,
	} {
		direct := runJSONLD(t, s.QuadStore(), text)
		memo := runJSONLD(t, m, text)
		if direct != memo {
			t.Errorf("%s:\n direct %s\n memo   %s", text, direct, memo)
		}
		if direct == "[]" || direct == "null" {
			t.Errorf("%s: no results", text)
		}
	}
}

func runJSONLD(t *testing.T, qs graph.QuadStore, text string) string {
	t.Helper()
	out, err := execute(context.Background(), gizmo.NewSession(qs), "gizmo", text, query.JSONLD, Options{})
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	var keys []string
	for _, o := range out {
		b, _ := json.Marshal(o)
		keys = append(keys, string(b))
	}
	sort.Strings(keys)
	b, _ := json.Marshal(keys)
	return string(b)
}
