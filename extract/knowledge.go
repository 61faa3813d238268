package extract

import (
	"github.com/cayleygraph/quad"

	o "github.com/dipgraph/dipgraph/ontology"
)

// GazetteerQuads is the RDF form of the whole knowledge base: every entry
// with its class, labels (prefLabel, altLabel for names, hiddenLabel for
// modifiers and metonyms), Wikidata link, note, and the facts it states.
func GazetteerQuads(g *o.Gazetteer) []quad.Quad {
	var out []quad.Quad
	add := func(s, p, obj quad.Value) { out = append(out, quad.Quad{Subject: s, Predicate: p, Object: obj}) }
	for _, e := range g.Entries {
		s := iri(e.IRI())
		add(s, iri(o.RDFType), iri(o.DIP+e.Type))
		add(s, iri(o.SKOSPrefLabel), en(e.Label))
		for _, a := range e.Aliases {
			add(s, iri(o.SKOSAltLabel), en(a))
		}
		for _, a := range append(append(append([]string{}, e.Modifiers...), e.Metonyms...), e.Local...) {
			add(s, iri(o.SKOSHiddenLabel), en(a))
		}
		if e.Wikidata != "" {
			add(s, iri(o.OWLSameAs), iri(o.WD+e.Wikidata))
		}
		if e.Note != "" {
			add(s, iri(o.RDFSComment), en(e.Note))
		}
		if e.Date != "" {
			if d, err := ParseISODate(e.Date); err == nil {
				add(s, iri(o.PropDate), DateLiteral(d))
			}
		}
		if e.Place != "" {
			add(s, iri(o.DIP+"heldIn"), quad.String(e.Place))
		}
	}
	for _, l := range g.Links() {
		add(iri(o.Entities+l.Subject), iri(o.DIP+l.Relation), iri(o.Entities+l.Object))
	}
	return out
}
