package rdfio

import (
	"io"

	"github.com/cayleygraph/quad"
)

// flushAt is the size at which the writers hand their buffer to the
// underlying io.Writer.
const flushAt = 64 << 10

// lineWriter streams N-Triples or N-Quads: one quad, one line, nothing
// buffered beyond one flushAt-sized buffer, so it suits dumps of any size.
// Each line is encoded straight into that buffer; a quad that fails a
// check is cut off again, so nothing of it is written.
type lineWriter struct {
	w      io.Writer
	buf    []byte
	err    error // sticky error of the underlying writer
	labels bool  // N-Quads: write the graph label
	conv   termConv
	// IRIs already checked, per position.
	subj, pred, obj, graph seenIRIs
}

// NewNTriplesWriter writes N-Triples. Graph labels are dropped: N-Triples
// has only the default graph, into which all quads are merged.
func NewNTriplesWriter(w io.Writer) Writer { return &lineWriter{w: w} }

// NewNQuadsWriter writes N-Quads.
func NewNQuadsWriter(w io.Writer) Writer { return &lineWriter{w: w, labels: true} }

func (lw *lineWriter) WriteQuad(q quad.Quad) error {
	if lw.err != nil {
		return lw.err
	}
	mark := len(lw.buf)
	if err := lw.line(q); err != nil {
		lw.buf = lw.buf[:mark]
		return err
	}
	if len(lw.buf) >= flushAt {
		return lw.flush()
	}
	return nil
}

// appendSeen appends <iri> for a value c has seen.
func appendSeen(dst []byte, v quad.Value) []byte {
	dst = append(dst, '<')
	dst = append(dst, v.(quad.IRI)...)
	return append(dst, '>')
}

// line appends the line of q to lw.buf. The checks, and their order, are
// those of quadTerms.
func (lw *lineWriter) line(q quad.Quad) error {
	c := &lw.conv
	if _, ok := lw.subj.get(q.Subject); ok {
		lw.buf = appendSeen(lw.buf, q.Subject)
	} else {
		s, err := c.term(q.Subject)
		if err != nil {
			return wrapPos("subject", err)
		}
		if s.kind == kindLiteral {
			return literalAt("subject", s)
		}
		lw.subj.add(&s, 0)
		lw.buf = s.appendNT(lw.buf)
	}
	lw.buf = append(lw.buf, ' ')
	if _, ok := lw.pred.get(q.Predicate); ok {
		lw.buf = appendSeen(lw.buf, q.Predicate)
	} else {
		p, err := c.term(q.Predicate)
		if err != nil {
			return wrapPos("predicate", err)
		}
		if p.kind != kindIRI {
			return notIRIPredicate(p)
		}
		lw.pred.add(&p, 0)
		lw.buf = p.appendNT(lw.buf)
	}
	lw.buf = append(lw.buf, ' ')
	if _, ok := lw.obj.get(q.Object); ok {
		lw.buf = appendSeen(lw.buf, q.Object)
	} else {
		o, err := c.term(q.Object)
		if err != nil {
			return wrapPos("object", err)
		}
		lw.obj.add(&o, 0)
		lw.buf = o.appendNT(lw.buf)
	}
	if q.Label != nil {
		// Checked in N-Triples too, where it is not written.
		mark := len(lw.buf)
		lw.buf = append(lw.buf, ' ')
		if _, ok := lw.graph.get(q.Label); ok {
			lw.buf = appendSeen(lw.buf, q.Label)
		} else {
			g, err := c.term(q.Label)
			if err != nil {
				return wrapPos("graph label", err)
			}
			if g.kind == kindLiteral {
				return literalAt("graph label", g)
			}
			lw.graph.add(&g, 0)
			lw.buf = g.appendNT(lw.buf)
		}
		if !lw.labels {
			lw.buf = lw.buf[:mark]
		}
	}
	lw.buf = append(lw.buf, " .\n"...)
	return nil
}

func (lw *lineWriter) flush() error {
	if lw.err != nil {
		return lw.err
	}
	if len(lw.buf) > 0 {
		n, err := lw.w.Write(lw.buf)
		if err == nil && n < len(lw.buf) {
			err = io.ErrShortWrite
		}
		if err != nil {
			lw.err = err
			return err
		}
	}
	lw.buf = lw.buf[:0]
	return nil
}

func (lw *lineWriter) Close() error { return lw.flush() }
