package queries_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
	"github.com/dipgraph/dipgraph/queries"
)

// loadFixtureBolt loads testdata/fixture-*.ttl, each file its own graph,
// into a new bolt store (spec: "" for Cayley's indexes, or with the
// predicate index), then replaces fixture-b with itself less its last
// quads and back, so that the log holds deleted quads.
func loadFixtureBolt(t *testing.T, predicateIndex bool) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "fixture.db"), store.Options{PredicateIndex: predicateIndex})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, name := range []string{"fixture-a", "fixture-b"} {
		f, err := os.Open(filepath.Join("testdata", name+".ttl"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := rdfio.NewReader("turtle", f, rdfio.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		label := quad.IRI(ontology.Docs + name)
		var qs []quad.Quad
		for {
			q, err := r.ReadQuad()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%s: %v", name, err)
				}
				break
			}
			q.Label = label
			qs = append(qs, q)
		}
		f.Close()
		// A first version with a stray claim, replaced: deleted quads stay
		// in the log and the indexes, marked deleted.
		stray := quad.Quad{Subject: quad.IRI(ontology.Docs + name + "#stray"), Predicate: quad.IRI(ontology.RDFType),
			Object: quad.IRI(ontology.DIP + "Claim"), Label: label}
		stray2 := stray
		stray2.Predicate, stray2.Object = quad.IRI(ontology.RDFPredicate), quad.IRI(ontology.DIP+"accuses")
		if _, _, err := s.ReplaceGraph(label, append(append([]quad.Quad(nil), qs...), stray, stray2)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ReplaceGraph(label, qs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// compareEngines runs every saved query with every case of twins_test on
// the store with both engines and requires the same rows, in the same
// order, with the same values.
func compareEngines(t *testing.T, s *store.Store) (rows int) {
	gaz, err := ontology.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := &queries.Resolver{Gazetteer: gaz, Store: s.QuadStore()}
	ctx := context.Background()
	all := cases(t)
	for _, q := range queries.All() {
		for _, raw := range all[q.Name] {
			name := q.Name + " " + describe(raw)
			b, err := q.Bind(raw, r)
			if err != nil {
				t.Errorf("%s: bind: %v", name, err)
				continue
			}
			g, err := queries.RunSaved(ctx, s.QuadStore(), q, b, queries.Options{Timeout: time.Minute, Engine: queries.EngineGizmo})
			if err != nil {
				t.Errorf("%s: gizmo: %v", name, err)
				continue
			}
			n, err := queries.RunSaved(ctx, s.QuadStore(), q, b, queries.Options{Timeout: time.Minute, Engine: queries.EngineNative})
			if err != nil {
				t.Errorf("%s: native: %v", name, err)
				continue
			}
			rows += len(g.Rows)
			if !sameResult(g, n) {
				t.Errorf("%s: Gizmo gives %d rows, native %d", name, len(g.Rows), len(n.Rows))
				logDiff(t, exactRows(g), exactRows(n))
			}
		}
	}
	return rows
}

// exactRows writes each row's values exactly (their Go types too).
func exactRows(res *queries.Result) []string {
	var out []string
	for _, row := range res.Rows {
		var b strings.Builder
		for _, v := range row {
			if v != nil {
				b.WriteString(quad.StringOf(v))
				b.WriteString("|" + strings.TrimPrefix(strings.TrimPrefix(typeName(v), "quad."), "*"))
			}
			b.WriteByte(0)
		}
		out = append(out, b.String())
	}
	return out
}

func typeName(v quad.Value) string {
	switch v.(type) {
	case quad.IRI:
		return "IRI"
	case quad.BNode:
		return "BNode"
	case quad.String:
		return "String"
	case quad.LangString:
		return "LangString"
	case quad.TypedString:
		return "TypedString"
	}
	return "other"
}

func sameResult(a, b *queries.Result) bool {
	x, y := exactRows(a), exactRows(b)
	return strings.Join(x, "\n") == strings.Join(y, "\n") && len(x) == len(y)
}

func TestEnginesOnFixture(t *testing.T) {
	for _, pindex := range []bool{false, true} {
		s := loadFixtureBolt(t, pindex)
		n := compareEngines(t, s)
		if n == 0 {
			t.Errorf("predicate index %v: no rows compared", pindex)
		}
		t.Logf("fixture (predicate index %v): %d rows compared", pindex, n)
	}
}

func TestEnginesOnCorpus(t *testing.T) {
	s := loadCorpus(t)
	n := compareEngines(t, s)
	if n == 0 {
		t.Error("no rows compared")
	}
	t.Logf("corpus: %d rows compared", n)
}
