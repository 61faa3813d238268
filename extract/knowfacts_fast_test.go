package extract

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dipgraph/dipgraph/ontology"
)

// TestInIDOrderSameAsCompareIDs: knowledgeFacts' order of entities, by
// packed numbers when all are entries, is the order compareIDs gives.
func TestInIDOrderSameAsCompareIDs(t *testing.T) {
	all, entries := idOrderEntities()
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		from := all
		if i%2 == 0 {
			from = entries // the packed numbers' way
		}
		ents := slices.Clone(from)
		r.Shuffle(len(ents), func(a, b int) { ents[a], ents[b] = ents[b], ents[a] })
		ents = ents[:r.IntN(len(ents)+1)]
		want := slices.SortedFunc(slices.Values(ents), compareIDs)
		got := inIDOrder(slices.Clone(ents), func(e *Entity) *Entity { return e })
		if !slices.Equal(got, want) {
			t.Fatalf("order of %v: %v, want %v", idsOf(ents), idsOf(got), idsOf(want))
		}
	}
}

// TestStatedFactsSameAsMap: whether the text states a link, searched
// among few facts or looked up in a map of many, is what the map of all
// the facts between entities whose subject has links says.
func TestStatedFactsSameAsMap(t *testing.T) {
	ids := []string{"a", "b", "c", "d"}
	rels := []string{"memberOf", "partOf"}
	ents := map[string]*Entity{}
	for _, id := range ids {
		ents[id] = &Entity{ID: id}
	}
	knowLinks := map[string][]ontology.Link{"a": {{}}, "b": {{}}, "c": {{}}} // "d" has none
	r := rand.New(rand.NewPCG(5, 6))
	found := 0
	for _, n := range []int{0, 1, 5, 32, 33, 80} {
		for range 20 {
			var facts []Fact
			want := map[[3]string]bool{}
			for range n {
				f := Fact{Subject: ents[ids[r.IntN(4)]], Relation: rels[r.IntN(2)]}
				if r.IntN(4) > 0 {
					f.Object = ents[ids[r.IntN(4)]]
					if len(knowLinks[f.Subject.ID]) > 0 {
						want[[3]string{f.Subject.ID, f.Relation, f.Object.ID}] = true
					}
				}
				facts = append(facts, f)
			}
			s := statedFacts{facts: facts}
			for _, sub := range ids[:3] { // the subjects of links have links
				for _, rel := range rels {
					for _, obj := range ids {
						l := ontology.Link{Subject: sub, Relation: rel, Object: obj}
						got := s.states(l, knowLinks)
						if got != want[[3]string{sub, rel, obj}] {
							t.Fatalf("%d facts, link %v: %v", n, l, got)
						}
						if got {
							found++
						}
					}
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no link stated")
	}
}
