package queries

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// ParamType is the type of a saved query's parameter: how a value given on
// the command line becomes an RDF term.
type ParamType string

// Parameter types.
const (
	// ParamEntity: a name the gazetteer or the store knows, a slug, an IRI
	// (<...> or entities:slug). It becomes the entity's IRI; a value that
	// names nothing stays a plain literal, which matches no entity.
	ParamEntity ParamType = "entity"
	// ParamClass: a dip: class, by local name (Termination), dip:Name or IRI.
	ParamClass ParamType = "class"
	// ParamRelation: one of the 17 relations, by local name, dip:name or IRI.
	ParamRelation ParamType = "relation"
	// ParamDate: YYYY, YYYY-MM or YYYY-MM-DD, a plain literal.
	ParamDate ParamType = "date"
	// ParamText: any text, a plain literal.
	ParamText ParamType = "text"
)

var paramTypes = []ParamType{ParamEntity, ParamClass, ParamRelation, ParamDate, ParamText}

func (t ParamType) valid() bool {
	for _, p := range paramTypes {
		if p == t {
			return true
		}
	}
	return false
}

func paramTypeNames() []string {
	var out []string
	for _, p := range paramTypes {
		out = append(out, string(p))
	}
	return out
}

// Binding holds a saved query's parameter values as RDF terms: a quad.IRI
// or a quad.String; a parameter not given is absent. Notes say how names
// were resolved and which values match nothing.
type Binding struct {
	Values map[string]quad.Value
	Notes  []string
}

// UsageError is a parameter the query cannot take (unknown, missing,
// malformed). The CLI exits 2 on it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error { return &UsageError{fmt.Sprintf(format, args...)} }

var dateRE = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)

// Bind turns raw parameter values (name -> text) into terms: entity names
// are resolved with r (which may be nil: then only IRIs and slugs work),
// classes and relations become dip: IRIs, dates are checked. The values
// stay values: they are never written into query text.
func (q *Query) Bind(raw map[string]string, r *Resolver) (*Binding, error) {
	b := &Binding{Values: map[string]quad.Value{}}
	for name := range raw {
		if _, ok := q.Param(name); !ok {
			return nil, usagef("%s: unknown parameter %q (%s)", q.Name, name, q.paramList())
		}
	}
	for _, p := range q.Params {
		v, ok := raw[p.Name]
		if !ok {
			if p.Required {
				return nil, usagef("%s: parameter %s is required (%s)", q.Name, p.Name, q.Usage())
			}
			continue
		}
		t, note, err := p.Type.term(v, r)
		if err != nil {
			return nil, usagef("%s: parameter %s: %v", q.Name, p.Name, err)
		}
		if note != "" {
			b.Notes = append(b.Notes, fmt.Sprintf("%s: %s", p.Name, note))
		}
		b.Values[p.Name] = t
	}
	return b, nil
}

func (q *Query) paramList() string {
	if len(q.Params) == 0 {
		return "it takes none"
	}
	var names []string
	for _, p := range q.Params {
		names = append(names, p.Name)
	}
	return "it takes " + strings.Join(names, ", ")
}

// term converts one raw value.
func (t ParamType) term(v string, r *Resolver) (quad.Value, string, error) {
	switch t {
	case ParamDate:
		if !dateRE.MatchString(v) {
			return nil, "", fmt.Errorf("%q is no date: give YYYY, YYYY-MM or YYYY-MM-DD", v)
		}
		return quad.String(v), "", nil
	case ParamText:
		return quad.String(v), "", nil
	case ParamClass, ParamRelation:
		iri, ok := vocabIRI(v)
		if ok && t == ParamRelation {
			if !strings.HasPrefix(iri, ontology.DIP) || !ontology.IsRelation(strings.TrimPrefix(iri, ontology.DIP)) {
				ok = false
			}
		}
		if !ok {
			what := "a dip: class"
			if t == ParamRelation {
				what = "one of the relations " + strings.Join(ontology.Relations, ", ")
			}
			return quad.String(v), fmt.Sprintf("%q is not %s: it matches nothing", v, what), nil
		}
		return quad.IRI(iri), "", nil
	case ParamEntity:
		if r == nil {
			r = &Resolver{}
		}
		m, err := r.Resolve(v)
		if err != nil {
			return nil, "", err
		}
		if m.IRI == "" {
			return quad.String(v), fmt.Sprintf("no entity is called %q in the gazetteer or the store: it matches nothing", v), nil
		}
		note := ""
		if m.How != "iri" && m.How != "slug" {
			note = fmt.Sprintf("%q is %s (%s)", v, m.IRI, m.How)
		}
		return quad.IRI(m.IRI), note, nil
	}
	return nil, "", fmt.Errorf("unknown parameter type %q", t)
}

var localNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// vocabIRI reads a class or relation: Name, dip:Name, <IRI> or IRI.
func vocabIRI(v string) (string, bool) {
	switch {
	case localNameRE.MatchString(v):
		return ontology.DIP + v, true
	case strings.HasPrefix(v, "dip:") && localNameRE.MatchString(v[4:]):
		return ontology.DIP + v[4:], true
	}
	if iri, ok := absoluteIRI(v); ok {
		return iri, true
	}
	return "", false
}

// absoluteIRI accepts <IRI> or a bare http(s) IRI whose characters an
// IRIREF allows (no spaces, quotes, braces, angle brackets...).
func absoluteIRI(v string) (string, bool) {
	s := v
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s = s[1 : len(s)-1]
	}
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "urn:") {
		return "", false
	}
	if !validIRI(s) {
		return "", false
	}
	return s, true
}

// validIRI reports whether s may appear between < and > in SPARQL, Turtle
// and N-Triples without escapes (IRIREF).
func validIRI(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", c) {
			return false
		}
	}
	return true
}

// gizmoPrelude is the first line of a saved Gizmo program: the parameters
// as one JSON document inside a JSON string literal, parsed at run time.
// Go's JSON encoder escapes quotes, backslashes, control characters, <, >,
// & and U+2028/U+2029, so the literal cannot end early whatever the values
// hold, and JSON.parse turns them back into plain values.
func (b *Binding) gizmoPrelude(q *Query) (string, error) {
	obj := map[string]any{}
	for _, p := range q.Params {
		v, ok := b.Values[p.Name]
		switch {
		case !ok:
			obj[p.Name] = nil
		default:
			switch t := v.(type) {
			case quad.IRI:
				obj[p.Name] = map[string]string{"@id": string(t)}
			case quad.String:
				obj[p.Name] = string(t)
			default:
				return "", fmt.Errorf("parameter %s: unsupported value %T", p.Name, v)
			}
		}
	}
	doc, err := json.Marshal(obj)
	if err != nil {
		return "", err
	}
	lit, err := json.Marshal(string(doc))
	if err != nil {
		return "", err
	}
	return "var params = JSON.parse(" + string(lit) + ");\n", nil
}

// GizmoProgram is the program dipgraph runs for a saved query: the
// parameters, lib.js, the query.
func (q *Query) GizmoProgram(b *Binding) (string, error) {
	if b == nil {
		b = &Binding{}
	}
	pre, err := b.gizmoPrelude(q)
	if err != nil {
		return "", err
	}
	lib, err := files.ReadFile("lib.js")
	if err != nil {
		return "", err
	}
	// flush sends the rows lib.js's emit still holds.
	return pre + string(lib) + "\n" + q.Gizmo + "\n;flush();\n", nil
}

// paramsMarker ends the one line of a .rq file that binds the parameters:
//
//	VALUES (?a ?b) { (UNDEF UNDEF) } # dipgraph:params
//
// Run unchanged, the file uses the values written there (UNDEF: no filter;
// an example entity for a required parameter). SPARQLText replaces that
// line with the given values, each written as a SPARQL term: an IRI
// checked against IRIREF, a string with every quote, backslash and control
// character escaped. Nothing else of the text changes.
const paramsMarker = "# dipgraph:params"

var valuesRE = regexp.MustCompile(`^\s*VALUES\s*\(([^)]*)\)\s*\{.*\}\s*` + regexp.QuoteMeta(paramsMarker) + `\s*$`)

// valuesLine finds the parameter line and checks it names the declared
// parameters in order; -1 for a query without parameters.
func valuesLine(q *Query) (int, error) {
	lines := strings.Split(q.SPARQL, "\n")
	at := -1
	for i, l := range lines {
		if !strings.Contains(l, paramsMarker) {
			continue
		}
		if at >= 0 {
			return 0, fmt.Errorf("two %q lines", paramsMarker)
		}
		m := valuesRE.FindStringSubmatch(l)
		if m == nil {
			return 0, fmt.Errorf("line %d: want VALUES (?a ...) { (...) } %s", i+1, paramsMarker)
		}
		var vars []string
		for _, f := range strings.Fields(m[1]) {
			vars = append(vars, strings.TrimPrefix(f, "?"))
		}
		var want []string
		for _, p := range q.Params {
			want = append(want, p.Name)
		}
		if strings.Join(vars, " ") != strings.Join(want, " ") {
			return 0, fmt.Errorf("line %d binds (%s), the header declares (%s)", i+1, strings.Join(vars, " "), strings.Join(want, " "))
		}
		at = i
	}
	if at < 0 && len(q.Params) > 0 {
		return 0, fmt.Errorf("no %q line for its parameters", paramsMarker)
	}
	return at, nil
}

// SPARQLText is the .rq with the parameter line bound to b (nil: the file
// as it is).
func (q *Query) SPARQLText(b *Binding) (string, error) {
	if b == nil || len(q.Params) == 0 {
		return q.SPARQL, nil
	}
	at, err := valuesLine(q)
	if err != nil {
		return "", err
	}
	var vars, terms []string
	for _, p := range q.Params {
		vars = append(vars, "?"+p.Name)
		v, ok := b.Values[p.Name]
		if !ok {
			terms = append(terms, "UNDEF")
			continue
		}
		t, err := sparqlTerm(v)
		if err != nil {
			return "", fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		terms = append(terms, t)
	}
	lines := strings.Split(q.SPARQL, "\n")
	indent := lines[at][:len(lines[at])-len(strings.TrimLeft(lines[at], " \t"))]
	lines[at] = fmt.Sprintf("%sVALUES (%s) { (%s) } %s", indent, strings.Join(vars, " "), strings.Join(terms, " "), paramsMarker)
	return strings.Join(lines, "\n"), nil
}

// sparqlTerm writes an IRI or a plain literal in SPARQL syntax.
func sparqlTerm(v quad.Value) (string, error) {
	switch t := v.(type) {
	case quad.IRI:
		if !validIRI(string(t)) {
			return "", fmt.Errorf("not an IRI SPARQL can hold: %q", string(t))
		}
		return "<" + string(t) + ">", nil
	case quad.String:
		return sparqlString(string(t)), nil
	}
	return "", fmt.Errorf("unsupported value %T", v)
}

// sparqlString quotes s as a SPARQL STRING_LITERAL_QUOTE: backslash,
// quotes and line breaks as ECHAR escapes, other control characters as
// \u escapes.
func sparqlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch c {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, c)
			} else {
				b.WriteRune(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ParseParams reads a query's command-line values: positional values bind
// to the parameters in header order (required ones first), then key=value
// pairs from --param. A parameter given twice is an error.
func (q *Query) ParseParams(positional, pairs []string) (map[string]string, error) {
	out := map[string]string{}
	if len(positional) > len(q.Params) {
		return nil, usagef("%s: %d arguments, it takes at most %d (%s)", q.Name, len(positional), len(q.Params), q.Usage())
	}
	for i, v := range positional {
		out[q.Params[i].Name] = v
	}
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("%s: --param %q: want key=value", q.Name, kv)
		}
		if _, dup := out[k]; dup {
			return nil, usagef("%s: parameter %s given twice", q.Name, k)
		}
		out[k] = v
	}
	return out, nil
}

// sortedKeys returns m's keys in order (for stable messages).
func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
