package queries

import (
	"encoding/json"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store"
)

// runPrelude is the line dipgraph puts before a saved query's program
// (before the parameters and lib.js): what lib.js may know of the store.
// predicateIndex: the store reads the quads of one predicate without
// scanning every quad (store.HasPredicateIndex), so lib.js may read a
// whole relation.
//
//	var DIPGRAPH = {"predicateIndex": true};
func runPrelude(qs graph.QuadStore) (string, error) {
	doc, err := json.Marshal(map[string]any{"predicateIndex": store.HasPredicateIndex(qs)})
	if err != nil {
		return "", err
	}
	return "var DIPGRAPH = " + string(doc) + ";\n", nil
}

// numbered is a table of rows as numbers: each distinct value (by ==) is
// numbered once, so that its canonical form and its sort key are made once,
// not once per row and comparison.
type numbered struct {
	ncol   int
	values []quad.Value
	ids    []int32 // ncol per row, -1 unbound
}

// number makes the table of rows.
func number(rows [][]quad.Value, ncol int) *numbered {
	n := &numbered{ncol: ncol, ids: make([]int32, 0, len(rows)*ncol)}
	index := map[any]int32{}
	for _, row := range rows {
		for j := 0; j < ncol; j++ {
			var v quad.Value
			if j < len(row) {
				v = row[j]
			}
			if v == nil {
				n.ids = append(n.ids, -1)
				continue
			}
			k := any(v)
			switch v.(type) {
			case quad.IRI, quad.BNode, quad.String, quad.LangString, quad.TypedString:
			default:
				k = Canonical(v) // a value type that may not be comparable
			}
			id, ok := index[k]
			if !ok {
				id = int32(len(n.values))
				index[k] = id
				n.values = append(n.values, v)
			}
			n.ids = append(n.ids, id)
		}
	}
	return n
}

// rows gives the distinct rows (equal Canonical forms in every column: the
// first is kept), sorted stably by the columns order, then the first nsort
// columns, each value by its sort key (sortKey: unbound first, then by
// lexical form).
func (n *numbered) rows(order []int, nsort int) [][]quad.Value {
	// canon numbers the values by their Canonical form, rank by their
	// sort key (equal keys, equal ranks); -1 (unbound) is canon 0 and rank 0.
	canon := make([]int32, len(n.values))
	byCanon := map[string]int32{}
	keys := make([]string, len(n.values))
	for i, v := range n.values {
		c := Canonical(v)
		id, ok := byCanon[c]
		if !ok {
			id = int32(len(byCanon) + 1)
			byCanon[c] = id
		}
		canon[i] = id
		keys[i] = sortKey(v)
	}
	rank, _ := denseRanks(keys)
	nrow := 0
	if n.ncol > 0 {
		nrow = len(n.ids) / n.ncol
	}
	type rowKey string
	seen := make(map[rowKey]bool, nrow)
	buf := make([]byte, 4*n.ncol)
	var keep []int32 // offsets of the distinct rows in n.ids
	for i := 0; i < nrow; i++ {
		row := n.ids[i*n.ncol : (i+1)*n.ncol]
		for j, id := range row {
			c := int32(0)
			if id >= 0 {
				c = canon[id]
			}
			buf[4*j], buf[4*j+1], buf[4*j+2], buf[4*j+3] = byte(c), byte(c>>8), byte(c>>16), byte(c>>24)
		}
		k := rowKey(buf)
		if seen[k] {
			continue
		}
		seen[k] = true
		keep = append(keep, int32(i*n.ncol))
	}
	cols := append(append([]int(nil), order...), seq(min(nsort, n.ncol))...)
	rankOf := func(id int32) int32 {
		if id < 0 {
			return 0
		}
		return rank[id]
	}
	sort.SliceStable(keep, func(a, b int) bool {
		ra, rb := n.ids[keep[a]:keep[a]+int32(n.ncol)], n.ids[keep[b]:keep[b]+int32(n.ncol)]
		for _, c := range cols {
			if c < 0 {
				continue
			}
			x, y := rankOf(ra[c]), rankOf(rb[c])
			if x != y {
				return x < y
			}
		}
		return false
	})
	if len(keep) == 0 {
		return nil
	}
	return n.rowsAt(keep)
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// denseRanks numbers the distinct keys from 1 in sort order: rank[i] is
// the place of keys[i] among them (equal keys, equal ranks), so rows sort by
// small integers instead of strings; n is the number of distinct keys.
func denseRanks(keys []string) (rank []int32, n int32) {
	sorted := make([]int, len(keys))
	for i := range sorted {
		sorted[i] = i
	}
	sort.Slice(sorted, func(a, b int) bool { return keys[sorted[a]] < keys[sorted[b]] })
	rank = make([]int32, len(keys))
	for j, i := range sorted {
		if j == 0 || keys[i] != keys[sorted[j-1]] {
			n++
		}
		rank[i] = n
	}
	return rank, n
}
