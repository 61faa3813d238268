package rdfio

import (
	"bufio"
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"github.com/dipgraph/dipgraph/ontology"
)

// stmt is one buffered quad: N-Triples forms (sort and dedupe keys) and the
// Turtle forms that get written.
type stmt struct {
	g, s, p, o     string
	tg, ts, tp, to string
}

// turtleWriter buffers every quad and writes sorted, grouped Turtle or
// TriG on Close. Sorting on the N-Triples form of (graph, subject,
// predicate, object), rdf:type first, makes the output a function of the
// set of quads alone.
type turtleWriter struct {
	w      io.Writer
	graphs bool // TriG
	stmts  []stmt
}

// NewTurtleWriter writes Turtle. Graph labels are dropped: all quads are
// merged into the one graph Turtle can express. Nothing is written before
// Close.
func NewTurtleWriter(w io.Writer) Writer { return &turtleWriter{w: w} }

// NewTriGWriter writes TriG: default-graph triples first, then one
// `<g> { ... }` block per named graph. Nothing is written before Close.
func NewTriGWriter(w io.Writer) Writer { return &turtleWriter{w: w, graphs: true} }

func (tw *turtleWriter) WriteQuad(q quad.Quad) error {
	s, p, o, g, err := quadTerms(q)
	if err != nil {
		return err
	}
	st := stmt{s: s.nt(), p: p.nt(), o: o.nt(), ts: s.turtle(), tp: p.turtle(), to: o.turtle()}
	if p.val == ontology.RDFType {
		st.p, st.tp = "", "a" // sorts first
	}
	if tw.graphs && g.kind != 0 {
		st.g, st.tg = g.nt(), g.turtle()
	}
	tw.stmts = append(tw.stmts, st)
	return nil
}

func (tw *turtleWriter) Close() error {
	ss := tw.stmts
	tw.stmts = nil
	sort.Slice(ss, func(i, j int) bool {
		a, b := &ss[i], &ss[j]
		if a.g != b.g {
			return a.g < b.g
		}
		if a.s != b.s {
			return a.s < b.s
		}
		if a.p != b.p {
			return a.p < b.p
		}
		return a.o < b.o
	})
	bw := bufio.NewWriter(tw.w)
	for _, p := range ontology.Prefixes {
		bw.WriteString("@prefix " + p.Name + ": " + iriRef(p.IRI) + " .\n")
	}
	var prev *stmt
	indent := ""
	for i := range ss {
		st := &ss[i]
		switch {
		case prev != nil && *st == *prev:
			continue // duplicate quad
		case prev == nil || st.g != prev.g:
			if prev != nil {
				bw.WriteString(" .\n")
				if prev.g != "" {
					bw.WriteString("}\n")
				}
			}
			bw.WriteString("\n")
			indent = ""
			if st.g != "" {
				bw.WriteString(st.tg + " {\n")
				indent = "    "
			}
			bw.WriteString(indent + st.ts + " " + st.tp + " " + st.to)
		case st.s != prev.s:
			bw.WriteString(" .\n\n" + indent + st.ts + " " + st.tp + " " + st.to)
		case st.p != prev.p:
			bw.WriteString(" ;\n" + indent + "    " + st.tp + " " + st.to)
		default:
			bw.WriteString(", " + st.to)
		}
		prev = st
	}
	if prev != nil {
		bw.WriteString(" .\n")
		if prev.g != "" {
			bw.WriteString("}\n")
		}
	}
	return bw.Flush()
}

// prefixOrder is ontology.Prefixes, longest namespace first, so the most
// specific prefix wins when namespaces nest.
var prefixOrder = func() []ontology.Prefix {
	ps := append([]ontology.Prefix(nil), ontology.Prefixes...)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].IRI) > len(ps[j].IRI) })
	return ps
}()

// turtle returns the Turtle form of a term: a prefixed name where the local
// part can be written as PN_LOCAL, else <IRI>; literals as "..." with
// language tag or datatype (never bare numbers, whose datatype a reader
// would have to guess).
func (t term) turtle() string {
	switch t.kind {
	case kindIRI:
		return turtleIRI(t.val)
	case kindBlank:
		return "_:" + t.val
	}
	var b strings.Builder
	b.WriteByte('"')
	escapeString(&b, t.val)
	b.WriteByte('"')
	if t.lang != "" {
		b.WriteString("@" + t.lang)
	} else if t.dt != "" {
		b.WriteString("^^" + turtleIRI(t.dt))
	}
	return b.String()
}

func turtleIRI(iri string) string {
	for _, p := range prefixOrder {
		if strings.HasPrefix(iri, p.IRI) {
			if local, ok := pnLocal(iri[len(p.IRI):]); ok {
				return p.Name + ":" + local
			}
		}
	}
	return iriRef(iri)
}

func iriRef(iri string) string {
	var b strings.Builder
	b.WriteByte('<')
	escapeIRI(&b, iri)
	b.WriteByte('>')
	return b.String()
}

// pnLocal writes s as a Turtle PN_LOCAL, backslash-escaping the reserved
// characters that need it (PN_LOCAL_ESC). It reports false when s holds a
// character PN_LOCAL cannot express at all (space, <, ", ...) or ends in
// '.', and the IRI is then written in full.
func pnLocal(s string) (string, bool) {
	var b strings.Builder
	for i, r := range s {
		first, last := i == 0, i+len(string(r)) == len(s)
		switch {
		case r == '%':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				b.WriteByte('%') // PERCENT: kept as is, it is part of the IRI
			} else {
				b.WriteString(`\%`)
			}
		case r == '_' || r == ':' || r < 0x80 && isAlnum(byte(r)) || isPNCharsBase(r):
			b.WriteRune(r)
		case r == '.' && last:
			// `\.` at the end is valid Turtle, but rdflib 6 rejects it.
			return "", false
		case r == '-' || r == '.':
			if first {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case r == 0xB7 || r >= 0x300 && r <= 0x36F || r == 0x203F || r == 0x2040:
			if first {
				return "", false
			}
			b.WriteRune(r)
		case strings.ContainsRune("~!$&'()*+,;=/?#@", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return b.String(), true
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
