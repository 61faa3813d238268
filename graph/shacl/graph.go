package shacl

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
)

// Graph is an RDF graph: a set of triples, indexed for validation. Graph
// labels of quads are ignored, so a graph made from a store or an N-Quads
// file is the union of its named graphs (as SHACL engines validate a
// dataset).
type Graph struct {
	seen map[[3]term]struct{}
	out  map[term]map[term][]term // subject → predicate → objects, in insertion order
	in   map[term]map[term][]term // object → predicate → subjects
	subj map[term][]term          // predicate → subjects, in insertion order, with repeats
	obj  map[term][]term          // predicate → objects, in insertion order, with repeats
}

// NewGraph returns an empty graph.
func NewGraph() *Graph {
	return &Graph{
		seen: map[[3]term]struct{}{},
		out:  map[term]map[term][]term{},
		in:   map[term]map[term][]term{},
		subj: map[term][]term{},
		obj:  map[term][]term{},
	}
}

// Len is the number of distinct triples.
func (g *Graph) Len() int { return len(g.seen) }

// Add adds the triple of q (its label is ignored). Adding a triple twice
// keeps one.
func (g *Graph) Add(q quad.Quad) error {
	s, err := termOf(q.Subject)
	if err != nil {
		return fmt.Errorf("subject: %w", err)
	}
	p, err := termOf(q.Predicate)
	if err != nil {
		return fmt.Errorf("predicate: %w", err)
	}
	o, err := termOf(q.Object)
	if err != nil {
		return fmt.Errorf("object: %w", err)
	}
	if s.isLiteral() {
		return fmt.Errorf("subject %s is a literal", s)
	}
	if !p.isIRI() {
		return fmt.Errorf("predicate %s is not an IRI", p)
	}
	g.add(s, p, o)
	return nil
}

func (g *Graph) add(s, p, o term) {
	k := [3]term{s, p, o}
	if _, dup := g.seen[k]; dup {
		return
	}
	g.seen[k] = struct{}{}
	if g.out[s] == nil {
		g.out[s] = map[term][]term{}
	}
	g.out[s][p] = append(g.out[s][p], o)
	if g.in[o] == nil {
		g.in[o] = map[term][]term{}
	}
	g.in[o][p] = append(g.in[o][p], s)
	g.subj[p] = append(g.subj[p], s)
	g.obj[p] = append(g.obj[p], o)
}

// AddAll adds quads.
func (g *Graph) AddAll(quads []quad.Quad) error {
	for _, q := range quads {
		if err := g.Add(q); err != nil {
			return err
		}
	}
	return nil
}

// objects returns the objects of s p, in the order they were added.
func (g *Graph) objects(s, p term) []term { return g.out[s][p] }

// subjects returns the subjects of p o.
func (g *Graph) subjects(p, o term) []term { return g.in[o][p] }

func (g *Graph) has(s, p, o term) bool {
	_, ok := g.seen[[3]term{s, p, o}]
	return ok
}

// object returns one object of s p (the first added), if any.
func (g *Graph) object(s, p term) (term, bool) {
	os := g.out[s][p]
	if len(os) == 0 {
		return term{}, false
	}
	return os[0], true
}

// list returns the members of the RDF list starting at head.
func (g *Graph) list(head term) ([]term, error) {
	var out []term
	seen := map[term]bool{}
	for head != iriTerm(rdfNil) {
		if seen[head] {
			return nil, fmt.Errorf("RDF list %s is cyclic", head)
		}
		seen[head] = true
		first, ok := g.object(head, iriTerm(rdfFirst))
		if !ok {
			return nil, fmt.Errorf("%s is not an RDF list (no rdf:first)", head)
		}
		out = append(out, first)
		head, ok = g.object(head, iriTerm(rdfRest))
		if !ok {
			return nil, fmt.Errorf("RDF list node %s has no rdf:rest", head)
		}
	}
	return out, nil
}

// Read adds the triples of an RDF document in format ("turtle", "ntriples"
// or "nquads", see rdfio.NewReader) to g. Relative IRIs are resolved
// against base, when given. Errors name what was read as name.
func (g *Graph) Read(name, format string, r io.Reader, base string) error {
	rd, err := rdfio.NewReader(format, r, rdfio.ReadOptions{Base: base})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	n := 0
	for {
		q, err := rd.ReadQuad()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		n++
		if err := g.Add(q); err != nil {
			return fmt.Errorf("%s: statement %d: %w", name, n, err)
		}
	}
}

// FormatOf returns the reader format for a file name by its extension:
// .ttl turtle, .nt ntriples, .nq nquads. Unknown extensions are an error
// that lists the known ones.
func FormatOf(path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	f, ok := rdfio.FormatByExt(ext)
	if ok && f.NewReader != nil {
		return f.Name, nil
	}
	var known []string
	for _, f := range rdfio.Formats() {
		if f.NewReader != nil {
			known = append(known, strings.Join(f.Ext, ", ")+" ("+f.Name+")")
		}
	}
	if ok {
		return "", fmt.Errorf("%s: cannot read %s files; readable are %s", path, f.Name, strings.Join(known, ", "))
	}
	return "", fmt.Errorf("%s: unknown RDF file extension %q; readable are %s", path, ext, strings.Join(known, ", "))
}

// ReadFile adds the triples of an RDF file to g; the format comes from the
// file's extension (see FormatOf) unless format is given. Relative IRIs are
// resolved against the file's URL.
func (g *Graph) ReadFile(path, format string) error {
	if format == "" {
		var err error
		if format, err = FormatOf(path); err != nil {
			return err
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	base := ""
	if abs, err := filepath.Abs(path); err == nil {
		base = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	}
	return g.Read(path, format, f, base)
}
