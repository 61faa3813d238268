package rdfio

import (
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// The pieces of N-Triples lines for a caller that renders its terms itself
// (extract writes the lines of a document straight into its buffer, most
// of its terms rendered once per process). Each gives exactly the bytes
// LineEncoder writes for a term it accepts, and reports the terms it
// refuses, for which the caller must go through LineEncoder (which says
// why).

// NTriplesTerm returns the N-Triples form of v as an object, and the
// error a writer gives for it.
func NTriplesTerm(v quad.Value) (string, error) {
	t, err := toTerm(v)
	if err != nil {
		return "", wrapPos(posName[posObject], err)
	}
	return t.nt(), nil
}

// ValidIRI reports whether the writers accept iri, whose N-Triples form
// is then "<" + iri + ">" at any position: nothing in it needs escaping.
func ValidIRI(iri string) bool {
	return simpleIRI(iri) || utf8.ValidString(iri) && checkIRI(iri) == nil
}

// ValidIRIPart reports whether s may follow a valid IRI: whether prefix +
// s is valid for any valid prefix, and so written as it is.
func ValidIRIPart(s string) bool {
	for i := 0; i < len(s); i++ {
		if iriBad[s[i]] {
			return false
		}
	}
	return utf8.ValidString(s)
}

// AppendLiteral appends the N-Triples form of the plain literal s (an
// xsd:string, "..." with its escapes). It returns false, and dst with part
// of s appended, when s is not valid UTF-8: the writers refuse it.
func AppendLiteral(dst []byte, s string) ([]byte, bool) { return appendLiteral(dst, s) }

// TypedSuffix returns what follows the quoted lexical form of a typed
// literal of datatype dt: "^^<full IRI>", or "" for xsd:string; false when
// the writers refuse the datatype.
func TypedSuffix(dt quad.IRI) (string, bool) {
	t, err := toTerm(quad.TypedString{Type: dt})
	if err != nil {
		return "", false
	}
	if t.dt == "" {
		return "", true
	}
	return "^^" + string(appendIRIRef(nil, t.dt)), true
}
