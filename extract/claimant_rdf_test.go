package extract

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestUnnamedClaimantDescribed: a front-matter speaker the text never
// names is the claimant of its claims and the document's creator; the
// output types and labels it like every other entity it names.
func TestUnnamedClaimantDescribed(t *testing.T) {
	r, _ := extractFacts(t, "---\nspeaker: Linda Thomas-Greenfield\nspeaker_state: United States\n---\nWe support the Programme of Action.")
	var typed, labelled, claimant bool
	for _, q := range r.Quads(nil) {
		if !strings.HasSuffix(quad.ToString(q.Subject), "/linda-thomas-greenfield>") &&
			!strings.HasSuffix(quad.ToString(q.Object), "/linda-thomas-greenfield>") {
			continue
		}
		p := quad.ToString(q.Predicate)
		typed = typed || strings.HasSuffix(p, "#type>") && strings.HasSuffix(quad.ToString(q.Object), "#Person>")
		labelled = labelled || strings.HasSuffix(p, "#prefLabel>")
		claimant = claimant || strings.HasSuffix(p, "#claimant>")
	}
	if !claimant || !typed || !labelled {
		t.Errorf("speaker as claimant %v, typed %v, labelled %v; want all", claimant, typed, labelled)
	}
}
