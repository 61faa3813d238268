package queries

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// files holds the saved queries: NAME.gizmo.js (Gizmo, for the store) and
// NAME.rq (its SPARQL 1.1 twin, for external tools), and lib.js, the helper
// functions every saved Gizmo query runs with.
//
//go:embed *.gizmo.js *.rq lib.js
var files embed.FS

// Param is one parameter of a saved query, as its header declares it:
//
//	param: NAME TYPE required|optional DESCRIPTION
type Param struct {
	Name     string
	Type     ParamType
	Required bool
	Doc      string
}

// ColumnKind says what a result column holds and how a table shows it.
type ColumnKind string

// Column kinds.
const (
	// KindEntity: an IRI with a label (an entity or a document); a table
	// shows the label, csv and json the IRI plus a NAME_label column. An
	// entity column may hold a literal (the object of dip:heldIn).
	KindEntity ColumnKind = "entity"
	// KindTerm: an IRI of the vocabulary (a class or a relation); a table
	// shows its local name.
	KindTerm ColumnKind = "term"
	// KindNode: an IRI of a claim, an event or a sentence, which a table
	// leaves out.
	KindNode ColumnKind = "node"
	// KindDate: an xsd:gYear, xsd:gYearMonth or xsd:date literal.
	KindDate ColumnKind = "date"
	// KindText: a literal (a quote, a rule id, a precision, a role).
	KindText ColumnKind = "text"
	// KindNumber: a numeric literal (a certainty).
	KindNumber ColumnKind = "number"
)

var columnKinds = []ColumnKind{KindEntity, KindTerm, KindNode, KindDate, KindText, KindNumber}

// Column is one output column of a saved query:
//
//	column: NAME KIND DESCRIPTION
type Column struct {
	Name string
	Kind ColumnKind
	Doc  string
}

// Query is one saved query: its header and both texts.
type Query struct {
	Name     string
	Question string   // the one-line question it answers
	Params   []Param  // in the order positional arguments bind to them
	Columns  []Column // the result columns, in order
	Order    []string // columns that order the rows (then every column)
	Gizmo    string   // the text of NAME.gizmo.js
	SPARQL   string   // the text of NAME.rq
}

// Param returns the parameter called name.
func (q *Query) Param(name string) (Param, bool) {
	for _, p := range q.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Usage is the query's synopsis: `format NAME` or `events [--param type=...]`.
func (q *Query) Usage() string {
	parts := []string{q.Name}
	for _, p := range q.Params {
		if p.Required {
			parts = append(parts, strings.ToUpper(p.Name))
		}
	}
	for _, p := range q.Params {
		if !p.Required {
			parts = append(parts, "[--param "+p.Name+"=…]")
		}
	}
	return strings.Join(parts, " ")
}

var registry struct {
	once    sync.Once
	queries []*Query
	err     error
}

// All returns the saved queries, sorted by name. It panics if an embedded
// query file is malformed: that is a build error, caught by the tests.
func All() []*Query {
	qs, err := load()
	if err != nil {
		panic(err)
	}
	return qs
}

// Lookup returns the saved query called name.
func Lookup(name string) (*Query, bool) {
	for _, q := range All() {
		if q.Name == name {
			return q, true
		}
	}
	return nil, false
}

// Names returns the names of the saved queries, sorted.
func Names() []string {
	var out []string
	for _, q := range All() {
		out = append(out, q.Name)
	}
	return out
}

func load() ([]*Query, error) {
	registry.once.Do(func() { registry.queries, registry.err = loadFS(files) })
	return registry.queries, registry.err
}

// loadFS reads every NAME.gizmo.js with its NAME.rq twin. Both must carry the
// same header; the .rq must bind the declared parameters in its VALUES line.
func loadFS(fsys fs.FS) ([]*Query, error) {
	gizmos, err := fs.Glob(fsys, "*.gizmo.js")
	if err != nil {
		return nil, err
	}
	rqs, err := fs.Glob(fsys, "*.rq")
	if err != nil {
		return nil, err
	}
	twins := map[string]bool{}
	for _, r := range rqs {
		twins[strings.TrimSuffix(r, ".rq")] = true
	}
	var out []*Query
	for _, g := range gizmos {
		name := strings.TrimSuffix(g, ".gizmo.js")
		if !twins[name] {
			return nil, fmt.Errorf("queries: %s has no SPARQL twin %s.rq", g, name)
		}
		delete(twins, name)
		gtext, err := fs.ReadFile(fsys, g)
		if err != nil {
			return nil, err
		}
		rtext, err := fs.ReadFile(fsys, name+".rq")
		if err != nil {
			return nil, err
		}
		q, err := parseHeader(g, string(gtext), "//")
		if err != nil {
			return nil, err
		}
		rq, err := parseHeader(name+".rq", string(rtext), "#")
		if err != nil {
			return nil, err
		}
		if err := sameHeader(q, rq); err != nil {
			return nil, fmt.Errorf("queries: %s and %s.rq: %w", g, name, err)
		}
		if q.Name != name {
			return nil, fmt.Errorf("queries: %s declares name %q", g, q.Name)
		}
		q.Gizmo, q.SPARQL = string(gtext), string(rtext)
		if _, err := valuesLine(q); err != nil {
			return nil, fmt.Errorf("queries: %s.rq: %w", name, err)
		}
		out = append(out, q)
	}
	for name := range twins {
		return nil, fmt.Errorf("queries: %s.rq has no Gizmo twin %s.gizmo.js", name, name)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// parseHeader reads the leading comment block of a query file: lines
// "KEY: VALUE" after the comment marker; a line without a known key
// continues the question. The block ends at the first non-comment line.
func parseHeader(file, text, marker string) (*Query, error) {
	q := &Query{}
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(l, marker) {
			break
		}
		l = strings.TrimSpace(strings.TrimPrefix(l, marker))
		key, val, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		where := fmt.Sprintf("%s:%d", file, line)
		switch strings.TrimSpace(key) {
		case "name":
			q.Name = val
		case "question":
			q.Question = val
		case "param":
			f := strings.Fields(val)
			if len(f) < 3 {
				return nil, fmt.Errorf("%s: param: want NAME TYPE required|optional DESCRIPTION", where)
			}
			t := ParamType(f[1])
			if !t.valid() {
				return nil, fmt.Errorf("%s: param %s: unknown type %q (one of %s)", where, f[0], f[1], strings.Join(paramTypeNames(), ", "))
			}
			if f[2] != "required" && f[2] != "optional" {
				return nil, fmt.Errorf("%s: param %s: %q is neither required nor optional", where, f[0], f[2])
			}
			q.Params = append(q.Params, Param{Name: f[0], Type: t, Required: f[2] == "required", Doc: restAfter(val, 3)})
		case "column":
			f := strings.Fields(val)
			if len(f) < 2 {
				return nil, fmt.Errorf("%s: column: want NAME KIND DESCRIPTION", where)
			}
			k := ColumnKind(f[1])
			if !validKind(k) {
				return nil, fmt.Errorf("%s: column %s: unknown kind %q", where, f[0], f[1])
			}
			q.Columns = append(q.Columns, Column{Name: f[0], Kind: k, Doc: restAfter(val, 2)})
		case "order":
			q.Order = strings.Fields(val)
		}
	}
	if q.Name == "" || q.Question == "" || len(q.Columns) == 0 {
		return nil, fmt.Errorf("%s: the header needs name:, question: and column: lines", file)
	}
	cols := map[string]bool{}
	for _, c := range q.Columns {
		if cols[c.Name] {
			return nil, fmt.Errorf("%s: column %s declared twice", file, c.Name)
		}
		cols[c.Name] = true
	}
	for _, o := range q.Order {
		if !cols[o] {
			return nil, fmt.Errorf("%s: order: %s is no column", file, o)
		}
	}
	seenOptional := false
	for _, p := range q.Params {
		if p.Required && seenOptional {
			return nil, fmt.Errorf("%s: required param %s after an optional one", file, p.Name)
		}
		seenOptional = seenOptional || !p.Required
	}
	return q, nil
}

func restAfter(s string, n int) string {
	for i := 0; i < n; i++ {
		s = strings.TrimSpace(s)
		j := strings.IndexAny(s, " \t")
		if j < 0 {
			return ""
		}
		s = s[j:]
	}
	return strings.TrimSpace(s)
}

func validKind(k ColumnKind) bool {
	for _, c := range columnKinds {
		if c == k {
			return true
		}
	}
	return false
}

func sameHeader(a, b *Query) error {
	if a.Name != b.Name || a.Question != b.Question {
		return fmt.Errorf("headers differ in name or question")
	}
	if fmt.Sprint(a.Params) != fmt.Sprint(b.Params) {
		return fmt.Errorf("headers differ in params")
	}
	if fmt.Sprint(a.Columns) != fmt.Sprint(b.Columns) {
		return fmt.Errorf("headers differ in columns")
	}
	if fmt.Sprint(a.Order) != fmt.Sprint(b.Order) {
		return fmt.Errorf("headers differ in order")
	}
	return nil
}

// File names of a query's two texts, for messages and `queries show`.
func (q *Query) GizmoFile() string  { return path.Join("queries", q.Name+".gizmo.js") }
func (q *Query) SPARQLFile() string { return path.Join("queries", q.Name+".rq") }
