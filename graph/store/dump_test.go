package store

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// dumpFixture loads two documents sharing triples, plus unlabelled quads,
// and returns what was loaded.
func dumpFixture(t *testing.T, s *Store) []quad.Quad {
	t.Helper()
	a, b := iri("a"), iri("b")
	shared := []quad.Quad{
		{Subject: iri("russia"), Predicate: rdfType, Object: iri("State")},
		{Subject: iri("russia"), Predicate: iri("advocates"), Object: iri("sovereignty")},
		{Subject: quad.BNode("x"), Predicate: iri("p"), Object: quad.LangString{Value: "Россия", Lang: "ru"}},
	}
	var all []quad.Quad
	for _, l := range []quad.Value{a, b, nil} {
		for _, q := range shared {
			q.Label = l
			all = append(all, q)
		}
	}
	all = append(all,
		quad.Quad{Subject: iri("usa"), Predicate: rdfType, Object: iri("State"), Label: a},
		quad.Quad{Subject: iri("un"), Predicate: rdfType, Object: iri("Organization"), Label: b},
		quad.Quad{Subject: iri("a"), Predicate: iri("title"), Object: quad.String("Doc A"), Label: a},
		quad.Quad{Subject: iri("a"), Predicate: iri("title"), Object: quad.String("not in a's graph"), Label: b},
		quad.Quad{Subject: iri("usa"), Predicate: iri("count"), Object: quad.Int(3)},
	)
	all = append(all, docQuads("b", 30)...)
	if _, err := s.Load(all); err != nil {
		t.Fatal(err)
	}
	return all
}

func TestDump(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		all := dumpFixture(t, s)
		var got []quad.Quad
		if err := s.Dump(context.Background(), func(q quad.Quad) error { got = append(got, q); return nil }); err != nil {
			t.Fatal(err)
		}
		equalLines(t, "Dump", nquads(got), nquads(all))
		// Grouped: default graph, then a, then b.
		order := []string{""}
		for _, q := range got {
			if l := quad.StringOf(q.Label); l != order[len(order)-1] {
				order = append(order, l)
			}
		}
		if strings.Join(order, " ") != " "+iri("a").String()+" "+iri("b").String() {
			t.Errorf("graph order %q", order)
		}
	})
}

func TestTriples(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		all := dumpFixture(t, s)
		want := map[string]bool{}
		for _, q := range all {
			q.Label = nil
			want[q.NQuad()] = true
		}
		var wantLines, got []string
		for l := range want {
			wantLines = append(wantLines, l)
		}
		sort.Strings(wantLines)
		subjects := []string{}
		err := s.Triples(context.Background(), func(q quad.Quad) error {
			got = append(got, q.NQuad())
			if subj := quad.StringOf(q.Subject); len(subjects) == 0 || subjects[len(subjects)-1] != subj {
				subjects = append(subjects, subj)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(wantLines) {
			t.Errorf("Triples gave %d triples, want %d (no duplicates)", len(got), len(wantLines))
		}
		sort.Strings(got)
		equalLines(t, "Triples", got, wantLines)
		seen := map[string]bool{}
		for _, subj := range subjects {
			if seen[subj] {
				t.Errorf("subject %s not grouped", subj)
			}
			seen[subj] = true
		}
		// After removing a graph, triples only it held are gone.
		if _, err := s.RemoveGraph(iri("b")); err != nil {
			t.Fatal(err)
		}
		n := 0
		s.Triples(context.Background(), func(q quad.Quad) error {
			if q.Subject == iri("un") {
				t.Errorf("triple of a removed graph: %s", q.NQuad())
			}
			n++
			return nil
		})
		if n != 6 {
			t.Errorf("%d triples after RemoveGraph(b), want 6", n)
		}
	})
}

func TestStats(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		all := dumpFixture(t, s)
		sum, err := s.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if sum.Quads != int64(len(all)) || sum.Graphs != 2 || sum.Triples != 8+30 {
			t.Errorf("Stats = %d quads, %d graphs, %d triples; want %d, 2, 38", sum.Quads, sum.Graphs, sum.Triples, len(all))
		}
		if sum.Classes[iri("State")] != 2 || sum.Classes[iri("Organization")] != 1 || len(sum.Classes) != 2 {
			t.Errorf("Classes = %v", sum.Classes)
		}
		if pc := sum.Predicates[iri("advocates")]; pc != (PredicateCount{Triples: 1, Quads: 3}) {
			t.Errorf("advocates = %+v, want 1 triple, 3 quads", pc)
		}
		if pc := sum.Predicates[rdfType]; pc != (PredicateCount{Triples: 3, Quads: 5}) {
			t.Errorf("rdf:type = %+v, want 3 triples, 5 quads", pc)
		}
	})
}

func TestCountInAndObjects(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		dumpFixture(t, s)
		ctx := context.Background()
		for label, want := range map[quad.Value]int64{iri("a"): 5, iri("b"): 35, iri("none"): 0} {
			if n, err := s.CountIn(ctx, label); err != nil || n != want {
				t.Errorf("CountIn(%s) = %d, %v; want %d", label, n, err, want)
			}
		}
		vals, err := s.Objects(ctx, iri("a"), iri("a"), iri("title"))
		if err != nil || len(vals) != 1 || vals[0] != quad.String("Doc A") {
			t.Errorf("Objects(a, a, title) = %v, %v", vals, err)
		}
		if vals, err := s.Objects(ctx, iri("a"), iri("nobody"), iri("title")); err != nil || len(vals) != 0 {
			t.Errorf("Objects(unknown subject) = %v, %v", vals, err)
		}
	})
}
