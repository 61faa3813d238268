package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ontology"
)

// LabelKind says how a surface form denotes its entity.
type LabelKind int

// Label kinds, strongest first: a name beats a modifier or a metonym when
// two entries share a surface form.
const (
	KindLabel LabelKind = iota
	KindAlias
	KindModifier
	KindMetonym
	KindLocal   // a short name the entry's own state uses ("Treasury"): only in its texts
	KindRole    // generic agency noun ("security council"): resolved to a state's agency
	KindLexicon // a word of the rule lexicon (pronouns, dyads)
)

func (k LabelKind) String() string {
	return [...]string{"label", "alias", "modifier", "metonym", "local", "role", "lexicon"}[k]
}

// surface is one label of one entry, tokenized.
type surface struct {
	entry *ontology.Entry // nil for roles and lexicon words
	kind  LabelKind
	toks  []string // as written, for the case rule
	cases []labelCase
	role  string // for KindRole: the role name
	word  string // for KindLexicon: the lexicon class
	year  int    // entryYear(entry), 0 without an entry
}

// labelCase is the case rule of the gazetteer for one label token, worked
// out once: a label token in capitals ("US") needs the same capitals, a
// capitalised one ("Russia") the same or all capitals, a lower-case one
// any case.
type labelCase struct {
	rule  uint8 // caseAny, caseExact or caseUpper
	upper string
}

const (
	caseAny = iota
	caseExact
	caseUpper
)

func newLabelCase(label string) labelCase {
	hasUpper, allUpper := false, true
	for _, r := range label {
		if unicode.IsUpper(r) {
			hasUpper = true
		} else if unicode.IsLower(r) {
			allUpper = false
		}
	}
	switch {
	case !hasUpper:
		return labelCase{rule: caseAny}
	case allUpper:
		return labelCase{rule: caseExact}
	}
	return labelCase{rule: caseUpper, upper: strings.ToUpper(label)}
}

// fits applies the rule to a text token; label is the token it was made of.
func (c *labelCase) fits(label, text string) bool {
	switch c.rule {
	case caseAny:
		return true
	case caseUpper:
		return label == text || text == c.upper
	}
	return label == text
}

// fits applies the case rule to every token of the text span.
func (s *surface) fits(toks []Token) bool {
	for k := range s.toks {
		if !s.cases[k].fits(s.toks[k], toks[k].Text) {
			return false
		}
	}
	return true
}

// trieNode is one state of the token automaton: children by key number
// (see vocab).
type trieNode struct {
	// next holds the children while the trie is built; then, as most
	// nodes have one child and few more than a handful, those of a small
	// node move to keys and kids, searched in order (see child).
	next  map[int32]*trieNode
	keys  []int32
	kids  []*trieNode
	terms []surface
	// checks are the case rules of terms in the compact form fit reads:
	// those of term k's tokens at checks[k*depth:(k+1)*depth]. They are
	// made (finish) in one array for the whole trie, in the order of the
	// nodes (compact), rather than read through each surface's own
	// slices and strings: a name found cost several cache misses there.
	checks []caseCheck
	depth  int32 // tokens from the root
	// anyCase: every token of every surface here takes any case, so all
	// of them fit any text (see fitting).
	anyCase bool
}

// maxListed is the most children a node keeps in a list rather than a map.
const maxListed = 8

// child returns the node after the key number id, or nil.
func (n *trieNode) child(id int32) *trieNode {
	if n.next != nil {
		return n.next[id]
	}
	for k, c := range n.keys {
		if c == id {
			return n.kids[k]
		}
	}
	return nil
}

// vocab numbers the token keys that the extractor's tries (the gazetteer's
// and the triggers') have edges for, from 1, so that a token's key is
// hashed once (appendIDs) and every step through a trie after that is a
// look-up by number. 0 stands for every other key: no edge takes it.
type vocab struct {
	ids map[string]int32
	// byByte holds the numbers of the one-byte ASCII keys, punctuation
	// above all: a fifth of the tokens, found without hashing.
	byByte [utf8.RuneSelf]int32
	// table holds the numbers of the other keys for appendIDs, which
	// looks up every token.
	table vocabTable
}

// intern returns the number of key, numbering it if it is new.
func (v *vocab) intern(key string) int32 {
	id, ok := v.ids[key]
	if !ok {
		id = int32(len(v.ids) + 1)
		v.ids[key] = id
		if len(key) == 1 && key[0] < utf8.RuneSelf {
			v.byByte[key[0]] = id
		}
		v.table.put(key, id)
	}
	return id
}

// size is one more than the largest number: the length of a slice indexed
// by key number.
func (v *vocab) size() int { return len(v.ids) + 1 }

// appendIDs appends the key number of each token to ids.
func (v *vocab) appendIDs(ids []int32, toks []Token) []int32 {
	for i := range toks {
		k := toks[i].Key
		if len(k) == 1 && k[0] < utf8.RuneSelf {
			ids = append(ids, v.byByte[k[0]])
		} else {
			ids = append(ids, v.table.get(k))
		}
	}
	return ids
}

// Matcher finds gazetteer labels in token sequences: one trie over the
// token keys of every label, built once and shared by all documents.
type Matcher struct {
	root  *trieNode
	first []*trieNode // root.next as a slice by key number: most tokens start no name
	// starts says, by key number, whether a name starts with the key
	// (startsName) and whether the key alone is one (startTerms): read
	// for every token, a byte each rather than the node.
	starts []uint8
	// seconds holds a bit for each pair of keys that starts a name of
	// two tokens or more (secondBit): a token that is no name alone and
	// whose next token makes no such pair starts none, which scan knows
	// without the trie (most such tokens: "the", "international").
	seconds []uint64
	vocab   *vocab // the key numbers of this trie and of the extractor's others
	gaz     *ontology.Gazetteer
	roles   map[string]map[string]*ontology.Entry // role -> state slug -> agency
	size    int
}

// NewMatcher compiles the gazetteer's labels, the agencies' roles (singular
// and plural) and the lexicon's phrases into one automaton.
func NewMatcher(g *ontology.Gazetteer, lex *Lexicon) *Matcher {
	m := &Matcher{root: &trieNode{}, vocab: &vocab{ids: map[string]int32{}}, gaz: g, roles: map[string]map[string]*ontology.Entry{}}
	for _, e := range g.Entries {
		m.add(e.Label, surface{entry: e, kind: KindLabel})
		for _, a := range e.Aliases {
			m.add(a, surface{entry: e, kind: KindAlias})
		}
		for _, a := range e.Modifiers {
			m.add(a, surface{entry: e, kind: KindModifier})
			if e.Type == "State" {
				if p := peoplePlural(a); p != "" {
					m.add("the "+p, surface{entry: e, kind: KindAlias}) // "the Americans have suspended ..."
				}
			}
		}
		for _, a := range e.Metonyms {
			m.add(a, surface{entry: e, kind: KindMetonym})
		}
		if e.State != "" {
			for _, a := range e.Local {
				m.add(a, surface{entry: e, kind: KindLocal})
			}
		}
		if e.Role != "" && e.State != "" {
			if m.roles[e.Role] == nil {
				m.roles[e.Role] = map[string]*ontology.Entry{}
				m.add(e.Role, surface{kind: KindRole, role: e.Role})
				m.add(pluralize(e.Role), surface{kind: KindRole, role: e.Role})
			}
			if old, ok := m.roles[e.Role][e.State]; !ok || e.ID < old.ID {
				m.roles[e.Role][e.State] = e
			}
		}
	}
	if lex != nil {
		for class, phrases := range lex.Phrases {
			for _, p := range phrases {
				m.add(p, surface{kind: KindLexicon, word: class})
			}
		}
	}
	m.root.finish()
	m.root.list()
	m.root.compact()
	m.first = make([]*trieNode, m.vocab.size())
	m.starts = make([]uint8, m.vocab.size())
	m.seconds = make([]uint64, 1<<secondBits/64)
	for id, n := range m.root.next {
		m.first[id] = n
		m.starts[id] = startsName
		if len(n.terms) > 0 {
			m.starts[id] |= startTerms
		}
		for _, c := range n.keys { // a small node's children
			b := secondBit(id, c)
			m.seconds[b/64] |= 1 << (b % 64)
		}
		for c := range n.next { // a large one's
			b := secondBit(id, c)
			m.seconds[b/64] |= 1 << (b % 64)
		}
	}
	return m
}

// Flags of Matcher.starts.
const (
	startsName = 1 << iota // a name starts with the key
	startTerms             // the key alone is a name
)

// secondBits is the size of Matcher.seconds in bits, as a power of two: 16
// KB, a few thousand pairs a few percent of it.
const secondBits = 17

// secondBit is the bit of the pair of keys a, b in Matcher.seconds.
func secondBit(a, b int32) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77) >> (32 - secondBits)
}

// mayStart reports whether a name may start at token i: its key starts
// one, and either is one alone or makes with the next key the start of a
// longer one. False is sure; true sends scan to the trie.
func (m *Matcher) mayStart(ids []int32, i int) bool {
	id := ids[i]
	if int(id) >= len(m.starts) || m.starts[id] == 0 { // keys numbered after the matcher was built start none
		return false
	}
	return m.starts[id]&startTerms != 0 || m.secondStarts(ids, i)
}

// secondStarts reports whether the keys of tokens i and i+1 may start a
// name (see seconds).
func (m *Matcher) secondStarts(ids []int32, i int) bool {
	if i+1 >= len(ids) {
		return false
	}
	b := secondBit(ids[i], ids[i+1])
	return m.seconds[b/64]&(1<<(b%64)) != 0
}

// compact moves the nodes below n into one slice, breadth first, so that
// the nodes a scan visits together (those after a name's first token
// above all) lie close in memory rather than wherever the build put them.
func (n *trieNode) compact() {
	var order []*trieNode // breadth first, children in key order
	for q := []*trieNode{n}; len(q) > 0; q = q[1:] {
		p := q[0]
		for _, c := range p.children() {
			order = append(order, c)
			q = append(q, c)
		}
	}
	slab := make([]trieNode, len(order))
	moved := make(map[*trieNode]*trieNode, len(order))
	checks := 0
	for _, c := range order {
		checks += len(c.checks)
	}
	checkSlab := make([]caseCheck, 0, checks)
	for i, c := range order {
		slab[i] = *c
		moved[c] = &slab[i]
		if len(c.checks) > 0 { // next to those of the nodes around it
			k := len(checkSlab)
			checkSlab = append(checkSlab, c.checks...)
			slab[i].checks = checkSlab[k:len(checkSlab):len(checkSlab)]
		}
	}
	for _, p := range append([]*trieNode{n}, pointers(slab)...) {
		for k, c := range p.kids {
			p.kids[k] = moved[c]
		}
		for id, c := range p.next {
			p.next[id] = moved[c]
		}
	}
}

// children are the children of n in key order.
func (n *trieNode) children() []*trieNode {
	if n.next == nil {
		return n.kids
	}
	ids := make([]int32, 0, len(n.next))
	for id := range n.next {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]*trieNode, len(ids))
	for k, id := range ids {
		out[k] = n.next[id]
	}
	return out
}

func pointers(slab []trieNode) []*trieNode {
	out := make([]*trieNode, len(slab))
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}

// firstNode is the node after a name's first token of key number id, or nil.
func (m *Matcher) firstNode(id int32) *trieNode {
	if int(id) < len(m.first) { // keys numbered after the matcher was built start no name
		return m.first[id]
	}
	return nil
}

// finish puts every node's surfaces in the order fitting returns them:
// strongest kind first, then by entry id, else as added (filtering keeps
// that order, so no match needs a sort of its own); it works out anyCase
// and moves the children of small nodes to their lists. The root keeps
// its map, which NewMatcher turns into Matcher.first.
func (n *trieNode) finish() {
	sort.SliceStable(n.terms, func(a, b int) bool {
		if n.terms[a].kind != n.terms[b].kind {
			return n.terms[a].kind < n.terms[b].kind
		}
		return entryID(n.terms[a]) < entryID(n.terms[b])
	})
	n.anyCase = true
	for _, t := range n.terms {
		for _, c := range t.cases {
			n.anyCase = n.anyCase && c.rule == caseAny
		}
	}
	n.setChecks()
	for _, c := range n.next {
		c.finish()
	}
}

// list moves the children of every small node below n (n itself
// excepted) from the map to the lists, in key order.
func (n *trieNode) list() {
	for _, c := range n.next {
		c.list()
		if len(c.next) <= maxListed {
			for id := range c.next {
				c.keys = append(c.keys, id)
			}
			slices.Sort(c.keys)
			for _, id := range c.keys {
				c.kids = append(c.kids, c.next[id])
			}
			c.next = nil
		}
	}
}

// pluralize makes the plural of the last word of a role noun phrase.
func pluralize(s string) string {
	switch {
	case strings.HasSuffix(s, "y") && !strings.HasSuffix(s, "ey"):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "sh"), strings.HasSuffix(s, "ch"):
		return s + "es"
	}
	return s + "s"
}

func (m *Matcher) add(label string, s surface) {
	toks := TokenizeString(label)
	if len(toks) == 0 {
		return
	}
	n := m.root
	for k, t := range toks {
		if n.next == nil {
			n.next = map[int32]*trieNode{}
		}
		id := m.vocab.intern(t.Key)
		c := n.next[id]
		if c == nil {
			c = &trieNode{depth: int32(k + 1)}
			n.next[id] = c
		}
		n = c
	}
	s.toks = make([]string, len(toks))
	s.cases = make([]labelCase, len(toks))
	for i, t := range toks {
		s.toks[i] = t.Text
		s.cases[i] = newLabelCase(t.Text)
	}
	if s.entry != nil {
		s.year = entryYear(s.entry)
	}
	n.terms = append(n.terms, s)
	m.size++
}

// Size is the number of surface forms compiled.
func (m *Matcher) Size() int { return m.size }

// Match is one span of tokens [From, To) with the surfaces that fit it.
type Match struct {
	From, To int
	Cands    []surface
	// prefixes are the shorter matches from From, shortest first, as scan
	// met them on its way to this one ("UN" in "UN Charter"): mentions
	// reads them instead of walking the trie and checking the case rules
	// again.
	prefixes []Match
}

// longestAt returns the longest match starting at token i, or ok=false;
// ids are the key numbers of toks.
func (m *Matcher) longestAt(toks []Token, ids []int32, i int) (Match, bool) {
	if i < len(toks) && m.mayStart(ids, i) {
		return longestFrom(toks, ids, i, m.first[ids[i]], false)
	}
	return Match{}, false
}

// longestFrom is longestAt for n, the node after token i. With prefixes it
// keeps the shorter matches it passes in the longest one's prefixes.
func longestFrom(toks []Token, ids []int32, i int, n *trieNode, prefixes bool) (Match, bool) {
	var best Match
	ok := false
	var shorter []Match
	for j := i; ; {
		if len(n.terms) > 0 {
			var mt Match
			if n.anyCase {
				mt = Match{From: i, To: j + 1, Cands: n.terms[:len(n.terms):len(n.terms)]}
			} else if c := n.fit(toks[i : j+1]); len(c) > 0 {
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
		if n = n.child(ids[j]); n == nil {
			break
		}
	}
	best.prefixes = shorter
	return best, ok
}

// fitting keeps the surfaces whose case rule accepts the text tokens,
// strongest kind first, then by entry id for a stable choice (the order
// the node keeps them in). When all fit, it is the node's own slice.
func fitting(terms []surface, toks []Token) []surface {
	for k := range terms {
		if !terms[k].fits(toks) {
			out := append([]surface(nil), terms[:k]...)
			for k++; k < len(terms); k++ {
				if terms[k].fits(toks) {
					out = append(out, terms[k])
				}
			}
			return out
		}
	}
	return terms[:len(terms):len(terms)]
}

func entryID(s surface) string {
	if s.entry == nil {
		return ""
	}
	return s.entry.ID
}

// Scan returns the leftmost-longest, non-overlapping matches in toks that
// accept (nil: all) takes; a rejected match frees its tokens for others.
func (m *Matcher) Scan(toks []Token, accept func(Match) bool) []Match {
	bp, _ := idBuffers.Get().(*[]int32)
	if bp == nil {
		bp = new([]int32)
	}
	*bp = m.vocab.appendIDs((*bp)[:0], toks)
	out := m.scan(toks, *bp, accept)
	idBuffers.Put(bp)
	return out
}

// idBuffers recycles the key numbers Scan works out.
var idBuffers sync.Pool // *[]int32

// scan is Scan given the key numbers of the tokens.
func (m *Matcher) scan(toks []Token, ids []int32, accept func(Match) bool) []Match {
	return m.appendScan(nil, toks, ids, accept)
}

// appendScan appends the matches scan returns to out.
func (m *Matcher) appendScan(out []Match, toks []Token, ids []int32, accept func(Match) bool) []Match {
	starts := m.starts
	for i := 0; i < len(toks); {
		// mayStart, inlined: most tokens start no name.
		if id := ids[i]; int(id) >= len(starts) || starts[id] == 0 || starts[id]&startTerms == 0 && !m.secondStarts(ids, i) {
			i++
			continue
		}
		if mt, ok := longestFrom(toks, ids, i, m.first[ids[i]], true); ok && (accept == nil || accept(mt)) {
			// A longer name starting inside this one wins: "The
			// Kremlin–White House expert group" is not "The Kremlin".
			if k := m.longerInside(toks, ids, mt); k > 0 {
				i = k
				continue
			}
			out = append(out, mt)
			i = mt.To
			continue
		}
		i++
	}
	return out
}

// longerInside returns the start of a longer match that begins inside mt
// and ends after it, or 0.
func (m *Matcher) longerInside(toks []Token, ids []int32, mt Match) int {
	for k := mt.From + 1; k < mt.To; k++ {
		if o, ok := m.longestAt(toks, ids, k); ok && o.To > mt.To && o.To-o.From > mt.To-mt.From {
			return k
		}
	}
	return 0
}

// Lookup finds the entries whose surface forms equal text exactly (after
// tokenization), for names given in front matter or on the command line.
func (m *Matcher) Lookup(text string) []surface {
	toks := TokenizeString(text)
	if mt, ok := m.longestAt(toks, m.vocab.appendIDs(nil, toks), 0); ok && mt.To == len(toks) {
		return mt.Cands
	}
	return nil
}

// Explain lists, for each match in text, the span and every entry it
// could denote with the kind of label that matched, strongest first.
func (m *Matcher) Explain(text string) []string {
	toks := TokenizeString(text)
	var out []string
	for _, mt := range m.Scan(toks, nil) {
		span := text[toks[mt.From].Start:toks[mt.To-1].End]
		for _, c := range mt.Cands {
			switch {
			case c.entry != nil:
				out = append(out, fmt.Sprintf("%q -> %s (%s, %q) by %s %q [%s]", span, c.entry.ID, c.entry.Type, c.entry.Label, c.kind, strings.Join(c.toks, " "), c.entry.Source))
			case c.kind == KindRole:
				var states []string
				for s := range m.roles[c.role] {
					states = append(states, s)
				}
				sort.Strings(states)
				out = append(out, fmt.Sprintf("%q -> role %q: the agency of a state named with it (%d states: %s)", span, c.role, len(states), strings.Join(states, ", ")))
			default:
				out = append(out, fmt.Sprintf("%q -> lexicon %s (rules/lexicon.yaml)", span, c.word))
			}
		}
	}
	return out
}

// peoplePlural is the noun for a state's people that may stand for the
// state after "the" ("the Americans", "the Chinese", "the British"), made
// from its demonym, or "" when the demonym gives no sure plural.
func peoplePlural(demonym string) string {
	switch {
	case strings.ContainsAny(demonym, " -"):
		return ""
	case strings.HasSuffix(demonym, "an") || strings.HasSuffix(demonym, "i"):
		return demonym + "s"
	case strings.HasSuffix(demonym, "ese") || strings.HasSuffix(demonym, "ish") || demonym == "French" || demonym == "Dutch" || demonym == "Swiss":
		return demonym
	}
	return ""
}
