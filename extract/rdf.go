package extract

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
	o "github.com/dipgraph/dipgraph/ontology"
)

// DocIRI is the IRI of a document.
func DocIRI(d *Document) quad.IRI { return quad.IRI(o.Docs + d.ID) }

func iri(s string) quad.IRI { return quad.IRI(s) }

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

// spanKey is a byte span of the document.
type spanKey struct{ b, e int }

// packed is the span as one integer, a key of the fast map look-ups
// (a document is far shorter than 4 GB).
func (k spanKey) packed() uint64 { return uint64(k.b)<<32 | uint64(uint32(k.e)) }

// quadBuilder makes the quads of one result, each value made once, or
// their N-Triples or N-Quads lines (lines).
type quadBuilder struct {
	d     *Document
	label quad.Value
	out   []quad.Quad             // the quads, when emit is nil
	emit  func(q quad.Quad) error // takes each quad, else
	err   error                   // emit's first error: no more quads are emitted
	// Line mode (AppendLines): the lines are appended to buf, each ended
	// by suffix (" .\n", or the graph label and " .\n"); bad is set by
	// the first term without an N-Triples form, and no line is written
	// after it. docOK: the document's id may end an IRI.
	lines, bad, docOK bool
	buf               []byte
	suffix            string
	ctx               term
	// The sets of one document's build; the builder and its maps are kept
	// for the next document (see builders), as making them anew was a
	// good part of what building allocated.
	ents    map[*Entity]term
	spans   map[uint64]spanInfo // by spanKey.packed
	entNum  map[*Entity]int32   // entity -> its place in entBuf
	sentIRI map[int]term        // sentence -> its span
	triples map[[4]string]bool  // direct triples written
	claims  map[[16]byte]bool   // by the claim IRI's hash
	agents  map[string]bool     // agents described
	// Slices of build kept for the next document: the entities described
	// (entBuf), the span of each mention in text order (mspans), the
	// mentions' spans with their entities' places (dens), the same spans
	// by entity (byEnt, ends) and the entities in id order (order, keys).
	entBuf      []*Entity
	mspans      []term
	dens        []denoted
	byEnt       []term
	ends, order []int32
	keys        []uint64
	// dip is not cleared: local name -> dip: IRI (classes, relations), the
	// same few names in every document; nor is rules: rule id -> its
	// literal. Their terms have both forms.
	dip, rules map[string]term
	// A byte offset and its code-point offset: the next span, usually a
	// little further on, is counted from there.
	curByte, curRune int
	// The builder's small strings (IRIs, numbers) are made in arena, a
	// chunk at a time, from the bytes put together in scratch. In line
	// mode they are made in lineArena, whose last chunk is used again by
	// the next document: no string of line mode outlives its build.
	arena, lineArena, scratch []byte
	// Line mode: the pieces of a span's lines that are the same for every
	// span of the document (see spanLines).
	charPrefix, tailString, tailSentence, tailNum, tailCtx string
}

// str returns b as a string made in the arena. Bytes handed out are never
// written again (in line mode, not before the next build): a full chunk is
// left to the strings made in it.
func (q *quadBuilder) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	a := &q.arena
	if q.lines {
		a = &q.lineArena
	}
	if len(b) > cap(*a)-len(*a) {
		*a = make([]byte, 0, max(64<<10, len(b)))
	}
	n := len(*a)
	*a = append(*a, b...)
	return unsafe.String(&(*a)[n], len(b))
}

// concat is a + b made in the arena.
func (q *quadBuilder) concat(a, b string) string {
	q.scratch = append(append(q.scratch[:0], a...), b...)
	return q.str(q.scratch)
}

// nonNeg is n as an xsd:nonNegativeInteger, its digits made in the arena.
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

// denoted is a mention's span, the object of a gaf:denotedBy of entity
// number ent.
type denoted struct {
	ent  int32
	span term
}

// spanInfo is a span's IRI and the NIF classes it is written with.
type spanInfo struct {
	iri   term
	typed [2]quad.Value
}

func (q *quadBuilder) entity(e *Entity) term {
	if e.vals != nil {
		return e.vals.iri
	}
	v, ok := q.ents[e]
	if !ok {
		v = q.iriTerm(o.Entities, e.ID)
		q.ents[e] = v
	}
	return v
}

// entityValues are the values of an entity made in this document (a new
// entity, or one whose entry the Extractor did not see).
func (q *quadBuilder) entityValues(e *Entity) *entryValues {
	v := &entryValues{iri: q.entity(e), class: q.dipIRI(e.Type), prefLabel: q.langTerm(e.Label)}
	if e.Entry != nil {
		for _, a := range e.Entry.Aliases {
			v.altLabels = append(v.altLabels, q.langTerm(a))
		}
		if e.Entry.Wikidata != "" {
			v.sameAs, v.wd = q.iriTerm(o.WD, e.Entry.Wikidata), true
		}
	}
	return v
}

func (q *quadBuilder) dipIRI(name string) term {
	v, ok := q.dip[name]
	if !ok {
		v = valueTerm(iri(o.DIP + name))
		q.dip[name] = v
	}
	return v
}

// ruleValue is the literal of a rule id, made once per rule id (every
// claim names its rule).
func (q *quadBuilder) ruleValue(rule string) term {
	v, ok := q.rules[rule]
	if !ok {
		if len(q.rules) >= maxKeptSet {
			return valueTerm(quad.String(rule)) // users' rules without end: no cache
		}
		v = valueTerm(quad.String(rule))
		q.rules[rule] = v
	}
	return v
}

// span returns the IRI of a span, writing its NIF quads the first time
// and its class the first time it is used with that class.
func (q *quadBuilder) span(typ term, b, e int) term {
	k := spanKey{b, e}.packed()
	if sp, ok := q.spans[k]; ok {
		if sp.typed[0] != typ.v && sp.typed[1] != typ.v {
			if sp.typed[0] == nil {
				sp.typed[0] = typ.v
			} else {
				sp.typed[1] = typ.v
			}
			q.spans[k] = sp
			q.add(sp.iri, vType, typ)
		}
		return sp.iri
	}
	m := q.newSpan(typ, b, e)
	q.spans[k] = spanInfo{iri: m, typed: [2]quad.Value{typ.v, nil}}
	return m
}

// newSpan writes the NIF quads of a span not written before, with its
// class, and returns its IRI.
func (q *quadBuilder) newSpan(typ term, b, e int) term {
	rb := q.runeOffset(b)
	re := q.runeOffset(e)
	if q.lines {
		return q.spanLines(typ, b, e, rb, re)
	}
	m := q.spanTerm(rb, re)
	q.add(m, vType, typ)
	q.addLit(m, vAnchorOf, q.d.Text[b:e])
	q.addNum(m, vBegin, rb)
	q.addNum(m, vEnd, re)
	q.add(m, vRefContext, q.ctx)
	return m
}

// idOrder returns the places of ents in id order (ids are unique), as
// sorting them with compareIDs does: the entities of gazetteer entries by
// their numbers, in id order, packed with their places into integers that
// sort without a comparison function; the others by id; then the two
// merged.
func (q *quadBuilder) idOrder(ents []*Entity) []int32 {
	keys, order := q.keys[:0], q.order[:0]
	for n, e := range ents {
		if e.vals != nil {
			keys = append(keys, uint64(e.vals.num)<<32|uint64(n))
		} else {
			order = append(order, int32(n))
		}
	}
	slices.Sort(keys)
	others := len(order)
	if others == 0 {
		for _, k := range keys {
			order = append(order, int32(uint32(k)))
		}
		q.keys, q.order = keys, order
		return order
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(ents[a].ID, ents[b].ID) })
	// Merged after the others, which then move to the front.
	i, j := 0, 0
	for i < len(keys) || j < others {
		if j == others || i < len(keys) && ents[uint32(keys[i])].ID < ents[order[j]].ID {
			order = append(order, int32(uint32(keys[i])))
			i++
		} else {
			order = append(order, order[j])
			j++
		}
	}
	order = append(order[:0], order[others:]...)
	q.keys, q.order = keys, order
	return order
}

// mentionSpan adds the span b, e to the spans written, as a mention's
// (class nif:String), when a mention in text order has it and it is not
// there yet; mspans are the IRIs of the mentions' spans, by mention.
func (q *quadBuilder) mentionSpan(ms []Mention, mspans []term, b, e int) {
	k := spanKey{b, e}.packed()
	if _, ok := q.spans[k]; ok {
		return
	}
	i := sort.Search(len(ms), func(i int) bool { // by index: a Mention is seven words to copy
		m := &ms[i]
		return m.Start > b || m.Start == b && m.End >= e
	})
	if i < len(ms) && ms[i].Start == b && ms[i].End == e {
		q.spans[k] = spanInfo{iri: mspans[i], typed: [2]quad.Value{vNIFString.v, nil}}
	}
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

// AppendLines appends the lines of the quads Quads returns, in the same
// order, to dst: N-Quads with label as every line's graph, N-Triples when
// label is nil. They are the bytes rdfio's LineEncoder writes for those
// quads, made without the quads: most terms are written from N-Triples
// forms made once (vocabulary, gazetteer entities), the others straight
// into dst. When a term cannot be written (an IRI or a text the writers
// refuse) the document goes through the LineEncoder instead, which returns
// the lines before that quad and the writers' error.
func (r *Result) AppendLines(dst []byte, label quad.Value) ([]byte, error) {
	q := getBuilder()
	q.lines, q.buf = true, dst
	r.build(q, label)
	out, bad := q.buf, q.bad
	putBuilder(q)
	if !bad {
		return out, nil
	}
	format := "ntriples"
	if label != nil {
		format = "nquads"
	}
	enc, _ := rdfio.NewLineEncoder(format)
	out = out[:len(dst)]
	err := r.EachQuad(label, func(q quad.Quad) error {
		var err error
		out, err = enc.AppendTerms(out, q.Subject, q.Predicate, q.Object, q.Label)
		return err
	})
	return out, err
}

// builders recycles quadBuilders between documents.
var builders = sync.Pool{New: func() any {
	return &quadBuilder{ents: map[*Entity]term{}, spans: map[uint64]spanInfo{}, entNum: map[*Entity]int32{},
		sentIRI: map[int]term{}, triples: map[[4]string]bool{}, claims: map[[16]byte]bool{}, agents: map[string]bool{},
		dip: map[string]term{}, rules: map[string]term{}}
}}

// maxKeptSet is the size beyond which a builder's set is dropped rather
// than cleared for the next document: clearing costs its capacity.
const maxKeptSet = 1 << 14

func getBuilder() *quadBuilder { return builders.Get().(*quadBuilder) }

// putBuilder clears q of its document and returns it to builders. The
// strings it made stay valid: the arena's bytes handed out are never
// written again.
func putBuilder(q *quadBuilder) {
	q.d, q.label, q.out, q.emit, q.err, q.ctx = nil, nil, nil, nil, nil, term{}
	q.lines, q.bad, q.docOK, q.buf, q.suffix = false, false, false, nil, ""
	q.charPrefix, q.tailString, q.tailSentence, q.tailNum, q.tailCtx = "", "", "", "", ""
	q.curByte, q.curRune = 0, 0
	if len(q.spans) > maxKeptSet || len(q.ents) > maxKeptSet || len(q.triples) > maxKeptSet || len(q.claims) > maxKeptSet {
		return // a very large document: the next builder starts small
	}
	clear(q.ents)
	clear(q.spans)
	clear(q.entNum)
	clear(q.entBuf) // no entity or string of this document kept alive
	clear(q.dens)
	clear(q.byEnt)
	clear(q.mspans)
	clear(q.sentIRI)
	clear(q.triples)
	clear(q.claims)
	clear(q.agents)
	builders.Put(q)
}

// start sets q up for the build of d.
func (q *quadBuilder) start(d *Document, label quad.Value) {
	q.d, q.label = d, label
	if !q.lines {
		return
	}
	q.lineArena = q.lineArena[:0]
	q.docOK = rdfio.ValidIRIPart(d.ID)
	q.suffix = " .\n"
	if label != nil {
		if l, ok := label.(quad.IRI); ok && rdfio.ValidIRI(string(l)) {
			q.suffix = " <" + string(l) + "> .\n"
		} else {
			q.bad = true // a label of another kind: the LineEncoder writes it
		}
	}
	q.charPrefix = "<" + o.Docs + d.ID + "#char="
	q.tailString = " " + vType.nt + " " + vNIFString.nt + q.suffix
	q.tailSentence = " " + vType.nt + " " + vNIFSentence.nt + q.suffix
	q.tailNum = "\"" + sfxNonNeg + q.suffix
}

func (r *Result) build(q *quadBuilder, label quad.Value) {
	d := r.Doc
	// Each group below is written once; the sets keep repeats out (a span
	// that is both a mention and a sentence, a fact found twice, one
	// claimant behind many claims) at far less cost than a set of quads.
	q.start(d, label)
	doc := q.docPart("", nil)
	runeLen := d.RuneLen()
	q.ctx = q.spanTerm(0, runeLen)
	ctx := q.ctx
	if q.lines {
		q.tailCtx = " " + vRefContext.nt + " " + ctx.nt + q.suffix
	}
	q.add(doc, vType, vSourceDocument)
	if d.Meta.Title != "" {
		q.addLit(doc, vTitle, d.Meta.Title)
	}
	if dt, err := ParseISODate(d.Meta.Date); err == nil {
		q.add(doc, vDCDate, q.dateTerm(dt))
	}
	if d.Meta.Source != "" {
		q.addLit(doc, vSource, d.Meta.Source)
	}
	if d.Meta.Type != "" {
		q.addLit(doc, vDCType, d.Meta.Type)
	}
	if r.Speaker != nil {
		sp := q.entity(r.Speaker)
		q.add(doc, vCreator, sp)
		if r.Speaker.Type == AgentType {
			q.add(sp, vType, vAgent)
			q.addLit(sp, vLabel, r.Speaker.Label)
		}
	}
	q.add(ctx, vType, vContext)
	q.addLit(ctx, vIsString, d.Text)
	q.addNum(ctx, vBegin, 0)
	q.addNum(ctx, vEnd, runeLen)
	q.add(ctx, vDerivedFrom, doc)

	// Entities with their mentions. A span denotes an entity once: when
	// the mentions are in text order (as Extract leaves them), the
	// mentions of one span follow each other and only their entities need
	// remembering, else every pair.
	inOrder := slices.IsSortedFunc(r.Mentions, compareMentions)
	type denotation struct {
		e *Entity
		spanKey
	}
	var denotes map[denotation]bool
	if !inOrder {
		denotes = map[denotation]bool{}
	}
	// The entities in the order first named (their numbers in entNum),
	// and each mention's span with its entity's number, in text order:
	// gathered in the builder's slices instead of a slice per entity.
	entNum, ents, dens := q.entNum, q.entBuf[:0], q.dens[:0]
	// In text order the mentions of a span follow each other: its lines
	// are written at the first, and its IRI kept for the sentences
	// (mentionSpan), without the map of spans.
	mspans := q.mspans[:0]
	var run []*Entity // the entities of the mentions of span runKey so far
	runKey := spanKey{-1, -1}
	var mi term
	for _, m := range r.Mentions {
		k := spanKey{m.Start, m.End}
		if !inOrder {
			mi = q.span(vNIFString, m.Start, m.End)
		} else {
			if k != runKey {
				mi = q.newSpan(vNIFString, m.Start, m.End)
			}
			mspans = append(mspans, mi)
		}
		if k != runKey {
			run, runKey = run[:0], k
		}
		for _, e := range m.Entities {
			n, ok := entNum[e]
			if !ok {
				n = int32(len(ents))
				entNum[e] = n
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
			dens = append(dens, denoted{n, mi})
		}
	}
	// An entity a fact names without a mention (the front-matter speaker of
	// a statement, the speaker's state of an implicit "we") is described
	// too: every relation's ends are typed, labelled entities.
	for _, f := range r.Facts {
		for _, e := range [2]*Entity{f.Subject, f.Object} {
			if _, ok := entNum[e]; e != nil && e.Type != AgentType && !ok {
				entNum[e] = int32(len(ents))
				ents = append(ents, e)
			}
		}
	}
	// A claimant or the document's speaker the text neither names nor
	// relates (a front-matter speaker, a source agency) is described as
	// the agent it is here, a prov:Agent with its name, like a claimant the
	// gazetteer does not know: labelled, but no entity the text mentions.
	if e := r.Speaker; e != nil && e.Type != AgentType {
		if _, ok := entNum[e]; !ok {
			sp := q.entity(e)
			q.add(sp, vType, vAgent)
			q.addLit(sp, vLabel, e.Label)
		}
	}
	// The spans of entity n, in text order, are byEnt[end[n-1]:end[n]]
	// (from 0 for n = 0): counted, then placed.
	end := slices.Grow(q.ends[:0], len(ents))[:len(ents)]
	clear(end)
	for _, d := range dens {
		end[d.ent]++
	}
	sum := int32(0)
	for n, c := range end {
		end[n] = sum // its start, for now
		sum += c
	}
	byEnt := slices.Grow(q.byEnt[:0], len(dens))[:len(dens)]
	for _, d := range dens {
		byEnt[end[d.ent]] = d.span
		end[d.ent]++
	}
	order := q.idOrder(ents)
	for _, n := range order {
		e := ents[n]
		s := q.entity(e)
		if e.vals != nil {
			q.describeEntry(e.vals)
		} else {
			q.describe(q.entityValues(e))
		}
		if e.Entry == nil {
			q.addLit(s, vRule, e.Rule)
		}
		from := int32(0)
		if n > 0 {
			from = end[n-1]
		}
		for _, m := range byEnt[from:end[n]] {
			q.add(s, vDenotedBy, m)
		}
	}
	q.entBuf, q.dens, q.ends, q.byEnt, q.mspans = ents, dens, end, byEnt, mspans

	// Facts: the direct triple and the claim behind it.
	sentIRI, triples, claims, agents := q.sentIRI, q.triples, q.claims, q.agents
	var key []byte
	for _, f := range r.Facts {
		s := q.entity(f.Subject)
		p := q.dipIRI(f.Relation)
		var obj term
		if f.Object != nil {
			obj = q.entity(f.Object)
		} else {
			obj = q.litTerm(f.Literal)
		}
		// The object in the key: a literal, or "\x00" and an entity id
		// (never empty), without joining them into a new string.
		k := [4]string{f.Subject.ID, f.Relation, f.Literal}
		if f.Object != nil {
			k[2], k[3] = "\x00", f.Object.ID
		}
		if !f.Negative && !triples[k] {
			triples[k] = true
			q.add(s, p, obj)
		}
		sent, ok := sentIRI[f.Sentence]
		if !ok {
			ss := d.Sentences[f.Sentence]
			if inOrder {
				q.mentionSpan(r.Mentions, mspans, ss.Start, ss.End)
			}
			sent = q.span(vNIFSentence, ss.Start, ss.End)
			sentIRI[f.Sentence] = sent
		}
		// The claim's id hashes what it says, as its subject, predicate
		// and object print (quad.Value's String), the rule and the sentence.
		key = append(append(append(key[:0], '<'), o.Entities...), f.Subject.ID...)
		key = append(append(append(append(key, ">|<"...), o.DIP...), f.Relation...), ">|"...)
		if f.Object != nil { // the entity's IRI.String, without making the string
			key = append(append(append(append(key, '<'), o.Entities...), f.Object.ID...), '>')
		} else {
			key = append(key, quad.String(f.Literal).String()...)
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
		if claims[hx] { // the claim IRI, within the document
			continue // the same fact from the same rule and sentence
		}
		claims[hx] = true
		claim := q.docPart("#claim-", hx[:])
		q.add(claim, vType, vClaim)
		q.add(claim, vSubject, s)
		q.add(claim, vPredicate, p)
		q.add(claim, vObject, obj)
		if f.Claimant != nil {
			cl := q.entity(f.Claimant)
			q.add(claim, vClaimant, cl)
			_, named := q.entNum[f.Claimant]
			if (f.Claimant.Type == AgentType || !named) && !agents[f.Claimant.ID] && (r.Speaker == nil || r.Speaker.ID != f.Claimant.ID) {
				agents[f.Claimant.ID] = true
				q.add(cl, vType, vAgent)
				q.addLit(cl, vLabel, f.Claimant.Label)
			}
		} else {
			q.add(claim, vClaimant, doc)
		}
		q.add(claim, vDerivedFrom, sent)
		q.add(claim, vRule, q.ruleValue(f.Rule))
		var date term
		if !f.Date.IsZero() {
			date = q.dateTerm(f.Date)
			q.add(claim, vDate, date)
		}
		if f.Negative {
			q.add(claim, vPolarity, vNegative)
		}
		if f.Certainty > 0 {
			q.add(claim, vCertainty, q.typedTerm(strconv.FormatFloat(f.Certainty, 'f', -1, 64), o.XSDDecimal, sfxDecimal))
		}
		if f.Event != "" && f.Object != nil && !f.Negative {
			ev := q.docPart("#event-", hx[:])
			agent, patient := f.Subject, f.Object
			if ruleSubjectIsPatient(f) {
				agent, patient = f.Object, f.Subject
			}
			q.add(ev, vType, q.dipIRI(f.Event))
			q.add(ev, vAgentRole, q.entity(agent))
			q.add(ev, vPatient, q.entity(patient))
			if !f.Date.IsZero() {
				q.add(ev, vDate, date)
			}
			q.add(ev, vDenotedBy, sent)
			q.add(ev, vDerivedFrom, claim)
		}
	}
}

// ruleSubjectIsPatient: relations whose subject is what is acted on.
func ruleSubjectIsPatient(f Fact) bool {
	return f.Relation == "terminatedBy" || f.Relation == "establishedBy" || f.Relation == "signedBy"
}
