package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// backend describes one kind of store under test. reopen is nil for
// volatile stores.
type backend struct {
	name string
	spec func(t *testing.T) string
}

var backends = []backend{
	{"memory", func(*testing.T) string { return SpecMemory }},
	{"bolt", func(t *testing.T) string { return filepath.Join(t.TempDir(), "dipgraph.db") }},
	{"leveldb", func(t *testing.T) string { return "leveldb:" + filepath.Join(t.TempDir(), "ldb") }},
	{"postgres", postgresSpec}, // a new database per test; skips without PostgreSQL
}

func forEachBackend(t *testing.T, fn func(t *testing.T, spec string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { fn(t, b.spec(t)) })
	}
}

func mustOpen(t *testing.T, spec string) *Store {
	t.Helper()
	s, err := Open(spec, Options{})
	if err != nil {
		t.Fatalf("Open(%q): %v", spec, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func iri(s string) quad.IRI { return quad.IRI("http://example.org/" + s) }

// docQuads builds n quads for document doc, with triples that repeat across
// documents so that labels, not triples, tell them apart.
func docQuads(doc string, n int) []quad.Quad {
	out := make([]quad.Quad, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, quad.Quad{
			Subject:   iri(fmt.Sprintf("s%d", i%7)),
			Predicate: iri(fmt.Sprintf("p%d", i%3)),
			Object:    quad.String(fmt.Sprintf("v%d", i)),
			Label:     iri(doc),
		})
	}
	return out
}

// contents returns the store's quads (or one label's) as sorted N-Quads lines.
func contents(t *testing.T, s *Store, label quad.Value) []string {
	t.Helper()
	var out []string
	collect := func(q quad.Quad) error { out = append(out, q.NQuad()); return nil }
	var err error
	if label == nil {
		err = s.Quads(context.Background(), collect)
	} else {
		err = s.QuadsIn(context.Background(), label, collect)
	}
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func nquads(quads []quad.Quad) []string {
	var out []string
	for _, q := range quads {
		out = append(out, q.NQuad())
	}
	sort.Strings(out)
	return out
}

func equalLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %d quads:\n  %s\nwant %d quads:\n  %s", what,
			len(got), strings.Join(got, "\n  "), len(want), strings.Join(want, "\n  "))
	}
}

func mustCount(t *testing.T, s *Store) int64 {
	t.Helper()
	n, err := s.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoadTwice(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		qs := append(docQuads("a", 50), docQuads("a", 10)...) // 10 repeats
		added, err := s.Load(qs)
		if err != nil || added != 50 {
			t.Fatalf("first Load = %d, %v; want 50", added, err)
		}
		added, err = s.Load(qs)
		if err != nil || added != 0 {
			t.Fatalf("second Load = %d, %v; want 0", added, err)
		}
		if n := mustCount(t, s); n != 50 {
			t.Fatalf("Count = %d, want 50", n)
		}
		// More than one batch, partly overlapping what is stored.
		big := docQuads("big", BatchSize+500)
		added, err = s.Load(append(big, docQuads("a", 60)...))
		if err != nil || added != BatchSize+500+10 {
			t.Fatalf("big Load = %d, %v; want %d", added, err, BatchSize+510)
		}
	})
}

func TestReplaceGraph(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		a, b := iri("a"), iri("b")
		shared := quad.Quad{Subject: iri("x"), Predicate: iri("p"), Object: quad.String("same")}
		sharedA, sharedB := shared, shared
		sharedA.Label, sharedB.Label = a, b
		oldA := append(docQuads("a", 20), sharedA)
		B := append(docQuads("b", 20), sharedB)
		for _, set := range [][]quad.Quad{oldA, B, {shared}} {
			if _, err := s.Load(set); err != nil {
				t.Fatal(err)
			}
		}
		all := contents(t, s, nil)

		// New A: drop 5 old quads (and the shared triple), keep 15, add 8.
		newA := append([]quad.Quad(nil), oldA[5:20]...)
		for i := 0; i < 8; i++ {
			newA = append(newA, quad.Quad{Subject: iri("n"), Predicate: iri("q"), Object: quad.Int(i)})
		}
		added, removed, err := s.ReplaceGraph(a, newA)
		if err != nil || added != 8 || removed != 6 {
			t.Fatalf("ReplaceGraph = %d, %d, %v; want 8, 6", added, removed, err)
		}
		for i := range newA {
			newA[i].Label = a
		}
		equalLines(t, "graph a", contents(t, s, a), nquads(newA))
		equalLines(t, "graph b", contents(t, s, b), nquads(B))
		if n := mustCount(t, s); n != int64(len(all)+8-6) {
			t.Errorf("Count = %d, want %d", n, len(all)+2)
		}
		before := contents(t, s, nil)
		added, removed, err = s.ReplaceGraph(a, newA)
		if err != nil || added != 0 || removed != 0 {
			t.Fatalf("second ReplaceGraph = %d, %d, %v; want 0, 0", added, removed, err)
		}
		equalLines(t, "store after identical replace", contents(t, s, nil), before)

		// A new label behaves like a load.
		added, removed, err = s.ReplaceGraph(iri("c"), docQuads("c", 3))
		if err != nil || added != 3 || removed != 0 {
			t.Fatalf("ReplaceGraph(new) = %d, %d, %v; want 3, 0", added, removed, err)
		}
		if _, _, err := s.ReplaceGraph(a, B); err == nil {
			t.Error("ReplaceGraph accepted quads labelled with another graph")
		}
	})
}

func TestRemoveGraph(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		a, b := iri("a"), iri("b")
		tr := quad.Quad{Subject: iri("x"), Predicate: iri("p"), Object: quad.String("same")}
		qa, qb := tr, tr
		qa.Label, qb.Label = a, b
		A := append(docQuads("a", 30), qa)
		B := append(docQuads("b", 30), qb)
		if _, err := s.Load(append(append(A, B...), tr)); err != nil {
			t.Fatal(err)
		}
		graphs, err := s.Graphs()
		if err != nil || len(graphs) != 2 || graphs[0] != a || graphs[1] != b {
			t.Fatalf("Graphs = %v, %v; want [a b]", graphs, err)
		}
		removed, err := s.RemoveGraph(a)
		if err != nil || removed != 31 {
			t.Fatalf("RemoveGraph = %d, %v; want 31", removed, err)
		}
		equalLines(t, "store after remove", contents(t, s, nil), nquads(append(B, tr)))
		if got := contents(t, s, a); len(got) != 0 {
			t.Errorf("graph a still has %d quads", len(got))
		}
		graphs, err = s.Graphs()
		if err != nil || len(graphs) != 1 || graphs[0] != b {
			t.Fatalf("Graphs after remove = %v, %v; want [b]", graphs, err)
		}
		removed, err = s.RemoveGraph(a)
		if err != nil || removed != 0 {
			t.Fatalf("second RemoveGraph = %d, %v; want 0", removed, err)
		}
		if _, err := s.RemoveGraph(iri("never-loaded")); err != nil {
			t.Fatal(err)
		}
		if n := mustCount(t, s); n != 32 {
			t.Errorf("Count = %d, want 32", n)
		}
	})
}

func TestInvalidUTF8(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		bad := quad.Quad{Subject: iri("s"), Predicate: iri("p"), Object: quad.String("bad \xff byte"), Label: iri("d")}
		_, err := s.Load(append(docQuads("d", 5), bad))
		if err == nil || !strings.Contains(err.Error(), "invalid UTF-8") || !strings.Contains(err.Error(), "http://example.org/s") {
			t.Fatalf("Load(invalid UTF-8) error = %v; want one naming the quad", err)
		}
		if n := mustCount(t, s); n != 0 {
			t.Errorf("Count = %d after refused load, want 0", n)
		}
		lang := quad.Quad{Subject: iri("s"), Predicate: iri("p"), Object: quad.LangString{Value: "x", Lang: "e\xffn"}}
		if _, _, err := s.ReplaceGraph(iri("d"), []quad.Quad{lang}); err == nil {
			t.Error("ReplaceGraph accepted an invalid language tag")
		}
	})
}

func TestReadOnly(t *testing.T) {
	for _, b := range backends[1:] {
		t.Run(b.name, func(t *testing.T) {
			spec := b.spec(t)
			if _, err := Open(spec, Options{ReadOnly: true}); err == nil {
				t.Fatal("read-only Open created a missing store")
			}
			s := mustOpen(t, spec)
			if _, err := s.Load(docQuads("a", 4)); err != nil {
				t.Fatal(err)
			}
			s.Close()
			r1, err := Open(spec, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer r1.Close()
			if _, err := r1.Load(docQuads("b", 1)); !errors.Is(err, ErrReadOnly) {
				t.Errorf("Load on read-only store: %v, want ErrReadOnly", err)
			}
			if n := mustCount(t, r1); n != 4 {
				t.Errorf("Count = %d, want 4", n)
			}
			if got := contents(t, r1, iri("a")); len(got) != 4 {
				t.Errorf("QuadsIn read-only = %d quads, want 4", len(got))
			}
			if b.name == "bolt" { // two bolt readers share the file
				r2, err := Open(spec, Options{ReadOnly: true})
				if err != nil {
					t.Fatalf("second read-only Open: %v", err)
				}
				r2.Close()
			}
		})
	}
}

func TestQuadsStopsOnError(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		if _, err := s.Load(docQuads("a", 10)); err != nil {
			t.Fatal(err)
		}
		stop := errors.New("stop")
		n := 0
		err := s.Quads(context.Background(), func(quad.Quad) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("Quads = %v after %d calls; want stop after 1", err, n)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := s.Quads(ctx, func(quad.Quad) error { return nil }); !errors.Is(err, context.Canceled) {
			t.Errorf("Quads with cancelled ctx = %v", err)
		}
	})
}
