package shacl

import (
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Result is one SHACL validation result.
type Result struct {
	Focus      quad.Value // the focus node
	Path       *Path      // the result path; nil for results of node shapes
	Constraint string     // the source constraint component, e.g. "sh:MinCountConstraintComponent"
	Severity   string     // "sh:Violation", "sh:Warning", "sh:Info", or another severity IRI
	Message    string     // the shape's sh:message, else a default for the component
	Value      quad.Value // the value node; nil when the result has none (sh:minCount, ...)
	Shape      quad.Value // the source shape
}

// Report is the outcome of a validation.
type Report struct {
	// Conforms is true when there are no results (of any severity), as
	// SHACL defines it.
	Conforms bool
	// Results are sorted by focus node, path, constraint, value and message.
	Results []Result
	// Triples is the number of triples of the data graph; FocusNodes the
	// number of (shape, focus node) pairs the targets selected.
	Triples, FocusNodes int
}

// Count returns the number of results by constraint component.
func (r *Report) Count() map[string]int {
	out := map[string]int{}
	for _, x := range r.Results {
		out[x.Constraint]++
	}
	return out
}

type result struct {
	focus, value, shape term
	hasValue            bool
	path                *Path
	component, message  string
	severity            term
}

type validation struct {
	s      *Shapes
	data   *Graph
	sink   *[]result
	active map[[2]term]bool
	memo   map[[2]term]bool
}

// Validate checks the data graph against the shapes.
func (s *Shapes) Validate(data *Graph) *Report {
	var results []result
	v := &validation{s: s, data: data, sink: &results, active: map[[2]term]bool{}, memo: map[[2]term]bool{}}
	rep := &Report{Triples: data.Len()}
	for _, sh := range s.targeted {
		if sh.deactivated {
			continue
		}
		for _, f := range v.focusNodes(sh) {
			rep.FocusNodes++
			v.validate(sh, f)
		}
	}
	sort.SliceStable(results, func(i, j int) bool { return results[i].key() < results[j].key() })
	rep.Conforms = len(results) == 0
	for _, r := range results {
		out := Result{
			Focus:      r.focus.value(),
			Path:       r.path,
			Constraint: "sh:" + r.component,
			Severity:   r.severity.compact(),
			Message:    r.message,
			Shape:      r.shape.value(),
		}
		if r.hasValue {
			out.Value = r.value.value()
		}
		rep.Results = append(rep.Results, out)
	}
	return rep
}

func (r result) key() string {
	v := ""
	if r.hasValue {
		v = r.value.String()
	}
	return strings.Join([]string{r.focus.String(), r.path.String(), r.component, v, r.message}, "\x00")
}

// focusNodes returns the targets of a shape in the data graph, distinct and
// in a deterministic order.
func (v *validation) focusNodes(sh *shape) []term {
	var set termSet
	add := set.add
	if sh.implicitClass {
		add(v.instances(sh.node)...)
	}
	for _, c := range sh.classes {
		add(v.instances(c)...)
	}
	add(sh.nodes...)
	for _, p := range sh.subjectsOf {
		add(v.data.subj[p]...)
	}
	for _, p := range sh.objectsOf {
		add(v.data.obj[p]...)
	}
	return set.list
}

// instances returns the SHACL instances of class in the data graph: the
// subjects of rdf:type class or of one of its rdfs:subClassOf* subclasses.
func (v *validation) instances(class term) []term {
	var out []term
	classes := []term{class}
	seen := map[term]bool{class: true}
	for i := 0; i < len(classes); i++ {
		out = append(out, v.data.subjects(iriTerm(rdfType), classes[i])...)
		for _, sub := range v.data.subjects(iriTerm(rdfsSub), classes[i]) {
			if !seen[sub] {
				seen[sub] = true
				classes = append(classes, sub)
			}
		}
	}
	return out
}

// instanceOf reports whether node is a SHACL instance of class.
func (v *validation) instanceOf(node, class term) bool {
	types := append([]term(nil), v.data.objects(node, iriTerm(rdfType))...)
	seen := map[term]bool{}
	for i := 0; i < len(types); i++ {
		t := types[i]
		if t == class {
			return true
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		types = append(types, v.data.objects(t, iriTerm(rdfsSub))...)
	}
	return false
}

// validate checks focus against sh and adds the results to the sink.
func (v *validation) validate(sh *shape, focus term) {
	if sh.deactivated {
		return
	}
	values := []term{focus}
	if sh.path != nil {
		values = sh.path.values(v.data, focus)
	}
	for _, c := range sh.constraints {
		var fails []failure
		if c.perValue != nil {
			for _, x := range values {
				if !c.perValue(v, focus, x) {
					fails = append(fails, failure{value: x, hasValue: true})
				}
			}
		} else {
			fails = c.all(v, focus, values)
		}
		for _, f := range fails {
			r := result{
				focus: focus, value: f.value, hasValue: f.hasValue, path: sh.path,
				component: c.component, severity: sh.severity, shape: sh.node,
			}
			if f.path != nil {
				r.path = f.path
			}
			if f.component != "" {
				r.component = f.component
			}
			switch {
			case f.message != "":
				r.message = f.message
			case sh.message != "":
				r.message = substitute(sh.message, c.params)
			default:
				r.message = substitute(c.message, c.params)
			}
			*v.sink = append(*v.sink, r)
		}
	}
}

// conforms reports whether node conforms to sh, without reporting results.
// A shape that refers back to itself for the same node is assumed to
// conform there (SHACL leaves recursive shapes undefined).
func (v *validation) conforms(node term, sh *shape) bool {
	k := [2]term{node, sh.node}
	if ok, done := v.memo[k]; done {
		return ok
	}
	if v.active[k] {
		return true
	}
	v.active[k] = true
	saved := v.sink
	var tmp []result
	v.sink = &tmp
	v.validate(sh, node)
	v.sink = saved
	delete(v.active, k)
	ok := len(tmp) == 0
	v.memo[k] = ok
	return ok
}

// substitute fills {$param} and {?param} in a message.
func substitute(msg string, params map[string]string) string {
	if !strings.Contains(msg, "{") {
		return msg
	}
	for name, val := range params {
		msg = strings.ReplaceAll(msg, "{$"+name+"}", val)
		msg = strings.ReplaceAll(msg, "{?"+name+"}", val)
	}
	return msg
}

func sortedTerms(m map[term][]term) []term {
	out := make([]term, 0, len(m))
	for t := range m {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}
