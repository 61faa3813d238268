package extract

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dipgraph/dipgraph/ontology"
)

// Options configure an Extractor.
type Options struct {
	Gazetteers []string // users' gazetteer files, merged with the built-in one
	Rules      []string // users' rule files
}

// Extractor holds what is compiled once per process and shared by every
// document: the gazetteer automaton, the rules and their triggers.
type Extractor struct {
	Gazetteer *ontology.Gazetteer
	Matcher   *Matcher
	Rules     []ontology.Rule
	Lexicon   *ontology.Lexicon
	triggers  *triggerIndex
	// meetingHeader matches the line naming a meeting (lexicon meeting_header).
	meetingHeader *regexp.Regexp
	words         map[string]map[string]bool // lexicon class -> word set
	wordClasses
	tokenInfo []tokenInfo         // by key number (Matcher.vocab)
	anaphora  map[string][]string // head noun -> types it refers back to
	joiners   [][]string          // token keys of the coordination joiners
	describer *describer          // new entities named by description
	// knowLinks are the gazetteer's links of the knowledge relations that
	// are not skipped, by subject, in the order of Gazetteer.Links.
	knowLinks map[string][]ontology.Link
	titles    *titleIndex // described documents linked to known titles
	// nameWords are the words of each entry's label and aliases, for
	// head-noun anaphora ("the Committee").
	nameWords map[string]map[string]bool
	// entryVals are the quad values of each entry, made once.
	entryVals map[*ontology.Entry]*entryValues
	// related are the ids each entry is linked with, either way, for
	// bridging anaphora ("the working group" of agreements named before).
	related map[string][]string
	// describedByWord lists the formats, bodies and agreements named with
	// each word (singular key), in gazetteer order, for describedEntry.
	describedByWord map[string][]*ontology.Entry
}

// New loads the knowledge base and the rules and compiles them.
func New(opts Options) (*Extractor, error) {
	g, err := ontology.LoadGazetteer(opts.Gazetteers...)
	if err != nil {
		return nil, err
	}
	rules, lex, err := ontology.LoadRules(opts.Rules...)
	if err != nil {
		return nil, err
	}
	x := &Extractor{Gazetteer: g, Rules: rules, Lexicon: lex, words: map[string]map[string]bool{}, anaphora: map[string][]string{}}
	phrases := map[string][]string{}
	for k, v := range lex.Phrases {
		phrases[k] = v
	}
	for head, types := range lex.Anaphora {
		x.anaphora[strings.ToLower(head)] = types
	}
	x.Matcher = NewMatcher(g, &Lexicon{Phrases: phrases})
	for class, ws := range lex.Words {
		x.words[class] = map[string]bool{}
		for _, w := range ws {
			x.words[class][strings.ToLower(w)] = true
		}
	}
	x.wIntention, x.wNegation, x.wModal, x.wHedge = x.words["intention"], x.words["negation"], x.words["modal"], x.words["hedge"]
	x.wDeterminer, x.wAdverb, x.wPlace, x.wReporting = x.words["determiner"], x.words["adverb"], x.words["place"], x.words["reporting"]
	x.wAnaphoric, x.wBoundary = x.words["anaphoric"], x.words["boundary"]
	x.wNamedOnly = x.words["anaphora_named"]
	x.triggers = newTriggerIndex(rules, lex, x.Matcher.vocab)
	// The keys that start a trigger or a description head, and the
	// anaphoric words, by number: every key is numbered before the slice
	// is made.
	v := x.Matcher.vocab
	if x.describer, err = newDescriber(lex.Descriptions); err != nil {
		return nil, fmt.Errorf("rules/lexicon.yaml: descriptions: %w", err)
	}
	x.titles = newTitleIndex(g)
	if lex.MeetingHeader != "" {
		if x.meetingHeader, err = regexp.Compile(lex.MeetingHeader); err != nil {
			return nil, fmt.Errorf("rules/lexicon.yaml: meeting_header: %w", err)
		}
	}
	x.nameWords = map[string]map[string]bool{}
	x.entryVals = make(map[*ontology.Entry]*entryValues, len(g.Entries))
	// Numbered in id order (compareIDs).
	byID := slices.SortedFunc(slices.Values(g.Entries), func(a, b *ontology.Entry) int { return strings.Compare(a.ID, b.ID) })
	for i, e := range byID {
		x.nameWords[e.ID] = nameWords(append([]string{e.Label}, e.Aliases...)...)
		x.entryVals[e] = newEntryValues(e, i)
	}
	for k := range x.wAnaphoric {
		v.intern(k)
	}
	x.describedByWord = map[string][]*ontology.Entry{}
	for _, e := range g.Entries {
		if e.Type == "BilateralFormat" || e.Type == "IntergovernmentalBody" || e.Type == "Agreement" {
			for w := range x.nameWords[e.ID] {
				x.describedByWord[w] = append(x.describedByWord[w], e)
			}
		}
	}
	x.related = map[string][]string{}
	for _, l := range g.Links() { // sorted: the lists are in a fixed order
		if _, ok := g.Lookup(l.Object); ok {
			x.related[l.Subject] = append(x.related[l.Subject], l.Object)
			x.related[l.Object] = append(x.related[l.Object], l.Subject)
		}
	}
	for k := range x.describer.firstKeys {
		v.intern(k)
	}
	for k := range x.wPlace {
		v.intern(k)
	}
	for k := range x.words["membership"] {
		v.intern(k)
	}
	x.tokenInfo = make([]tokenInfo, v.size())
	for id, n := range x.triggers.root.next {
		x.tokenInfo[id].trigger = n
	}
	for k := range x.wAnaphoric {
		x.tokenInfo[v.ids[k]].flags |= tokAnaphoric
	}
	for k := range x.describer.firstKeys {
		x.tokenInfo[v.ids[k]].flags |= tokHeadStart
	}
	for k := range x.wPlace {
		x.tokenInfo[v.ids[k]].flags |= tokPlace
	}
	for k := range x.words["membership"] {
		x.tokenInfo[v.ids[k]].flags |= tokMembership
	}
	for _, j := range lex.Coordination {
		x.joiners = append(x.joiners, keys(TokenizeString(j)))
	}
	sort.Slice(x.joiners, func(a, b int) bool { return len(x.joiners[a]) > len(x.joiners[b]) })
	x.knowLinks = map[string][]ontology.Link{}
	for _, l := range g.Links() {
		if hasType(lex.KnowledgeRelations, l.Relation) && !x.knowledgeSkipped(l) {
			x.knowLinks[l.Subject] = append(x.knowLinks[l.Subject], l)
		}
	}
	return x, nil
}

// tokenInfo is what the rules look up for a token key, found by the key's
// number (Extractor.tokenInfo, see sentenceCtx.info) instead of a map
// look-up per question.
type tokenInfo struct {
	trigger *tnode // the trigger index after this key, or nil
	flags   uint8
}

const (
	tokAnaphoric  = 1 << iota // in the lexicon's anaphoric words
	tokHeadStart              // the first word of a description head
	tokPlace                  // in the lexicon's place words ("held in")
	tokMembership             // in the lexicon's membership words ("UN member states")
)

// wordClasses are the rule lexicon's word classes the rules read, each
// one map look-up away.
type wordClasses struct {
	wIntention, wNegation, wModal, wHedge, wDeterminer map[string]bool
	wAdverb, wPlace, wReporting, wAnaphoric, wBoundary map[string]bool
	wNamedOnly                                         map[string]bool
}

// Lexicon is the matcher's view of the rule lexicon: phrases by class.
type Lexicon struct{ Phrases map[string][]string }

// isWord reports whether a token key is in a lexicon word class.
func (x *Extractor) isWord(class, key string) bool { return x.words[class][key] }

// docState is what the extractor remembers while reading one document.
type docState struct {
	gaz      *ontology.Gazetteer // the extractor's, for the states of turn speakers
	doc      *Document
	res      *Result
	entities map[string]*Entity // slug -> entity of this document
	speaker  *Entity            // the document's speaker (person or organisation)
	state    *Entity            // the speaker's state ("we")
	dyad     []*Entity          // the two states the text is about
	// dyadSubject: the last sentence opened with the dyad ("The sides
	// ..."), so a "They" opening the next one is the dyad too.
	dyadSubject bool
	// lastReporter is the reporter of sentence lastReporterSi ("The
	// representative of Chile said ..."), for a "His delegation" opening the
	// next one.
	lastReporter   *Entity
	lastReporterSi int
	org            *Entity              // the front matter's speaker_organization, if the gazetteer knows it
	mentioned      map[string][]*Entity // type -> the entities addMention has had, for antecedent
	turnSpk        map[int]*Entity      // claimant per turn
	ref            Date                 // document date
	aliases        map[string]*Entity   // names the document introduces: "(IEG)", "also known as X"
	// The tokens, their key numbers and the gazetteer matches of each
	// sentence, kept from findDyad for the sentence pass when the document
	// is small enough.
	toks    [][]Token
	ids     [][]int32
	matches [][]Match
	// buf holds the tokens (and key numbers) of all sentences when they
	// are kept, else those of the sentence at hand; it comes from and goes
	// back to tokenBuffers.
	buf     *tokenBuf
	covered []bool      // scratch: the tokens of a sentence that names cover
	entSlab []entityOne // the entities not handed out yet of the last slab
	// sessionYear is the year of the UN session the text names (0 not looked
	// for yet, -1 none): picks among recurring resolution titles.
	sessionYear int
	matched     int                        // gazetteer matches in the document, counted by findDyad
	lower       string                     // the text with ASCII capitals lowered, for token keys
	argBuf      []arg                      // scratch: a sentence's arguments before coordinate
	nameWords   map[string]map[string]bool // the Extractor's, for anaphora
	entryVals   map[*ontology.Entry]*entryValues
	related     map[string][]string // the Extractor's, for bridging anaphora
	generic     map[string]bool     // lexicon words: described_generic
	incident    map[string]bool     // lexicon words: incident_heads
	// describedByWord is the Extractor's describedByWord.
	describedByWord map[string][]*ontology.Entry
}

// coveredScratch returns st.covered cleared to n entries; one user at a
// time.
func (st *docState) coveredScratch(n int) []bool {
	if cap(st.covered) < n {
		st.covered = make([]bool, n)
	}
	st.covered = st.covered[:n]
	clear(st.covered)
	return st.covered
}

// tokenBuf is where a document's tokens and their key numbers are made,
// and the gazetteer matches of its sentences when they are kept.
type tokenBuf struct {
	toks    []Token
	ids     []int32
	matches []Match
}

// tokenBuffers recycles tokenBufs between documents: tokens were the
// largest allocation of extraction after the quads.
var tokenBuffers = sync.Pool{New: func() any { return new(tokenBuf) }}

// tokenize returns the tokens of sentence si and their key numbers, made
// in st.buf: appended when the tokens are kept, else in place of the
// previous sentence's.
func (st *docState) tokenize(si int, v *vocab) ([]Token, []int32) {
	s := st.doc.Sentences[si]
	b := st.buf
	from := len(b.toks)
	if st.toks == nil {
		from = 0
	}
	if st.lower == "" {
		st.lower = lowerASCII(st.doc.Text) // once, not once per sentence
	}
	b.toks = appendTokensLower(b.toks[:from], st.doc.Text, st.lower, s.Start, s.End)
	b.ids = v.appendIDs(b.ids[:from], b.toks[from:])
	n := len(b.toks)
	return b.toks[from:n:n], b.ids[from:n:n]
}

// maxKeptTokens bounds the text (bytes) of a document whose tokens are kept
// between the two passes over its sentences: about ten bytes of tokens
// per byte of text. Longer documents are tokenized twice.
const maxKeptTokens = 1 << 20

// Extract reads one document and returns its mentions and facts.
func (x *Extractor) Extract(doc *Document) *Result {
	// A document names about one entity in 200 bytes: room for them at
	// once instead of growing the map.
	st := &docState{gaz: x.Gazetteer, doc: doc, res: &Result{Doc: doc}, entities: make(map[string]*Entity, len(doc.Text)/200),
		mentioned: map[string][]*Entity{}, turnSpk: map[int]*Entity{}, aliases: map[string]*Entity{}, nameWords: x.nameWords,
		entryVals: x.entryVals, related: x.related, generic: x.words["described_generic"],
		incident: x.words["incident_heads"], describedByWord: x.describedByWord}
	if d, err := ParseISODate(doc.Meta.Date); err == nil {
		st.ref = d
	} else {
		st.ref = bodyDate(doc)
	}
	st.state = x.entityByName(st, doc.Meta.SpeakerState, "State")
	st.speaker = x.entityByName(st, doc.Meta.Speaker, "Person")
	if st.speaker == nil {
		st.speaker = x.entityByName(st, doc.Meta.SpeakerOrganization, "")
	}
	if st.speaker == nil {
		st.speaker = x.newPerson(st, doc.Meta.Speaker)
	}
	if st.speaker == nil {
		st.speaker = st.agent(doc.Meta.Speaker)
	}
	if st.speaker == nil {
		st.speaker = st.agent(doc.Meta.SpeakerOrganization)
	}
	st.res.Speaker = st.speaker
	st.org = x.entityByName(st, doc.Meta.SpeakerOrganization, "")
	if st.speaker == nil && st.state == nil {
		// "G7 Foreign Ministers' Communiqué": an organisation's statement
		// with no speaker in its front matter speaks for the organisation.
		if st.org = x.titleOrganisation(st, doc.Meta.Title); st.org != nil {
			st.speaker = st.org
			st.res.Speaker = st.org
		} else if src := x.entityByName(st, doc.Meta.Source, ""); src != nil && strings.EqualFold(doc.Meta.Type, "statement") &&
			(src.Type == "InternationalOrganization" || src.Type == "IntergovernmentalBody") {
			// "source: Council of the European Union" on a statement: the
			// organisation speaks (not on an article, whose source reports).
			st.org, st.speaker, st.res.Speaker = src, src, src
		} else if src := x.entityByName(st, doc.Meta.Source, "GovernmentAgency"); src != nil && src.Entry.State != "" {
			// "source: U.S. Department of State" on a briefing with no
			// speaker: the agency speaks, and "we" is its state.
			if e, ok := x.Gazetteer.Lookup(src.Entry.State); ok && e.Type == "State" {
				st.speaker, st.res.Speaker, st.state = src, src, st.entity(e)
			}
		}
	}
	if st.state == nil && st.speaker != nil && st.speaker.Entry != nil && st.speaker.Entry.State != "" {
		// A statement by a minister the gazetteer knows, without
		// speaker_state: "we" in it is the minister's state.
		if e, ok := x.Gazetteer.Lookup(st.speaker.Entry.State); ok && e.Type == "State" {
			st.state = st.entity(e)
		}
	}
	if len(doc.Text) <= maxKeptTokens {
		st.toks = make([][]Token, len(doc.Sentences))
		st.ids = make([][]int32, len(doc.Sentences))
		st.matches = make([][]Match, len(doc.Sentences))
	}
	st.buf = tokenBuffers.Get().(*tokenBuf)
	st.buf.toks, st.buf.ids, st.buf.matches = st.buf.toks[:0], st.buf.ids[:0], st.buf.matches[:0]
	if st.toks != nil {
		st.buf.toks = slices.Grow(st.buf.toks, len(doc.Text)/5)
		st.buf.ids = slices.Grow(st.buf.ids, len(doc.Text)/5)
	}
	defer func() {
		clear(st.buf.toks) // no strings of this document kept alive
		clear(st.buf.matches)
		tokenBuffers.Put(st.buf)
	}()
	st.dyad = x.findDyad(st)
	// Most matches become mentions, and other mentions are added: room
	// for them at once rather than growing the slice from nothing.
	st.res.Mentions = slices.Grow(st.res.Mentions, st.matched+st.matched/4)
	x.resolveTurns(st)
	for i := range doc.Sentences {
		x.sentence(st, i)
	}
	x.titleDocument(st)
	x.meeting(st)
	x.inheritDates(st)
	x.knowledgeFacts(st)
	sortResult(st.res)
	return st.res
}

// entityByName resolves a name from front matter through the gazetteer;
// typ restricts the type when not empty.
func (x *Extractor) entityByName(st *docState, name, typ string) *Entity {
	if strings.TrimSpace(name) == "" {
		return nil
	}
	for _, s := range x.Matcher.Lookup(name) {
		if s.kind == KindLocal && (st.state == nil || s.entry.State != st.state.ID) {
			continue
		}
		if s.entry != nil && (typ == "" || s.entry.Type == typ) {
			return st.entity(s.entry)
		}
	}
	return nil
}

// entity returns the document's entity for a gazetteer entry.
func (st *docState) entity(e *ontology.Entry) *Entity {
	if en, ok := st.entities[e.ID]; ok {
		return en
	}
	en := st.newEntityOne(Entity{ID: e.ID, Type: e.Type, Label: e.Label, Entry: e, vals: st.entryVals[e]})
	st.entities[e.ID] = en
	return en
}

// AgentType marks an entity that only speaks: a claimant the gazetteer
// does not know (an interviewer, an unnamed official). It is written as a
// prov:Agent with its name, not as one of the dip: entity classes.
const AgentType = "Agent"

// agent returns a claimant node for a name no gazetteer entry has.
func (st *docState) agent(name string) *Entity {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	slug := "agent-" + slugOf(name)
	if en, ok := st.entities[slug]; ok {
		return en
	}
	en := st.newEntityOne(Entity{ID: slug, Type: AgentType, Label: name})
	st.entities[slug] = en
	return en
}

// slugOf is name lowered, each run of characters other than a-z and 0-9
// made one "-", with none at either end: what the regular expression
// [^a-z0-9]+ replaced by "-" gives (TestSlugOf), without it.
func slugOf(name string) string {
	s := strings.ToLower(name)
	b := make([]byte, 0, len(s))
	dash := false // a run to write as "-" before the next kept byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
		} else {
			dash = true // every byte of a multi-byte rune is >= 0x80: one run
		}
	}
	return string(b)
}

// newEntity returns the document's entity for a noun phrase that no
// gazetteer entry names; its slug is derived from the normalised phrase,
// so the same phrase gets the same IRI in every document and run.
func (st *docState) newEntity(typ, label, rule string) *Entity {
	slug := slugOf(label)
	if len(slug) > 80 {
		slug = strings.TrimRight(slug[:80], "-")
	}
	slug = "new-" + strings.ToLower(typ) + "-" + slug
	if en, ok := st.entities[slug]; ok {
		return en
	}
	en := st.newEntityOne(Entity{ID: slug, Type: typ, Label: label, Rule: rule})
	st.entities[slug] = en
	return en
}

// findDyad picks the two states the text is about: the two named most
// often (ties: first named), counting the speaker's state.
func (x *Extractor) findDyad(st *docState) []*Entity {
	// The states named, with their counts and first places (a few per
	// document: a slice and an index by entry, not maps by id).
	type named struct {
		e            *ontology.Entry
		count, first int
	}
	var states, persons []named
	index := map[*ontology.Entry]int{}
	for i := range st.doc.Sentences {
		toks, ids := st.tokenize(i, x.Matcher.vocab)
		var matches []Match
		if st.toks != nil {
			// Kept for the sentence pass: made in the document's buffer,
			// not a slice per sentence.
			from := len(st.buf.matches)
			st.buf.matches = x.Matcher.appendScan(st.buf.matches, toks, ids, nil)
			matches = st.buf.matches[from:len(st.buf.matches):len(st.buf.matches)]
			st.toks[i], st.ids[i], st.matches[i] = toks, ids, matches
		} else {
			matches = x.Matcher.scan(toks, ids, nil)
		}
		st.matched += len(matches)
		for k := range matches {
			m := &matches[k]
			c := &m.Cands[0] // most are neither: their entries are not read
			if c.dyad == dyadPerson {
				persons = append(persons, named{e: c.entry, first: i*1000 + m.From})
			}
			if c.dyad == dyadState {
				k, ok := index[c.entry]
				if !ok {
					k = len(states)
					index[c.entry] = k
					states = append(states, named{e: c.entry, first: i*1000 + m.From})
				}
				states[k].count++
			}
		}
	}
	if len(states) < 2 {
		// "Joe Biden met Vladimir Putin ... The two leaders": with fewer
		// than two states named, the states of the persons named count.
		for _, p := range persons {
			s, ok := x.Gazetteer.Lookup(p.e.State)
			if !ok || s.Type != "State" {
				continue
			}
			k, ok := index[s]
			if !ok {
				k = len(states)
				index[s] = k
				states = append(states, named{e: s, first: p.first})
			}
			states[k].count++
		}
	}
	if len(states) < 2 {
		return nil
	}
	// No two states are first named at one place: the order is total.
	slices.SortFunc(states, func(a, b named) int {
		if a.count != b.count {
			return b.count - a.count
		}
		return a.first - b.first
	})
	var out []*Entity
	for _, n := range states[:2] {
		e, _ := x.Gazetteer.Lookup(n.e.ID)
		out = append(out, st.entity(e))
	}
	return out
}

// resolveTurns assigns a claimant to every turn: the interviewer's turns to
// the interviewer (when known), answers to the speaker, and labelled turns
// to the person the label names (front matter speakers map, else the
// document's speaker for its first label).
func (x *Extractor) resolveTurns(st *docState) {
	firstLabel := ""
	for i, t := range st.doc.Turns {
		switch t.Role {
		case "interviewer":
			name := st.doc.Meta.Interviewer
			if t.Label != "" && t.Label != "Question" && t.Label != "Q" && !strings.EqualFold(t.Label, name) {
				name = t.Label // "Reuters:" asks at a press conference
			}
			st.turnSpk[i] = x.entityByName(st, name, "")
			if st.turnSpk[i] == nil {
				st.turnSpk[i] = st.agent(name)
			}
		case "speaker":
			st.turnSpk[i] = st.speaker
			if st.speaker == nil || st.speaker.Type == AgentType {
				// No speaker in the front matter: "PRESIDENT PUTIN:" names one.
				if e := x.entityByName(st, t.Label, "Person"); e != nil {
					st.turnSpk[i] = e
					st.addMention(t.Start, t.Start+len(t.Label), e.one(), "turn", st.labelSentence(t, i))
					continue
				}
			}
			if t.Label != "Answer" && t.Label != "A" && st.speaker != nil && st.speaker.Type != AgentType {
				// A label that is the speaker's name ("Lavrov:") mentions them.
				st.addMention(t.Start, t.Start+len(t.Label), st.speaker.one(), "turn", st.labelSentence(t, i))
			}
		default:
			name := st.doc.Meta.Speakers[t.Label]
			if name == "" {
				// "PRESIDENT PUTIN:" names a person the gazetteer knows.
				if e := x.entityByName(st, t.Label, "Person"); e != nil {
					st.turnSpk[i] = e
					st.addMention(t.Start, t.Start+len(t.Label), e.one(), "turn", st.labelSentence(t, i))
					continue
				}
			}
			if name == "" && (firstLabel == "" || firstLabel == t.Label) {
				firstLabel = t.Label
				st.turnSpk[i] = st.speaker
				if st.speaker != nil && st.speaker.Type != AgentType {
					st.addMention(t.Start, t.Start+len(t.Label), st.speaker.one(), "turn", st.labelSentence(t, i))
				}
				continue
			}
			if name != "" {
				if e := x.entityByName(st, name, "Person"); e != nil {
					st.turnSpk[i] = e
					st.addMention(t.Start, t.Start+len(t.Label), e.one(), "turn", st.labelSentence(t, i))
				} else {
					st.turnSpk[i] = st.agent(name)
				}
			}
		}
	}
}

// labelSentence is the sentence a mention of turn i's label belongs to:
// the turn's first sentence when it holds the label ("Lavrov: ..."), else
// none (-1: "MS. PSAKI:" ends a sentence of its own at its period).
func (st *docState) labelSentence(t Turn, i int) int {
	k := st.firstSentence(i)
	if k < 0 {
		return -1
	}
	if s := st.doc.Sentences[k]; t.Start < s.Start || t.Start+len(t.Label) > s.End {
		return -1
	}
	return k
}

// firstSentence is the index of turn i's first sentence (-1 if none).
func (st *docState) firstSentence(turn int) int {
	for k, s := range st.doc.Sentences {
		if s.Turn == turn {
			return k
		}
	}
	return -1
}

// addMention records a mention and remembers its entities for anaphora.
func (st *docState) addMention(start, end int, ents []*Entity, kind string, sent int) {
	st.res.Mentions = append(st.res.Mentions, Mention{start, end, ents, kind, sent})
	n := len(st.res.Mentions)
	for k, e := range ents {
		if e.lastMention == 0 {
			st.mentioned[e.Type] = append(st.mentioned[e.Type], e)
		}
		if e.lastMention != n { // the first place of e in its last mention
			e.lastMention, e.lastPos = n, k
		}
	}
}

// claimant of sentence i: the turn's speaker, else the document's speaker.
func (st *docState) claimant(i int) *Entity {
	s := st.doc.Sentences[i]
	if s.Turn >= 0 {
		if e := st.turnSpk[s.Turn]; e != nil {
			return e
		}
		if st.doc.Turns[s.Turn].Role == "interviewer" {
			return nil
		}
	}
	return st.speaker
}

// weState is the state "we" stands for in sentence i: the state of the
// turn's speaker when the gazetteer knows it (a joint press conference:
// Putin's "we" is Russia, Biden's the United States), else the document's
// speaker_state; nil outside the speaker's turns.
func (st *docState) weState(i int) *Entity {
	if !st.inSpeakerTurn(i) {
		return nil
	}
	if s := st.doc.Sentences[i]; s.Turn >= 0 {
		if p := st.turnSpk[s.Turn]; p != nil && p.Entry != nil && p.Entry.State != "" && (st.state == nil || p.Entry.State != st.state.ID) {
			if st.gaz != nil {
				if e, ok := st.gaz.Lookup(p.Entry.State); ok && e.Type == "State" {
					return st.entity(e)
				}
			}
		}
	}
	if st.state != nil {
		return st.state
	}
	return st.weOrganization()
}

// weOrganization is who "we" is in a statement of an organisation with no
// state: the organisation, or the one its body is part of (the EEAS's and
// the Council of the EU's "we" is the European Union).
func (st *docState) weOrganization() *Entity {
	o := st.org
	if o == nil || o.Entry == nil {
		return nil
	}
	if o.Type == "InternationalOrganization" {
		return o
	}
	if o.Type != "IntergovernmentalBody" || st.gaz == nil {
		return nil
	}
	for _, id := range o.Entry.Links["partOf"] {
		if e, ok := st.gaz.Lookup(id); ok && e.Type == "InternationalOrganization" {
			return st.entity(e)
		}
	}
	return nil
}

// inSpeakerTurn: "we" in this sentence is the speaker's state.
func (st *docState) inSpeakerTurn(i int) bool {
	s := st.doc.Sentences[i]
	if s.Turn < 0 {
		return true
	}
	return st.doc.Turns[s.Turn].Role != "interviewer"
}

// inheritDates dates a stance on an instrument ("X voted against the
// resolution") that its sentence leaves undated with the day the text says
// the instrument was adopted, when it says so, and other stances in the
// document's own voice with the document's date.
func (x *Extractor) inheritDates(st *docState) {
	adopted := map[*Entity]Date{}
	for _, f := range st.res.Facts {
		if f.Relation == "establishedBy" && f.Date.Prec == Day {
			if _, ok := adopted[f.Subject]; !ok {
				adopted[f.Subject] = f.Date
			}
		}
	}
	for i := range st.res.Facts {
		f := &st.res.Facts[i]
		if !f.Date.IsZero() || !hasType(x.Lexicon.StanceRelations, f.Relation) {
			continue
		}
		if d, ok := adopted[f.Object]; ok {
			f.Date = d
		} else if f.ownVoice {
			// A position stated in a statement of a day holds on that day.
			f.Date = st.ref
		}
	}
}

func sortResult(r *Result) {
	slices.SortStableFunc(r.Mentions, compareMentions)
}

// compareMentions orders mentions by start, then end.
func compareMentions(a, b Mention) int {
	if a.Start != b.Start {
		return cmp.Compare(a.Start, b.Start)
	}
	return cmp.Compare(a.End, b.End)
}

// titleOrganisation is the organisation a title names as the author of a
// statement: one international organisation (or a body of one), no
// state, and one of the lexicon's "issued" words ("Dushanbe Declaration of
// the Heads of State of the SCO Member States", "NATO statement on ...");
// else nil.
func (x *Extractor) titleOrganisation(st *docState, title string) *Entity {
	toks := TokenizeString(title)
	issued := false
	for _, t := range toks {
		issued = issued || x.isWord("issued", t.Key)
	}
	if !issued {
		return nil
	}
	var org *ontology.Entry
	for _, m := range x.Matcher.Scan(toks, nil) {
		e := m.Cands[0].entry
		if e == nil || m.Cands[0].kind == KindMetonym {
			continue // "Dushanbe Declaration": a place
		}
		switch e.Type {
		case "State":
			return nil
		case "InternationalOrganization", "IntergovernmentalBody":
			if org != nil && org != e {
				return nil
			}
			org = e
		}
	}
	if org == nil {
		return nil
	}
	return st.entity(org)
}
