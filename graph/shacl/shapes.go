package shacl

import (
	"bytes"
	"fmt"
	"math/big"
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

const (
	sh       = ontology.SH
	rdfType  = ontology.RDF + "type"
	rdfFirst = ontology.RDF + "first"
	rdfRest  = ontology.RDF + "rest"
	rdfNil   = ontology.RDF + "nil"
	rdfsSub  = ontology.RDFS + "subClassOf"
	rdfsCls  = ontology.RDFS + "Class"
)

// targetPredicates are the SHACL Core targets, in the order they are read.
var targetPredicates = []string{sh + "targetClass", sh + "targetNode", sh + "targetSubjectsOf", sh + "targetObjectsOf"}

// unsupported are SHACL features outside SHACL Core: a shapes graph that uses
// them is refused rather than half-checked.
var unsupported = []string{sh + "sparql", sh + "target", sh + "rule", sh + "js", sh + "jsConstraint"}

// Shapes is a parsed SHACL shapes graph.
type Shapes struct {
	g        *Graph
	shapes   map[term]*shape
	targeted []*shape
}

type shape struct {
	node        term
	path        *Path // nil for a node shape
	severity    term
	deactivated bool
	message     string // "" when the shape has no sh:message
	constraints []*constraint
	// targets
	classes, nodes, subjectsOf, objectsOf []term
	implicitClass                         bool
}

// failure is one validation result of a constraint, before it becomes a
// Result: the value node (if any), and a path or message that override the
// shape's.
type failure struct {
	value     term
	hasValue  bool
	path      *Path
	message   string
	component string // overrides the constraint's component
}

type constraint struct {
	component string            // local name, e.g. "MinCountConstraintComponent"
	params    map[string]string // parameter local name → value, for messages
	message   string            // default message (with {$param} substitutions)
	// Exactly one of perValue (called per value node; false is a result
	// with that value) and all (called once with all value nodes).
	perValue func(v *validation, focus, value term) bool
	all      func(v *validation, focus term, values []term) []failure
}

// DefaultShapes parses dipgraph's shipped shapes (ontology/shapes.ttl).
func DefaultShapes() (*Shapes, error) {
	data, err := ontology.ReadData("shapes.ttl")
	if err != nil {
		return nil, err
	}
	g := NewGraph()
	if err := g.Read("ontology/shapes.ttl", "turtle", bytes.NewReader(data), "https://w3id.org/dipgraph/shapes"); err != nil {
		return nil, err
	}
	return NewShapes(g)
}

// ReadShapes parses the shapes in an RDF file (format by extension, see
// FormatOf).
func ReadShapes(path string) (*Shapes, error) {
	g := NewGraph()
	if err := g.ReadFile(path, ""); err != nil {
		return nil, err
	}
	s, err := NewShapes(g)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// NewShapes parses the shapes of the shapes graph g: every node with a
// target (sh:targetClass, sh:targetNode, sh:targetSubjectsOf,
// sh:targetObjectsOf, or an implicit class target) and the shapes they
// reach through sh:property, sh:node, sh:not, sh:and, sh:or, sh:xone and
// sh:qualifiedValueShape. Shapes that use constraints outside SHACL Core
// (SHACL-SPARQL) are refused with an error.
func NewShapes(g *Graph) (*Shapes, error) {
	s := &Shapes{g: g, shapes: map[term]*shape{}}
	for _, u := range unsupported {
		if subj := g.subj[iriTerm(u)]; len(subj) > 0 {
			return nil, fmt.Errorf("shape %s uses %s, which is not SHACL Core; this validator implements SHACL Core only", subj[0], compactIRI(u))
		}
	}
	var roots []term
	seen := map[term]bool{}
	addRoot := func(t term) {
		if !seen[t] {
			seen[t] = true
			roots = append(roots, t)
		}
	}
	for _, p := range targetPredicates {
		for _, n := range g.subj[iriTerm(p)] {
			addRoot(n)
		}
	}
	// Implicit class targets: a shape that is also an rdfs:Class.
	for _, c := range []string{sh + "NodeShape", sh + "PropertyShape"} {
		for _, n := range g.subjects(iriTerm(rdfType), iriTerm(c)) {
			if g.has(n, iriTerm(rdfType), iriTerm(rdfsCls)) {
				addRoot(n)
			}
		}
	}
	for _, n := range roots {
		sh, err := s.shape(n)
		if err != nil {
			return nil, err
		}
		s.targeted = append(s.targeted, sh)
	}
	return s, nil
}

// Len is the number of shapes parsed (targeted or reached from them).
func (s *Shapes) Len() int { return len(s.shapes) }

// shape returns the parsed shape at node, parsing it on first use.
func (s *Shapes) shape(node term) (*shape, error) {
	if sh, ok := s.shapes[node]; ok {
		return sh, nil
	}
	if node.isLiteral() {
		return nil, fmt.Errorf("shape %s is a literal", node)
	}
	g := s.g
	out := &shape{node: node, severity: iriTerm(sh + "Violation")}
	s.shapes[node] = out // before parsing constraints: shapes may refer to themselves
	if v, ok := g.object(node, iriTerm(sh+"severity")); ok {
		out.severity = v
	}
	if v, ok := g.object(node, iriTerm(sh+"deactivated")); ok && isTrue(v) {
		out.deactivated = true
	}
	out.message = pickMessage(g.objects(node, iriTerm(sh+"message")))
	if p, ok := g.object(node, iriTerm(sh+"path")); ok {
		path, err := parsePath(g, p, 0)
		if err != nil {
			return nil, fmt.Errorf("shape %s: %w", node, err)
		}
		out.path = path
	}
	out.classes = g.objects(node, iriTerm(sh+"targetClass"))
	out.nodes = g.objects(node, iriTerm(sh+"targetNode"))
	out.subjectsOf = g.objects(node, iriTerm(sh+"targetSubjectsOf"))
	out.objectsOf = g.objects(node, iriTerm(sh+"targetObjectsOf"))
	out.implicitClass = g.has(node, iriTerm(rdfType), iriTerm(rdfsCls))
	for _, c := range components {
		values := g.objects(node, iriTerm(sh+c.param))
		for _, v := range values {
			con, err := c.build(s, out, v)
			if err != nil {
				return nil, fmt.Errorf("shape %s: sh:%s %s: %w", node, c.param, v, err)
			}
			if con == nil {
				continue
			}
			if con.params == nil {
				con.params = map[string]string{}
			}
			if _, set := con.params[c.param]; !set {
				con.params[c.param] = paramText(v)
			}
			out.constraints = append(out.constraints, con)
		}
	}
	return out, nil
}

// paramText shows a parameter value in a message: literals by their
// lexical form, IRIs compacted.
func paramText(v term) string {
	if v.isLiteral() {
		return v.val
	}
	return v.compact()
}

// pickMessage chooses one of a shape's sh:message values: English, else
// one without language, else the first.
func pickMessage(ms []term) string {
	for _, m := range ms {
		if m.lang == "en" || strings.HasPrefix(m.lang, "en-") {
			return m.val
		}
	}
	for _, m := range ms {
		if m.lang == "" {
			return m.val
		}
	}
	if len(ms) > 0 {
		return ms[0].val
	}
	return ""
}

func isTrue(t term) bool {
	return t.isLiteral() && t.dt == xsd+"boolean" && (t.val == "true" || t.val == "1")
}

func intParam(t term) (int, error) {
	if !t.isLiteral() || !reInteger.MatchString(t.val) {
		return 0, fmt.Errorf("not an integer")
	}
	n, ok := new(big.Int).SetString(strings.TrimPrefix(t.val, "+"), 10)
	if !ok || !n.IsInt64() || n.Sign() < 0 || n.Int64() > 1<<31 {
		return 0, fmt.Errorf("not a non-negative integer")
	}
	return int(n.Int64()), nil
}

func (s *Shapes) list(node term) ([]term, error) { return s.g.list(node) }

func (s *Shapes) shapeList(node term) ([]*shape, error) {
	members, err := s.list(node)
	if err != nil {
		return nil, err
	}
	var out []*shape
	for _, m := range members {
		sh, err := s.shape(m)
		if err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, nil
}
