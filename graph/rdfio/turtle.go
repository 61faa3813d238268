package rdfio

import (
	"cmp"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/dipgraph/dipgraph/ontology"
)

// tstmt is one buffered quad as two packed pairs of term numbers,
// graph<<32|subject and predicate<<32|object: term ids while quads come
// in, the ranks of their N-Triples forms once Close has sorted the terms.
// Number 0 is the empty key: the default graph, and rdf:type as predicate
// (written "a"), which sorts first.
type tstmt struct{ gs, po uint64 }

// turtleWriter buffers every quad and writes sorted, grouped Turtle or
// TriG on Close. Sorting on the N-Triples form of (graph, subject,
// predicate, object), rdf:type first, makes the output a function of the
// set of quads alone.
//
// To keep that buffer small, each distinct term is stored once in a
// termTable and a quad is four term numbers. Close sorts the distinct
// terms once and then the quads by rank, comparing integers.
type turtleWriter struct {
	w      io.Writer
	graphs bool // TriG
	conv   termConv

	terms *termTable
	// The quads in chunks of at most stmtChunk: no slice is ever copied
	// to grow past that, and Close sorts the chunks one by one and merges
	// them.
	stmts [][]tstmt

	// IRIs already checked and interned, per position.
	subj, pred, obj, graph seenIRIs
	scratch, form          []byte

	// For Term and WriteTerms (turtle_terms.go): the kind of each term
	// id, and the id of rdf:type when Term has interned it.
	kinds  []byte
	typeID uint32
}

// NewTurtleWriter writes Turtle. Graph labels are dropped: all quads are
// merged into the one graph Turtle can express. Nothing is written before
// Close.
func NewTurtleWriter(w io.Writer) Writer { return &turtleWriter{w: w} }

// NewTriGWriter writes TriG: default-graph triples first, then one
// `<g> { ... }` block per named graph. Nothing is written before Close.
func NewTriGWriter(w io.Writer) Writer { return &turtleWriter{w: w, graphs: true} }

// intern returns the id of t, adding it to the term table if it is new.
func (tw *turtleWriter) intern(t *term) uint32 {
	if tw.terms == nil {
		tw.terms = newTermTable()
		tw.kinds = append(tw.kinds[:0], 0)
	}
	tw.scratch = t.appendNT(tw.scratch[:0])
	id, slot, h, ok := tw.terms.lookup(tw.scratch)
	if ok {
		return id
	}
	tw.form = t.appendTurtle(tw.form[:0])
	tw.kinds = append(tw.kinds, t.kind)
	return tw.terms.insert(tw.scratch, tw.form, slot, h)
}

// WriteQuad checks q as quadTerms does, in the same order, and buffers it.
func (tw *turtleWriter) WriteQuad(q quad.Quad) error {
	c := &tw.conv
	s, ok := tw.subj.get(q.Subject)
	if !ok {
		t, err := c.term(q.Subject)
		if err != nil {
			return wrapPos("subject", err)
		}
		if t.kind == kindLiteral {
			return literalAt("subject", t)
		}
		s = tw.intern(&t)
		tw.subj.add(&t, s)
	}
	var pt, ot term
	p, pSeen := tw.pred.get(q.Predicate)
	if !pSeen {
		var err error
		if pt, err = c.term(q.Predicate); err != nil {
			return wrapPos("predicate", err)
		}
		if pt.kind != kindIRI {
			return notIRIPredicate(pt)
		}
	}
	o, oSeen := tw.obj.get(q.Object)
	if !oSeen {
		var err error
		if ot, err = c.term(q.Object); err != nil {
			return wrapPos("object", err)
		}
	}
	var g uint32
	if q.Label != nil {
		var ok bool
		if g, ok = tw.graph.get(q.Label); !ok {
			t, err := c.term(q.Label)
			if err != nil {
				return wrapPos("graph label", err)
			}
			if t.kind == kindLiteral {
				return literalAt("graph label", t)
			}
			if tw.graphs { // Turtle checks the label but drops it
				g = tw.intern(&t)
			}
			tw.graph.add(&t, g)
		}
	}
	if !pSeen {
		p = 0 // rdf:type
		if pt.val != ontology.RDFType {
			p = tw.intern(&pt)
		}
		tw.pred.add(&pt, p)
	}
	if !oSeen {
		o = tw.intern(&ot)
		tw.obj.add(&ot, o)
	}
	tw.add(tstmt{uint64(g)<<32 | uint64(s), uint64(p)<<32 | uint64(o)})
	return nil
}

// add buffers a statement.
func (tw *turtleWriter) add(st tstmt) {
	n := len(tw.stmts)
	switch {
	case n == 0:
		tw.stmts = [][]tstmt{nil}
	case len(tw.stmts[n-1]) == stmtChunk:
		tw.stmts = append(tw.stmts, make([]tstmt, 0, stmtChunk))
	}
	last := &tw.stmts[len(tw.stmts)-1]
	*last = append(*last, st)
}

func (tw *turtleWriter) Close() error {
	ss, terms := tw.stmts, tw.terms
	*tw = turtleWriter{w: tw.w, graphs: tw.graphs, scratch: tw.scratch[:0], form: tw.form[:0]}
	if terms == nil {
		terms = newTermTable()
	}
	terms.slots = nil // lookups are over
	// Rank the distinct terms by N-Triples form. Key 0 is "", the only
	// empty one, so it keeps rank 0.
	order := sortTerms(terms)
	rank := make([]uint64, len(order))
	for r, id := range order {
		rank[id] = uint64(r)
	}
	each(len(ss), workers(len(ss)*stmtChunk), func(c int) {
		chunk := ss[c]
		for i := range chunk {
			st := &chunk[i]
			st.gs = rank[st.gs>>32]<<32 | rank[st.gs&0xFFFFFFFF]
			st.po = rank[st.po>>32]<<32 | rank[st.po&0xFFFFFFFF]
		}
		slices.SortFunc(chunk, cmpStmt)
	})
	rank = nil
	m := newMerger(ss)

	out := &outBuf{w: tw.w}
	for _, p := range ontology.Prefixes {
		out.str("@prefix ", p.Name, ": ")
		out.b = appendIRIRef(out.b, p.IRI)
		out.str(" .\n")
	}
	form := func(r uint64) []byte { return terms.form(order[r]) }
	var prev tstmt
	indent := ""
	for i := 0; ; i++ {
		st, ok := m.next()
		if !ok {
			break
		}
		g, s := st.gs>>32, st.gs&0xFFFFFFFF
		p, o := st.po>>32, st.po&0xFFFFFFFF
		switch {
		case i > 0 && st == prev:
			continue // duplicate quad
		case i == 0 || g != prev.gs>>32:
			if i > 0 {
				out.str(" .\n")
				if prev.gs>>32 != 0 {
					out.str("}\n")
				}
			}
			out.str("\n")
			indent = ""
			if g != 0 {
				out.b = append(out.b, form(g)...)
				out.str(" {\n")
				indent = "    "
			}
			out.str(indent)
			out.term(form(s), form(p), form(o))
		case st.gs != prev.gs:
			out.str(" .\n\n", indent)
			out.term(form(s), form(p), form(o))
		case p != prev.po>>32:
			out.str(" ;\n", indent, "    ")
			out.term(form(p), form(o))
		default:
			out.str(", ")
			out.b = append(out.b, form(o)...)
		}
		prev = st
		out.maybeFlush()
	}
	if len(ss) > 0 {
		out.str(" .\n")
		if prev.gs>>32 != 0 {
			out.str("}\n")
		}
	}
	return out.flush()
}

// stmtChunk is the number of quads per chunk of turtleWriter.stmts
// (512 KiB). A variable so that tests can make chunks tiny.
var stmtChunk = 1 << 15

func cmpStmt(a, b tstmt) int {
	if c := cmp.Compare(a.gs, b.gs); c != 0 {
		return c
	}
	return cmp.Compare(a.po, b.po)
}

// merger yields the quads of sorted chunks in order: a binary min-heap of
// the chunks by their first remaining quad.
type merger struct{ heap [][]tstmt }

func newMerger(chunks [][]tstmt) *merger {
	m := &merger{}
	for _, c := range chunks {
		if len(c) > 0 {
			m.heap = append(m.heap, c)
		}
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m
}

func (m *merger) next() (tstmt, bool) {
	if len(m.heap) == 0 {
		return tstmt{}, false
	}
	st := m.heap[0][0]
	if m.heap[0] = m.heap[0][1:]; len(m.heap[0]) == 0 {
		last := len(m.heap) - 1
		m.heap[0] = m.heap[last]
		m.heap[last] = nil
		m.heap = m.heap[:last]
	}
	if len(m.heap) > 0 {
		m.down(0)
	}
	return st, true
}

func (m *merger) down(i int) {
	h := m.heap
	for {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && cmpStmt(h[l][0], h[least][0]) < 0 {
			least = l
		}
		if r < len(h) && cmpStmt(h[r][0], h[least][0]) < 0 {
			least = r
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}

// outBuf collects output and hands it to w in flushAt-sized writes,
// remembering the first error.
type outBuf struct {
	w   io.Writer
	b   []byte
	err error
}

func (o *outBuf) str(ss ...string) {
	for _, s := range ss {
		o.b = append(o.b, s...)
	}
}

// term appends terms separated by spaces.
func (o *outBuf) term(ts ...[]byte) {
	for i, t := range ts {
		if i > 0 {
			o.b = append(o.b, ' ')
		}
		o.b = append(o.b, t...)
	}
}

func (o *outBuf) maybeFlush() {
	if len(o.b) >= flushAt {
		o.flush()
	}
}

func (o *outBuf) flush() error {
	if o.err == nil && len(o.b) > 0 {
		n, err := o.w.Write(o.b)
		if err == nil && n < len(o.b) {
			err = io.ErrShortWrite
		}
		o.err = err
	}
	o.b = o.b[:0]
	return o.err
}

// prefixOrder is ontology.Prefixes, longest namespace first, so the most
// specific prefix wins when namespaces nest.
var prefixOrder = func() []ontology.Prefix {
	ps := append([]ontology.Prefix(nil), ontology.Prefixes...)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].IRI) > len(ps[j].IRI) })
	return ps
}()

// appendTurtle appends the Turtle form of a term: a prefixed name where
// the local part can be written as PN_LOCAL, else <IRI>; literals as "..."
// with language tag or datatype (never bare numbers, whose datatype a
// reader would have to guess).
func (t *term) appendTurtle(dst []byte) []byte {
	switch t.kind {
	case kindIRI:
		return appendTurtleIRI(dst, t.val)
	case kindBlank:
		dst = append(dst, "_:"...)
		return append(dst, t.val...)
	}
	dst = t.appendQuoted(dst)
	if t.lang == "" && t.dt != "" {
		dst = append(dst, "^^"...)
		dst = appendTurtleIRI(dst, t.dt)
	}
	return dst
}

func appendTurtleIRI(dst []byte, iri string) []byte {
	for _, p := range prefixOrder {
		if strings.HasPrefix(iri, p.IRI) {
			with := append(append(dst, p.Name...), ':')
			if out, ok := appendPNLocal(with, iri[len(p.IRI):]); ok {
				return out
			}
		}
	}
	return appendIRIRef(dst, iri)
}

// pnLocal writes s as a Turtle PN_LOCAL, backslash-escaping the reserved
// characters that need it (PN_LOCAL_ESC). It reports false when s holds a
// character PN_LOCAL cannot express at all (space, <, ", ...) or ends in
// '.', and the IRI is then written in full.
func pnLocal(s string) (string, bool) {
	b, ok := appendPNLocal(nil, s)
	return string(b), ok
}

// appendPNLocal appends pnLocal(s); on false, dst is returned unchanged.
func appendPNLocal(dst []byte, s string) ([]byte, bool) {
	orig := dst
	for i, r := range s {
		first, last := i == 0, i+utf8.RuneLen(r) == len(s)
		switch {
		case r == '%':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				dst = append(dst, '%') // PERCENT: kept as is, it is part of the IRI
			} else {
				dst = append(dst, `\%`...)
			}
		case r == '_' || r == ':' || r < 0x80 && isAlnum(byte(r)) || isPNCharsBase(r):
			dst = utf8.AppendRune(dst, r)
		case r == '.' && last:
			// `\.` at the end is valid Turtle, but rdflib 6 rejects it.
			return orig, false
		case r == '-' || r == '.':
			if first {
				dst = append(dst, '\\')
			}
			dst = utf8.AppendRune(dst, r)
		case r == 0xB7 || r >= 0x300 && r <= 0x36F || r == 0x203F || r == 0x2040:
			if first {
				return orig, false
			}
			dst = utf8.AppendRune(dst, r)
		case strings.ContainsRune("~!$&'()*+,;=/?#@", r):
			dst = append(dst, '\\')
			dst = utf8.AppendRune(dst, r)
		default:
			return orig, false
		}
	}
	return dst, true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

var pnCharsBase = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x41, 0x5A, 1}, {0x61, 0x7A, 1}, {0xC0, 0xD6, 1}, {0xD8, 0xF6, 1},
		{0xF8, 0x2FF, 1}, {0x370, 0x37D, 1}, {0x37F, 0x1FFF, 1}, {0x200C, 0x200D, 1},
		{0x2070, 0x218F, 1}, {0x2C00, 0x2FEF, 1}, {0x3001, 0xD7FF, 1},
		{0xF900, 0xFDCF, 1}, {0xFDF0, 0xFFFD, 1},
	},
	R32: []unicode.Range32{{0x10000, 0xEFFFF, 1}},
}

func isPNCharsBase(r rune) bool { return unicode.Is(pnCharsBase, r) }
