package extract

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"

	"github.com/cayleygraph/quad"

	o "github.com/dipgraph/dipgraph/ontology"
)

// DocIRI is the IRI of a document.
func DocIRI(d *Document) quad.IRI { return quad.IRI(o.Docs + d.ID) }

// spanIRI is the NIF IRI of a code-point span of the document.
func spanIRI(d *Document, b, e int) quad.IRI {
	return quad.IRI(fmt.Sprintf("%s%s#char=%d,%d", o.Docs, d.ID, b, e))
}

func iri(s string) quad.IRI { return quad.IRI(s) }

func nonNeg(n int) quad.TypedString {
	return quad.TypedString{Value: quad.String(strconv.Itoa(n)), Type: o.XSDNonNegativeInteger}
}

func en(s string) quad.LangString { return quad.LangString{Value: quad.String(s), Lang: "en"} }

func typed(s, dt string) quad.TypedString {
	return quad.TypedString{Value: quad.String(s), Type: quad.IRI(dt)}
}

// DateLiteral is a date at its precision: xsd:gYear, xsd:gYearMonth or xsd:date.
func DateLiteral(d Date) quad.TypedString {
	switch d.Prec {
	case Year:
		return typed(d.String(), o.XSDGYear)
	case Month:
		return typed(d.String(), o.XSDGYearMonth)
	}
	return typed(d.String(), o.XSDDate)
}

// Quads returns the RDF form of a result per the output contract, in a
// deterministic order. label is the graph label of every quad (nil for the
// default graph).
func (r *Result) Quads(label quad.Value) []quad.Quad {
	d := r.Doc
	var out []quad.Quad
	// Each group below is written once; the maps keep repeats out (a span
	// that is both a mention and a sentence, a fact found twice, one
	// claimant behind many claims) at far less cost than a set of quads.
	add := func(s, p, obj quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: obj, Label: label})
	}
	doc := DocIRI(d)
	ctx := spanIRI(d, 0, d.RuneLen())
	add(doc, iri(o.RDFType), iri(o.ClassSourceDocument))
	if d.Meta.Title != "" {
		add(doc, iri(o.DCTitle), quad.String(d.Meta.Title))
	}
	if dt, err := ParseISODate(d.Meta.Date); err == nil {
		add(doc, iri(o.DCDate), DateLiteral(dt))
	}
	if d.Meta.Source != "" {
		add(doc, iri(o.DCSource), quad.String(d.Meta.Source))
	}
	if d.Meta.Type != "" {
		add(doc, iri(o.DCType), quad.String(d.Meta.Type))
	}
	if r.Speaker != nil {
		add(doc, iri(o.DCCreator), iri(o.Entities+r.Speaker.ID))
		if r.Speaker.Type == AgentType {
			add(iri(o.Entities+r.Speaker.ID), iri(o.RDFType), iri(o.PROV+"Agent"))
			add(iri(o.Entities+r.Speaker.ID), iri(o.RDFSLabel), quad.String(r.Speaker.Label))
		}
	}
	add(ctx, iri(o.RDFType), iri(o.NIFContext))
	add(ctx, iri(o.NIFIsString), quad.String(d.Text))
	add(ctx, iri(o.NIFBeginIndex), nonNeg(0))
	add(ctx, iri(o.NIFEndIndex), nonNeg(d.RuneLen()))
	add(ctx, iri(o.PROVWasDerivedFrom), doc)

	type spanType struct {
		b, e int
		typ  string
	}
	spans := map[[2]int]quad.IRI{}
	typedSpans := map[spanType]bool{}
	span := func(typ string, b, e int) quad.IRI {
		if !typedSpans[spanType{b, e, typ}] {
			typedSpans[spanType{b, e, typ}] = true
			if m, ok := spans[[2]int{b, e}]; ok {
				add(m, iri(o.RDFType), iri(typ))
			}
		}
		if m, ok := spans[[2]int{b, e}]; ok {
			return m
		}
		rb, re := d.RuneOffset(b), d.RuneOffset(e)
		m := spanIRI(d, rb, re)
		spans[[2]int{b, e}] = m
		add(m, iri(o.RDFType), iri(typ))
		add(m, iri(o.NIFAnchorOf), quad.String(d.Text[b:e]))
		add(m, iri(o.NIFBeginIndex), nonNeg(rb))
		add(m, iri(o.NIFEndIndex), nonNeg(re))
		add(m, iri(o.NIFReferenceContext), ctx)
		return m
	}

	// Entities with their mentions.
	denoted := map[*Entity][]quad.IRI{}
	denotes := map[*Entity]map[quad.IRI]bool{}
	var ents []*Entity
	for _, m := range r.Mentions {
		mi := span(o.NIFString, m.Start, m.End)
		for _, e := range m.Entities {
			if denoted[e] == nil {
				ents = append(ents, e)
				denotes[e] = map[quad.IRI]bool{}
			}
			if !denotes[e][mi] {
				denotes[e][mi] = true
				denoted[e] = append(denoted[e], mi)
			}
		}
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].ID < ents[j].ID })
	for _, e := range ents {
		s := iri(o.Entities + e.ID)
		add(s, iri(o.RDFType), iri(o.DIP+e.Type))
		add(s, iri(o.SKOSPrefLabel), en(e.Label))
		if e.Entry != nil {
			for _, a := range e.Entry.Aliases {
				add(s, iri(o.SKOSAltLabel), en(a))
			}
			if e.Entry.Wikidata != "" {
				add(s, iri(o.OWLSameAs), iri(o.WD+e.Entry.Wikidata))
			}
		} else {
			add(s, iri(o.PropRule), quad.String(e.Rule))
		}
		for _, m := range denoted[e] {
			add(s, iri(o.GAFDenotedBy), m)
		}
	}

	// Facts: the direct triple and the claim behind it.
	sentIRI := map[int]quad.IRI{}
	triples := map[[4]string]bool{}
	claims := map[quad.IRI]bool{}
	agents := map[string]bool{}
	for _, f := range r.Facts {
		s := iri(o.Entities + f.Subject.ID)
		p := iri(o.DIP + f.Relation)
		var obj quad.Value = quad.String(f.Literal)
		if f.Object != nil {
			obj = iri(o.Entities + f.Object.ID)
		}
		objKey := f.Literal
		if f.Object != nil {
			objKey = "\x00" + f.Object.ID
		}
		if k := [4]string{f.Subject.ID, f.Relation, objKey}; !f.Negative && !triples[k] {
			triples[k] = true
			add(s, p, obj)
		}
		sent, ok := sentIRI[f.Sentence]
		if !ok {
			ss := d.Sentences[f.Sentence]
			sent = span(o.NIFSentence, ss.Start, ss.End)
			sentIRI[f.Sentence] = sent
		}
		key := fmt.Sprintf("%s|%s|%v|%s|%d", s, p, obj, f.Rule, f.Sentence)
		if f.Negative {
			key += "|negative"
		}
		h := sha1.Sum([]byte(key))
		claim := iri(fmt.Sprintf("%s%s#claim-%s", o.Docs, d.ID, hex.EncodeToString(h[:8])))
		if claims[claim] {
			continue // the same fact from the same rule and sentence
		}
		claims[claim] = true
		add(claim, iri(o.RDFType), iri(o.ClassClaim))
		add(claim, iri(o.RDFSubject), s)
		add(claim, iri(o.RDFPredicate), p)
		add(claim, iri(o.RDFObject), obj)
		if f.Claimant != nil {
			add(claim, iri(o.PropClaimant), iri(o.Entities+f.Claimant.ID))
			if f.Claimant.Type == AgentType && !agents[f.Claimant.ID] && (r.Speaker == nil || r.Speaker.ID != f.Claimant.ID) {
				agents[f.Claimant.ID] = true
				add(iri(o.Entities+f.Claimant.ID), iri(o.RDFType), iri(o.PROV+"Agent"))
				add(iri(o.Entities+f.Claimant.ID), iri(o.RDFSLabel), quad.String(f.Claimant.Label))
			}
		} else {
			add(claim, iri(o.PropClaimant), doc)
		}
		add(claim, iri(o.PROVWasDerivedFrom), sent)
		add(claim, iri(o.PropRule), quad.String(f.Rule))
		if !f.Date.IsZero() {
			add(claim, iri(o.PropDate), DateLiteral(f.Date))
		}
		if f.Negative {
			add(claim, iri(o.PropPolarity), quad.String("negative"))
		}
		if f.Certainty > 0 {
			add(claim, iri(o.PropCertainty), typed(strconv.FormatFloat(f.Certainty, 'f', -1, 64), o.XSDDecimal))
		}
		if f.Event != "" && f.Object != nil && !f.Negative {
			ev := iri(fmt.Sprintf("%s%s#event-%s", o.Docs, d.ID, hex.EncodeToString(h[:8])))
			agent, patient := f.Subject, f.Object
			if ruleSubjectIsPatient(f) {
				agent, patient = f.Object, f.Subject
			}
			add(ev, iri(o.RDFType), iri(o.DIP+f.Event))
			add(ev, iri(o.PropAgent), iri(o.Entities+agent.ID))
			add(ev, iri(o.PropPatient), iri(o.Entities+patient.ID))
			if !f.Date.IsZero() {
				add(ev, iri(o.PropDate), DateLiteral(f.Date))
			}
			add(ev, iri(o.GAFDenotedBy), sent)
			add(ev, iri(o.PROVWasDerivedFrom), claim)
		}
	}
	return out
}

// ruleSubjectIsPatient: relations whose subject is what is acted on.
func ruleSubjectIsPatient(f Fact) bool {
	return f.Relation == "terminatedBy" || f.Relation == "establishedBy" || f.Relation == "signedBy"
}
