package extract

import (
	"errors"
	"slices"
	"strconv"
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

// A sentence that is also a mention's span is one span with both classes:
// its NIF quads once, whether the mentions come in text order (read from
// the mentions, no map) or not (the map of spans).
func TestSentenceThatIsAMention(t *testing.T) {
	doc, err := Parse("s.md", []byte("Russia and the United States met. The United States"))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) != 2 {
		t.Fatalf("sentences %v", doc.Sentences)
	}
	ru := &Entity{ID: "russia", Type: "State", Label: "Russia"}
	us := &Entity{ID: "united-states", Type: "State", Label: "United States"}
	s1 := doc.Sentences[1]
	ms := []Mention{{0, 6, []*Entity{ru}, "label", 0}, {15, 28, []*Entity{us}, "label", 0},
		{s1.Start, s1.End, []*Entity{us}, "label", 1}, {s1.Start + 4, s1.End, []*Entity{us}, "label", 1}}
	facts := []Fact{{Subject: ru, Relation: "accuses", Object: us, Rule: "r", Sentence: 1}}
	count := func(ms []Mention) map[quad.Quad]int {
		n := map[quad.Quad]int{}
		for _, q := range (&Result{Doc: doc, Mentions: ms, Facts: facts}).Quads(nil) {
			n[q]++
		}
		return n
	}
	inOrder := count(ms)
	reversed := count([]Mention{ms[3], ms[2], ms[1], ms[0]})
	span := spanIRIOf(doc, s1.Start, s1.End)
	for _, want := range []quad.Quad{
		{Subject: span, Predicate: iri(o.RDFType), Object: iri(o.NIFString)},
		{Subject: span, Predicate: iri(o.RDFType), Object: iri(o.NIFSentence)},
		{Subject: span, Predicate: iri(o.NIFAnchorOf), Object: quad.String(doc.Text[s1.Start:s1.End])},
	} {
		if inOrder[want] != 1 {
			t.Errorf("in order: %v written %d times", want, inOrder[want])
		}
	}
	if len(inOrder) != len(reversed) {
		t.Errorf("%d quads in order, %d not", len(inOrder), len(reversed))
	}
	for q, n := range inOrder {
		if n != 1 || reversed[q] != 1 {
			t.Errorf("%v: %d times in order, %d not", q, n, reversed[q])
		}
	}
}

func spanIRIOf(d *Document, b, e int) quad.IRI {
	return quad.IRI(o.Docs + d.ID + "#char=" + strconv.Itoa(d.RuneOffset(b)) + "," + strconv.Itoa(d.RuneOffset(e)))
}

// idOrder puts entities in the order sorting them with compareIDs gives:
// entries (numbered in id order) and other entities mixed.
func TestIDOrderSameAsCompareIDs(t *testing.T) {
	all, _ := idOrderEntities()
	q := &quadBuilder{}
	for _, k := range []int{0, 1, 2, 5, 7, 10} {
		for seed := range 5 {
			ents := slices.Clone(all)
			for i := range ents { // a fixed shuffle per seed
				j := (i*7 + seed*3) % len(ents)
				ents[i], ents[j] = ents[j], ents[i]
			}
			ents = ents[:k]
			want := slices.SortedFunc(slices.Values(ents), compareIDs)
			var got []*Entity
			for _, n := range q.idOrder(ents) {
				got = append(got, ents[n])
			}
			if !slices.Equal(got, want) {
				t.Errorf("%d entities, seed %d: %v, want %v", k, seed, idsOf(got), idsOf(want))
			}
		}
	}
}

// idOrderEntities are entities in id order, some of them gazetteer
// entries whose numbers are then in id order too (all, and the entries).
func idOrderEntities() (all, entries []*Entity) {
	ids := []string{"agent-x", "china", "eu", "new-doc", "russia", "state-x", "treaty", "un", "united-states", "zz"}
	entry := map[string]bool{"china": true, "eu": true, "russia": true, "un": true, "united-states": true}
	num := 0
	for _, id := range ids {
		e := &Entity{ID: id}
		if entry[id] {
			e.vals = &entryValues{num: num}
			num += 3
			entries = append(entries, e)
		}
		all = append(all, e)
	}
	return all, entries
}

func idsOf(ents []*Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.ID)
	}
	return out
}
