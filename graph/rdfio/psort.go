package rdfio

import (
	"bytes"
	"runtime"
	"slices"
	"sync"
)

// The Turtle writer's Close sorts the terms and the buffered quads on
// every CPU it is given: each sort is split in parts whose results do not
// depend on how the work was split (the terms are distinct, equal quads
// are the same bytes), so the output stays a function of the quads alone.

// minParallel is the size below which a sort is not split (a variable
// for tests).
var minParallel = 1 << 14

// workers is how many goroutines a sort of n items uses.
func workers(n int) int {
	if n < minParallel {
		return 1
	}
	return min(runtime.GOMAXPROCS(0), 4)
}

// each calls fn(i) for i in [0, n) on up to w goroutines.
func each(n, w int, fn func(i int)) {
	if w <= 1 || n <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range min(w, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// sortTerms returns the ids 0..n-1 of t ordered by key (N-Triples form).
func sortTerms(t *termTable) []uint32 {
	n := len(t.refs)
	order := make([]uint32, n)
	for i := range order {
		order[i] = uint32(i)
	}
	less := func(a, b uint32) int { return bytes.Compare(t.key(a), t.key(b)) }
	w := workers(n)
	if w <= 1 {
		slices.SortFunc(order, less)
		return order
	}
	// Sort w parts at once, then merge them two by two.
	parts := make([][]uint32, w)
	for i := range parts {
		parts[i] = order[i*n/w : (i+1)*n/w]
	}
	each(len(parts), w, func(i int) { slices.SortFunc(parts[i], less) })
	for len(parts) > 1 {
		next := make([][]uint32, (len(parts)+1)/2)
		each(len(next), w, func(j int) {
			if 2*j+1 == len(parts) {
				next[j] = parts[2*j]
				return
			}
			a, b := parts[2*j], parts[2*j+1]
			next[j] = make([]uint32, len(a)+len(b))
			mergeTerms(next[j], a, b, less)
		})
		parts = next
	}
	return parts[0]
}

// mergeTerms merges the sorted a and b into dst.
func mergeTerms(dst, a, b []uint32, cmp func(x, y uint32) int) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if cmp(a[i], b[j]) <= 0 {
			dst[k] = a[i]
			i++
		} else {
			dst[k] = b[j]
			j++
		}
		k++
	}
	k += copy(dst[k:], a[i:])
	copy(dst[k:], b[j:])
}
