package queries

import (
	"math/rand"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"
)

// normalizeByStrings is Normalize as it was before rows were numbered:
// duplicates by RowKey, then a stable sort by the sort keys.
func normalizeByStrings(r *Result) {
	seen := map[string]bool{}
	var rows [][]quad.Value
	for _, row := range r.Rows {
		if k := RowKey(row); !seen[k] {
			seen[k] = true
			rows = append(rows, row)
		}
	}
	var order []int
	for _, name := range r.Query.Order {
		order = append(order, r.column(name))
	}
	for i := range r.Columns {
		order = append(order, i)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		for _, c := range order {
			a, b := sortKey(rows[i][c]), sortKey(rows[j][c])
			if a != b {
				return a < b
			}
		}
		return false
	})
	r.Rows = rows
}

// TestNormalizeNumbered: the numbered Normalize gives the rows, in the
// order, of the string one, on rows with duplicates, unbound cells and
// values that differ only in form ("x", "x"^^xsd:string, "x"@en, "x"@EN).
func TestNormalizeNumbered(t *testing.T) {
	vals := []quad.Value{nil, quad.IRI("a"), quad.IRI("b"), quad.String("x"), quad.String("a"),
		quad.TypedString{Value: "x", Type: "http://www.w3.org/2001/XMLSchema#string"},
		quad.LangString{Value: "x", Lang: "en"}, quad.LangString{Value: "x", Lang: "EN"},
		quad.TypedString{Value: "2021", Type: "http://www.w3.org/2001/XMLSchema#gYear"}, quad.BNode("b1")}
	q := &Query{Columns: []Column{{Name: "a"}, {Name: "b"}, {Name: "c"}}, Order: []string{"c", "a"}}
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 50; round++ {
		var rows [][]quad.Value
		for i := 0; i < 200; i++ {
			rows = append(rows, []quad.Value{vals[rng.Intn(len(vals))], vals[rng.Intn(4)], vals[rng.Intn(len(vals))]})
		}
		got := &Result{Query: q, Columns: q.Columns, Rows: append([][]quad.Value(nil), rows...)}
		want := &Result{Query: q, Columns: q.Columns, Rows: append([][]quad.Value(nil), rows...)}
		got.Normalize()
		normalizeByStrings(want)
		if len(got.Rows) != len(want.Rows) {
			t.Fatalf("round %d: %d rows, want %d", round, len(got.Rows), len(want.Rows))
		}
		for i := range got.Rows {
			for j := range got.Rows[i] {
				if got.Rows[i][j] != want.Rows[i][j] {
					t.Fatalf("round %d row %d: %v, want %v", round, i, got.Rows[i], want.Rows[i])
				}
			}
		}
	}
	empty := &Result{Query: q, Columns: q.Columns}
	if empty.Normalize(); empty.Rows != nil {
		t.Errorf("no rows became %#v", empty.Rows)
	}
}

// BenchmarkNormalize: 100,000 rows of 8 columns over 5,000 values, about a
// tenth duplicates, numbered and by strings.
func BenchmarkNormalize(b *testing.B) {
	var vals []quad.Value
	for i := 0; i < 5000; i++ {
		vals = append(vals, quad.IRI("https://w3id.org/dipgraph/id/entity-"+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676))))
	}
	cols := []Column{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}, {Name: "e"}, {Name: "f"}, {Name: "g"}, {Name: "h"}}
	q := &Query{Columns: cols, Order: []string{"b", "a"}}
	rng := rand.New(rand.NewSource(1))
	var rows [][]quad.Value
	for i := 0; i < 100000; i++ {
		if i%10 == 9 {
			rows = append(rows, rows[rng.Intn(len(rows))])
			continue
		}
		row := make([]quad.Value, len(cols))
		for j := range row {
			row[j] = vals[rng.Intn(len(vals))]
		}
		rows = append(rows, row)
	}
	for _, bc := range []struct {
		name string
		f    func(*Result)
	}{{"numbered", (*Result).Normalize}, {"strings", normalizeByStrings}} {
		b.Run(bc.name, func(b *testing.B) {
			for range b.N {
				bc.f(&Result{Query: q, Columns: cols, Rows: append([][]quad.Value(nil), rows...)})
			}
		})
	}
}
