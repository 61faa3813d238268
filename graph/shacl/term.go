package shacl

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// Term kinds.
const (
	kindIRI = iota + 1
	kindBlank
	kindLiteral
)

const (
	rdfLangString = ontology.RDF + "langString"
	xsdString     = ontology.XSD + "string"
)

// term is an RDF term reduced to what RDF says it is. It is comparable, so
// it serves as a map key: two terms are the same RDF term exactly when they
// are ==. Every literal has a datatype (xsd:string for simple literals,
// rdf:langString for language-tagged ones); language tags are lower-cased,
// since RDF compares them case-insensitively.
type term struct {
	kind byte
	val  string // IRI, blank-node label or lexical form
	dt   string // literals: datatype IRI
	lang string // literals: language tag, lower case
}

func iriTerm(s string) term { return term{kind: kindIRI, val: s} }

func (t term) isIRI() bool     { return t.kind == kindIRI }
func (t term) isBlank() bool   { return t.kind == kindBlank }
func (t term) isLiteral() bool { return t.kind == kindLiteral }

// termOf converts a quad.Value. Native values of cayley (quad.Int,
// quad.Float, quad.Bool, quad.Time) become the typed literals the rdfio
// writers make of them, and short datatype IRIs (<xsd:integer>) are expanded.
func termOf(v quad.Value) (term, error) {
	switch v := v.(type) {
	case quad.IRI:
		return iriTerm(string(v.Full())), nil
	case quad.BNode:
		return term{kind: kindBlank, val: string(v)}, nil
	case quad.String:
		return term{kind: kindLiteral, val: string(v), dt: xsdString}, nil
	case quad.LangString:
		return term{kind: kindLiteral, val: string(v.Value), dt: rdfLangString, lang: strings.ToLower(v.Lang)}, nil
	case quad.TypedString:
		dt := string(v.Type.Full())
		if dt == "" {
			return term{}, errors.New("typed literal with empty datatype IRI")
		}
		return term{kind: kindLiteral, val: string(v.Value), dt: dt}, nil
	case quad.Int:
		return term{kind: kindLiteral, val: strconv.FormatInt(int64(v), 10), dt: ontology.XSDInteger}, nil
	case quad.Float:
		return term{kind: kindLiteral, val: strconv.FormatFloat(float64(v), 'E', -1, 64), dt: ontology.XSDDouble}, nil
	case quad.Bool:
		return term{kind: kindLiteral, val: strconv.FormatBool(bool(v)), dt: ontology.XSDBoolean}, nil
	case quad.Time:
		return term{kind: kindLiteral, val: time.Time(v).Format(time.RFC3339Nano), dt: ontology.XSDDateTime}, nil
	case nil:
		return term{}, errors.New("missing term")
	}
	return term{}, fmt.Errorf("unsupported term type %T", v)
}

// value converts back to a quad.Value.
func (t term) value() quad.Value {
	switch t.kind {
	case kindIRI:
		return quad.IRI(t.val)
	case kindBlank:
		return quad.BNode(t.val)
	case kindLiteral:
		switch t.dt {
		case xsdString:
			return quad.String(t.val)
		case rdfLangString:
			return quad.LangString{Value: quad.String(t.val), Lang: t.lang}
		}
		return quad.TypedString{Value: quad.String(t.val), Type: quad.IRI(t.dt)}
	}
	return nil
}

// String gives the N-Triples form of the term (for messages and sorting).
func (t term) String() string {
	switch t.kind {
	case kindIRI:
		return "<" + t.val + ">"
	case kindBlank:
		return "_:" + t.val
	case kindLiteral:
		s := strconv.Quote(t.val)
		switch t.dt {
		case xsdString:
			return s
		case rdfLangString:
			return s + "@" + t.lang
		}
		return s + "^^<" + t.dt + ">"
	}
	return ""
}

// Compact writes an IRI with one of dipgraph's prefixes (skos:prefLabel) or
// the SHACL prefix where one fits, else in angle brackets; other values in
// their N-Triples form.
func Compact(v quad.Value) string {
	if v == nil {
		return ""
	}
	t, err := termOf(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return t.compact()
}

func (t term) compact() string {
	if t.kind == kindIRI {
		return compactIRI(t.val)
	}
	if t.kind == kindLiteral && t.dt != xsdString && t.dt != rdfLangString {
		return strconv.Quote(t.val) + "^^" + compactIRI(t.dt)
	}
	return t.String()
}

func compactIRI(iri string) string {
	best, bestNS := "", ""
	for _, p := range prefixes() {
		if strings.HasPrefix(iri, p.IRI) && len(p.IRI) > len(bestNS) {
			local := iri[len(p.IRI):]
			if isSimpleLocal(local) {
				best, bestNS = p.Name+":"+local, p.IRI
			}
		}
	}
	if best != "" {
		return best
	}
	return "<" + iri + ">"
}

func prefixes() []ontology.Prefix {
	return append([]ontology.Prefix{{Name: "sh", IRI: ontology.SH}}, ontology.Prefixes...)
}

func isSimpleLocal(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		case r >= '0' && r <= '9', r == '-':
			if i == 0 && r == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// termSet collects distinct terms in the order they are first added.
type termSet struct {
	list []term
	seen map[term]bool
}

func (s *termSet) add(ts ...term) {
	if s.seen == nil {
		s.seen = map[term]bool{}
	}
	for _, t := range ts {
		if !s.seen[t] {
			s.seen[t] = true
			s.list = append(s.list, t)
		}
	}
}
