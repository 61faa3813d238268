package store

import (
	"hash/maphash"
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// TestDedupe checks the hashed dedupe against the key strings: the same
// quads kept, in the same order, whatever Go types carry equal keys.
func TestDedupe(t *testing.T) {
	tm := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	var in []quad.Quad
	for _, o := range []quad.Value{
		iri("o"), quad.BNode("o"), quad.String("o"), quad.String("<http://example.org/o>"),
		quad.TypedString{Value: "o", Type: "http://example.org/t"}, quad.LangString{Value: "o", Lang: "en"},
		quad.Int(1), quad.Float(1), quad.Bool(true), quad.Time(tm), quad.Time(tm.In(time.FixedZone("X", 3600))),
		quad.String(""), quad.String("a\x00b"),
	} {
		for _, l := range []quad.Value{nil, iri("g"), quad.BNode("g")} {
			q := quad.Quad{Subject: iri("s"), Predicate: iri("p"), Object: o, Label: l}
			in = append(in, q, q)
		}
	}
	// Terms that run together differently.
	in = append(in, quad.Quad{Subject: iri("ab"), Predicate: iri("c"), Object: quad.String("d")},
		quad.Quad{Subject: iri("a"), Predicate: iri("bc"), Object: quad.String("d")})
	want := dedupeKeys(in)
	check := func(what string) []quad.Quad {
		got := dedupe(in)
		if !slices.Equal(nquads(got), nquads(want)) || len(got) != len(want) {
			t.Fatalf("%s: dedupe kept %d quads:\n%q\ndedupeKeys %d:\n%q", what, len(got), nquads(got), len(want), nquads(want))
		}
		return got
	}
	got := check("hashed")
	// Every quad with one hash: the collision path.
	dedupeHash = func(*maphash.Hash, quad.Quad) uint64 { return 1 }
	check("colliding")
	dedupeHash = hashKey
	if len(got) > len(in)/2+1 {
		t.Fatalf("dedupe kept %d of %d quads", len(got), len(in))
	}
	// Equal keys hash alike.
	var h maphash.Hash
	for _, q := range in {
		for _, r := range in {
			if keyOf(q) == keyOf(r) && hashKey(&h, q) != hashKey(&h, r) {
				t.Fatalf("%s and %s: equal keys, different hashes", describe(q), describe(r))
			}
		}
	}
}
