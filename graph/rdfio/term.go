package rdfio

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/dipgraph/dipgraph/ontology"
)

// term is a quad.Value reduced to what RDF says it is: an IRI, a blank node
// (label already sanitized) or a literal with full datatype IRI. Converting
// once, and validating on the way, keeps the writers free of type switches.
type term struct {
	kind byte   // kindIRI, kindBlank or kindLiteral
	val  string // IRI, blank-node label or lexical form
	lang string // language tag, literals only
	dt   string // datatype IRI; "" for xsd:string and language-tagged strings
}

const (
	kindIRI = iota + 1
	kindBlank
	kindLiteral
)

// validLangTag reports whether s matches ^[a-zA-Z]+(-[a-zA-Z0-9]+)*$.
func validLangTag(s string) bool {
	i := 0
	for i < len(s) && isAlpha(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(s) {
		if s[i] != '-' {
			return false
		}
		i++
		j := i
		for i < len(s) && isAlnum(s[i]) {
			i++
		}
		if i == j {
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// toTerm converts and validates a quad.Value. Natives become typed literals
// with full XSD datatype IRIs (cayley itself writes <xsd:integer> and
// "True"); datatype IRIs in cayley's short form are expanded the same way.
func toTerm(v quad.Value) (term, error) { return (*termConv)(nil).term(v) }

// termConv converts values for one writer. It remembers the last few
// datatype IRIs it expanded: quad.IRI.Full consults cayley's global prefix
// registry under a lock, and the datatypes of a graph are few (a store's
// export alternates between dates, integers and a few more).
type termConv struct {
	dts  [4]dtPair
	next int // the entry to replace next
}

type dtPair struct {
	short quad.IRI
	full  string // "" while unused
}

func (c *termConv) fullType(t quad.IRI) string {
	if c == nil {
		return string(t.Full())
	}
	for i := range c.dts {
		if d := &c.dts[i]; d.short == t && d.full != "" {
			return d.full
		}
	}
	full := string(t.Full())
	c.dts[c.next] = dtPair{t, full}
	c.next = (c.next + 1) % len(c.dts)
	return full
}

func (c *termConv) term(v quad.Value) (term, error) {
	var t term
	switch v := v.(type) {
	case quad.IRI:
		t = term{kind: kindIRI, val: string(v)}
		if simpleIRI(t.val) {
			return t, nil // valid UTF-8 and passes checkIRI
		}
	case quad.BNode:
		if !utf8.ValidString(string(v)) {
			return t, fmt.Errorf("blank node label %q is not valid UTF-8", string(v))
		}
		return term{kind: kindBlank, val: blankLabel(string(v))}, nil
	case quad.String:
		t = term{kind: kindLiteral, val: string(v)}
	case quad.LangString:
		if !validLangTag(v.Lang) {
			return t, fmt.Errorf("invalid language tag %q", v.Lang)
		}
		t = term{kind: kindLiteral, val: string(v.Value), lang: v.Lang}
	case quad.TypedString:
		dt := c.fullType(v.Type)
		if dt == "" {
			return t, errors.New("typed literal with empty datatype IRI")
		}
		if dt == ontology.XSD+"string" {
			dt = ""
		}
		t = term{kind: kindLiteral, val: string(v.Value), dt: dt}
	case quad.Int:
		t = term{kind: kindLiteral, val: strconv.FormatInt(int64(v), 10), dt: ontology.XSD + "integer"}
	case quad.Float:
		t = term{kind: kindLiteral, val: xsdDouble(float64(v)), dt: ontology.XSD + "double"}
	case quad.Bool:
		t = term{kind: kindLiteral, val: strconv.FormatBool(bool(v)), dt: ontology.XSD + "boolean"}
	case quad.Time:
		t = term{kind: kindLiteral, val: time.Time(v).Format(time.RFC3339Nano), dt: ontology.XSD + "dateTime"}
	case nil:
		return t, errors.New("missing term")
	default:
		return t, fmt.Errorf("unsupported term type %T", v)
	}
	if !utf8.ValidString(t.val) {
		return t, fmt.Errorf("term %q is not valid UTF-8", t.val)
	}
	if t.kind == kindIRI {
		return t, checkIRI(t.val)
	}
	if t.dt != "" {
		if simpleIRI(t.dt) {
			return t, nil
		}
		if !utf8.ValidString(t.dt) {
			return t, fmt.Errorf("term %q is not valid UTF-8", t.dt)
		}
		return t, checkIRI(t.dt)
	}
	return t, nil
}

// iriBad marks the bytes an IRIREF cannot hold (controls, space,
// <>"{}|^`\); iriSlow adds every non-ASCII byte, for simpleIRI.
var iriBad, iriSlow = func() (bad, slow [256]bool) {
	for c := 0; c < 256; c++ {
		bad[c] = c <= 0x20 || strings.IndexByte("<>\"{}|^`\\", byte(c)) >= 0
		slow[c] = bad[c] || c >= 0x80
	}
	return bad, slow
}()

// simpleIRI reports whether iri is plain ASCII with a scheme and none of
// the bytes checkIRI refuses: the common case, checked in one pass. An IRI
// for which it is false goes through utf8.ValidString and checkIRI.
func simpleIRI(iri string) bool {
	if !schemeEnd(iri) {
		return false
	}
	for i := 0; i < len(iri); i++ {
		if iriSlow[iri[i]] {
			return false
		}
	}
	return true
}

// schemeEnd reports whether iri starts with a scheme and a colon:
// ^[A-Za-z][A-Za-z0-9+.-]*:
func schemeEnd(iri string) bool {
	if iri == "" || !isAlpha(iri[0]) {
		return false
	}
	for i := 1; i < len(iri); i++ {
		switch c := iri[i]; {
		case c == ':':
			return true
		case isAlnum(c) || c == '+' || c == '.' || c == '-':
		default:
			return false
		}
	}
	return false
}

// checkIRI rejects IRIs that no reader would accept. Characters IRIREF
// forbids (controls, space, <>"{}|^`\) cannot be written as \u escapes
// either: the W3C suites have negative tests for exactly that
// (turtle-syntax-bad-uri-escape-01..03), and rapper, rdflib and knakk all
// refuse such a document as a whole. Percent-encoding them would silently
// change the IRI, so the caller has to decide. iri is valid UTF-8.
func checkIRI(iri string) error {
	if iri == "" {
		return errors.New("empty IRI")
	}
	for i := 0; i < len(iri); i++ {
		if iriBad[iri[i]] { // all ASCII: the byte is the rune
			return fmt.Errorf("IRI %q contains %q, which IRIs cannot contain", iri, rune(iri[i]))
		}
	}
	if !schemeEnd(iri) {
		// N-Triples and N-Quads allow only absolute IRIs, and a relative
		// one in Turtle would silently take the reader's base.
		return fmt.Errorf("IRI %q is relative (no scheme)", iri)
	}
	return nil
}

// xsdDouble writes the canonical xsd:double lexical form (1.5E0), so that
// the same float always gives the same bytes.
func xsdDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	}
	s := strconv.FormatFloat(f, 'E', -1, 64) // e.g. 1.5E+00, 1E+21
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// blankLabel maps any label to a valid BLANK_NODE_LABEL, injectively.
// Labels of plain ASCII word characters are kept (the parsers we test
// against, rdflib included, accept exactly those); anything else, and
// anything that already starts with the escape prefix, is hex-encoded
// behind "hx_", so two distinct labels never meet.
func blankLabel(s string) string {
	if isPlainLabel(s) && !strings.HasPrefix(s, "hx_") {
		return s
	}
	return "hx_" + hex.EncodeToString([]byte(s))
}

func isPlainLabel(s string) bool {
	if s == "" || s[len(s)-1] == '.' || s[0] == '.' || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isAlnum(c) || c == '_' || c == '-' || c == '.') {
			return false
		}
		if c == '.' && s[i-1] == '.' {
			return false // "a..b" is a valid label, but knakk's reader stops at the second dot
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

const hexDigits = "0123456789ABCDEF"

// appendUCHAR appends \u00XX for an ASCII byte.
func appendUCHAR(dst []byte, c byte) []byte {
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
}

// appendIRI escapes the characters IRIREF forbids (controls, space and
// <>"{}|^`\) as \uXXXX, so no IRI can break out of its angle brackets.
// checkIRI already rejects such IRIs; this is the second line of defence.
// Runs of other bytes are copied as they are (s is valid UTF-8).
func appendIRI(dst []byte, s string) []byte {
	for {
		i := 0
		for i < len(s) && !iriBad[s[i]] {
			i++
		}
		dst = append(dst, s[:i]...)
		if i == len(s) {
			return dst
		}
		dst = appendUCHAR(dst, s[i])
		s = s[i+1:]
	}
}

// appendIRIRef appends <iri>.
func appendIRIRef(dst []byte, iri string) []byte {
	dst = append(dst, '<')
	dst = appendIRI(dst, iri)
	return append(dst, '>')
}

// strEsc is the escape of each byte in a literal: 0 for none, 'u' for
// \u00XX, else the letter after the backslash.
var strEsc = func() (e [256]byte) {
	for c := 0; c < 0x20; c++ {
		e[c] = 'u'
	}
	e[0x7F] = 'u'
	e['\t'], e['\b'], e['\n'], e['\r'], e['\f'] = 't', 'b', 'n', 'r', 'f'
	e['"'], e['\\'] = '"', '\\'
	return e
}()

// appendString writes a literal's lexical form in canonical N-Triples
// style, which is also valid inside a Turtle "..." string: \t \b \n \r \f
// \" \\, other controls and DEL as \u00XX, everything else (s is valid
// UTF-8) as it is.
func appendString(dst []byte, s string) []byte {
	for {
		i := 0
		for i < len(s) && strEsc[s[i]] == 0 {
			i++
		}
		dst = append(dst, s[:i]...)
		if i == len(s) {
			return dst
		}
		if e := strEsc[s[i]]; e == 'u' {
			dst = appendUCHAR(dst, s[i])
		} else {
			dst = append(dst, '\\', e)
		}
		s = s[i+1:]
	}
}

// appendNT appends the N-Triples form of a term; it is also the sort key
// of the Turtle writer.
func (t *term) appendNT(dst []byte) []byte {
	switch t.kind {
	case kindIRI:
		return appendIRIRef(dst, t.val)
	case kindBlank:
		dst = append(dst, "_:"...)
		return append(dst, t.val...)
	}
	dst = t.appendQuoted(dst)
	if t.lang == "" && t.dt != "" {
		dst = append(dst, "^^"...)
		dst = appendIRIRef(dst, t.dt)
	}
	return dst
}

// appendQuoted appends a literal's quoted lexical form and its language
// tag; the caller appends ^^datatype in its own IRI form (N-Triples or
// Turtle) when t.dt is set and t.lang is not.
func (t *term) appendQuoted(dst []byte) []byte {
	dst = append(dst, '"')
	dst = appendString(dst, t.val)
	dst = append(dst, '"')
	if t.lang != "" {
		dst = append(dst, '@')
		dst = append(dst, t.lang...)
	}
	return dst
}

// seenIRIs remembers IRIs that passed toTerm, and a number for each (a
// term id of the Turtle writer), so that the IRIs a graph repeats
// (predicates, classes, the subject of a run of quads) are checked once:
// a checked IRI needs no escaping and passes every position's checks, so
// its N-Triples form is <iri>. It is a small direct-mapped cache keyed
// by length and last byte; a miss only costs the full path.
type seenIRIs struct {
	key [64]string
	num [64]uint32
}

func iriSlot(iri string) int { return (len(iri)*7 + int(iri[len(iri)-1])) & 63 }

// get reports whether v is an IRI seen before, and its number.
func (c *seenIRIs) get(v quad.Value) (uint32, bool) {
	iri, ok := v.(quad.IRI)
	if !ok || iri == "" {
		return 0, false
	}
	if i := iriSlot(string(iri)); c.key[i] == string(iri) {
		return c.num[i], true
	}
	return 0, false
}

// add records a term that passed toTerm, if it is an IRI.
func (c *seenIRIs) add(t *term, num uint32) {
	if t.kind == kindIRI {
		i := iriSlot(t.val)
		c.key[i], c.num[i] = t.val, num
	}
}

// nt returns the N-Triples form of a term.
func (t term) nt() string { return string(t.appendNT(nil)) }

// quadTerms converts and checks the positions of a quad: subject IRI or
// blank node, predicate IRI, label absent, IRI or blank node. The label
// term has kind 0 for the default graph.
func quadTerms(q quad.Quad) (s, p, o, g term, err error) {
	return (*termConv)(nil).quadTerms(q)
}

func (c *termConv) quadTerms(q quad.Quad) (s, p, o, g term, err error) {
	if s, err = c.term(q.Subject); err != nil {
		return s, p, o, g, wrapPos("subject", err)
	}
	if s.kind == kindLiteral {
		return s, p, o, g, literalAt("subject", s)
	}
	if p, err = c.term(q.Predicate); err != nil {
		return s, p, o, g, wrapPos("predicate", err)
	}
	if p.kind != kindIRI {
		return s, p, o, g, notIRIPredicate(p)
	}
	if o, err = c.term(q.Object); err != nil {
		return s, p, o, g, wrapPos("object", err)
	}
	if q.Label == nil {
		return s, p, o, g, nil
	}
	if g, err = c.term(q.Label); err != nil {
		return s, p, o, g, wrapPos("graph label", err)
	}
	if g.kind == kindLiteral {
		return s, p, o, g, literalAt("graph label", g)
	}
	return s, p, o, g, nil
}

// The errors of quadTerms, shared with the writers that check inline.

func wrapPos(pos string, err error) error { return fmt.Errorf("rdfio: %s: %w", pos, err) }

func literalAt(pos string, t term) error { return fmt.Errorf("rdfio: %s %s is a literal", pos, t.nt()) }

func notIRIPredicate(p term) error { return fmt.Errorf("rdfio: predicate %s is not an IRI", p.nt()) }
