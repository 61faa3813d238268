package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
	o "github.com/dipgraph/dipgraph/ontology"
)

// term is an RDF term of a result in the form the builder's output takes:
// its quad.Value for Quads and EachQuad, or its N-Triples text for
// AppendLines, which writes lines without making values (writing the
// quads of the values was half the cost of building them). The terms that
// do not depend on the document (vocabulary, gazetteer entries) have
// both, made once; a document's own terms have the form of the build at
// hand. An empty nt in line mode is a term the line path does not render
// (an IRI the writers refuse, text that is not UTF-8): AppendLines then
// gives the document to rdfio's LineEncoder instead, which says why.
type term struct {
	v  quad.Value
	nt string
}

// constTerm is the term of v in both forms; v is valid.
func constTerm(v quad.Value) term {
	nt, err := rdfio.NTriplesTerm(v)
	if err != nil {
		panic(fmt.Sprintf("extract: %v: %v", v, err))
	}
	return term{v: v, nt: nt}
}

// valueTerm is the term of v in both forms, nt empty when the writers
// refuse v.
func valueTerm(v quad.Value) term {
	nt, _ := rdfio.NTriplesTerm(v)
	return term{v: v, nt: nt}
}

// typedSuffix is rdfio.TypedSuffix of a datatype that is valid.
func typedSuffix(dt string) string {
	s, ok := rdfio.TypedSuffix(quad.IRI(dt))
	if !ok {
		panic("extract: datatype " + dt)
	}
	return s
}

// The suffixes of the typed literals a result has ("^^<datatype>").
var (
	sfxNonNeg     = typedSuffix(o.XSDNonNegativeInteger)
	sfxDecimal    = typedSuffix(o.XSDDecimal)
	sfxGYear      = typedSuffix(o.XSDGYear)
	sfxGYearMonth = typedSuffix(o.XSDGYearMonth)
	sfxDate       = typedSuffix(o.XSDDate)
)

// The IRIs every document's quads use, each made into a quad.Value once
// (a quad.IRI put in an interface is a new allocation every time) and
// into its N-Triples form once.
var (
	vType           = constTerm(iri(o.RDFType))
	vSourceDocument = constTerm(iri(o.ClassSourceDocument))
	vTitle          = constTerm(iri(o.DCTitle))
	vDCDate         = constTerm(iri(o.DCDate))
	vSource         = constTerm(iri(o.DCSource))
	vDCType         = constTerm(iri(o.DCType))
	vCreator        = constTerm(iri(o.DCCreator))
	vAgent          = constTerm(iri(o.PROV + "Agent"))
	vLabel          = constTerm(iri(o.RDFSLabel))
	vContext        = constTerm(iri(o.NIFContext))
	vIsString       = constTerm(iri(o.NIFIsString))
	vBegin          = constTerm(iri(o.NIFBeginIndex))
	vEnd            = constTerm(iri(o.NIFEndIndex))
	vDerivedFrom    = constTerm(iri(o.PROVWasDerivedFrom))
	vAnchorOf       = constTerm(iri(o.NIFAnchorOf))
	vRefContext     = constTerm(iri(o.NIFReferenceContext))
	vNIFString      = constTerm(iri(o.NIFString))
	vNIFSentence    = constTerm(iri(o.NIFSentence))
	vPrefLabel      = constTerm(iri(o.SKOSPrefLabel))
	vAltLabel       = constTerm(iri(o.SKOSAltLabel))
	vSameAs         = constTerm(iri(o.OWLSameAs))
	vRule           = constTerm(iri(o.PropRule))
	vDenotedBy      = constTerm(iri(o.GAFDenotedBy))
	vClaim          = constTerm(iri(o.ClassClaim))
	vSubject        = constTerm(iri(o.RDFSubject))
	vPredicate      = constTerm(iri(o.RDFPredicate))
	vObject         = constTerm(iri(o.RDFObject))
	vClaimant       = constTerm(iri(o.PropClaimant))
	vDate           = constTerm(iri(o.PropDate))
	vPolarity       = constTerm(iri(o.PropPolarity))
	vCertainty      = constTerm(iri(o.PropCertainty))
	vAgentRole      = constTerm(iri(o.PropAgent))
	vPatient        = constTerm(iri(o.PropPatient))
	vNegative       = constTerm(quad.String("negative"))
)

// entryValues are the terms that describe a gazetteer entry's entity, the
// same in every document that names it: made once per Extractor instead
// of once per document.
type entryValues struct {
	iri, class, prefLabel term
	altLabels             []term
	sameAs                term
	wd                    bool // sameAs is set (the entry has a Wikidata id)
	num                   int  // the entry's place among all entries in id order
	// lines are the N-Triples lines of the description (type, labels,
	// sameAs), written whole by AppendLines; "" when a term of it is
	// refused.
	lines string
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
	v := &entryValues{iri: valueTerm(iri(o.Entities + e.ID)), class: valueTerm(iri(o.DIP + e.Type)),
		prefLabel: valueTerm(en(e.Label)), num: num}
	for _, a := range e.Aliases {
		v.altLabels = append(v.altLabels, valueTerm(en(a)))
	}
	if e.Wikidata != "" {
		v.sameAs, v.wd = valueTerm(iri(o.WD+e.Wikidata)), true
	}
	lines := &quadBuilder{lines: true, suffix: " .\n"}
	lines.describe(v)
	if !lines.bad {
		v.lines = string(lines.buf)
	}
	return v
}

// describe adds the description of an entity: its class, labels and
// Wikidata id.
func (q *quadBuilder) describe(v *entryValues) {
	s := v.iri
	q.add(s, vType, v.class)
	q.add(s, vPrefLabel, v.prefLabel)
	for _, a := range v.altLabels {
		q.add(s, vAltLabel, a)
	}
	if v.wd {
		q.add(s, vSameAs, v.sameAs)
	}
}

// describeEntry is describe(v), from its lines made once when writing
// lines.
func (q *quadBuilder) describeEntry(v *entryValues) {
	if !q.lines {
		q.describe(v)
		return
	}
	if q.bad || v.lines == "" {
		q.bad = true
		return
	}
	q.room()
	if q.suffix == " .\n" {
		q.buf = append(q.buf, v.lines...)
		return
	}
	// N-Quads: each line ends with the graph label instead.
	for rest := v.lines; rest != ""; {
		i := strings.IndexByte(rest, '\n') // only at line ends: literals escape it
		q.buf = append(append(q.buf, rest[:i-len(" .")]...), q.suffix...)
		rest = rest[i+1:]
	}
}

// lineRoom is the room left in the line buffer below which it is doubled
// before the next line: more than most lines take.
const lineRoom = 1 << 10

// room makes room for a line: the buffer is doubled when it runs low
// (append grows a slice this large by about a quarter, copying the lines
// again and again).
func (q *quadBuilder) room() {
	if cap(q.buf)-len(q.buf) < lineRoom {
		q.buf = slices.Grow(q.buf, cap(q.buf))
	}
}

// open starts the line of s and p, and false when it cannot be written:
// a term has no N-Triples form, here or on an earlier line.
func (q *quadBuilder) open(s, p term) bool {
	if q.bad || s.nt == "" || p.nt == "" {
		q.bad = true
		return false
	}
	q.room()
	q.buf = append(append(append(append(q.buf, s.nt...), ' '), p.nt...), ' ')
	return true
}

// add adds the quad (s, p, obj) of the result's graph.
func (q *quadBuilder) add(s, p, obj term) {
	if !q.lines {
		if q.emit == nil {
			q.out = append(q.out, quad.Quad{Subject: s.v, Predicate: p.v, Object: obj.v, Label: q.label})
		} else if q.err == nil {
			q.err = q.emit(quad.Quad{Subject: s.v, Predicate: p.v, Object: obj.v, Label: q.label})
		}
		return
	}
	if obj.nt == "" {
		q.bad = true
	}
	if q.open(s, p) {
		q.buf = append(append(q.buf, obj.nt...), q.suffix...)
	}
}

// addLit adds (s, p, "lit"), writing the literal straight into the line.
func (q *quadBuilder) addLit(s, p term, lit string) {
	if !q.lines {
		q.add(s, p, term{v: quad.String(lit)})
		return
	}
	if q.open(s, p) {
		var ok bool
		if q.buf, ok = rdfio.AppendLiteral(q.buf, lit); !ok {
			q.bad = true
			return
		}
		q.buf = append(q.buf, q.suffix...)
	}
}

// addNum adds (s, p, n), n an xsd:nonNegativeInteger.
func (q *quadBuilder) addNum(s, p term, n int) {
	if !q.lines {
		q.add(s, p, term{v: q.nonNeg(n)})
		return
	}
	if q.open(s, p) {
		q.buf = strconv.AppendInt(append(q.buf, '"'), int64(n), 10)
		q.buf = append(append(append(q.buf, '"'), sfxNonNeg...), q.suffix...)
	}
}

// iriTerm is the term of the IRI prefix + part, prefix a valid IRI (a
// namespace).
func (q *quadBuilder) iriTerm(prefix, part string) term {
	if !q.lines {
		return term{v: iri(q.concat(prefix, part))}
	}
	if !rdfio.ValidIRIPart(part) {
		return term{}
	}
	q.scratch = append(append(append(append(q.scratch[:0], '<'), prefix...), part...), '>')
	return term{nt: q.str(q.scratch)}
}

// docPart is the term of the document's IRI followed by part and a
// number's digits, or hex digits ("#char=", "#claim-").
func (q *quadBuilder) docPart(part string, digits []byte) term {
	if q.lines {
		if !q.docOK {
			return term{}
		}
		q.scratch = append(append(append(append(q.scratch[:0], '<'), o.Docs...), q.d.ID...), part...)
		q.scratch = append(append(q.scratch, digits...), '>')
		return term{nt: q.str(q.scratch)}
	}
	q.scratch = append(append(append(q.scratch[:0], o.Docs...), q.d.ID...), part...)
	q.scratch = append(q.scratch, digits...)
	return term{v: quad.IRI(q.str(q.scratch))}
}

// spanTerm is the term of the NIF IRI of the code-point span b, e of the
// document.
func (q *quadBuilder) spanTerm(b, e int) term {
	var n [40]byte
	digits := strconv.AppendInt(n[:0], int64(b), 10)
	digits = strconv.AppendInt(append(digits, ','), int64(e), 10)
	return q.docPart("#char=", digits)
}

// litTerm is the term of the plain literal s.
func (q *quadBuilder) litTerm(s string) term {
	if !q.lines {
		return term{v: quad.String(s)}
	}
	q.scratch, _ = q.quoted(q.scratch[:0], s)
	return q.strTerm()
}

// langTerm is the term of s@en.
func (q *quadBuilder) langTerm(s string) term {
	if !q.lines {
		return term{v: en(s)}
	}
	var ok bool
	if q.scratch, ok = q.quoted(q.scratch[:0], s); ok {
		q.scratch = append(q.scratch, "@en"...)
	}
	return q.strTerm()
}

// typedTerm is the term of the literal s of datatype dt, whose suffix is
// sfx.
func (q *quadBuilder) typedTerm(s, dt, sfx string) term {
	if !q.lines {
		return term{v: typed(s, dt)}
	}
	var ok bool
	if q.scratch, ok = q.quoted(q.scratch[:0], s); ok {
		q.scratch = append(q.scratch, sfx...)
	}
	return q.strTerm()
}

// dateTerm is the term of DateLiteral(d).
func (q *quadBuilder) dateTerm(d Date) term {
	var b [16]byte
	var s string
	if digits, ok := appendDate(b[:0], d); ok {
		s = q.str(digits) // d.String(), without fmt (3% of building lines)
	} else {
		s = d.String()
	}
	switch d.Prec {
	case Year:
		return q.typedTerm(s, o.XSDGYear, sfxGYear)
	case Month:
		return q.typedTerm(s, o.XSDGYearMonth, sfxGYearMonth)
	}
	return q.typedTerm(s, o.XSDDate, sfxDate)
}

// appendDate appends d.String() to dst for the dates of four-digit years,
// and false for the others.
func appendDate(dst []byte, d Date) ([]byte, bool) {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return dst, false
	}
	two := func(dst []byte, n int) []byte { return append(dst, byte('0'+n/10), byte('0'+n%10)) }
	switch d.Prec {
	case Year, Month, Day:
		dst = two(two(dst, d.Year/100), d.Year%100)
	default:
		return dst, false
	}
	if d.Prec >= Month {
		dst = two(append(dst, '-'), d.Month)
	}
	if d.Prec == Day {
		dst = two(append(dst, '-'), d.Day)
	}
	return dst, true
}

// quoted appends the quoted literal s to dst; false, and q.scratch
// emptied by strTerm, when s is not UTF-8.
func (q *quadBuilder) quoted(dst []byte, s string) ([]byte, bool) {
	dst, ok := rdfio.AppendLiteral(dst, s)
	if !ok {
		return dst[:0], false
	}
	return dst, true
}

// strTerm is the term whose N-Triples form is in q.scratch ("" when it is
// empty: a term refused).
func (q *quadBuilder) strTerm() term { return term{nt: q.str(q.scratch)} }

// The pieces of a span's lines that are the same in every document.
var (
	predAnchor = " " + vAnchorOf.nt + " "
	predBegin  = " " + vBegin.nt + " \""
	predEnd    = " " + vEnd.nt + " \""
)

// spanLines writes the lines of a new span, those span writes with add,
// addLit and addNum, from fewer pieces: the pieces that follow the span's
// IRI are put together once per document (start), and the numbers are
// formatted once for the IRI and the offsets. It returns the span's term.
func (q *quadBuilder) spanLines(typ term, b, e, rb, re int) term {
	if q.bad || !q.docOK {
		q.bad = true
		return term{}
	}
	var n [48]byte
	begin := strconv.AppendInt(n[:0], int64(rb), 10)
	end := strconv.AppendInt(n[len(begin):len(begin)], int64(re), 10)
	q.scratch = append(append(append(q.scratch[:0], q.charPrefix...), begin...), ',')
	q.scratch = append(append(q.scratch, end...), '>')
	s := q.str(q.scratch)
	var tail string
	switch typ.v {
	case vNIFString.v:
		tail = q.tailString
	case vNIFSentence.v:
		tail = q.tailSentence
	default:
		tail = " " + vType.nt + " " + typ.nt + q.suffix
	}
	q.room()
	buf := append(append(q.buf, s...), tail...)
	buf = append(append(buf, s...), predAnchor...)
	buf, ok := rdfio.AppendLiteral(buf, q.d.Text[b:e])
	if !ok {
		q.buf, q.bad = buf, true
		return term{}
	}
	buf = append(append(buf, q.suffix...), s...)
	buf = append(append(append(buf, predBegin...), begin...), q.tailNum...)
	buf = append(append(append(append(buf, s...), predEnd...), end...), q.tailNum...)
	q.buf = append(append(buf, s...), q.tailCtx...)
	return term{nt: s}
}
