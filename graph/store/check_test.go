package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

func mustCheck(t *testing.T, s *Store, opts CheckOptions) *CheckReport {
	t.Helper()
	rep, err := s.Check(context.Background(), opts)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return rep
}

func wantProblem(t *testing.T, rep *CheckReport, parts ...string) {
	t.Helper()
	for _, p := range rep.Problems {
		ok := true
		for _, part := range parts {
			ok = ok && strings.Contains(p, part)
		}
		if ok {
			return
		}
	}
	t.Errorf("no problem mentions %q; problems: %q", parts, rep.Problems)
}

// TestCompletenessRecords: ReplaceGraph writes one record per graph in the
// graph's transaction, RemoveGraph removes it, reads and counts leave the
// records out, and Check passes.
func TestCompletenessRecords(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		ctx := context.Background()
		s := mustOpen(t, spec)
		a, b := iri("a"), iri("b")
		if _, _, err := s.ReplaceGraph(a, docQuads("a", 50)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ReplaceGraph(b, docQuads("b", 30)); err != nil {
			t.Fatal(err)
		}
		rep := mustCheck(t, s, CheckOptions{})
		if !rep.OK() || rep.Graphs != 2 || rep.Complete != 2 || rep.Quads != 82 || rep.Scanned != 82 {
			t.Errorf("check after two loads: %+v", rep)
		}
		if n, ok, err := s.Record(ctx, a); err != nil || !ok || n != 50 {
			t.Errorf("record of a: %d %v %v", n, ok, err)
		}
		if n := mustCount(t, s); n != 80 {
			t.Errorf("Count = %d, want 80 (records not counted)", n)
		}
		if g, err := s.Graphs(); err != nil || len(g) != 2 {
			t.Errorf("Graphs = %v, %v", g, err)
		}
		for _, l := range contents(t, s, nil) {
			if strings.Contains(l, string(QuadCount)) {
				t.Errorf("Quads shows a record: %s", l)
			}
		}
		noRecord := func(what string) func(quad.Quad) error {
			return func(q quad.Quad) error {
				if isManifest(q.Label) || quad.StringOf(q.Predicate) == quad.StringOf(QuadCount) {
					t.Errorf("%s shows a record: %s", what, q.NQuad())
				}
				return nil
			}
		}
		if err := s.Dump(ctx, noRecord("Dump")); err != nil {
			t.Fatal(err)
		}
		if err := s.Triples(ctx, noRecord("Triples")); err != nil {
			t.Fatal(err)
		}
		sum, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Quads != 80 || sum.Graphs != 2 || sum.Predicates[QuadCount] != (PredicateCount{}) {
			t.Errorf("Stats: %d quads, %d graphs, %v records", sum.Quads, sum.Graphs, sum.Predicates[QuadCount])
		}

		// Replacing updates the record in the same call; an unchanged
		// replace changes nothing.
		if added, removed, err := s.ReplaceGraph(a, docQuads("a", 20)); err != nil || added != 0 || removed != 30 {
			t.Fatalf("replace a: +%d -%d %v", added, removed, err)
		}
		if n, _, _ := s.Record(ctx, a); n != 20 {
			t.Errorf("record of a after replace: %d", n)
		}
		if added, removed, err := s.ReplaceGraph(a, docQuads("a", 20)); err != nil || added+removed != 0 {
			t.Errorf("same replace again: +%d -%d %v", added, removed, err)
		}
		if n, err := s.RemoveGraph(b); err != nil || n != 30 {
			t.Errorf("remove b: %d %v", n, err)
		}
		if _, ok, _ := s.Record(ctx, b); ok {
			t.Error("record of b survives RemoveGraph")
		}
		rep = mustCheck(t, s, CheckOptions{})
		if !rep.OK() || rep.Graphs != 1 || rep.Complete != 1 || rep.Quads != 21 {
			t.Errorf("check after replace and remove: %+v", rep)
		}
		// Emptying a graph with ReplaceGraph removes its record too.
		if _, _, err := s.ReplaceGraph(a, nil); err != nil {
			t.Fatal(err)
		}
		if rep = mustCheck(t, s, CheckOptions{}); !rep.OK() || rep.Quads != 0 {
			t.Errorf("check of the emptied store: %+v", rep)
		}

		// The record graph is reserved.
		if _, _, err := s.ReplaceGraph(ManifestGraph, docQuads("x", 1)); err == nil {
			t.Error("ReplaceGraph accepted the record graph")
		}
		if _, err := s.RemoveGraph(ManifestGraph); err == nil {
			t.Error("RemoveGraph accepted the record graph")
		}
		q := docQuads("x", 1)[0]
		q.Label = ManifestGraph
		if _, err := s.Load([]quad.Quad{q}); err == nil {
			t.Error("Load accepted a quad in the record graph")
		}
	})
}

// TestCheckFindsIncompleteGraphs: a graph without a record, with fewer
// quads than its record, or a record without a graph are problems, and so
// is what the Graph hook reports.
func TestCheckFindsIncompleteGraphs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		a, b, c := iri("a"), iri("b"), iri("c")
		for _, l := range []quad.IRI{a, b} {
			if _, _, err := s.ReplaceGraph(l, docQuads(string(l[len(l)-1:]), 10)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Load(docQuads("c", 5)); err != nil { // no record
			t.Fatal(err)
		}
		// Lose one quad of a behind ReplaceGraph's back, and record a
		// graph that was never written.
		lost := docQuads("a", 10)[3]
		ghost := recordFor(iri("ghost"), 7)
		err := s.qs.ApplyDeltas([]graph.Delta{{Quad: lost, Action: graph.Delete}, {Quad: ghost, Action: graph.Add}}, graph.IgnoreOpts{})
		if err != nil {
			t.Fatal(err)
		}
		rep := mustCheck(t, s, CheckOptions{Graph: func(label quad.Value, quads []quad.Quad) []string {
			if label == b {
				return []string{fmt.Sprintf("hook saw %d quads", len(quads))}
			}
			return nil
		}})
		if rep.OK() || rep.Graphs != 3 || rep.Complete != 1 {
			t.Errorf("report: %+v", rep)
		}
		wantProblem(t, rep, string(a), "record says 10", "holds 9")
		wantProblem(t, rep, string(c), "no completeness record")
		wantProblem(t, rep, "ghost", "holds none")
		wantProblem(t, rep, string(b), "hook saw")
		t.Logf("problems: %q", rep.Problems)
	})
}

// TestCheckFindsBrokenIndex deletes one entry of the label index of a bolt
// store behind Cayley's back: Check reports the index and the value.
func TestCheckFindsBrokenIndex(t *testing.T) {
	p := filepath.Join(t.TempDir(), "idx.db")
	s := mustOpen(t, p)
	if _, _, err := s.ReplaceGraph(iri("a"), docQuads("a", 40)); err != nil {
		t.Fatal(err)
	}
	if rep := mustCheck(t, s, CheckOptions{}); !rep.OK() {
		t.Fatalf("fresh store: %q", rep.Problems)
	}
	s.Close()
	db, err := bolt.Open(p, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("csp")) // label, subject, predicate
		if b == nil {
			t.Fatal("no label index bucket csp")
		}
		k, _ := b.Cursor().First()
		return b.Delete(k)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, p)
	rep := mustCheck(t, s, CheckOptions{})
	if rep.OK() {
		t.Fatal("Check passes a store whose label index lost an entry")
	}
	wantProblem(t, rep, "label index finds")
	t.Logf("problems: %q", rep.Problems)
}

// shrinkQuads is a new version of docQuads(doc, 50): 10 of its quads kept,
// 5 new ones, so that the label and predicates lose more quads than they
// gain.
func shrinkQuads(doc string) []quad.Quad {
	out := docQuads(doc, 10)
	for i := 0; i < 5; i++ {
		out = append(out, quad.Quad{Subject: iri("new"), Predicate: iri(fmt.Sprintf("p%d", i%3)),
			Object: quad.String(fmt.Sprintf("new%d", i)), Label: iri(doc)})
	}
	return out
}

// TestReplaceShrinking replaces a graph by a smaller version with new
// quads. Cayley's kv ApplyDeltas, given the additions and deletions in one
// list, writes the new quads without their label (the label's reference
// count goes down overall); ReplaceGraph must keep every quad whole.
func TestReplaceShrinking(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		a := iri("a")
		if _, _, err := s.ReplaceGraph(a, docQuads("a", 50)); err != nil {
			t.Fatal(err)
		}
		want := shrinkQuads("a")
		if added, removed, err := s.ReplaceGraph(a, want); err != nil || added != 5 || removed != 40 {
			t.Fatalf("replace: +%d -%d %v", added, removed, err)
		}
		equalLines(t, "graph a", contents(t, s, a), nquads(want))
		equalLines(t, "store", contents(t, s, nil), nquads(want))
		if rep := mustCheck(t, s, CheckOptions{}); !rep.OK() {
			t.Errorf("check: %q", rep.Problems)
		}
	})
	// The Cayley behaviour worked around, shown on a bolt store written
	// with one ApplyDeltas call: logged, not asserted, in case a Cayley
	// update fixes it.
	s := mustOpen(t, filepath.Join(t.TempDir(), "plain.db"))
	a := iri("a")
	if _, _, err := s.ReplaceGraph(a, docQuads("a", 50)); err != nil {
		t.Fatal(err)
	}
	var deltas []graph.Delta
	for _, q := range shrinkQuads("a")[10:] {
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
	}
	for _, q := range docQuads("a", 50)[10:] {
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
	}
	if err := s.qs.ApplyDeltas(deltas, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		t.Fatal(err)
	}
	unlabelled := 0
	err := s.Quads(context.Background(), func(q quad.Quad) error {
		if q.Label == nil {
			unlabelled++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("one ApplyDeltas on bolt: %d of 5 added quads lost their label (Cayley's reference-count netting)", unlabelled)
}
