package queries

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// radixRows is numbered.rows for the native engine's larger tables: the
// same distinct rows in the same order (stably by the columns order, then
// the first nsort columns, each value by its sort key), sorted by one
// stable counting sort per column from the last key to the first (a
// least-significant-digit radix sort on the values' ranks) instead of a
// comparison sort: contradictions emits ~227k rows of 16 columns.
func (n *numbered) radixRows(order []int, nsort int) [][]quad.Value {
	// Each value's canonical form (as a canonKey: equal exactly when the
	// Canonical strings are, without quoting the text) and sort key (its
	// lexical form: every value here is bound, so sortKey's prefix for a
	// bound value changes no order).
	canon := make([]int32, len(n.values))
	byCanon := map[canonKey]int32{}
	keys := make([]string, len(n.values))
	canonical := make([]canonKey, len(n.values))
	inParts(len(n.values), func(lo, hi int) {
		for i, v := range n.values[lo:hi] {
			if v != nil { // nil: no row uses it (table)
				canonical[lo+i], keys[lo+i] = canonOf(v), Lexical(v)
			}
		}
	})
	for i, c := range canonical {
		if n.values[i] == nil {
			continue
		}
		id, ok := byCanon[c]
		if !ok {
			id = int32(len(byCanon) + 1)
			byCanon[c] = id
		}
		canon[i] = id
	}
	// The ranks of the values rows use (as denseRanks gives them: by key,
	// from 1, equal keys equal ranks), the others left 0: they are not
	// sorted.
	byKey := make([]int32, 0, len(n.values))
	for i, v := range n.values {
		if v != nil {
			byKey = append(byKey, int32(i))
		}
	}
	slices.SortFunc(byKey, func(a, b int32) int { return strings.Compare(keys[a], keys[b]) })
	rank := make([]int32, len(n.values))
	r := int32(0)
	for j, i := range byKey {
		if j == 0 || keys[i] != keys[byKey[j-1]] {
			r++
		}
		rank[i] = r
	}
	nrow := 0
	if n.ncol > 0 {
		nrow = len(n.ids) / n.ncol
	}
	if nrow == 0 {
		return nil
	}
	// The sort keys, each column once (a repeated key cannot reorder);
	// lead of them are the order's.
	var cols []int
	used := map[int]bool{}
	lead := 0
	for i, c := range append(append([]int(nil), order...), seq(min(nsort, n.ncol))...) {
		if c >= 0 && !used[c] {
			used[c] = true
			cols = append(cols, c)
			if i < len(order) {
				lead++
			}
		}
	}
	// The order's keys are sorted by the passes below; the rows equal in
	// them are sorted by the other keys group by group (groupSort): after
	// the order's keys most groups are short (contradictions: 233k rows,
	// 169k groups, the longest 69 rows), so that the passes of the other
	// keys over every row are saved.
	rest := cols[lead:]
	if lead == 0 {
		rest = nil
	} else {
		cols = cols[:lead]
	}
	// Each pass reads one column's ranks, laid out by row (a small array
	// the random reads of a pass stay in cache), numbered densely within
	// the column (a short count array), and moves the rows to their
	// places: a stable counting sort, in parts side by side (each part
	// counts its rows, then moves them after the rows of the same key in
	// the parts before it). keep holds row numbers until the sort ends,
	// then offsets in n.ids.
	keep := make([]int32, nrow)
	for i := range keep {
		keep[i] = int32(i)
	}
	tmp := make([]int32, nrow)
	colRank := make([]int32, nrow)
	dense := make([]int32, int(r)+1)
	ncol := n.ncol
	parts := sortParts(nrow)
	counts := make([][]int32, len(parts))
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		inParts(nrow, func(lo, hi int) {
			for row := lo; row < hi; row++ {
				colRank[row] = rankAt(n.ids, rank, int32(row*ncol+c))
			}
		})
		clear(dense)
		for _, k := range colRank {
			dense[k] = 1
		}
		ndense := int32(0)
		for k, used := range dense {
			if used != 0 {
				dense[k] = ndense
				ndense++
			}
		}
		if ndense == 1 {
			continue // one value: nothing to sort
		}
		eachOf(len(parts), func(pi int) {
			cnt := append(counts[pi][:0], make([]int32, ndense)...)
			for _, row := range keep[parts[pi][0]:parts[pi][1]] {
				k := dense[colRank[row]]
				colRank[row] = k
				cnt[k]++
			}
			counts[pi] = cnt
		})
		// Each part's first place for each key: after the rows of lower
		// keys, and of the same key in earlier parts.
		at := int32(0)
		for k := range ndense {
			for pi := range parts {
				n := counts[pi][k]
				counts[pi][k] = at
				at += n
			}
		}
		eachOf(len(parts), func(pi int) {
			next := counts[pi]
			for _, row := range keep[parts[pi][0]:parts[pi][1]] {
				k := colRank[row]
				tmp[next[k]] = row
				next[k]++
			}
		})
		keep, tmp = tmp, keep
	}
	for i, row := range keep {
		keep[i] = row * int32(ncol)
	}
	if len(rest) > 0 {
		n.groupSort(keep, cols, rest, rank)
	}
	// Rows with equal canonical forms have equal ranks in every column,
	// and every column is a sort key: duplicates sit in one run of
	// rank-equal rows, in the order they came (the sorts are stable), so
	// keeping the first of each is keeping the first as rows() does.
	if nsort < n.ncol {
		keep = n.dedupe(keep, canon)
	} else {
		kept := keep[:0] // in place: a row is kept at or before its place
		for i := 0; i < len(keep); {
			j := i + 1
			for j < len(keep) && sameRanks(n.ids, rank, keep[i], keep[j], n.ncol) {
				j++
			}
			if j == i+1 {
				kept = append(kept, keep[i])
			} else {
				kept = append(kept, n.dedupe(keep[i:j], canon)...)
			}
			i = j
		}
		keep = kept
	}
	return n.rowsAt(keep)
}

// canonKey is a value's Canonical form by its parts: two values have the
// same canonKey exactly when their Canonical strings are the same (the
// kind of term, then its text and its language in lower case or its
// datatype, xsd:string strings as plain ones), made without quoting the
// text as Canonical does.
type canonKey struct {
	kind       byte
	text, info string
}

func canonOf(v quad.Value) canonKey {
	switch t := v.(type) {
	case quad.IRI:
		return canonKey{'<', string(t), ""}
	case quad.BNode:
		return canonKey{'_', string(t), ""}
	case quad.String:
		return canonKey{'"', string(t), ""}
	case quad.LangString:
		return canonKey{'@', string(t.Value), strings.ToLower(t.Lang)}
	case quad.TypedString:
		if string(t.Type) == ontology.XSDString {
			return canonKey{'"', string(t.Value), ""}
		}
		return canonKey{'^', string(t.Value), string(t.Type)}
	}
	if ts, ok := v.(quad.TypedStringer); ok {
		return canonOf(ts.TypedString())
	}
	return canonKey{'?', v.String(), ""}
}

// groupSort sorts each run of rows (offsets in n.ids) with equal ranks in
// the columns by, stably, by their ranks in the columns then: a short run
// by comparisons, a long one by a counting sort per column from the last
// to the first, as radixRows sorts.
func (n *numbered) groupSort(keep []int32, by, then []int, rank []int32) {
	same := func(a, b int32) bool {
		for _, c := range by {
			if rankAt(n.ids, rank, a+int32(c)) != rankAt(n.ids, rank, b+int32(c)) {
				return false
			}
		}
		return true
	}
	// In parts side by side, each part whole runs: its first row is the
	// first of a run (found before the parts begin).
	k := max(1, min(runtime.GOMAXPROCS(0), 4, len(keep)/4096))
	starts := make([]int, k+1)
	for i := 1; i <= k; i++ {
		starts[i] = max(i*len(keep)/k, starts[i-1])
		for starts[i] > 0 && starts[i] < len(keep) && same(keep[starts[i]-1], keep[starts[i]]) {
			starts[i]++
		}
	}
	eachOf(k, func(pi int) { n.sortRuns(keep[starts[pi]:starts[pi+1]], same, then, rank) })
}

// sortRuns is groupSort of the runs of keep (whole runs).
func (n *numbered) sortRuns(keep []int32, same func(a, b int32) bool, then []int, rank []int32) {
	var counts []int32
	var tmp []int32
	for i := 0; i < len(keep); {
		j := i + 1
		for j < len(keep) && same(keep[i], keep[j]) {
			j++
		}
		g := keep[i:j]
		i = j
		switch {
		case len(g) < 2:
		case len(g) <= 256:
			slices.SortStableFunc(g, func(a, b int32) int {
				for _, c := range then {
					if d := rankAt(n.ids, rank, a+int32(c)) - rankAt(n.ids, rank, b+int32(c)); d != 0 {
						return int(d)
					}
				}
				return 0
			})
		default:
			if counts == nil {
				counts = make([]int32, len(rank)+2) // ranks: 0 (unbound) to len(rank)
			}
			tmp = append(tmp[:0], g...)
			src, dst := g, tmp
			for ci := len(then) - 1; ci >= 0; ci-- {
				c := int32(then[ci])
				clear(counts)
				for _, at := range src {
					counts[rankAt(n.ids, rank, at+c)+1]++
				}
				for x := 1; x < len(counts); x++ {
					counts[x] += counts[x-1]
				}
				for _, at := range src {
					k := rankAt(n.ids, rank, at+c)
					dst[counts[k]] = at
					counts[k]++
				}
				src, dst = dst, src
			}
			if &src[0] != &g[0] {
				copy(g, src)
			}
		}
	}
}

// rowsAt makes the rows at offsets keep of n.ids, in that order, filled
// side by side (inParts), each part's rows in one block of cells of its
// own (a large block is cleared as it is allocated: in parts, side by side
// too).
func (n *numbered) rowsAt(keep []int32) [][]quad.Value {
	out := make([][]quad.Value, len(keep))
	inParts(len(keep), func(lo, hi int) {
		cells := make([]quad.Value, (hi-lo)*n.ncol)
		for i := lo; i < hi; i++ {
			at := keep[i]
			row := cells[(i-lo)*n.ncol : (i-lo+1)*n.ncol : (i-lo+1)*n.ncol]
			for j, id := range n.ids[at : at+int32(n.ncol)] {
				if id >= 0 {
					row[j] = n.values[id]
				}
			}
			out[i] = row
		}
	})
	return out
}

// inParts runs fn on contiguous ranges [lo, hi) of n items, side by side
// (one goroutine per CPU, at most 4, ranges of at least 4096 items), and
// returns when all are done.
func inParts(n int, fn func(lo, hi int)) {
	k := min(runtime.GOMAXPROCS(0), 4, n/4096)
	if k < 2 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for i := 1; i < k; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(i*n/k, (i+1)*n/k)
		}()
	}
	fn(0, n/k)
	wg.Wait()
}

// sortParts splits n rows into the contiguous parts radixRows sorts side
// by side: one per CPU (at most 4), of at least 16384 rows.
func sortParts(n int) [][2]int {
	k := max(1, min(runtime.GOMAXPROCS(0), 4, n/16384))
	parts := make([][2]int, k)
	for i := range parts {
		parts[i] = [2]int{i * n / k, (i + 1) * n / k}
	}
	return parts
}

// eachOf runs fn for each of 0..n-1, on one goroutine per CPU (at most
// 4), and returns when all are done.
func eachOf(n int, fn func(i int)) {
	k := min(runtime.GOMAXPROCS(0), 4, n)
	if k < 2 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int32
	var wg sync.WaitGroup
	work := func() {
		for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
			fn(i)
		}
	}
	for range k - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

func rankAt(ids, rank []int32, at int32) int32 {
	if id := ids[at]; id >= 0 {
		return rank[id]
	}
	return 0
}

// sameRanks reports whether rows a and b have equal ranks in every column;
// from the last column, where neighbouring rows mostly differ (the sort
// keys after the order's).
func sameRanks(ids, rank []int32, a, b int32, ncol int) bool {
	for c := int32(ncol) - 1; c >= 0; c-- {
		if rankAt(ids, rank, a+c) != rankAt(ids, rank, b+c) {
			return false
		}
	}
	return true
}

// dedupe keeps the first of the rows (offsets in n.ids) with equal
// canonical forms in every column.
func (n *numbered) dedupe(rows []int32, canon []int32) []int32 {
	type rowKey string
	seen := make(map[rowKey]struct{}, len(rows))
	buf := make([]byte, 4*n.ncol)
	var out []int32
	for _, at := range rows {
		for j, id := range n.ids[at : at+int32(n.ncol)] {
			c := int32(0)
			if id >= 0 {
				c = canon[id]
			}
			buf[4*j], buf[4*j+1], buf[4*j+2], buf[4*j+3] = byte(c), byte(c>>8), byte(c>>16), byte(c>>24)
		}
		k := rowKey(buf)
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		out = append(out, at)
	}
	return out
}
