package shacl

// The SHACL Core constraint components: for each, how its parameters are
// read from the shapes graph into a constraint (shapes.go reads the shapes).

import (
	"fmt"
	"regexp"
	"strings"
)

// component is one SHACL Core constraint component, keyed by its main
// parameter. build returns nil when the parameter value makes no
// constraint (sh:closed false).
type component struct {
	param string
	build func(s *Shapes, owner *shape, v term) (*constraint, error)
}

// components lists the SHACL Core constraint components (SHACL section 4);
// set in init, since building shapes refers to it.
var components []component

func init() { components = coreComponents() }

func coreComponents() []component {
	return []component{
		{"class", buildClass},
		{"datatype", buildDatatype},
		{"nodeKind", buildNodeKind},
		{"minCount", buildMinCount},
		{"maxCount", buildMaxCount},
		{"minExclusive", buildRange("minExclusive", "MinExclusiveConstraintComponent", func(c int) bool { return c > 0 }, ">")},
		{"minInclusive", buildRange("minInclusive", "MinInclusiveConstraintComponent", func(c int) bool { return c >= 0 }, ">=")},
		{"maxExclusive", buildRange("maxExclusive", "MaxExclusiveConstraintComponent", func(c int) bool { return c < 0 }, "<")},
		{"maxInclusive", buildRange("maxInclusive", "MaxInclusiveConstraintComponent", func(c int) bool { return c <= 0 }, "<=")},
		{"minLength", buildLength("MinLengthConstraintComponent", true)},
		{"maxLength", buildLength("MaxLengthConstraintComponent", false)},
		{"pattern", buildPattern},
		{"languageIn", buildLanguageIn},
		{"uniqueLang", buildUniqueLang},
		{"equals", buildPair("EqualsConstraintComponent")},
		{"disjoint", buildPair("DisjointConstraintComponent")},
		{"lessThan", buildLessThan("LessThanConstraintComponent", false)},
		{"lessThanOrEquals", buildLessThan("LessThanOrEqualsConstraintComponent", true)},
		{"not", buildNot},
		{"and", buildLogical("AndConstraintComponent")},
		{"or", buildLogical("OrConstraintComponent")},
		{"xone", buildLogical("XoneConstraintComponent")},
		{"node", buildNode},
		{"property", buildProperty},
		{"qualifiedValueShape", buildQualified},
		{"closed", buildClosed},
		{"hasValue", buildHasValue},
		{"in", buildIn},
	}
}

func buildClass(s *Shapes, _ *shape, class term) (*constraint, error) {
	return &constraint{
		component: "ClassConstraintComponent",
		message:   "Value is not an instance of {$class}",
		perValue: func(v *validation, _, value term) bool {
			return v.instanceOf(value, class)
		},
	}, nil
}

func buildDatatype(_ *Shapes, _ *shape, dt term) (*constraint, error) {
	if !dt.isIRI() {
		return nil, fmt.Errorf("datatype is not an IRI")
	}
	return &constraint{
		component: "DatatypeConstraintComponent",
		message:   "Value does not have datatype {$datatype}",
		perValue: func(_ *validation, _, value term) bool {
			return value.isLiteral() && value.dt == dt.val && wellFormed(dt.val, value.val)
		},
	}, nil
}

func buildNodeKind(_ *Shapes, _ *shape, kind term) (*constraint, error) {
	kinds := map[string][3]bool{ // IRI, blank node, literal
		sh + "IRI": {true, false, false}, sh + "BlankNode": {false, true, false}, sh + "Literal": {false, false, true},
		sh + "BlankNodeOrIRI": {true, true, false}, sh + "BlankNodeOrLiteral": {false, true, true}, sh + "IRIOrLiteral": {true, false, true},
	}
	ok, found := kinds[kind.val]
	if !found || !kind.isIRI() {
		return nil, fmt.Errorf("not a node kind (sh:IRI, sh:BlankNode, sh:Literal, sh:BlankNodeOrIRI, sh:BlankNodeOrLiteral, sh:IRIOrLiteral)")
	}
	return &constraint{
		component: "NodeKindConstraintComponent",
		message:   "Value does not have node kind {$nodeKind}",
		perValue: func(_ *validation, _, value term) bool {
			return value.isIRI() && ok[0] || value.isBlank() && ok[1] || value.isLiteral() && ok[2]
		},
	}, nil
}

func buildMinCount(_ *Shapes, _ *shape, v term) (*constraint, error) {
	n, err := intParam(v)
	if err != nil {
		return nil, err
	}
	return &constraint{
		component: "MinCountConstraintComponent",
		message:   "Less than {$minCount} values",
		all: func(_ *validation, _ term, values []term) []failure {
			if len(values) < n {
				return []failure{{}}
			}
			return nil
		},
	}, nil
}

func buildMaxCount(_ *Shapes, _ *shape, v term) (*constraint, error) {
	n, err := intParam(v)
	if err != nil {
		return nil, err
	}
	return &constraint{
		component: "MaxCountConstraintComponent",
		message:   "More than {$maxCount} values",
		all: func(_ *validation, _ term, values []term) []failure {
			if len(values) > n {
				return []failure{{}}
			}
			return nil
		},
	}, nil
}

func buildRange(param, comp string, ok func(int) bool, op string) func(*Shapes, *shape, term) (*constraint, error) {
	return func(_ *Shapes, _ *shape, bound term) (*constraint, error) {
		if !bound.isLiteral() {
			return nil, fmt.Errorf("not a literal")
		}
		return &constraint{
			component: comp,
			message:   "Value is not " + op + " {$" + param + "}",
			perValue: func(_ *validation, _, value term) bool {
				c, comparable := compare(value, bound)
				return comparable && ok(c)
			},
		}, nil
	}
}

func buildLength(comp string, isMin bool) func(*Shapes, *shape, term) (*constraint, error) {
	return func(_ *Shapes, _ *shape, v term) (*constraint, error) {
		n, err := intParam(v)
		if err != nil {
			return nil, err
		}
		msg := "Value has more than {$maxLength} characters"
		if isMin {
			msg = "Value has less than {$minLength} characters"
		}
		return &constraint{
			component: comp,
			message:   msg,
			perValue: func(_ *validation, _, value term) bool {
				if value.isBlank() {
					return false
				}
				l := len([]rune(value.val))
				if isMin {
					return l >= n
				}
				return l <= n
			},
		}, nil
	}
}

func buildPattern(s *Shapes, owner *shape, pat term) (*constraint, error) {
	if !pat.isLiteral() {
		return nil, fmt.Errorf("not a literal")
	}
	var flags string
	if f, ok := s.g.object(owner.node, iriTerm(sh+"flags")); ok {
		flags = f.val
	}
	re, err := compilePattern(pat.val, flags)
	if err != nil {
		return nil, err
	}
	return &constraint{
		component: "PatternConstraintComponent",
		message:   `Value does not match pattern "{$pattern}"`,
		params:    map[string]string{"flags": flags},
		perValue: func(_ *validation, _, value term) bool {
			return !value.isBlank() && re.MatchString(value.val)
		},
	}, nil
}

// compilePattern compiles an XPath regular expression (SPARQL REGEX) with
// its flags: s, m, i and x (whitespace is removed from the pattern) and q
// (the pattern is a literal string).
func compilePattern(pat, flags string) (*regexp.Regexp, error) {
	var goFlags string
	for _, f := range flags {
		switch f {
		case 's', 'm', 'i':
			goFlags += string(f)
		case 'x':
			pat = strings.Map(func(r rune) rune {
				if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
					return -1
				}
				return r
			}, pat)
		case 'q':
			pat = regexp.QuoteMeta(pat)
		default:
			return nil, fmt.Errorf("unknown regular expression flag %q", f)
		}
	}
	if goFlags != "" {
		pat = "(?" + goFlags + ")" + pat
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil, fmt.Errorf("pattern: %w", err)
	}
	return re, nil
}

// langMatches is SPARQL's langMatches (RFC 4647 basic filtering).
func langMatches(tag, rng string) bool {
	tag, rng = strings.ToLower(tag), strings.ToLower(rng)
	if rng == "*" {
		return tag != ""
	}
	return tag == rng || strings.HasPrefix(tag, rng+"-")
}

func buildLanguageIn(s *Shapes, _ *shape, list term) (*constraint, error) {
	members, err := s.list(list)
	if err != nil {
		return nil, err
	}
	var ranges, shown []string
	for _, m := range members {
		if !m.isLiteral() {
			return nil, fmt.Errorf("language range %s is not a literal", m)
		}
		ranges = append(ranges, m.val)
		shown = append(shown, m.val)
	}
	return &constraint{
		component: "LanguageInConstraintComponent",
		message:   "Language does not match any of " + strings.Join(shown, ", "),
		params:    map[string]string{"languageIn": strings.Join(shown, ", ")},
		perValue: func(_ *validation, _, value term) bool {
			if !value.isLiteral() || value.lang == "" {
				return false
			}
			for _, r := range ranges {
				if langMatches(value.lang, r) {
					return true
				}
			}
			return false
		},
	}, nil
}

func buildUniqueLang(_ *Shapes, _ *shape, v term) (*constraint, error) {
	if !isTrue(v) {
		return nil, nil
	}
	return &constraint{
		component: "UniqueLangConstraintComponent",
		all: func(_ *validation, _ term, values []term) []failure {
			count := map[string]int{}
			var order []string
			for _, x := range values {
				if x.isLiteral() && x.lang != "" {
					if count[x.lang] == 0 {
						order = append(order, x.lang)
					}
					count[x.lang]++
				}
			}
			var out []failure
			for _, l := range order {
				if count[l] > 1 {
					out = append(out, failure{message: fmt.Sprintf("Language %q has been used by %d values", l, count[l])})
				}
			}
			return out
		},
	}, nil
}

// buildPair makes sh:equals and sh:disjoint.
func buildPair(comp string) func(*Shapes, *shape, term) (*constraint, error) {
	return func(_ *Shapes, _ *shape, p term) (*constraint, error) {
		if !p.isIRI() {
			return nil, fmt.Errorf("not an IRI")
		}
		if comp == "DisjointConstraintComponent" {
			return &constraint{
				component: comp,
				message:   "Value node must not also be one of the values of {$disjoint}",
				perValue: func(v *validation, focus, value term) bool {
					return !v.data.has(focus, p, value)
				},
			}, nil
		}
		return &constraint{
			component: comp,
			message:   "Must have same values as {$equals}",
			all: func(v *validation, focus term, values []term) []failure {
				var out []failure
				in := map[term]bool{}
				for _, x := range values {
					in[x] = true
					if !v.data.has(focus, p, x) {
						out = append(out, failure{value: x, hasValue: true})
					}
				}
				for _, x := range v.data.objects(focus, p) {
					if !in[x] {
						out = append(out, failure{value: x, hasValue: true})
					}
				}
				return out
			},
		}, nil
	}
}

func buildLessThan(comp string, orEquals bool) func(*Shapes, *shape, term) (*constraint, error) {
	return func(_ *Shapes, _ *shape, p term) (*constraint, error) {
		if !p.isIRI() {
			return nil, fmt.Errorf("not an IRI")
		}
		msg := "Value is not less than value of {$lessThan}"
		if orEquals {
			msg = "Value is not less than or equal to value of {$lessThanOrEquals}"
		}
		return &constraint{
			component: comp,
			message:   msg,
			all: func(v *validation, focus term, values []term) []failure {
				var out []failure
				for _, x := range values {
					for _, y := range v.data.objects(focus, p) {
						c, ok := compare(x, y)
						if !ok || c > 0 || c == 0 && !orEquals {
							out = append(out, failure{value: x, hasValue: true})
						}
					}
				}
				return out
			},
		}, nil
	}
}

func buildNot(s *Shapes, _ *shape, n term) (*constraint, error) {
	other, err := s.shape(n)
	if err != nil {
		return nil, err
	}
	return &constraint{
		component: "NotConstraintComponent",
		message:   "Value does have shape {$not}",
		perValue: func(v *validation, _, value term) bool {
			return !v.conforms(value, other)
		},
	}, nil
}

func buildLogical(comp string) func(*Shapes, *shape, term) (*constraint, error) {
	return func(s *Shapes, _ *shape, list term) (*constraint, error) {
		members, err := s.shapeList(list)
		if err != nil {
			return nil, err
		}
		var msg string
		switch comp {
		case "AndConstraintComponent":
			msg = "Value does not conform to all of the shapes of sh:and"
		case "OrConstraintComponent":
			msg = "Value does not conform to any of the shapes of sh:or"
		default:
			msg = "Value does not conform to exactly one of the shapes of sh:xone"
		}
		return &constraint{
			component: comp,
			message:   msg,
			perValue: func(v *validation, _, value term) bool {
				n := 0
				for _, m := range members {
					if v.conforms(value, m) {
						n++
					}
				}
				switch comp {
				case "AndConstraintComponent":
					return n == len(members)
				case "OrConstraintComponent":
					return n > 0
				}
				return n == 1
			},
		}, nil
	}
}

func buildNode(s *Shapes, _ *shape, n term) (*constraint, error) {
	other, err := s.shape(n)
	if err != nil {
		return nil, err
	}
	return &constraint{
		component: "NodeConstraintComponent",
		message:   "Value does not have shape {$node}",
		perValue: func(v *validation, _, value term) bool {
			return v.conforms(value, other)
		},
	}, nil
}

// buildProperty makes the sh:property link: each value node is validated
// against the property shape, whose results are reported as they are.
func buildProperty(s *Shapes, _ *shape, n term) (*constraint, error) {
	ps, err := s.shape(n)
	if err != nil {
		return nil, err
	}
	if ps.path == nil {
		return nil, fmt.Errorf("property shape has no sh:path")
	}
	return &constraint{
		component: "PropertyConstraintComponent",
		all: func(v *validation, _ term, values []term) []failure {
			for _, x := range values {
				v.validate(ps, x)
			}
			return nil
		},
	}, nil
}

func buildQualified(s *Shapes, owner *shape, q term) (*constraint, error) {
	qs, err := s.shape(q)
	if err != nil {
		return nil, err
	}
	var siblings []*shape
	if d, ok := s.g.object(owner.node, iriTerm(sh+"qualifiedValueShapesDisjoint")); ok && isTrue(d) {
		seen := map[term]bool{q: true}
		for _, parent := range s.g.subjects(iriTerm(sh+"property"), owner.node) {
			for _, sib := range s.g.objects(parent, iriTerm(sh+"property")) {
				for _, sq := range s.g.objects(sib, iriTerm(sh+"qualifiedValueShape")) {
					if !seen[sq] {
						seen[sq] = true
						ss, err := s.shape(sq)
						if err != nil {
							return nil, err
						}
						siblings = append(siblings, ss)
					}
				}
			}
		}
	}
	min, max := -1, -1
	if v, ok := s.g.object(owner.node, iriTerm(sh+"qualifiedMinCount")); ok {
		if min, err = intParam(v); err != nil {
			return nil, fmt.Errorf("sh:qualifiedMinCount: %w", err)
		}
	}
	if v, ok := s.g.object(owner.node, iriTerm(sh+"qualifiedMaxCount")); ok {
		if max, err = intParam(v); err != nil {
			return nil, fmt.Errorf("sh:qualifiedMaxCount: %w", err)
		}
	}
	if min < 0 && max < 0 {
		return nil, nil
	}
	return &constraint{
		component: "QualifiedMinCountConstraintComponent", // each failure names its component
		all: func(v *validation, _ term, values []term) []failure {
			n := 0
		next:
			for _, x := range values {
				if !v.conforms(x, qs) {
					continue
				}
				for _, sib := range siblings {
					if v.conforms(x, sib) {
						continue next
					}
				}
				n++
			}
			var out []failure
			if min >= 0 && n < min {
				out = append(out, failure{message: fmt.Sprintf("Less than %d values have shape %s", min, q.compact()), component: "QualifiedMinCountConstraintComponent"})
			}
			if max >= 0 && n > max {
				out = append(out, failure{message: fmt.Sprintf("More than %d values have shape %s", max, q.compact()), component: "QualifiedMaxCountConstraintComponent"})
			}
			return out
		},
	}, nil
}

func buildClosed(s *Shapes, owner *shape, v term) (*constraint, error) {
	if !isTrue(v) {
		return nil, nil
	}
	allowed := map[term]bool{}
	for _, ps := range s.g.objects(owner.node, iriTerm(sh+"property")) {
		for _, p := range s.g.objects(ps, iriTerm(sh+"path")) {
			if p.isIRI() {
				allowed[p] = true
			}
		}
	}
	for _, l := range s.g.objects(owner.node, iriTerm(sh+"ignoredProperties")) {
		members, err := s.list(l)
		if err != nil {
			return nil, fmt.Errorf("sh:ignoredProperties: %w", err)
		}
		for _, m := range members {
			allowed[m] = true
		}
	}
	return &constraint{
		component: "ClosedConstraintComponent",
		message:   "Predicate is not allowed (closed shape)",
		all: func(v *validation, _ term, values []term) []failure {
			var out []failure
			for _, x := range values {
				preds := v.data.out[x]
				for _, p := range sortedTerms(preds) {
					if allowed[p] {
						continue
					}
					for _, o := range preds[p] {
						out = append(out, failure{value: o, hasValue: true, path: &Path{kind: pathPredicate, iri: p}})
					}
				}
			}
			return out
		},
	}, nil
}

func buildHasValue(_ *Shapes, _ *shape, want term) (*constraint, error) {
	return &constraint{
		component: "HasValueConstraintComponent",
		message:   "Missing expected value {$hasValue}",
		all: func(_ *validation, _ term, values []term) []failure {
			for _, x := range values {
				if x == want {
					return nil
				}
			}
			return []failure{{}}
		},
	}, nil
}

func buildIn(s *Shapes, _ *shape, list term) (*constraint, error) {
	members, err := s.list(list)
	if err != nil {
		return nil, err
	}
	set := map[term]bool{}
	var shown []string
	for _, m := range members {
		set[m] = true
		shown = append(shown, m.compact())
	}
	return &constraint{
		component: "InConstraintComponent",
		message:   "Value is not one of the allowed values: " + strings.Join(shown, ", "),
		params:    map[string]string{"in": strings.Join(shown, ", ")},
		perValue: func(_ *validation, _, value term) bool {
			return set[value]
		},
	}, nil
}
