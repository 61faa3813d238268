package queries

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// Result is the answer of a saved query: rows of terms in the query's
// columns (nil where a column is unbound), distinct and ordered.
type Result struct {
	Query   *Query
	Columns []Column
	Rows    [][]quad.Value
	Notes   []string // how parameters were resolved, what matched nothing
}

// RunSaved runs a saved query's Gizmo text against the store with the
// bound parameters. Rows come back distinct (as SELECT DISTINCT) and
// sorted by the header's order columns, then by every column.
//
// opt.Engine picks how: the native plan of a built-in query (native.go)
// or the Gizmo text; both give the same rows.
func RunSaved(ctx context.Context, qs graph.QuadStore, q *Query, b *Binding, opt Options) (*Result, error) {
	switch opt.Engine {
	case "", EngineAuto, EngineNative:
		res, ran, err := runNative(ctx, qs, q, b, opt)
		if ran || opt.Engine == EngineNative {
			return res, err
		}
	case EngineGizmo:
	default:
		return nil, &UsageError{fmt.Sprintf("unknown query engine %q (one of %s)", opt.Engine, strings.Join(Engines, ", "))}
	}
	prog, err := q.GizmoProgram(b)
	if err != nil {
		return nil, err
	}
	pre, err := runPrelude(qs)
	if err != nil {
		return nil, err
	}
	// The limit applies to distinct rows, after the run.
	limit := opt.Limit
	opt.Limit = 0
	out, err := execute(ctx, gizmo.NewSession(memoize(qs)), "gizmo", pre+prog, query.JSONLD, opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", q.Name, err)
	}
	res := &Result{Query: q, Columns: q.Columns}
	if b != nil {
		res.Notes = b.Notes
	}
	// lib.js emits rows in batches: arrays of rows.
	var rows []any
	for _, o := range out {
		if batch, ok := o.([]any); ok {
			rows = append(rows, batch...)
		} else {
			rows = append(rows, o)
		}
	}
	for _, o := range rows {
		m, ok := o.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: the query emitted %T, not a row", q.Name, o)
		}
		row := make([]quad.Value, len(q.Columns))
		for k, v := range m {
			i := res.column(k)
			if i < 0 {
				continue // not projected: SELECT keeps the declared columns
			}
			t, err := FromJSONLD(v)
			if err != nil {
				return nil, fmt.Errorf("%s: column %s: %w", q.Name, k, err)
			}
			row[i] = t
		}
		res.Rows = append(res.Rows, row)
	}
	res.Normalize()
	if limit > 0 && len(res.Rows) > limit {
		res.Rows = res.Rows[:limit]
	}
	return res, nil
}

func (r *Result) column(name string) int {
	for i, c := range r.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Normalize removes duplicate rows (equal Canonical forms; the first is
// kept) and sorts them, stably: by the query's order columns (unbound
// first, as SPARQL's ORDER BY), then by all columns, each value by its
// lexical form.
func (r *Result) Normalize() {
	var order []int
	if r.Query != nil {
		for _, name := range r.Query.Order {
			order = append(order, r.column(name))
		}
	}
	ncol := len(r.Columns)
	for _, row := range r.Rows {
		ncol = max(ncol, len(row))
	}
	r.Rows = number(r.Rows, ncol).rows(order, len(r.Columns))
}

func sortKey(v quad.Value) string {
	if v == nil {
		return ""
	}
	return "\x01" + Lexical(v)
}

// RowKey is a canonical string of a row: equal keys, equal rows.
func RowKey(row []quad.Value) string {
	var b strings.Builder
	for _, v := range row {
		b.WriteString(Canonical(v))
		b.WriteByte(0)
	}
	return b.String()
}

// Canonical writes a term in one form for comparisons: <IRI>, _:label,
// "lexical" (xsd:string and plain literals alike), "lexical"@lang (tag in
// lower case), "lexical"^^<datatype>; "" for unbound.
func Canonical(v quad.Value) string {
	switch t := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return "<" + string(t) + ">"
	case quad.BNode:
		return "_:" + string(t)
	case quad.String:
		return strconv.Quote(string(t))
	case quad.LangString:
		return strconv.Quote(string(t.Value)) + "@" + strings.ToLower(t.Lang)
	case quad.TypedString:
		if string(t.Type) == ontology.XSDString {
			return strconv.Quote(string(t.Value))
		}
		return strconv.Quote(string(t.Value)) + "^^<" + string(t.Type) + ">"
	}
	if ts, ok := v.(quad.TypedStringer); ok {
		return Canonical(ts.TypedString())
	}
	return "?" + v.String()
}

// Lexical is a term's lexical form or IRI (SPARQL's STR).
func Lexical(v quad.Value) string {
	switch t := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(t)
	case quad.BNode:
		return "_:" + string(t)
	case quad.String:
		return string(t)
	case quad.LangString:
		return string(t.Value)
	case quad.TypedString:
		return string(t.Value)
	}
	if ts, ok := v.(quad.TypedStringer); ok {
		return string(ts.TypedString().Value)
	}
	return v.String()
}

// FromJSONLD reads a value of Cayley's JSON-LD collation back into a term:
// {"@id": IRI}, a string, {"@value", "@type"} or {"@value", "@language"};
// numbers and booleans (typed literals Cayley converts to natives) become
// xsd:integer, xsd:double or xsd:boolean literals.
func FromJSONLD(v any) (quad.Value, error) {
	switch t := v.(type) {
	case nil:
		return nil, nil
	case string:
		return quad.String(t), nil
	case map[string]any:
		if id, ok := t["@id"].(string); ok {
			if strings.HasPrefix(id, "_:") {
				return quad.BNode(strings.TrimPrefix(id, "_:")), nil
			}
			return quad.IRI(id), nil
		}
		val, ok := t["@value"]
		if !ok {
			return nil, fmt.Errorf("not a JSON-LD value: %v", t)
		}
		s := fmt.Sprint(val)
		if lang, ok := t["@language"].(string); ok {
			return quad.LangString{Value: quad.String(s), Lang: lang}, nil
		}
		if typ, ok := t["@type"].(string); ok {
			if typ == ontology.XSDString {
				return quad.String(s), nil
			}
			return quad.TypedString{Value: quad.String(s), Type: quad.IRI(typ)}, nil
		}
		return quad.String(s), nil
	case map[string]string:
		m := map[string]any{}
		for k, x := range t {
			m[k] = x
		}
		return FromJSONLD(m)
	case bool:
		return quad.TypedString{Value: quad.String(fmt.Sprint(t)), Type: ontology.XSDBoolean}, nil
	case int64:
		return quad.TypedString{Value: quad.String(fmt.Sprint(t)), Type: ontology.XSDInteger}, nil
	case int:
		return quad.TypedString{Value: quad.String(fmt.Sprint(t)), Type: ontology.XSDInteger}, nil
	case float64:
		return quad.TypedString{Value: quad.String(fmt.Sprint(t)), Type: ontology.XSDDouble}, nil
	}
	return nil, fmt.Errorf("unsupported value %T", v)
}
