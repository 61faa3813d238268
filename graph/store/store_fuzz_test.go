package store

// Fuzz target for the store's write path (issue 9): a graph of quads made
// of arbitrary strings is either refused or stored whole, read back equal,
// with a completeness record that Check accepts.
// `go test -fuzz=FuzzReplaceGraph ./graph/store`.

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"
)

func FuzzReplaceGraph(f *testing.F) {
	f.Add("http://ex.org/doc", "http://ex.org/s", "plain", "", uint8(0))
	f.Add("http://ex.org/doc", "s\n<x>", "line\nbreak \"q\" \\ \x01", "en", uint8(1))
	f.Add("b", "_:x", "caf\xe9", "", uint8(2))
	f.Add(string(ManifestGraph), "http://ex.org/s", "x", "", uint8(0))
	f.Add("http://ex.org/doc", "http://ex.org/doc", "7", "http://www.w3.org/2001/XMLSchema#nonNegativeInteger", uint8(3))
	f.Fuzz(func(t *testing.T, label, s, o, extra string, kind uint8) {
		st, err := Open(SpecMemory, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var obj quad.Value
		switch kind % 4 {
		case 0:
			obj = quad.String(o)
		case 1:
			obj = quad.LangString{Value: quad.String(o), Lang: extra}
		case 2:
			obj = quad.IRI(o)
		case 3:
			obj = quad.TypedString{Value: quad.String(o), Type: quad.IRI(extra)}
		}
		l := quad.IRI(label)
		quads := []quad.Quad{
			{Subject: quad.IRI(s), Predicate: quad.IRI("http://ex.org/p"), Object: obj},
			{Subject: quad.IRI(s), Predicate: QuadCount, Object: quad.String(o)},
			{Subject: l, Predicate: quad.IRI("http://ex.org/q"), Object: quad.IRI(s)},
		}
		if _, _, err := st.ReplaceGraph(l, quads); err != nil {
			return // refused: fine
		}
		want := map[string]bool{}
		for _, q := range quads {
			q.Label = l
			want[q.NQuad()] = true
		}
		got := map[string]bool{}
		err = st.QuadsIn(context.Background(), l, func(q quad.Quad) error { got[q.NQuad()] = true; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("stored %d quads, read back %d: %v", len(want), len(got), got)
		}
		for k := range want {
			if !got[k] {
				t.Fatalf("quad %q not read back: %v", k, got)
			}
		}
		rep, err := st.Check(context.Background(), CheckOptions{})
		if err != nil || !rep.OK() || rep.Complete != 1 {
			t.Fatalf("check: %v %+v", err, rep)
		}
		if n, err := st.RemoveGraph(l); err != nil || n != len(want) {
			t.Fatalf("remove: %d %v", n, err)
		}
		if rep, err := st.Check(context.Background(), CheckOptions{}); err != nil || !rep.OK() || rep.Quads != 0 {
			t.Fatalf("check after remove: %v %+v", err, rep)
		}
	})
}
