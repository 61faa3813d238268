package rdfio

import (
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"
	"github.com/dipgraph/dipgraph/ontology"
)

// TermWriter is a Writer that also takes quads as numbered terms: a reader
// that has its own numbers for values (a store's node ids) converts each
// value once with Term and then hands over quads as four numbers, which
// spares the conversion, checks and interning of every term of every quad.
// The Turtle and TriG writers are TermWriters; their output depends on the
// set of quads only, so it is the same whichever way the quads came.
type TermWriter interface {
	Writer
	// Term converts and checks v as WriteQuad does any term, and returns
	// its number, never 0. The same term always gets the same number.
	Term(v quad.Value) (uint32, error)
	// WriteTerms buffers the quad (s, p, o, g) of numbers from Term; g is
	// 0 for the default graph. It checks the positions as WriteQuad does
	// (subject not a literal, predicate an IRI, label not a literal), but
	// its errors do not name the term: a caller that needs WriteQuad's
	// message writes the quads again with WriteQuad to a new writer.
	// The Turtle writer checks the label and drops it.
	WriteTerms(s, p, o, g uint32) error
}

func (tw *turtleWriter) Term(v quad.Value) (uint32, error) {
	t, err := tw.conv.term(v)
	if err != nil {
		return 0, err
	}
	id := tw.intern(&t)
	if tw.typeID == 0 && t.kind == kindIRI && t.val == ontology.RDFType {
		tw.typeID = id
	}
	return id, nil
}

var errTermNumber = errors.New("term number not given by Term")

func (tw *turtleWriter) WriteTerms(s, p, o, g uint32) error {
	k := tw.kinds
	if s == 0 || p == 0 || o == 0 || int(max(s, p, o, g)) >= len(k) {
		return errTermNumber
	}
	switch {
	case k[s] == kindLiteral:
		return fmt.Errorf("subject: term %d is a literal", s)
	case k[p] != kindIRI:
		return fmt.Errorf("predicate: term %d is not an IRI", p)
	case k[g] == kindLiteral:
		return fmt.Errorf("graph label: term %d is a literal", g)
	}
	if !tw.graphs {
		g = 0
	}
	if p == tw.typeID {
		p = 0 // rdf:type, written "a"
	}
	tw.add(tstmt{uint64(g)<<32 | uint64(s), uint64(p)<<32 | uint64(o)})
	return nil
}
