// Package rdfio reads and writes RDF (Turtle, TriG, N-Triples, N-Quads) for
// cayley's quad.Quad values.
//
// It exists because the encoders of cayleygraph/quad and knakk/rdf are not
// safe to publish with (see ../shared/docs/cayley-notes.md): they write
// native values with short datatype IRIs, do not escape IRIs, local names or
// blank-node labels, and their Turtle output depends on input order. The
// writers here escape every term, reject terms they cannot write faithfully
// (invalid UTF-8, empty IRIs, malformed language tags), and the Turtle and
// TriG writers are deterministic: the same set of quads always gives the
// same bytes (output contract, "Determinism").
//
// Reading is delegated to knakk/rdf's decoders, which are good, with two
// fixes applied here: blank-node labels are made unique per read (knakk's
// own names for [] collide with document labels), and relative IRIs are
// resolved against ReadOptions.Base per RFC 3986 (knakk concatenates; it
// still does so for a document's own @base).
package rdfio

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Writer serializes quads. Close flushes buffered output (the Turtle and
// TriG writers write everything on Close); it does not close the
// underlying io.Writer. A quad whose Label is nil is in the default graph.
type Writer interface {
	WriteQuad(q quad.Quad) error
	Close() error
}

// Reader returns the quads of a document one at a time, and io.EOF after
// the last one.
type Reader interface {
	ReadQuad() (quad.Quad, error)
}

// Format describes one RDF serialization.
type Format struct {
	Name      string
	Ext       []string // file extensions, with the leading dot
	MediaType string
	Quads     bool // true if the format can carry named graphs
	// Dedupes is true when the writer holds its statements, sorts them and
	// drops repeats (Turtle, TriG): it may be given the same triple twice.
	Dedupes   bool
	NewWriter func(w io.Writer) Writer
	// NewReader is nil when no reader exists for the format (TriG: knakk
	// has no TriG decoder). Readers made here resolve no relative IRIs and
	// get a per-reader blank-node prefix; use NewReader for options.
	NewReader func(r io.Reader) Reader
}

var formats = map[string]Format{}

// Register adds a format to the registry (JSON-LD and others register
// here). It panics on a duplicate name or extension, which is a programming
// error found at init.
func Register(f Format) {
	if _, dup := formats[f.Name]; dup {
		panic("rdfio: format registered twice: " + f.Name)
	}
	for _, e := range f.Ext {
		if _, ok := FormatByExt(e); ok {
			panic("rdfio: extension registered twice: " + e)
		}
	}
	formats[f.Name] = f
}

// Formats lists the registered formats sorted by name.
func Formats() []Format {
	out := make([]Format, 0, len(formats))
	for _, f := range formats {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FormatByName returns the format registered under name.
func FormatByName(name string) (Format, bool) {
	f, ok := formats[name]
	return f, ok
}

// FormatByExt returns the format for a file extension such as ".ttl"
// (case-insensitive, leading dot optional).
func FormatByExt(ext string) (Format, bool) {
	ext = strings.ToLower(ext)
	if !strings.HasPrefix(ext, ".") {
		ext = "." + ext
	}
	for _, f := range Formats() {
		for _, e := range f.Ext {
			if e == ext {
				return f, true
			}
		}
	}
	return Format{}, false
}

func init() {
	Register(Format{
		Name: "ntriples", Ext: []string{".nt"}, MediaType: "application/n-triples",
		NewWriter: func(w io.Writer) Writer { return NewNTriplesWriter(w) },
		NewReader: readerFunc("ntriples"),
	})
	Register(Format{
		Name: "nquads", Ext: []string{".nq"}, MediaType: "application/n-quads", Quads: true,
		NewWriter: func(w io.Writer) Writer { return NewNQuadsWriter(w) },
		NewReader: readerFunc("nquads"),
	})
	Register(Format{
		Name: "turtle", Ext: []string{".ttl"}, MediaType: "text/turtle", Dedupes: true,
		NewWriter: func(w io.Writer) Writer { return NewTurtleWriter(w) },
		NewReader: readerFunc("turtle"),
	})
	Register(JSONLDFormat)
	Register(Format{
		Name: "trig", Ext: []string{".trig"}, MediaType: "application/trig", Quads: true, Dedupes: true,
		NewWriter: func(w io.Writer) Writer { return NewTriGWriter(w) },
	})
}

func readerFunc(name string) func(io.Reader) Reader {
	return func(r io.Reader) Reader {
		rd, err := NewReader(name, r, ReadOptions{})
		if err != nil {
			panic(fmt.Sprintf("rdfio: registered reader %s: %v", name, err))
		}
		return rd
	}
}
