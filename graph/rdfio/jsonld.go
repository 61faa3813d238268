package rdfio

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/dipgraph/dipgraph/ontology"
)

// JSONLDContextFile is the published JSON-LD context (jsonld-context.jsonld
// in this directory): one prefix per ontology.Prefixes entry, nothing else,
// so that it can never change what a document means beyond abbreviating
// IRIs. A test checks that it matches JSONLDContext().
//
//go:embed jsonld-context.jsonld
var JSONLDContextFile []byte

// JSONLDFormat describes the JSON-LD writer for the format registry. It has
// no reader.
var JSONLDFormat = Format{
	Name: "jsonld", Ext: []string{".jsonld"}, MediaType: "application/ld+json", Quads: true,
	NewWriter: func(w io.Writer) Writer { return NewJSONLDWriter(w, JSONLDOptions{}) },
}

// JSONLDOptions control NewJSONLDWriter.
type JSONLDOptions struct {
	// Expanded writes expanded JSON-LD (a top-level array, full IRIs, no
	// context). The default is compacted with the prefixes of the published
	// context, which is embedded in the document so that it reads offline.
	Expanded bool
	// ContextURL, when set in compacted mode, is written as "@context"
	// instead of the embedded context. The URL must serve
	// JSONLDContextFile.
	ContextURL string
}

// JSONLDContext returns the "@context" object of compacted output: every
// prefix of ontology.Prefixes, in their order, as JSON.
func JSONLDContext() string {
	var b strings.Builder
	b.WriteString("{")
	for i, p := range ontology.Prefixes {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n    ")
		jsonString(&b, p.Name)
		b.WriteString(": ")
		jsonString(&b, p.IRI)
	}
	b.WriteString("\n  }")
	return b.String()
}

// jsonldWriter streams JSON-LD: each quad is written as it comes, into the
// current node object while subject (and graph) stay the same, else into a
// new one. Several node objects with one @id, and several graph objects
// with one @id, are legal and merge when read, so input order only affects
// how compact the output is, never what it means. The store's export feeds
// quads grouped by graph and subject, which gives one node object per
// subject and graph.
type jsonldWriter struct {
	w   *bufio.Writer
	opt JSONLDOptions
	err error

	started  bool
	items    int  // items written into the current array (top-level or graph)
	inGraph  bool // a named graph object is open
	graph    term
	graphRaw bool // the graph object has "@context": null
	inNode   bool
	subj     term
	nodeRaw  bool
	key      string          // key of the open value array, "" if none
	keys     map[string]bool // keys already used in the open node object

	conv  termConv
	pkeys [64]predKey // recent predicates' keys, by iriSlot
}

// predKey caches the key a predicate IRI gets in a node object.
type predKey struct {
	iri, key string
	raw      bool
}

// NewJSONLDWriter writes JSON-LD 1.1 (also valid JSON-LD 1.0). Literals
// are value objects with string "@value" and a full datatype IRI, never
// JSON numbers or booleans, so lexical forms survive exactly; rdf:type
// with an IRI object becomes "@type". Named graphs are {"@id": g,
// "@graph": [...]}; default-graph nodes are top-level items.
func NewJSONLDWriter(w io.Writer, opt JSONLDOptions) Writer {
	return &jsonldWriter{w: bufio.NewWriter(w), opt: opt}
}

// jsonldPrefixes is prefixOrder (longest namespace first) for compaction.
var jsonldPrefixes = prefixOrder

func isPrefixName(s string) bool {
	for _, p := range ontology.Prefixes {
		if p.Name == s {
			return true
		}
	}
	return false
}

// checkJSONLD rejects what JSON-LD cannot carry faithfully: an IRI without
// a scheme would be resolved against the document's base.
func checkJSONLD(ts ...term) error {
	for _, t := range ts {
		iri := t.dt
		if t.kind == kindIRI {
			iri = t.val
		}
		if iri != "" && !schemeEnd(iri) {
			return fmt.Errorf("rdfio: IRI %q is not absolute; JSON-LD would resolve it against the document's base", iri)
		}
	}
	return nil
}

// clashes reports whether an IRI would be misread under the prefix
// context: a full IRI whose scheme is one of the prefix names ("time:x")
// is expanded as a compact IRI by JSON-LD processors.
func clashes(iri string) bool {
	scheme, rest, ok := strings.Cut(iri, ":")
	return ok && !strings.HasPrefix(rest, "//") && isPrefixName(scheme)
}

func (t term) clashes() bool {
	return t.kind == kindIRI && clashes(t.val) || t.kind == kindLiteral && t.dt != "" && clashes(t.dt)
}

// iri renders an IRI for the current mode: compacted with the longest
// matching prefix when the remainder cannot be mistaken for something else.
func (jw *jsonldWriter) iri(iri string, raw bool) string {
	if name, local, ok := jw.compact(iri, raw); ok {
		return name + ":" + local
	}
	return iri
}

// compact splits iri into prefix name and local part if it is to be
// compacted.
func (jw *jsonldWriter) compact(iri string, raw bool) (name, local string, ok bool) {
	if raw || jw.opt.Expanded {
		return "", "", false
	}
	for _, p := range jsonldPrefixes {
		if local, ok := strings.CutPrefix(iri, p.IRI); ok && local != "" && !strings.HasPrefix(local, "//") {
			return p.Name, local, true
		}
	}
	return "", "", false
}

// strIRI writes jw.str(jw.iri(iri, raw)).
func (jw *jsonldWriter) strIRI(iri string, raw bool) {
	b := jw.w.AvailableBuffer()
	if name, local, ok := jw.compact(iri, raw); ok {
		b = append(b, '"')
		b = appendJSONBody(append(append(b, name...), ':'), local)
		b = append(b, '"')
	} else {
		b = appendJSONString(b, iri)
	}
	jw.w.Write(b)
}

// strID writes the @id of t: jw.str(jw.id(t, raw)).
func (jw *jsonldWriter) strID(t term, raw bool) {
	if t.kind != kindBlank {
		jw.strIRI(t.val, raw)
		return
	}
	b := append(jw.w.AvailableBuffer(), `"_:`...)
	b = append(appendJSONBody(b, t.val), '"')
	jw.w.Write(b)
}

// predKey returns jw.iri(p, raw), remembered for recent predicates.
func (jw *jsonldWriter) predKey(p string, raw bool) string {
	if p == "" {
		return jw.iri(p, raw)
	}
	c := &jw.pkeys[iriSlot(p)]
	if c.iri != p || c.raw != raw || c.key == "" {
		*c = predKey{iri: p, key: jw.iri(p, raw), raw: raw}
	}
	return c.key
}

func (jw *jsonldWriter) WriteQuad(q quad.Quad) error {
	if jw.err != nil {
		return jw.err
	}
	s, p, o, g, err := jw.conv.quadTerms(q)
	if err == nil {
		err = checkJSONLD(s, p, o, g)
	}
	if err != nil {
		return err
	}
	compact := !jw.opt.Expanded
	graphRaw := compact && g.clashes()
	nodeRaw := compact && !graphRaw && (s.clashes() || p.clashes() || o.clashes())
	raw := graphRaw || nodeRaw

	jw.start()
	if jw.inGraph && (g != jw.graph || graphRaw != jw.graphRaw) || !jw.inGraph && g.kind != 0 {
		jw.closeGraph()
	}
	if g.kind != 0 && !jw.inGraph {
		jw.item()
		jw.w.WriteString("{")
		if graphRaw {
			jw.w.WriteString(`"@context": null, `)
		}
		jw.w.WriteString(`"@id": `)
		jw.strID(g, graphRaw)
		jw.w.WriteString(`, "@graph": [`)
		jw.inGraph, jw.graph, jw.graphRaw, jw.items = true, g, graphRaw, 0
	}

	key := jw.predKey(p.val, raw)
	if p.val == ontology.RDFType && o.kind == kindIRI {
		key = "@type"
	}
	if jw.inNode && (s != jw.subj || nodeRaw != jw.nodeRaw || key != jw.key && jw.keys[key]) {
		jw.closeNode()
	}
	if !jw.inNode {
		jw.item()
		jw.w.WriteString("{")
		if nodeRaw {
			jw.w.WriteString(`"@context": null, `)
		}
		jw.w.WriteString(`"@id": `)
		jw.strID(s, raw)
		if jw.keys == nil {
			jw.keys = map[string]bool{}
		}
		clear(jw.keys)
		jw.inNode, jw.subj, jw.nodeRaw, jw.key = true, s, nodeRaw, ""
	}
	if key == jw.key {
		jw.w.WriteString(", ")
	} else {
		if jw.key != "" {
			jw.w.WriteString("]")
		}
		jw.w.WriteString(", ")
		jw.str(key)
		jw.w.WriteString(": [")
		jw.key = key
		jw.keys[key] = true
	}
	jw.value(o, key == "@type", raw)
	return jw.err
}

// value writes an object: a bare IRI for @type, else a node reference or a
// value object.
func (jw *jsonldWriter) value(o term, isType, raw bool) {
	switch {
	case isType:
		jw.strIRI(o.val, raw)
	case o.kind == kindIRI || o.kind == kindBlank:
		jw.w.WriteString(`{"@id": `)
		jw.strID(o, raw)
		jw.w.WriteString("}")
	default:
		jw.w.WriteString(`{"@value": `)
		jw.str(o.val)
		if o.lang != "" {
			jw.w.WriteString(`, "@language": `)
			jw.str(o.lang)
		} else if o.dt != "" {
			jw.w.WriteString(`, "@type": `)
			jw.str(o.dt) // datatypes always as full IRIs
		}
		jw.w.WriteString("}")
	}
}

func (jw *jsonldWriter) start() {
	if jw.started {
		return
	}
	jw.started = true
	switch {
	case jw.opt.Expanded:
		jw.w.WriteString("[")
	case jw.opt.ContextURL != "":
		jw.w.WriteString(`{"@context": `)
		jw.str(jw.opt.ContextURL)
		jw.w.WriteString(",\n  \"@graph\": [")
	default:
		jw.w.WriteString("{\"@context\": " + JSONLDContext() + ",\n  \"@graph\": [")
	}
}

// item starts an element of the current array on a new line.
func (jw *jsonldWriter) item() {
	if jw.items > 0 {
		jw.w.WriteString(",")
	}
	jw.items++
	jw.w.WriteString("\n  ")
	if jw.inGraph {
		jw.w.WriteString("  ")
	}
}

func (jw *jsonldWriter) closeNode() {
	if !jw.inNode {
		return
	}
	if jw.key != "" {
		jw.w.WriteString("]")
	}
	jw.w.WriteString("}")
	jw.inNode, jw.key = false, ""
}

func (jw *jsonldWriter) closeGraph() {
	jw.closeNode()
	if !jw.inGraph {
		return
	}
	jw.w.WriteString("\n  ]}")
	jw.inGraph = false
	jw.items = 1 // the graph object was an item of the top-level array
}

func (jw *jsonldWriter) Close() error {
	if jw.err != nil {
		return jw.err
	}
	jw.start()
	jw.closeGraph()
	if jw.opt.Expanded {
		jw.w.WriteString("\n]\n")
	} else {
		jw.w.WriteString("\n  ]\n}\n")
	}
	if err := jw.w.Flush(); err != nil {
		jw.err = err
		return err
	}
	jw.err = errors.New("rdfio: JSON-LD writer closed")
	return nil
}

func (jw *jsonldWriter) str(s string) {
	jw.w.Write(appendJSONString(jw.w.AvailableBuffer(), s))
}

// jsonString writes s as a JSON string.
func jsonString(b *strings.Builder, s string) {
	b.Write(appendJSONString(nil, s))
}

// appendJSONString appends s as a JSON string. s is valid UTF-8 (toTerm
// checks; an invalid byte would become U+FFFD); only what JSON requires is
// escaped.
func appendJSONString(dst []byte, s string) []byte {
	return append(appendJSONBody(append(dst, '"'), s), '"')
}

// jsonEsc is the escape of each ASCII byte in a JSON string: 0 for none,
// 'u' for \u00xx, else the letter after the backslash.
var jsonEsc = func() (e [128]byte) {
	for c := 0; c < 0x20; c++ {
		e[c] = 'u'
	}
	e['"'], e['\\'], e['\n'], e['\r'], e['\t'] = '"', '\\', 'n', 'r', 't'
	return e
}()

// appendJSONBody appends s escaped for the inside of a JSON string.
func appendJSONBody(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] < 0x80 && jsonEsc[s[i]] == 0 {
			i++
		}
		dst = append(dst, s[:i]...)
		if i == len(s) {
			break
		}
		c := s[i]
		switch {
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			dst = utf8.AppendRune(dst, r)
			i += size
		case jsonEsc[c] == 'u':
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			i++
		default:
			dst = append(dst, '\\', jsonEsc[c])
			i++
		}
		s = s[i:]
	}
	return dst
}
