package extract

import (
	"errors"
	"testing"

	"github.com/cayleygraph/quad"

	o "github.com/dipgraph/dipgraph/ontology"
)

// A span denotes an entity once, whether or not the mentions are in text
// order (Quads has a shortcut for the order Extract leaves them in).
func TestQuadsDenotedOnce(t *testing.T) {
	doc, err := Parse("d.md", []byte("Russia and the Kremlin met."))
	if err != nil {
		t.Fatal(err)
	}
	e := &Entity{ID: "russia", Type: "State", Label: "Russia"}
	for _, ms := range [][]Mention{
		{{0, 6, []*Entity{e}, "label", 0}, {0, 6, []*Entity{e}, "alias", 0}, {15, 22, []*Entity{e}, "metonym", 0}},
		{{15, 22, []*Entity{e}, "metonym", 0}, {0, 6, []*Entity{e}, "label", 0}, {15, 22, []*Entity{e}, "label", 0}},
	} {
		r := &Result{Doc: doc, Mentions: ms}
		var spans []string
		for _, q := range r.Quads(nil) {
			if q.Predicate == iri(o.GAFDenotedBy) {
				spans = append(spans, string(q.Object.(quad.IRI)))
			}
		}
		want0, want1 := o.Docs+"d#char="+"0,6", o.Docs+"d#char=15,22"
		if ms[0].Start == 15 {
			want0, want1 = want1, want0
		}
		if len(spans) != 2 || spans[0] != want0 || spans[1] != want1 {
			t.Errorf("mentions %v: denotedBy %q", ms, spans)
		}
	}
}

// EachQuad hands over exactly the quads of Quads, in order, and stops at
// the first error.
func TestEachQuadSameAsQuads(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("e.md", []byte("---\ndate: 2021-06-01\nspeaker_state: Russia\n---\n"+
		"Russia and the United States signed the agreement on May 5, 2021. We condemned the sanctions imposed by the United States."))
	if err != nil {
		t.Fatal(err)
	}
	r := x.Extract(doc)
	want := r.Quads(quad.IRI("g"))
	var got []quad.Quad
	if err := r.EachQuad(quad.IRI("g"), func(q quad.Quad) error { got = append(got, q); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(want) < 20 {
		t.Fatalf("EachQuad gave %d quads, Quads %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("quad %d: %v, want %v", i, got[i], want[i])
		}
	}
	n := 0
	stop := errors.New("stop")
	if err := r.EachQuad(nil, func(quad.Quad) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("EachQuad after an error: %v, %d calls", err, n)
	}
}

// appendDate writes what Date.String does, for every precision, and
// declines the dates it does not write (years outside 0-9999).
func TestAppendDateSameAsString(t *testing.T) {
	n := 0
	for _, prec := range []Precision{0, Year, Month, Day} {
		for _, y := range []int{-1, 0, 7, 99, 999, 2021, 9999, 10000} {
			for _, m := range []int{0, 1, 9, 10, 12} {
				for _, day := range []int{0, 1, 9, 10, 31} {
					d := Date{Year: y, Month: m, Day: day, Prec: prec}
					got, ok := appendDate(nil, d)
					if ok {
						n++
						if string(got) != d.String() {
							t.Errorf("%+v: %q, want %q", d, got, d.String())
						}
					} else if prec != 0 && y >= 0 && y <= 9999 {
						t.Errorf("%+v declined", d)
					}
				}
			}
		}
	}
	if n < 300 {
		t.Errorf("only %d dates written", n)
	}
}
