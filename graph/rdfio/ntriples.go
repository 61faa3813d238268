package rdfio

import (
	"bufio"
	"io"

	"github.com/cayleygraph/quad"
)

// lineWriter streams N-Triples or N-Quads: one quad, one line, nothing
// buffered beyond bufio, so it suits dumps of any size.
type lineWriter struct {
	w      *bufio.Writer
	labels bool // N-Quads: write the graph label
}

// NewNTriplesWriter writes N-Triples. Graph labels are dropped: N-Triples
// has only the default graph, into which all quads are merged.
func NewNTriplesWriter(w io.Writer) Writer { return &lineWriter{w: bufio.NewWriter(w)} }

// NewNQuadsWriter writes N-Quads.
func NewNQuadsWriter(w io.Writer) Writer {
	return &lineWriter{w: bufio.NewWriter(w), labels: true}
}

func (lw *lineWriter) WriteQuad(q quad.Quad) error {
	s, p, o, g, err := quadTerms(q)
	if err != nil {
		return err
	}
	line := s.nt() + " " + p.nt() + " " + o.nt()
	if lw.labels && g.kind != 0 {
		line += " " + g.nt()
	}
	_, err = lw.w.WriteString(line + " .\n")
	return err
}

func (lw *lineWriter) Close() error { return lw.w.Flush() }
