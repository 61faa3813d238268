package push

import (
	"bytes"
	"fmt"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
)

// chunk is the triples of one request, with their N-Triples form.
type chunk struct {
	quads    []quad.Quad // labels removed
	ntriples []byte
}

// makeChunks drops labels and duplicate triples and cuts the rest into
// chunks of at most maxTriples triples and maxBytes bytes of N-Triples,
// keeping the triples connected by blank nodes together (such a group may
// exceed the limits). It returns the chunks and the number of distinct
// triples.
func makeChunks(quads []quad.Quad, maxTriples, maxBytes int) ([]chunk, int, error) {
	var buf bytes.Buffer
	w := rdfio.NewNTriplesWriter(&buf)
	stripped := make([]quad.Quad, len(quads))
	for i, q := range quads {
		q.Label = nil
		stripped[i] = q
		if err := w.WriteQuad(q); err != nil {
			return nil, 0, fmt.Errorf("triple %d: %w", i+1, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, 0, err
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
		lines = lines[:n-1]
	}
	if len(lines) != len(quads) {
		return nil, 0, fmt.Errorf("internal error: %d N-Triples lines for %d triples", len(lines), len(quads))
	}

	// Distinct triples, then groups of triples joined by blank nodes
	// (union-find over triple indexes).
	var keep []int
	seen := map[string]bool{}
	for i, l := range lines {
		if !seen[string(l)] {
			seen[string(l)] = true
			keep = append(keep, i)
		}
	}
	parent := make([]int, len(keep))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := map[quad.BNode]int{}
	for k, i := range keep {
		for _, v := range []quad.Value{stripped[i].Subject, stripped[i].Object} {
			b, ok := v.(quad.BNode)
			if !ok {
				continue
			}
			if o, seen := owner[b]; seen {
				parent[find(k)] = find(o)
			} else {
				owner[b] = k
			}
		}
	}
	groups := map[int][]int{}
	var order []int
	for k := range keep {
		r := find(k)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], k)
	}

	var chunks []chunk
	var cur chunk
	for _, r := range order {
		g := groups[r]
		size := 0
		for _, k := range g {
			size += len(lines[keep[k]])
		}
		if len(cur.quads) > 0 && (len(cur.quads)+len(g) > maxTriples || len(cur.ntriples)+size > maxBytes) {
			chunks = append(chunks, cur)
			cur = chunk{}
		}
		for _, k := range g {
			cur.quads = append(cur.quads, stripped[keep[k]])
			cur.ntriples = append(cur.ntriples, lines[keep[k]]...)
		}
	}
	if len(cur.quads) > 0 {
		chunks = append(chunks, cur)
	}
	return chunks, len(keep), nil
}
