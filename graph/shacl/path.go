package shacl

import (
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
)

type pathKind byte

const (
	pathPredicate pathKind = iota
	pathInverse
	pathSequence
	pathAlternative
	pathZeroOrMore
	pathOneOrMore
	pathZeroOrOne
)

// Path is a SHACL property path: a predicate IRI, or an inverse, sequence,
// alternative, zero-or-more, one-or-more or zero-or-one path.
type Path struct {
	kind pathKind
	iri  term    // pathPredicate
	sub  []*Path // the other kinds
}

// PredicatePath returns the path of one predicate IRI.
func PredicatePath(iri string) *Path { return &Path{kind: pathPredicate, iri: iriTerm(iri)} }

// IRI returns the predicate of a predicate path, and false for other paths.
func (p *Path) IRI() (quad.IRI, bool) {
	if p == nil || p.kind != pathPredicate {
		return "", false
	}
	return quad.IRI(p.iri.val), true
}

// String writes the path in SPARQL property path syntax with full IRIs,
// e.g. <http://www.w3.org/2004/02/skos/core#prefLabel> or ^<...>.
func (p *Path) String() string { return p.format(func(t term) string { return t.String() }) }

// Compact writes the path in SPARQL syntax with the prefixes dipgraph uses
// (skos:prefLabel, ^gaf:denotedBy).
func (p *Path) Compact() string { return p.format(func(t term) string { return t.compact() }) }

func (p *Path) format(iri func(term) string) string {
	if p == nil {
		return ""
	}
	sub := func(q *Path) string {
		s := q.format(iri)
		if q.kind == pathSequence || q.kind == pathAlternative {
			return "(" + s + ")"
		}
		return s
	}
	switch p.kind {
	case pathPredicate:
		return iri(p.iri)
	case pathInverse:
		return "^" + sub(p.sub[0])
	case pathZeroOrMore:
		return sub(p.sub[0]) + "*"
	case pathOneOrMore:
		return sub(p.sub[0]) + "+"
	case pathZeroOrOne:
		return sub(p.sub[0]) + "?"
	}
	sep := "/"
	if p.kind == pathAlternative {
		sep = "|"
	}
	parts := make([]string, len(p.sub))
	for i, q := range p.sub {
		parts[i] = sub(q)
	}
	return strings.Join(parts, sep)
}

// parsePath reads the path at node of the shapes graph g (SHACL 2.3.1).
func parsePath(g *Graph, node term, depth int) (*Path, error) {
	if depth > 50 {
		return nil, fmt.Errorf("path %s is nested too deeply (cyclic?)", node)
	}
	switch {
	case node.isLiteral():
		return nil, fmt.Errorf("path %s is a literal", node)
	case node.isIRI() && node.val != rdfNil:
		return &Path{kind: pathPredicate, iri: node}, nil
	}
	if _, ok := g.object(node, iriTerm(rdfFirst)); ok || node.val == rdfNil {
		members, err := g.list(node)
		if err != nil {
			return nil, err
		}
		if len(members) < 2 {
			return nil, fmt.Errorf("sequence path %s has %d members, needs at least 2", node, len(members))
		}
		return subPaths(g, pathSequence, members, depth)
	}
	for _, k := range []struct {
		pred string
		kind pathKind
	}{
		{sh + "inversePath", pathInverse},
		{sh + "zeroOrMorePath", pathZeroOrMore},
		{sh + "oneOrMorePath", pathOneOrMore},
		{sh + "zeroOrOnePath", pathZeroOrOne},
	} {
		if v, ok := g.object(node, iriTerm(k.pred)); ok {
			return subPaths(g, k.kind, []term{v}, depth)
		}
	}
	if v, ok := g.object(node, iriTerm(sh+"alternativePath")); ok {
		members, err := g.list(v)
		if err != nil {
			return nil, err
		}
		if len(members) < 2 {
			return nil, fmt.Errorf("alternative path %s has %d members, needs at least 2", node, len(members))
		}
		return subPaths(g, pathAlternative, members, depth)
	}
	return nil, fmt.Errorf("%s is no SHACL property path", node)
}

func subPaths(g *Graph, kind pathKind, nodes []term, depth int) (*Path, error) {
	p := &Path{kind: kind}
	for _, n := range nodes {
		q, err := parsePath(g, n, depth+1)
		if err != nil {
			return nil, err
		}
		p.sub = append(p.sub, q)
	}
	return p, nil
}

// values returns the distinct nodes reached from start by the path (or, with
// inverse, the nodes from which start is reached), in a deterministic order.
func (p *Path) values(g *Graph, start term) []term {
	return p.eval(g, []term{start}, false)
}

func (p *Path) eval(g *Graph, starts []term, inverse bool) []term {
	var set termSet
	add := set.add
	switch p.kind {
	case pathPredicate:
		for _, s := range starts {
			if inverse {
				add(g.subjects(p.iri, s)...)
			} else {
				add(g.objects(s, p.iri)...)
			}
		}
	case pathInverse:
		add(p.sub[0].eval(g, starts, !inverse)...)
	case pathSequence:
		cur := starts
		for i := range p.sub {
			q := p.sub[i]
			if inverse {
				q = p.sub[len(p.sub)-1-i]
			}
			cur = q.eval(g, cur, inverse)
		}
		add(cur...)
	case pathAlternative:
		for _, q := range p.sub {
			add(q.eval(g, starts, inverse)...)
		}
	case pathZeroOrOne:
		add(starts...)
		add(p.sub[0].eval(g, starts, inverse)...)
	case pathZeroOrMore, pathOneOrMore:
		if p.kind == pathZeroOrMore {
			add(starts...)
		}
		visited := map[term]bool{}
		frontier := starts
		for len(frontier) > 0 {
			var next []term
			for _, t := range p.sub[0].eval(g, frontier, inverse) {
				add(t)
				if !visited[t] {
					visited[t] = true
					next = append(next, t)
				}
			}
			frontier = next
		}
	}
	return set.list
}
