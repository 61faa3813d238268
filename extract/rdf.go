package extract

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/cayleygraph/quad"

	o "github.com/dipgraph/dipgraph/ontology"
)

// DocIRI is the IRI of a document.
func DocIRI(d *Document) quad.IRI { return quad.IRI(o.Docs + d.ID) }

// spanIRI is the NIF IRI of a code-point span of the document.
func spanIRI(d *Document, b, e int) quad.IRI {
	buf := make([]byte, 0, len(o.Docs)+len(d.ID)+len("#char=,")+20)
	buf = append(append(append(buf, o.Docs...), d.ID...), "#char="...)
	buf = strconv.AppendInt(buf, int64(b), 10)
	buf = strconv.AppendInt(append(buf, ','), int64(e), 10)
	return quad.IRI(buf)
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

// The IRIs every document's quads use, each made into a quad.Value once
// (a quad.IRI put in an interface is a new allocation every time).
var (
	vType           quad.Value = iri(o.RDFType)
	vSourceDocument quad.Value = iri(o.ClassSourceDocument)
	vTitle          quad.Value = iri(o.DCTitle)
	vDCDate         quad.Value = iri(o.DCDate)
	vSource         quad.Value = iri(o.DCSource)
	vDCType         quad.Value = iri(o.DCType)
	vCreator        quad.Value = iri(o.DCCreator)
	vAgent          quad.Value = iri(o.PROV + "Agent")
	vLabel          quad.Value = iri(o.RDFSLabel)
	vContext        quad.Value = iri(o.NIFContext)
	vIsString       quad.Value = iri(o.NIFIsString)
	vBegin          quad.Value = iri(o.NIFBeginIndex)
	vEnd            quad.Value = iri(o.NIFEndIndex)
	vDerivedFrom    quad.Value = iri(o.PROVWasDerivedFrom)
	vAnchorOf       quad.Value = iri(o.NIFAnchorOf)
	vRefContext     quad.Value = iri(o.NIFReferenceContext)
	vNIFString      quad.Value = iri(o.NIFString)
	vNIFSentence    quad.Value = iri(o.NIFSentence)
	vPrefLabel      quad.Value = iri(o.SKOSPrefLabel)
	vAltLabel       quad.Value = iri(o.SKOSAltLabel)
	vSameAs         quad.Value = iri(o.OWLSameAs)
	vRule           quad.Value = iri(o.PropRule)
	vDenotedBy      quad.Value = iri(o.GAFDenotedBy)
	vClaim          quad.Value = iri(o.ClassClaim)
	vSubject        quad.Value = iri(o.RDFSubject)
	vPredicate      quad.Value = iri(o.RDFPredicate)
	vObject         quad.Value = iri(o.RDFObject)
	vClaimant       quad.Value = iri(o.PropClaimant)
	vDate           quad.Value = iri(o.PropDate)
	vPolarity       quad.Value = iri(o.PropPolarity)
	vCertainty      quad.Value = iri(o.PropCertainty)
	vAgentRole      quad.Value = iri(o.PropAgent)
	vPatient        quad.Value = iri(o.PropPatient)
	vNegative       quad.Value = quad.String("negative")
)

// entryValues are the quad values that describe a gazetteer entry's
// entity, the same in every document that names it: made once per
// Extractor instead of once per document.
type entryValues struct {
	iri, class, prefLabel quad.Value
	altLabels             []quad.Value
	sameAs                quad.Value // nil without a Wikidata id
	num                   int        // the entry's place among all entries in id order
}

// compareIDs orders entities by id: by the entries' places when both have
// the Extractor's values (a comparison of numbers instead of strings that
// share their first bytes), else by the ids themselves.
func compareIDs(a, b *Entity) int {
	if a.vals != nil && b.vals != nil {
		return a.vals.num - b.vals.num
	}
	return strings.Compare(a.ID, b.ID)
}

func newEntryValues(e *o.Entry, num int) *entryValues {
	v := &entryValues{iri: iri(o.Entities + e.ID), class: iri(o.DIP + e.Type), prefLabel: en(e.Label), num: num}
	for _, a := range e.Aliases {
		v.altLabels = append(v.altLabels, en(a))
	}
	if e.Wikidata != "" {
		v.sameAs = iri(o.WD + e.Wikidata)
	}
	return v
}

// spanKey is a byte span of the document.
type spanKey struct{ b, e int }

// packed is the span as one integer, a key of the fast map look-ups
// (a document is far shorter than 4 GB).
func (k spanKey) packed() uint64 { return uint64(k.b)<<32 | uint64(uint32(k.e)) }

// quadBuilder makes the quads of one result, each value made once.
type quadBuilder struct {
	d     *Document
	label quad.Value
	out   []quad.Quad             // the quads, when emit is nil
	emit  func(q quad.Quad) error // takes each quad, else
	err   error                   // emit's first error: no more quads are emitted
	ctx   quad.Value
	// The sets of one document's build; the builder and its maps are kept
	// for the next document (see builders), as making them anew was a
	// good part of what building allocated.
	ents    map[*Entity]quad.Value
	spans   map[uint64]spanInfo      // by spanKey.packed
	denoted map[*Entity][]quad.Value // entity -> its mentions' spans
	sentIRI map[int]quad.Value       // sentence -> its span
	triples map[[4]string]bool       // direct triples written
	claims  map[quad.IRI]bool
	agents  map[string]bool // agents described
	// dip is not cleared: local name -> dip: IRI (classes, relations), the
	// same few names in every document; nor is rules: rule id -> its
	// literal.
	dip, rules map[string]quad.Value
	// A byte offset and its code-point offset: the next span, usually a
	// little further on, is counted from there.
	curByte, curRune int
	// The builder's small strings (IRIs, numbers) are made in arena, a
	// chunk at a time, from the bytes put together in scratch.
	arena, scratch []byte
}

// str returns b as a string made in the arena. Bytes handed out are never
// written again: a full chunk is left to the strings made in it.
func (q *quadBuilder) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(q.arena)-len(q.arena) {
		q.arena = make([]byte, 0, max(16<<10, len(b)))
	}
	n := len(q.arena)
	q.arena = append(q.arena, b...)
	return unsafe.String(&q.arena[n], len(b))
}

// concat is a + b made in the arena.
func (q *quadBuilder) concat(a, b string) string {
	q.scratch = append(append(q.scratch[:0], a...), b...)
	return q.str(q.scratch)
}

// spanIRI is spanIRI(q.d, b, e) made in the arena.
func (q *quadBuilder) spanIRI(b, e int) quad.IRI {
	buf := append(append(append(q.scratch[:0], o.Docs...), q.d.ID...), "#char="...)
	buf = strconv.AppendInt(buf, int64(b), 10)
	q.scratch = strconv.AppendInt(append(buf, ','), int64(e), 10)
	return quad.IRI(q.str(q.scratch))
}

// nonNeg is nonNeg(n) with its digits made in the arena.
func (q *quadBuilder) nonNeg(n int) quad.TypedString {
	q.scratch = strconv.AppendInt(q.scratch[:0], int64(n), 10)
	return quad.TypedString{Value: quad.String(q.str(q.scratch)), Type: o.XSDNonNegativeInteger}
}

// runeOffset is d.RuneOffset(b), counted on from the last offset asked
// for when b is not far after it.
func (q *quadBuilder) runeOffset(b int) int {
	if b < q.curByte || b-q.curByte > runeStride {
		q.curByte, q.curRune = b, q.d.RuneOffset(b)
		return q.curRune
	}
	q.curRune += runeStarts(q.d.Text[q.curByte:b])
	q.curByte = b
	return q.curRune
}

// spanInfo is a span's IRI and the NIF classes it is written with.
type spanInfo struct {
	iri   quad.Value
	typed [2]quad.Value
}

func (q *quadBuilder) add(s, p, obj quad.Value) {
	if q.emit == nil {
		q.out = append(q.out, quad.Quad{Subject: s, Predicate: p, Object: obj, Label: q.label})
	} else if q.err == nil {
		q.err = q.emit(quad.Quad{Subject: s, Predicate: p, Object: obj, Label: q.label})
	}
}

func (q *quadBuilder) entity(e *Entity) quad.Value {
	if e.vals != nil {
		return e.vals.iri
	}
	v, ok := q.ents[e]
	if !ok {
		v = iri(q.concat(o.Entities, e.ID))
		q.ents[e] = v
	}
	return v
}

// entityValues are the values of an entity made in this document (a new
// entity, or one whose entry the Extractor did not see).
func (q *quadBuilder) entityValues(e *Entity) *entryValues {
	v := &entryValues{iri: q.entity(e), class: q.dipIRI(e.Type), prefLabel: en(e.Label)}
	if e.Entry != nil {
		for _, a := range e.Entry.Aliases {
			v.altLabels = append(v.altLabels, en(a))
		}
		if e.Entry.Wikidata != "" {
			v.sameAs = iri(q.concat(o.WD, e.Entry.Wikidata))
		}
	}
	return v
}

func (q *quadBuilder) dipIRI(name string) quad.Value {
	v, ok := q.dip[name]
	if !ok {
		v = iri(o.DIP + name)
		q.dip[name] = v
	}
	return v
}

// ruleValue is quad.String(rule), made once per rule id (every claim
// names its rule).
func (q *quadBuilder) ruleValue(rule string) quad.Value {
	v, ok := q.rules[rule]
	if !ok {
		if len(q.rules) >= maxKeptSet {
			return quad.String(rule) // users' rules without end: no cache
		}
		v = quad.String(rule)
		q.rules[rule] = v
	}
	return v
}

// span returns the IRI of a span, writing its NIF quads the first time
// and its class the first time it is used with that class.
func (q *quadBuilder) span(typ quad.Value, b, e int) quad.Value {
	k := spanKey{b, e}.packed()
	if sp, ok := q.spans[k]; ok {
		if sp.typed[0] != typ && sp.typed[1] != typ {
			if sp.typed[0] == nil {
				sp.typed[0] = typ
			} else {
				sp.typed[1] = typ
			}
			q.spans[k] = sp
			q.add(sp.iri, vType, typ)
		}
		return sp.iri
	}
	d := q.d
	rb := q.runeOffset(b)
	re := q.runeOffset(e)
	var m quad.Value = q.spanIRI(rb, re)
	q.spans[k] = spanInfo{iri: m, typed: [2]quad.Value{typ, nil}}
	q.add(m, vType, typ)
	q.add(m, vAnchorOf, quad.String(d.Text[b:e]))
	q.add(m, vBegin, q.nonNeg(rb))
	q.add(m, vEnd, q.nonNeg(re))
	q.add(m, vRefContext, q.ctx)
	return m
}

// Quads returns the RDF form of a result per the output contract, in a
// deterministic order. label is the graph label of every quad (nil for the
// default graph).
func (r *Result) Quads(label quad.Value) []quad.Quad {
	q := getBuilder()
	q.out = make([]quad.Quad, 0, 32+8*len(r.Mentions)+16*len(r.Facts))
	r.build(q, label)
	out := q.out
	putBuilder(q)
	return out
}

// EachQuad calls fn on the quads Quads returns, in the same order, without
// holding them all: a writer can take them as they are made. It stops at
// fn's first error and returns it.
func (r *Result) EachQuad(label quad.Value, fn func(quad.Quad) error) error {
	q := getBuilder()
	q.emit = fn
	r.build(q, label)
	err := q.err
	putBuilder(q)
	return err
}

// builders recycles quadBuilders between documents.
var builders = sync.Pool{New: func() any {
	return &quadBuilder{ents: map[*Entity]quad.Value{}, spans: map[uint64]spanInfo{}, denoted: map[*Entity][]quad.Value{},
		sentIRI: map[int]quad.Value{}, triples: map[[4]string]bool{}, claims: map[quad.IRI]bool{}, agents: map[string]bool{},
		dip: map[string]quad.Value{}, rules: map[string]quad.Value{}}
}}

// maxKeptSet is the size beyond which a builder's set is dropped rather
// than cleared for the next document: clearing costs its capacity.
const maxKeptSet = 1 << 14

func getBuilder() *quadBuilder { return builders.Get().(*quadBuilder) }

// putBuilder clears q of its document and returns it to builders. The
// strings it made stay valid: the arena's bytes handed out are never
// written again.
func putBuilder(q *quadBuilder) {
	q.d, q.label, q.out, q.emit, q.err, q.ctx = nil, nil, nil, nil, nil, nil
	q.curByte, q.curRune = 0, 0
	if len(q.spans) > maxKeptSet || len(q.ents) > maxKeptSet || len(q.triples) > maxKeptSet || len(q.claims) > maxKeptSet {
		return // a very large document: the next builder starts small
	}
	clear(q.ents)
	clear(q.spans)
	clear(q.denoted)
	clear(q.sentIRI)
	clear(q.triples)
	clear(q.claims)
	clear(q.agents)
	builders.Put(q)
}

func (r *Result) build(q *quadBuilder, label quad.Value) {
	d := r.Doc
	// Each group below is written once; the sets keep repeats out (a span
	// that is both a mention and a sentence, a fact found twice, one
	// claimant behind many claims) at far less cost than a set of quads.
	q.d, q.label = d, label
	add := q.add
	var doc quad.Value = DocIRI(d)
	runeLen := d.RuneLen()
	q.ctx = spanIRI(d, 0, runeLen)
	ctx := q.ctx
	add(doc, vType, vSourceDocument)
	if d.Meta.Title != "" {
		add(doc, vTitle, quad.String(d.Meta.Title))
	}
	if dt, err := ParseISODate(d.Meta.Date); err == nil {
		add(doc, vDCDate, DateLiteral(dt))
	}
	if d.Meta.Source != "" {
		add(doc, vSource, quad.String(d.Meta.Source))
	}
	if d.Meta.Type != "" {
		add(doc, vDCType, quad.String(d.Meta.Type))
	}
	if r.Speaker != nil {
		sp := q.entity(r.Speaker)
		add(doc, vCreator, sp)
		if r.Speaker.Type == AgentType {
			add(sp, vType, vAgent)
			add(sp, vLabel, quad.String(r.Speaker.Label))
		}
	}
	add(ctx, vType, vContext)
	add(ctx, vIsString, quad.String(d.Text))
	add(ctx, vBegin, nonNeg(0))
	add(ctx, vEnd, nonNeg(runeLen))
	add(ctx, vDerivedFrom, doc)

	// Entities with their mentions. A span denotes an entity once: when
	// the mentions are in text order (as Extract leaves them), the
	// mentions of one span follow each other and only their entities need
	// remembering, else every pair.
	inOrder := slices.IsSortedFunc(r.Mentions, compareMentions)
	type denotation struct {
		e *Entity
		spanKey
	}
	denoted := q.denoted
	var denotes map[denotation]bool
	if !inOrder {
		denotes = map[denotation]bool{}
	}
	var run []*Entity // the entities of the mentions of span runKey so far
	runKey := spanKey{-1, -1}
	var ents []*Entity
	for _, m := range r.Mentions {
		mi := q.span(vNIFString, m.Start, m.End)
		k := spanKey{m.Start, m.End}
		if k != runKey {
			run, runKey = run[:0], k
		}
		for _, e := range m.Entities {
			if denoted[e] == nil {
				ents = append(ents, e)
			}
			if inOrder {
				if slices.Contains(run, e) {
					continue
				}
				run = append(run, e)
			} else {
				if denotes[denotation{e, k}] {
					continue
				}
				denotes[denotation{e, k}] = true
			}
			denoted[e] = append(denoted[e], mi)
		}
	}
	// An entity a fact names without a mention (the front-matter speaker of
	// a statement, the speaker's state of an implicit "we") is described
	// too: every relation's ends are typed, labelled entities.
	for _, f := range r.Facts {
		for _, e := range [2]*Entity{f.Subject, f.Object} {
			if e != nil && e.Type != AgentType && denoted[e] == nil {
				denoted[e] = []quad.Value{}
				ents = append(ents, e)
			}
		}
	}
	slices.SortFunc(ents, compareIDs) // ids are unique
	for _, e := range ents {
		s := q.entity(e)
		v := e.vals
		if v == nil {
			v = q.entityValues(e)
		}
		add(s, vType, v.class)
		add(s, vPrefLabel, v.prefLabel)
		for _, a := range v.altLabels {
			add(s, vAltLabel, a)
		}
		if v.sameAs != nil {
			add(s, vSameAs, v.sameAs)
		}
		if e.Entry == nil {
			add(s, vRule, quad.String(e.Rule))
		}
		for _, m := range denoted[e] {
			add(s, vDenotedBy, m)
		}
	}

	// Facts: the direct triple and the claim behind it.
	sentIRI, triples, claims, agents := q.sentIRI, q.triples, q.claims, q.agents
	var key []byte
	for _, f := range r.Facts {
		s := q.entity(f.Subject)
		p := q.dipIRI(f.Relation)
		var obj quad.Value
		if f.Object != nil {
			obj = q.entity(f.Object)
		} else {
			obj = quad.String(f.Literal)
		}
		// The object in the key: a literal, or "\x00" and an entity id
		// (never empty), without joining them into a new string.
		k := [4]string{f.Subject.ID, f.Relation, f.Literal}
		if f.Object != nil {
			k[2], k[3] = "\x00", f.Object.ID
		}
		if !f.Negative && !triples[k] {
			triples[k] = true
			add(s, p, obj)
		}
		sent, ok := sentIRI[f.Sentence]
		if !ok {
			ss := d.Sentences[f.Sentence]
			sent = q.span(vNIFSentence, ss.Start, ss.End)
			sentIRI[f.Sentence] = sent
		}
		// The claim's id hashes what it says, as its subject, predicate
		// and object print (quad.Value's String), the rule and the sentence.
		key = append(append(append(key[:0], '<'), o.Entities...), f.Subject.ID...)
		key = append(append(append(append(key, ">|<"...), o.DIP...), f.Relation...), ">|"...)
		if o, ok := obj.(quad.IRI); ok { // IRI.String, without making the string
			key = append(append(append(key, '<'), o...), '>')
		} else {
			key = append(key, obj.String()...)
		}
		key = append(key, '|')
		key = append(append(key, f.Rule...), '|')
		key = strconv.AppendInt(key, int64(f.Sentence), 10)
		if f.Negative {
			key = append(key, "|negative"...)
		}
		h := sha1.Sum(key)
		var hx [16]byte
		hex.Encode(hx[:], h[:8])
		q.scratch = append(append(append(append(q.scratch[:0], o.Docs...), d.ID...), "#claim-"...), hx[:]...)
		claimIRI := quad.IRI(q.str(q.scratch))
		if claims[claimIRI] {
			continue // the same fact from the same rule and sentence
		}
		claims[claimIRI] = true
		var claim quad.Value = claimIRI
		add(claim, vType, vClaim)
		add(claim, vSubject, s)
		add(claim, vPredicate, p)
		add(claim, vObject, obj)
		if f.Claimant != nil {
			cl := q.entity(f.Claimant)
			add(claim, vClaimant, cl)
			if f.Claimant.Type == AgentType && !agents[f.Claimant.ID] && (r.Speaker == nil || r.Speaker.ID != f.Claimant.ID) {
				agents[f.Claimant.ID] = true
				add(cl, vType, vAgent)
				add(cl, vLabel, quad.String(f.Claimant.Label))
			}
		} else {
			add(claim, vClaimant, doc)
		}
		add(claim, vDerivedFrom, sent)
		add(claim, vRule, q.ruleValue(f.Rule))
		var date quad.Value
		if !f.Date.IsZero() {
			date = DateLiteral(f.Date)
			add(claim, vDate, date)
		}
		if f.Negative {
			add(claim, vPolarity, vNegative)
		}
		if f.Certainty > 0 {
			add(claim, vCertainty, typed(strconv.FormatFloat(f.Certainty, 'f', -1, 64), o.XSDDecimal))
		}
		if f.Event != "" && f.Object != nil && !f.Negative {
			q.scratch = append(append(append(append(q.scratch[:0], o.Docs...), d.ID...), "#event-"...), hx[:]...)
			var ev quad.Value = iri(q.str(q.scratch))
			agent, patient := f.Subject, f.Object
			if ruleSubjectIsPatient(f) {
				agent, patient = f.Object, f.Subject
			}
			add(ev, vType, q.dipIRI(f.Event))
			add(ev, vAgentRole, q.entity(agent))
			add(ev, vPatient, q.entity(patient))
			if date != nil {
				add(ev, vDate, date)
			}
			add(ev, vDenotedBy, sent)
			add(ev, vDerivedFrom, claim)
		}
	}
}

// ruleSubjectIsPatient: relations whose subject is what is acted on.
func ruleSubjectIsPatient(f Fact) bool {
	return f.Relation == "terminatedBy" || f.Relation == "establishedBy" || f.Relation == "signedBy"
}
