package rdfio

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

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
}

// NewJSONLDWriter writes JSON-LD 1.1 (also valid JSON-LD 1.0). Literals
// are value objects with string "@value" and a full datatype IRI, never
// JSON numbers or booleans, so lexical forms survive exactly; rdf:type
// with an IRI object becomes "@type". Named graphs are {"@id": g,
// "@graph": [...]}; default-graph nodes are top-level items.
func NewJSONLDWriter(w io.Writer, opt JSONLDOptions) Writer {
	return &jsonldWriter{w: bufio.NewWriter(w), opt: opt}
}

var iriScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

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
		if iri != "" && !iriScheme.MatchString(iri) {
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
	if raw || jw.opt.Expanded {
		return iri
	}
	for _, p := range jsonldPrefixes {
		if local, ok := strings.CutPrefix(iri, p.IRI); ok && local != "" && !strings.HasPrefix(local, "//") {
			return p.Name + ":" + local
		}
	}
	return iri
}

func (jw *jsonldWriter) id(t term, raw bool) string {
	if t.kind == kindBlank {
		return "_:" + t.val
	}
	return jw.iri(t.val, raw)
}

func (jw *jsonldWriter) WriteQuad(q quad.Quad) error {
	if jw.err != nil {
		return jw.err
	}
	s, p, o, g, err := quadTerms(q)
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
		jw.str(jw.id(g, graphRaw))
		jw.w.WriteString(`, "@graph": [`)
		jw.inGraph, jw.graph, jw.graphRaw, jw.items = true, g, graphRaw, 0
	}

	key := jw.iri(p.val, raw)
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
		jw.str(jw.id(s, raw))
		jw.inNode, jw.subj, jw.nodeRaw, jw.key, jw.keys = true, s, nodeRaw, "", map[string]bool{}
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
		jw.str(jw.iri(o.val, raw))
	case o.kind == kindIRI || o.kind == kindBlank:
		jw.w.WriteString(`{"@id": `)
		jw.str(jw.id(o, raw))
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
	jw.inNode, jw.key, jw.keys = false, "", nil
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
	var b strings.Builder
	jsonString(&b, s)
	jw.w.WriteString(b.String())
}

// jsonString writes s as a JSON string. s is valid UTF-8 (toTerm checks);
// only what JSON requires is escaped.
func jsonString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}
