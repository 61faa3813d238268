package extract

import (
	"fmt"
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
	// dyad says what findDyad counts the entry as (dyadState,
	// dyadPerson), read without the entry.
	dyad uint8
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
	root *buildNode // while NewMatcher adds the labels
	// The automaton (see trieNode, freeze): its nodes, the root first,
	// their children, surfaces and case checks.
	nodes    []trieNode
	edges    []trieEdge
	surfaces []surface
	checks   []caseCheck
	first    []int32 // by key number: the node after a name's first token with it, 0 if none
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
	m := &Matcher{root: &buildNode{}, vocab: &vocab{ids: map[string]int32{}}, gaz: g, roles: map[string]map[string]*ontology.Entry{}}
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
	m.root.sortTerms()
	m.freeze(m.root)
	m.root = nil
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
			n.next = map[int32]*buildNode{}
		}
		id := m.vocab.intern(t.Key)
		c := n.next[id]
		if c == nil {
			c = &buildNode{depth: int32(k + 1)}
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
		switch {
		case s.entry.Type == "State":
			s.dyad = dyadState
		case s.entry.Type == "Person" && s.entry.State != "":
			s.dyad = dyadPerson
		}
	}
	n.terms = append(n.terms, s)
	m.size++
}

// What findDyad counts a surface's entry as (surface.dyad).
const (
	dyadState  = 1 + iota // a state
	dyadPerson            // a person of a state
)

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
		return m.longestFrom(toks, ids, i, &m.nodes[m.first[ids[i]]], false)
	}
	return Match{}, false
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
		if mt, ok := m.longestFrom(toks, ids, i, &m.nodes[m.first[ids[i]]], true); ok && (accept == nil || accept(mt)) {
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
