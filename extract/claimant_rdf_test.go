package extract

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestUnnamedClaimantDescribed: a front-matter speaker the text never
// names is the claimant of its claims and the document's creator; the
// output labels it as the prov:Agent it is there, without a dip: class (it
// is no entity the text mentions, so it is not counted as one).
func TestUnnamedClaimantDescribed(t *testing.T) {
	r, _ := extractFacts(t, "---\nspeaker: Linda Thomas-Greenfield\nspeaker_state: United States\n---\nWe support the Programme of Action.")
	var agent, labelled, claimant, dipClass bool
	for _, q := range r.Quads(nil) {
		if !strings.HasSuffix(quad.ToString(q.Subject), "/linda-thomas-greenfield>") &&
			!strings.HasSuffix(quad.ToString(q.Object), "/linda-thomas-greenfield>") {
			continue
		}
		p, o := quad.ToString(q.Predicate), quad.ToString(q.Object)
		agent = agent || strings.HasSuffix(p, "#type>") && o == "<http://www.w3.org/ns/prov#Agent>"
		dipClass = dipClass || strings.HasSuffix(p, "#type>") && strings.Contains(o, "dipgraph/ontology#")
		labelled = labelled || strings.HasSuffix(p, "#label>") && strings.Contains(o, "Linda Thomas-Greenfield")
		claimant = claimant || strings.HasSuffix(p, "#claimant>")
	}
	if !claimant || !agent || !labelled || dipClass {
		t.Errorf("speaker as claimant %v, prov:Agent %v, labelled %v, dip: class %v; want true, true, true, false", claimant, agent, labelled, dipClass)
	}
	// Named in the text, the speaker is an entity like the others.
	r, _ = extractFacts(t, "---\nspeaker: Linda Thomas-Greenfield\nspeaker_state: United States\n---\nLinda Thomas-Greenfield said we support the Programme of Action.")
	typed := false
	for _, q := range r.Quads(nil) {
		typed = typed || strings.HasSuffix(quad.ToString(q.Subject), "/linda-thomas-greenfield>") && quad.ToString(q.Object) == "<https://w3id.org/dipgraph/ontology#Person>"
	}
	if !typed {
		t.Errorf("a named speaker is not a dip:Person")
	}
}
