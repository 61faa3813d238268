package queries

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// The helpers of lib.js, natively: the same names, the same rows.

const (
	nsRDF  = ontology.RDF
	nsDIP  = ontology.DIP
	nsSKOS = "http://www.w3.org/2004/02/skos/core#"
	nsPROV = "http://www.w3.org/ns/prov#"
	nsNIF  = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
	nsGAF  = "http://groundedannotationframework.org/gaf#"
	nsOWL  = "http://www.w3.org/2002/07/owl#"

	rdfType        = nsRDF + "type"
	rdfSubject     = nsRDF + "subject"
	rdfPredicate   = nsRDF + "predicate"
	rdfObject      = nsRDF + "object"
	provDerived    = nsPROV + "wasDerivedFrom"
	gafDenotedBy   = nsGAF + "denotedBy"
	nifAnchorOf    = nsNIF + "anchorOf"
	nifRefContext  = nsNIF + "referenceContext"
	dipClaimant    = nsDIP + "claimant"
	dipDate        = nsDIP + "date"
	dipCertainty   = nsDIP + "certainty"
	dipPolarity    = nsDIP + "polarity"
	dipRule        = nsDIP + "rule"
	dipAgent       = nsDIP + "agent"
	dipPatient     = nsDIP + "patient"
	dipClaimClass  = nsDIP + "Claim"
	xsdGYear       = ontology.XSD + "gYear"
	xsdGYearMonth  = ontology.XSD + "gYearMonth"
	xsdDate        = ontology.XSD + "date"
	rdfLangString  = nsRDF + "langString"
	xsdStringIRI   = ontology.XSD + "string"
	positiveString = "positive"
)

// eventClasses are lib.js's EVENT_CLASSES.
var eventClasses = []string{"Establishment", "Termination", "Suspension", "Resumption",
	"Accusation", "Sanction", "Summit", "Statement"}

func (r *nrun) dipTerms(names ...string) []int32 {
	out := make([]int32, len(names))
	for i, n := range names {
		out[i] = r.iri(nsDIP + n)
	}
	return out
}

// nodesOf is the distinct nodes of several paths, in order.
func nodesOf(lists ...[]int32) []int32 {
	var out []int32
	seen := map[int32]bool{}
	for _, l := range lists {
		for _, t := range l {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// readNodes is lib.js's read(path, null) over the nodes of paths: every
// edge out of each node, read in one prefix scan each; it returns the
// nodes with an edge out.
func (r *nrun) readNodes(lists ...[]int32) []int32 {
	list := nodesOf(lists...)
	r.readBulk(list)
	var out []int32
	for _, t := range list {
		if e := r.edgesOf(t); e != nil && e.any() {
			out = append(out, t)
		}
	}
	return out
}

// targets is lib.js's targets: the distinct nodes the nodes of list lead
// to by p.
func (r *nrun) targets(list []int32, p string) []int32 {
	var out []int32
	seen := map[int32]bool{}
	for _, n := range list {
		for _, t := range r.outs(n, p) {
			if r.isNode(t) && !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// readClaims is lib.js's readClaims: the claims of paths (nodes with an
// edge out), their sentences read too.
func (r *nrun) readClaims(docs bool, lists ...[]int32) []int32 {
	claims := r.readNodes(lists...)
	r.prefetch(claims, rdfType, rdfSubject, rdfPredicate, rdfObject, provDerived,
		dipClaimant, dipDate, dipCertainty, dipPolarity, dipRule)
	r.readSentences(r.targets(claims, provDerived), docs)
	return claims
}

// readEvents is lib.js's readEvents: the events of paths, the claims they
// come from and their sentences read too.
func (r *nrun) readEvents(lists ...[]int32) []int32 {
	events := r.readNodes(lists...)
	r.prefetch(events, rdfType, provDerived, gafDenotedBy, dipAgent, dipPatient, dipDate)
	claims := r.targets(events, provDerived)
	r.readBulk(claims)
	r.prefetch(claims, dipClaimant)
	r.readSentences(r.targets(events, gafDenotedBy), false)
	return events
}

// readSentences reads sentences and, if docs, their contexts' documents.
func (r *nrun) readSentences(sents []int32, docs bool) {
	r.outsEach(sents, nifAnchorOf)
	r.prefetch(sents, nifAnchorOf)
	if docs {
		r.outsEach(sents, nifRefContext)
		r.prefetch(sents, nifRefContext)
		ctxs := r.targets(sents, nifRefContext)
		r.outsEach(ctxs, provDerived)
		r.prefetch(ctxs, provDerived)
	}
}

type claimT struct{ c, s, p, o int32 }

// claimsOf is lib.js's claimsOf: the dip:Claims of list with each
// combination of their subject, predicate and object.
func (r *nrun) claimsOf(list []int32) []claimT {
	claim := r.iri(dipClaimClass)
	var res []claimT
	for _, c := range list {
		if !contains(r.outs(c, rdfType), claim) {
			continue
		}
		for _, s := range r.outs(c, rdfSubject) {
			for _, p := range r.outs(c, rdfPredicate) {
				for _, o := range r.outs(c, rdfObject) {
					res = append(res, claimT{c, s, p, o})
				}
			}
		}
	}
	return res
}

// eventsOf is lib.js's eventsOf: [event, class] for the event classes.
func (r *nrun) eventsOf(list []int32) [][2]int32 {
	classes := r.dipTerms(eventClasses...)
	var res [][2]int32
	for _, e := range list {
		for _, c := range r.outs(e, rdfType) {
			if contains(classes, c) {
				res = append(res, [2]int32{e, c})
			}
		}
	}
	return res
}

// instances is lib.js's instances: [node, class] for the nodes typed with
// one of classes.
func (r *nrun) instances(classes []int32) [][2]int32 {
	var out [][2]int32
	for _, c := range classes {
		for _, n := range r.insOf(c, rdfType) {
			out = append(out, [2]int32{n, c})
		}
	}
	return out
}

type sentT struct{ sentence, quote, document int32 }

// sentences is lib.js's sentences(node, via, docs).
func (r *nrun) sentences(node int32, via string, docs bool) []sentT {
	var res []sentT
	for _, s := range r.outs(node, via) {
		var ds []int32
		if docs {
			for _, ctx := range r.outs(s, nifRefContext) {
				ds = append(ds, r.outs(ctx, provDerived)...)
			}
		}
		for _, q := range opt(r.outs(s, nifAnchorOf)) {
			for _, d := range opt(ds) {
				res = append(res, sentT{s, q, d})
			}
		}
	}
	if len(res) == 0 {
		return []sentT{{none, none, none}}
	}
	return res
}

type detailT struct {
	claimant, date, certainty, polarity, rule int32
	sentT
}

// polarity is lib.js's bound(pol) ? pol : "positive".
func (r *nrun) polarity(pol int32) int32 {
	if pol == none {
		return r.str(positiveString)
	}
	return pol
}

// details is lib.js's details(c, docs).
func (r *nrun) details(c int32, docs bool) []detailT {
	var res []detailT
	sents := r.sentences(c, provDerived, docs)
	for _, claimant := range opt(r.outs(c, dipClaimant)) {
		for _, date := range opt(r.outs(c, dipDate)) {
			for _, cert := range opt(r.outs(c, dipCertainty)) {
				for _, pol := range opt(r.outs(c, dipPolarity)) {
					for _, rule := range opt(r.outs(c, dipRule)) {
						for _, s := range sents {
							res = append(res, detailT{claimant, date, cert, r.polarity(pol), rule, s})
						}
					}
				}
			}
		}
	}
	return res
}

// setDetails sets the columns of a details row.
func (r *nrun) setDetails(d detailT) {
	r.set("claimant", d.claimant)
	r.set("date", d.date)
	r.set("certainty", d.certainty)
	r.set("polarity", d.polarity)
	r.set("rule", d.rule)
	r.set("sentence", d.sentence)
	r.set("quote", d.quote)
	r.set("document", d.document)
}

// claimantsOf lists the claimants of the claims node was derived from.
func (r *nrun) claimantsOf(node int32) []int32 {
	var out []int32
	for _, claim := range r.outs(node, provDerived) {
		out = append(out, r.outs(claim, dipClaimant)...)
	}
	return out
}

// datatypeOf is lib.js's datatypeOf ("" for null: unbound, an IRI, a
// number).
func (r *nrun) datatypeOf(t int32) string {
	if t == none || r.terms[t].native {
		return ""
	}
	switch v := r.terms[t].v.(type) {
	case quad.String:
		return xsdStringIRI
	case quad.LangString:
		return rdfLangString
	case quad.TypedString:
		return string(v.Type)
	}
	return ""
}

// precision is lib.js's precision(d): year, month, day, other (none for
// null).
func (r *nrun) precision(d int32) int32 {
	switch r.datatypeOf(d) {
	case "":
		return none
	case xsdGYear:
		return r.str("year")
	case xsdGYearMonth:
		return r.str("month")
	case xsdDate:
		return r.str("day")
	}
	return r.str("other")
}

// inRange is lib.js's inRange(d, from, to).
func (r *nrun) inRange(d, from, to int32) bool {
	if from == none && to == none {
		return true
	}
	if d == none {
		return false
	}
	s := r.lex(d)
	if from != none && !(!jsLess(s, r.lex(from))) {
		return false
	}
	if to != none && !(!jsLess(r.lex(to), s) || strings.HasPrefix(s, r.lex(to))) {
		return false
	}
	return true
}
