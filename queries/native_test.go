package queries_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
	"github.com/dipgraph/dipgraph/queries"
)

// loadFixtureBolt loads testdata/fixture-*.ttl, each file its own graph,
// into a new bolt store (with the predicate index if predicateIndex).
// Each graph is first loaded with a stray claim and event, then replaced
// without them: their quads stay in the log and the indexes, marked
// deleted, and must not count.
func loadFixtureBolt(t *testing.T, predicateIndex bool) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "fixture.db"), store.Options{PredicateIndex: predicateIndex})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, name := range []string{"fixture-a", "fixture-b"} {
		label, qs := fixtureQuads(t, name)
		var stray []quad.Quad
		add := func(s, p, o string) {
			stray = append(stray, quad.Quad{Subject: quad.IRI(ontology.Docs + name + s), Predicate: quad.IRI(p),
				Object: quad.IRI(o), Label: label})
		}
		add("#stray-claim", ontology.RDFType, ontology.DIP+"Claim")
		add("#stray-claim", ontology.RDFSubject, ontology.Entities+"russia")
		add("#stray-claim", ontology.RDFPredicate, ontology.DIP+"accuses")
		add("#stray-claim", ontology.RDFObject, ontology.Entities+"united-states")
		add("#stray-claim", ontology.DIP+"claimant", ontology.Entities+"lavrov")
		add("#stray-event", ontology.RDFType, ontology.DIP+"Termination")
		add("#stray-event", ontology.DIP+"agent", ontology.Entities+"russia")
		add("#stray-event", ontology.DIP+"patient", ontology.Entities+"test-hotline")
		if _, _, err := s.ReplaceGraph(label, append(append([]quad.Quad(nil), qs...), stray...)); err != nil {
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
	eachCase(t, r, func(name string, q *queries.Query, _ map[string]string, b *queries.Binding) {
		g, err := queries.RunSaved(ctx, s.QuadStore(), q, b, queries.Options{Timeout: time.Minute, Engine: queries.EngineGizmo})
		if err != nil {
			t.Errorf("%s: gizmo: %v", name, err)
			return
		}
		n, err := queries.RunSaved(ctx, s.QuadStore(), q, b, queries.Options{Timeout: time.Minute, Engine: queries.EngineNative})
		if err != nil {
			t.Errorf("%s: native: %v", name, err)
			return
		}
		rows += len(g.Rows)
		if !sameResult(g, n) {
			t.Errorf("%s: Gizmo gives %d rows, native %d", name, len(g.Rows), len(n.Rows))
			logDiff(t, exactRows(g), exactRows(n))
		}
	})
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

// TestNativeStops: the native engine honours the deadline and refuses
// what it cannot run.
func TestNativeStops(t *testing.T) {
	s := loadFixtureBolt(t, false)
	q, _ := queries.Lookup("contradictions")
	_, err := queries.RunSaved(context.Background(), s.QuadStore(), q, nil, queries.Options{Timeout: time.Nanosecond, Engine: queries.EngineNative})
	if !errors.Is(err, queries.ErrTimeout) {
		t.Errorf("past its deadline: %v, want ErrTimeout", err)
	}
	mem := loadFixture(t)
	if _, err := queries.RunSaved(context.Background(), mem.QuadStore(), q, nil, queries.Options{Engine: queries.EngineNative}); err == nil {
		t.Error("native on a memory store: no error")
	}
	if res, err := queries.RunSaved(context.Background(), mem.QuadStore(), q, nil, queries.Options{}); err != nil || len(res.Rows) == 0 {
		t.Errorf("auto on a memory store (gizmo): %v, %d rows", err, len(res.Rows))
	}
	edited := *q
	edited.Gizmo += "\n// edited\n"
	if _, err := queries.RunSaved(context.Background(), s.QuadStore(), &edited, nil, queries.Options{Engine: queries.EngineNative}); err == nil {
		t.Error("native with an edited text: no error")
	}
	if _, err := queries.RunSaved(context.Background(), s.QuadStore(), q, nil, queries.Options{Engine: "fast"}); err == nil {
		t.Error("an unknown engine: no error")
	}
}
