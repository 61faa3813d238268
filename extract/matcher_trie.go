package extract

import (
	"slices"
	"sort"
)

// buildNode is one state of the token automaton while NewMatcher adds the
// labels: children by key number (see vocab).
type buildNode struct {
	next  map[int32]*buildNode
	terms []surface
	depth int32 // tokens from the root
}

// trieNode is one state of the token automaton as the matcher reads it,
// laid out (freeze) with all the others in Matcher.nodes, breadth first:
// its children, surfaces and case checks are ranges of the matcher's
// edges, surfaces and checks, given by their places instead of slices and
// maps of their own. A node is 28 bytes, the whole gazetteer's automaton a
// few hundred kilobytes that stay in the cache, where nodes of pointers
// and slices took a megabyte and a name's first node was a cache miss
// more often than not.
type trieNode struct {
	edges, nEdges int32 // its children: Matcher.edges[edges:edges+nEdges], by key
	terms, nTerms int32 // its surfaces: Matcher.surfaces[terms:terms+nTerms]
	// checks are the case rules of its surfaces in the compact form fit
	// reads: term k's tokens at Matcher.checks[checks+k*depth:][:depth]
	// (none when anyCase).
	checks int32
	depth  int32 // tokens from the root
	// anyCase: every token of every surface here takes any case, so all
	// of them fit any text (see fitting).
	anyCase bool
}

// trieEdge is a child of a node: the node after the key number key.
type trieEdge struct{ key, node int32 }

// maxListed is the most children a node searches in order rather than by
// halves.
const maxListed = 8

// child returns the node after n and the key number id, or nil.
func (m *Matcher) child(n *trieNode, id int32) *trieNode {
	es := m.edges[n.edges : n.edges+n.nEdges]
	if len(es) <= maxListed { // most nodes have one child, few more than a handful
		for _, e := range es {
			if e.key == id {
				return &m.nodes[e.node]
			}
		}
		return nil
	}
	k := sort.Search(len(es), func(k int) bool { return es[k].key >= id })
	if k < len(es) && es[k].key == id {
		return &m.nodes[es[k].node]
	}
	return nil
}

// termsOf returns the surfaces of n (not to be appended to).
func (m *Matcher) termsOf(n *trieNode) []surface {
	return m.surfaces[n.terms : n.terms+n.nTerms : n.terms+n.nTerms]
}

// firstNode is the node after a name's first token of key number id, or nil.
func (m *Matcher) firstNode(id int32) *trieNode {
	if int(id) < len(m.first) && m.first[id] != 0 { // keys numbered after the matcher was built start no name
		return &m.nodes[m.first[id]]
	}
	return nil
}

// sortTerms puts every node's surfaces in the order fitting returns them:
// strongest kind first, then by entry id, else as added (filtering keeps
// that order, so no match needs a sort of its own).
func (n *buildNode) sortTerms() {
	sort.SliceStable(n.terms, func(a, b int) bool {
		if n.terms[a].kind != n.terms[b].kind {
			return n.terms[a].kind < n.terms[b].kind
		}
		return entryID(n.terms[a]) < entryID(n.terms[b])
	})
	for _, c := range n.next {
		c.sortTerms()
	}
}

// freeze lays out the automaton built from root in m.nodes (root first,
// then breadth first, children in key order: the nodes a scan visits
// together lie close), m.edges, m.surfaces and m.checks, and fills
// m.first, m.starts and m.seconds.
func (m *Matcher) freeze(root *buildNode) {
	order := []*buildNode{root}
	keys := [][]int32{} // by node: its children's keys, sorted
	for k := 0; k < len(order); k++ {
		p := order[k]
		ids := make([]int32, 0, len(p.next))
		for id := range p.next {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		keys = append(keys, ids)
		for _, id := range ids {
			order = append(order, p.next[id])
		}
	}
	m.nodes = make([]trieNode, len(order))
	next := int32(1) // the place of the next child met: breadth first, as order
	for i, p := range order {
		n := &m.nodes[i]
		n.depth = p.depth
		n.edges, n.nEdges = int32(len(m.edges)), int32(len(keys[i]))
		for _, id := range keys[i] {
			m.edges = append(m.edges, trieEdge{key: id, node: next})
			next++
		}
		n.terms, n.nTerms = int32(len(m.surfaces)), int32(len(p.terms))
		m.surfaces = append(m.surfaces, p.terms...)
		n.anyCase = true
		for _, t := range p.terms {
			for _, c := range t.cases {
				n.anyCase = n.anyCase && c.rule == caseAny
			}
		}
		n.checks = int32(len(m.checks))
		if len(p.terms) > 0 && !n.anyCase {
			for _, t := range p.terms {
				for k := range p.depth {
					m.checks = append(m.checks, newCaseCheck(t.toks[k], t.cases[k]))
				}
			}
		}
	}
	m.first = make([]int32, m.vocab.size())
	m.starts = make([]uint8, m.vocab.size())
	m.seconds = make([]uint64, 1<<secondBits/64)
	root0 := &m.nodes[0]
	for _, e := range m.edges[root0.edges : root0.edges+root0.nEdges] {
		m.first[e.key] = e.node
		c := &m.nodes[e.node]
		m.starts[e.key] = startsName
		if c.nTerms > 0 {
			m.starts[e.key] |= startTerms
		}
		for _, e2 := range m.edges[c.edges : c.edges+c.nEdges] {
			b := secondBit(e.key, e2.key)
			m.seconds[b/64] |= 1 << (b % 64)
		}
	}
}

// longestFrom is longestAt for n, the node after token i. With prefixes it
// keeps the shorter matches it passes in the longest one's prefixes.
func (m *Matcher) longestFrom(toks []Token, ids []int32, i int, n *trieNode, prefixes bool) (Match, bool) {
	var best Match
	ok := false
	var shorter []Match
	for j := i; ; {
		if n.nTerms > 0 {
			var mt Match
			if n.anyCase {
				mt = Match{From: i, To: j + 1, Cands: m.termsOf(n)}
			} else if c := m.fit(n, toks[i:j+1]); len(c) > 0 {
				mt = Match{From: i, To: j + 1, Cands: c}
			}
			if mt.Cands != nil {
				if ok && prefixes {
					shorter = append(shorter, best)
				}
				best, ok = mt, true
			}
		}
		if j++; j >= len(toks) {
			break
		}
		if n = m.child(n, ids[j]); n == nil {
			break
		}
	}
	best.prefixes = shorter
	return best, ok
}
