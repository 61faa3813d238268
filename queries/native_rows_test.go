package queries

import (
	"fmt"
	"math/rand"
	"runtime"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestRadixRows: radixRows gives the rows, in the order, of rows(), on
// rows with duplicates, unbound cells and values that differ only in form.
func TestRadixRows(t *testing.T) {
	vals := []quad.Value{nil, quad.IRI("a"), quad.IRI("b"), quad.String("x"), quad.String("a"),
		quad.TypedString{Value: "x", Type: "http://www.w3.org/2001/XMLSchema#string"},
		quad.LangString{Value: "x", Lang: "en"}, quad.LangString{Value: "x", Lang: "EN"},
		quad.TypedString{Value: "2021", Type: "http://www.w3.org/2001/XMLSchema#gYear"}, quad.BNode("b1")}
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 50; round++ {
		var rows [][]quad.Value
		ncol := 1 + round%4
		for i := 0; i < 300; i++ {
			row := make([]quad.Value, ncol)
			for j := range row {
				row[j] = vals[rng.Intn(len(vals)-round%3)]
			}
			rows = append(rows, row)
		}
		order := []int{ncol - 1, 0, -1}
		nsort := ncol - round%2 // some rounds sort by fewer columns than rows have
		want := number(rows, ncol).rows(order, nsort)
		got := number(rows, ncol).radixRows(order, nsort)
		if len(got) != len(want) {
			t.Fatalf("round %d: %d rows, want %d", round, len(got), len(want))
		}
		for i := range got {
			for j := range got[i] {
				if got[i][j] != want[i][j] {
					t.Fatalf("round %d row %d: %v, want %v", round, i, got[i], want[i])
				}
			}
		}
	}
	// A table large enough to be made and sorted in parts (inParts,
	// sortParts).
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var rows [][]quad.Value
	for i := 0; i < 70000; i++ { // sorted in parts (sortParts)
		rows = append(rows, []quad.Value{quad.String(fmt.Sprint(rng.Intn(9000))), vals[rng.Intn(len(vals))]})
	}
	want := number(rows, 2).rows([]int{1}, 2)
	got := number(rows, 2).radixRows([]int{1}, 2)
	if len(got) != len(want) {
		t.Fatalf("large: %d rows, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i][0] != want[i][0] || got[i][1] != want[i][1] {
			t.Fatalf("large row %d: %v, want %v", i, got[i], want[i])
		}
	}
	// Groups of rows equal in the order's column, long (sorted by
	// counting) and short (by comparisons), sorted by two more columns,
	// with duplicates.
	rows = rows[:0]
	for i := 0; i < 20000; i++ {
		g := rng.Intn(12) // 0-5: ~1700 rows each; 6-11: 2 rows in all
		if g >= 6 {
			g = 6 + i%6
			if i%1000 > 1 {
				g = rng.Intn(6)
			}
		}
		rows = append(rows, []quad.Value{quad.String(fmt.Sprint(rng.Intn(40))), vals[rng.Intn(len(vals))],
			quad.String(fmt.Sprint("g", g))})
	}
	want = number(rows, 3).rows([]int{2}, 3)
	got = number(rows, 3).radixRows([]int{2}, 3)
	if len(got) != len(want) {
		t.Fatalf("groups: %d rows, want %d", len(got), len(want))
	}
	for i := range got {
		for j := range got[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("groups row %d: %v, want %v", i, got[i], want[i])
			}
		}
	}
	if got := number(nil, 3).radixRows(nil, 3); got != nil {
		t.Errorf("no rows became %#v", got)
	}
}

// TestTable: table gives each cell its term and each term used its value
// (nil for the terms no row uses), over several chunks of rows.
func TestTable(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := &nrun{row: make([]int32, 5)}
	for i := 0; i < 300; i++ {
		r.terms = append(r.terms, term{v: quad.String(fmt.Sprint("v", i))})
	}
	rng := rand.New(rand.NewSource(2))
	var want [][]int32 // the rows, as terms
	used := map[int32]bool{}
	for i := 0; i < 3*rowChunk/5+7; i++ {
		for j := range r.row {
			r.row[j] = none
			if rng.Intn(4) > 0 {
				r.row[j] = int32(rng.Intn(len(r.terms)-i%7-10)) + int32(i%7)
				used[r.row[j]] = true
			}
		}
		want = append(want, append([]int32(nil), r.row...))
		r.emit()
	}
	if len(r.rows) < 3 {
		t.Fatalf("%d chunks", len(r.rows))
	}
	n := r.table()
	if len(n.ids) != 5*len(want) || len(n.values) != len(r.terms) {
		t.Fatalf("%d cells, %d values; want %d, %d", len(n.ids), len(n.values), 5*len(want), len(r.terms))
	}
	for i, row := range want {
		for j, tm := range row {
			if id := n.ids[i*5+j]; id != tm {
				t.Fatalf("row %d cell %d: %d, want %d", i, j, id, tm)
			}
		}
	}
	for tm, v := range n.values {
		var want quad.Value // nil: unused
		if used[int32(tm)] {
			want = r.terms[tm].v
		}
		if v != want {
			t.Fatalf("value %d: %v, want %v", tm, v, want)
		}
	}
}

// TestCanonOf: two values have the same canonKey exactly when they have
// the same Canonical form.
func TestCanonOf(t *testing.T) {
	xsd := quad.IRI("http://www.w3.org/2001/XMLSchema#string")
	vals := []quad.Value{quad.IRI("a"), quad.IRI("\"a\""), quad.BNode("a"), quad.String("a"), quad.String("<a>"),
		quad.String("_:a"), quad.String(`a"@en`), quad.String(`a"^^<b>`), quad.TypedString{Value: "a", Type: xsd},
		quad.TypedString{Value: "a", Type: "b"}, quad.TypedString{Value: `a"^^<b`, Type: "b"},
		quad.LangString{Value: "a", Lang: "en"}, quad.LangString{Value: "a", Lang: "EN"},
		quad.LangString{Value: `a"@en`, Lang: "en"}, quad.String("1"), quad.Int(1),
		quad.TypedString{Value: "1", Type: "http://www.w3.org/2001/XMLSchema#integer"}, quad.Bool(true),
		quad.String("?a"), quad.String("")}
	for _, a := range vals {
		for _, b := range vals {
			if same, want := canonOf(a) == canonOf(b), Canonical(a) == Canonical(b); same != want {
				t.Errorf("%#v, %#v: same canonKey %v, same Canonical %v", a, b, same, want)
			}
		}
	}
}
