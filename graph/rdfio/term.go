package rdfio

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"regexp"
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

var langTag = regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)

// toTerm converts and validates a quad.Value. Natives become typed literals
// with full XSD datatype IRIs (cayley itself writes <xsd:integer> and
// "True"); datatype IRIs in cayley's short form are expanded the same way.
func toTerm(v quad.Value) (term, error) {
	var t term
	switch v := v.(type) {
	case quad.IRI:
		t = term{kind: kindIRI, val: string(v)}
	case quad.BNode:
		if !utf8.ValidString(string(v)) {
			return t, fmt.Errorf("blank node label %q is not valid UTF-8", string(v))
		}
		return term{kind: kindBlank, val: blankLabel(string(v))}, nil
	case quad.String:
		t = term{kind: kindLiteral, val: string(v)}
	case quad.LangString:
		if !langTag.MatchString(v.Lang) {
			return t, fmt.Errorf("invalid language tag %q", v.Lang)
		}
		t = term{kind: kindLiteral, val: string(v.Value), lang: v.Lang}
	case quad.TypedString:
		dt := string(v.Type.Full())
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
	for _, s := range [...]string{t.val, t.dt} {
		if !utf8.ValidString(s) {
			return t, fmt.Errorf("term %q is not valid UTF-8", s)
		}
	}
	if t.kind == kindIRI {
		return t, checkIRI(t.val)
	}
	if t.dt != "" {
		return t, checkIRI(t.dt)
	}
	return t, nil
}

// checkIRI rejects IRIs that no reader would accept. Characters IRIREF
// forbids (controls, space, <>"{}|^`\) cannot be written as \u escapes
// either: the W3C suites have negative tests for exactly that
// (turtle-syntax-bad-uri-escape-01..03), and rapper, rdflib and knakk all
// refuse such a document as a whole. Percent-encoding them would silently
// change the IRI, so the caller has to decide.
func checkIRI(iri string) error {
	if iri == "" {
		return errors.New("empty IRI")
	}
	if i := strings.IndexFunc(iri, func(r rune) bool {
		return r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r)
	}); i >= 0 {
		r, _ := utf8.DecodeRuneInString(iri[i:])
		return fmt.Errorf("IRI %q contains %q, which IRIs cannot contain", iri, r)
	}
	if !absoluteIRI.MatchString(iri) {
		// N-Triples and N-Quads allow only absolute IRIs, and a relative
		// one in Turtle would silently take the reader's base.
		return fmt.Errorf("IRI %q is relative (no scheme)", iri)
	}
	return nil
}

var absoluteIRI = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

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
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// escapeIRI escapes the characters IRIREF forbids (controls, space and
// <>"{}|^`\) as \uXXXX, so no IRI can break out of its angle brackets.
// checkIRI already rejects such IRIs; this is the second line of defence.
func escapeIRI(b *strings.Builder, s string) {
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			fmt.Fprintf(b, `\u%04X`, r)
		} else {
			b.WriteRune(r)
		}
	}
}

// escapeString writes a literal's lexical form in canonical N-Triples
// style, which is also valid inside a Turtle "..." string.
func escapeString(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\f':
			b.WriteString(`\f`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if r < 0x20 || r == 0x7F {
				fmt.Fprintf(b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
}

// nt returns the N-Triples form of a term; it is also the sort key of the
// Turtle writer.
func (t term) nt() string {
	var b strings.Builder
	switch t.kind {
	case kindIRI:
		b.WriteByte('<')
		escapeIRI(&b, t.val)
		b.WriteByte('>')
	case kindBlank:
		b.WriteString("_:")
		b.WriteString(t.val)
	default:
		b.WriteByte('"')
		escapeString(&b, t.val)
		b.WriteByte('"')
		if t.lang != "" {
			b.WriteString("@" + t.lang)
		} else if t.dt != "" {
			b.WriteString("^^<")
			escapeIRI(&b, t.dt)
			b.WriteByte('>')
		}
	}
	return b.String()
}

// quadTerms converts and checks the positions of a quad: subject IRI or
// blank node, predicate IRI, label absent, IRI or blank node. The label
// term has kind 0 for the default graph.
func quadTerms(q quad.Quad) (s, p, o, g term, err error) {
	if s, err = toTerm(q.Subject); err != nil {
		return s, p, o, g, fmt.Errorf("rdfio: subject: %w", err)
	}
	if s.kind == kindLiteral {
		return s, p, o, g, fmt.Errorf("rdfio: subject %s is a literal", s.nt())
	}
	if p, err = toTerm(q.Predicate); err != nil {
		return s, p, o, g, fmt.Errorf("rdfio: predicate: %w", err)
	}
	if p.kind != kindIRI {
		return s, p, o, g, fmt.Errorf("rdfio: predicate %s is not an IRI", p.nt())
	}
	if o, err = toTerm(q.Object); err != nil {
		return s, p, o, g, fmt.Errorf("rdfio: object: %w", err)
	}
	if q.Label == nil {
		return s, p, o, g, nil
	}
	if g, err = toTerm(q.Label); err != nil {
		return s, p, o, g, fmt.Errorf("rdfio: graph label: %w", err)
	}
	if g.kind == kindLiteral {
		return s, p, o, g, fmt.Errorf("rdfio: graph label %s is a literal", g.nt())
	}
	return s, p, o, g, nil
}
