package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ontology"
)

// arg is a span of tokens that can fill a rule's role: the entities it
// denotes (several for a coordination, a dyad or a role phrase), or a place.
type arg struct {
	From, To int // token span
	ents     []*Entity
	place    string // a place name read literally ("held in Geneva")
	dyad     bool
	pronoun  bool // "we", "our countries": may stand inside a new noun phrase
	// open: a description whose connector is a participle ("draft
	// resolution establishing the working group"): the names inside it
	// stay arguments of that participle.
	open bool
}

// sentenceCtx is one sentence being read.
type sentenceCtx struct {
	st         *docState
	si         int
	toks       []Token
	ids        []int32 // key numbers of toks
	hasDigit   bool    // the sentence holds an ASCII digit
	args       []arg
	reciprocal bool
	heading    bool        // a title line: no relations are read from it
	reporter   *Entity     // "X said", "according to X": the claimant of this sentence
	tokenInfo  []tokenInfo // the Extractor's, by key number
	dates      []DateMention
	datesFound bool      // dates holds dateMentions' answer
	reported   [][2]int  // token spans of "his delegation": the reporter's state
	trigs      []trigger // the sentence's triggers (coordinatedSubject)
	// answer is +1 or -1 when the sentence is a question the next turn
	// opens by answering "Yes." or "No."; answerer is who answers.
	answer   int
	answerer *Entity
}

// sentence finds the mentions of sentence si and applies the rules to it.
func (x *Extractor) sentence(st *docState, si int) {
	s := st.doc.Sentences[si]
	c := &sentenceCtx{st: st, si: si}
	var matches []Match
	if st.toks != nil {
		c.toks, c.ids, matches = st.toks[si], st.ids[si], st.matches[si]
		st.toks[si], st.ids[si], st.matches[si] = nil, nil, nil
	} else {
		c.toks, c.ids = st.tokenize(si, x.Matcher.vocab)
		matches = x.Matcher.scan(c.toks, c.ids, nil)
	}
	c.hasDigit = hasDigit(st.doc.Text[s.Start:s.End])
	c.heading = isHeading(c.toks)
	c.tokenInfo = x.tokenInfo
	// The arguments are found in the previous sentence's slice: nothing
	// keeps them past coordinate, which makes the slice the rules read.
	c.args = st.argBuf[:0]
	x.mentions(c, matches)
	x.describe(c)
	x.localAliases(c)
	x.resolveAnaphora(c)
	st.argBuf = c.args
	x.pairParticipants(c) // before coordinate drops the names inside a description
	c.args = coordinate(c.toks, c.args, x.joiners)
	if c.reporter = x.reporter(c); c.reporter == nil {
		c.reporter = x.pronounReporter(c)
	}
	x.reportedState(c)
	if c.reporter != nil {
		st.lastReporter, st.lastReporterSi = c.reporter, si
	}
	x.issuedDocument(c)
	if len(c.toks) > 0 && c.toks[len(c.toks)-1].Key == "?" {
		c.answer, c.answerer = st.answerTo(si)
	}
	trigs := x.triggers.find(c.toks, c.ids, c.tokenInfo)
	// Right to left: a noun phrase made into an entity by a later trigger
	// ("disruption of the dialogue ...") is then an argument for an
	// earlier one ("responsible for").
	sortTriggers(trigs)
	c.trigs = trigs
	facts := len(st.res.Facts)
	for _, t := range trigs {
		x.apply(c, t)
	}
	if len(st.res.Facts) > facts {
		x.acceptedProposal(c) // it reads the advocacy the sentence gave
	}
	// "The sides exchanged views ... They reaffirmed ...": a sentence that
	// opens with the dyad lets the next one's "They" be the dyad.
	st.dyadSubject = len(c.args) > 0 && c.args[0].dyad && c.args[0].From <= 1
}

func sortTriggers(t []trigger) {
	for i := 1; i < len(t); i++ {
		for j := i; j > 0 && less(t[j], t[j-1]); j-- {
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
}

func less(a, b trigger) bool {
	if a.From != b.From {
		return a.From > b.From
	}
	return a.rule.ID < b.rule.ID
}

// dateMentions returns the date expressions of the sentence, found the
// first time a step asks for them: only the sentences that make a fact or
// name a recurring event need them, and finding them in every sentence
// was a tenth of extraction.
func (c *sentenceCtx) dateMentions() []DateMention {
	if !c.datesFound {
		s := c.st.doc.Sentences[c.si]
		c.dates, c.datesFound = findDates(c.st.doc.Text, s.Start, s.End, c.st.ref, c.hasDigit), true
	}
	return c.dates
}

// info is the tokenInfo of token i.
func (c *sentenceCtx) info(i int) tokenInfo { return c.tokenInfo[c.ids[i]] }

// mentions turns the matcher's spans (Scan of the sentence's tokens) into
// mentions and arguments.
func (x *Extractor) mentions(c *sentenceCtx, matches []Match) {
	st, toks := c.st, c.toks
	skipUntil := 0
	for mi := range matches {
		m := &matches[mi] // not copied: most of a match is not read
		if m.From < skipUntil {
			continue
		}
		span := func(from, to int) (int, int) { return toks[from].Start, toks[to-1].End }
		cand := pickByYear(m.Cands, c)
		if cand.kind == KindLocal {
			// "Treasury" in a text of no state, or of another state, is not
			// this agency; a role noun of the same words may still resolve.
			var ok bool
			if cand, ok = localFor(m.Cands, st.state); !ok {
				continue
			}
		}
		switch cand.kind {
		case KindLexicon:
			switch cand.word {
			case "speaker":
				if we := st.weState(c.si); we != nil && !isAllCaps(toks[m.From].Text) {
					a, b := span(m.From, m.To)
					st.addMention(a, b, we.one(), "speaker", c.si)
					c.args = append(c.args, arg{From: m.From, To: m.To, ents: we.one(), pronoun: true})
				}
			case "self":
				if p := st.claimant(c.si); p != nil && p.Type == "Person" {
					a, b := span(m.From, m.To)
					st.addMention(a, b, p.one(), "self", c.si)
					c.args = append(c.args, arg{From: m.From, To: m.To, ents: p.one(), pronoun: true})
				}
			case "dyad":
				if len(st.dyad) == 2 {
					a, b := span(m.From, m.To)
					st.addMention(a, b, st.dyad, "dyad", c.si)
					c.args = append(c.args, arg{From: m.From, To: m.To, ents: st.dyad, dyad: true, pronoun: true})
				}
			case "reciprocal":
				c.reciprocal = true
			case "reported":
				c.reported = append(c.reported, [2]int{m.From, m.To})
			}
		case KindRole:
			if ents, to := x.resolveRole(c, cand.role, *m, matches[mi+1:]); len(ents) > 0 {
				a, b := span(m.From, to)
				st.addMention(a, b, ents, "role", c.si)
				c.args = append(c.args, arg{From: m.From, To: to, ents: ents})
				skipUntil = to
			}
		default:
			e := st.entity(cand.entry)
			if r := st.roleMentioned(st.doc.Text[toks[m.From].Start:toks[m.To-1].End], e, c.args); r != nil {
				e = r // "the Security Council" after "the Russian Security Council": Russia's
			}
			if cand.kind == KindMetonym && m.To < len(toks) && toks[m.To].IsWord() && isCapitalized(toks[m.To].Text) {
				continue // "the Moscow Summit", "Washington DC": part of another name
			}
			if cand.kind == KindMetonym && isAllCaps(toks[m.From].Text) {
				continue // "MOSCOW, May 8.": a dateline names a place
			}
			if cand.kind == KindMetonym && m.From > 0 && c.info(m.From-1).flags&tokPlace != 0 { // x.wPlace, by key number
				a, b := span(m.From, m.To)
				c.args = append(c.args, arg{From: m.From, To: m.To, place: st.doc.Text[a:b]})
				continue
			}
			if c.heading && cand.entry.Type == "State" && m.To == len(toks) && m.From >= 2 &&
				toks[m.From-1].Key == "," && isCapitalized(toks[m.From-2].Text) {
				continue // a dateline line "Geneva, Switzerland" names a place
			}
			if insideProperName(toks, *m) {
				continue // "India" in "East India Companies"
			}
			if cand.entry.Type == "Principle" && possessedBefore(toks, m.From) {
				continue // "our democratic sovereignty": a state's own, not the principle
			}
			a, b := span(m.From, m.To)
			st.addMention(a, b, e.one(), cand.kind.String(), c.si)
			if m.To < len(toks) && c.info(m.To).flags&tokMembership != 0 && cand.entry.Type != "State" { // isWord("membership"), by key number
				continue // "UN member states": the members act, not the UN
			}
			c.args = append(c.args, arg{From: m.From, To: m.To, ents: e.one()})
			// "UN" in "UN Charter", "US" in "US Administration": a state or
			// organisation named as the modifier of a longer name.
			for _, p := range m.prefixes {
				pe := p.Cands[0].entry
				// Not a capital: "Budapest" in "Budapest Convention" is no government.
				// A person whose name is a possessive in it: "Putin" in
				// "Putin's press conference".
				owner := pe != nil && pe.Type == "Person" && p.To+1 < m.To && toks[p.To].Key == "'" && toks[p.To+1].Key == "s"
				if pe != nil && pe != cand.entry && p.Cands[0].kind != KindMetonym && (pe.Type == "State" || pe.Type == "InternationalOrganization" || owner) {
					a, b := span(p.From, p.To)
					st.addMention(a, b, st.entity(pe).one(), p.Cands[0].kind.String(), c.si)
				}
			}
		}
	}
}

// pickByYear chooses among entries that share a name ("Geneva summit" of
// 1985 and of 2021): the one of a year the sentence names, else the latest
// up to the document's year, else the latest. Other matches keep the
// strongest surface. It points into cands (a surface is not copied).
func pickByYear(cands []surface, c *sentenceCtx) *surface {
	first := &cands[0]
	if first.year == 0 { // most names: no date, nothing to choose by
		return first
	}
	var dated []*surface
	for i := range cands {
		if s := &cands[i]; s.entry != nil && s.kind == first.kind && entryYear(s.entry) > 0 {
			dated = append(dated, s)
		}
	}
	if len(dated) < 2 {
		return first
	}
	for _, d := range c.dateMentions() {
		for _, s := range dated {
			if entryYear(s.entry) == d.Date.Year {
				return s
			}
		}
	}
	limit := 1 << 30
	if !c.st.ref.IsZero() {
		limit = c.st.ref.Year
	}
	var best *surface
	for _, s := range dated {
		y := entryYear(s.entry)
		if y <= limit && (best == nil || y > entryYear(best.entry)) {
			best = s
		}
	}
	if best == nil {
		return first
	}
	return best
}

// entryYear is the year of an entry's date, 0 if it has none.
func entryYear(e *ontology.Entry) int {
	if len(e.Date) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(e.Date[:4])
	return y
}

// localFor picks, among the surfaces of a match, the short name the
// speaker's state uses for one of its own agencies, else the strongest
// surface of another kind (a role noun); ok is false if there is none.
func localFor(cands []surface, state *Entity) (*surface, bool) {
	for i := range cands {
		if c := &cands[i]; c.kind == KindLocal && state != nil && c.entry.State == state.ID {
			return c, true
		}
	}
	for i := range cands {
		if c := &cands[i]; c.kind != KindLocal {
			return c, true
		}
	}
	return nil, false
}

// insideProperName: a match with capitalised words right before and after
// it is part of a longer name the gazetteer does not know.
func insideProperName(toks []Token, m Match) bool {
	if m.From == 0 || m.To >= len(toks) {
		return false
	}
	prev, next := toks[m.From-1], toks[m.To]
	if oneOf(prev.Key, "the", "a", "an", "this", "that") {
		return false // "The Russian Embassy": a sentence's capital, not a name's
	}
	return prev.IsWord() && next.IsWord() && isCapitalized(prev.Text) && isCapitalized(next.Text) && !isAllCaps(next.Text)
}

// isHeading: a line with no closing punctuation whose words are mostly
// capitalised ("Imposing Additional Sanctions").
func isHeading(toks []Token) bool {
	if len(toks) == 0 {
		return false
	}
	if last := toks[len(toks)-1].Text; len(last) == 1 && strings.IndexByte(".!?:;\")", last[0]) >= 0 ||
		strings.ContainsAny(last, ".!?:;\"”’)") { // most sentences: a full stop, without ContainsAny's rune loop
		return false
	}
	words, caps := 0, 0
	for _, t := range toks {
		if t.IsWord() && len(t.Text) > 3 {
			words++
			if isCapitalized(t.Text) {
				caps++
			}
		}
	}
	return words > 0 && caps*2 > words
}

// isAllCaps: s, of more than one byte, is what strings.ToUpper makes of
// it; an ASCII word is read without making a copy of it (a lower-case
// ASCII letter is changed in any string).
func isAllCaps(s string) bool {
	if len(s) <= 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf {
			return strings.ToUpper(s) == s
		} else if 'a' <= b && b <= 'z' {
			return false
		}
	}
	return true
}

// reporter finds reported speech: a name right before a reporting verb
// ("the Russian Foreign Ministry said", "X told reporters") or right after
// "according to" makes that actor the claimant of the sentence.
func (x *Extractor) reporter(c *sentenceCtx) *Entity {
	actor := func(a *arg) *Entity {
		for _, e := range a.ents {
			if oneOf(e.Type, "State", "GovernmentAgency", "Person", "InternationalOrganization", "IntergovernmentalBody") {
				return e
			}
		}
		return nil
	}
	for k := range c.args {
		a := &c.args[k]
		if a.pronoun || a.place != "" {
			continue
		}
		at := a.To
		if at+1 < len(c.toks) && oneOf(c.toks[at].Key, "also", "further", "then", "later") {
			at++ // "The Russian diplomat also said"
		}
		if at < len(c.toks) && x.wReporting[c.toks[at].Key] && c.toks[at].Key != "according" {
			if e := actor(a); e != nil {
				return e
			}
		}
		from := a.From
		if from >= 1 && c.toks[from-1].Key == "the" {
			from-- // "according to the United Kingdom"
		}
		if from >= 2 && c.toks[from-2].Key == "according" && c.toks[from-1].Key == "to" {
			if e := actor(a); e != nil {
				return e
			}
		}
	}
	return nil
}

// localAliases learns the short names a text introduces for a name
// ("the Open-Ended Intergovernmental Expert Group on Cybercrime (IEG)",
// "..., also known as the IEG") and finds the names learnt earlier in the
// document where no gazetteer name stands.
func (x *Extractor) localAliases(c *sentenceCtx) {
	toks := c.toks
	covered := c.st.coveredScratch(len(toks))
	for _, a := range c.args {
		for k := a.From; k < a.To && k < len(toks); k++ {
			covered[k] = true
		}
	}
	var found []arg
	for i := 0; i < len(toks) && len(c.st.aliases) > 0; i++ { // most texts introduce none
		if covered[i] || !toks[i].IsWord() {
			continue
		}
		if e, ok := c.st.aliases[toks[i].Text]; ok {
			c.st.addMention(toks[i].Start, toks[i].End, e.one(), "alias", c.si)
			found = append(found, arg{From: i, To: i + 1, ents: e.one()})
		}
	}
	for _, a := range c.args {
		if len(a.ents) != 1 || a.pronoun || a.place != "" {
			continue
		}
		j := a.To
		switch {
		case j+2 < len(toks) && toks[j].Key == "(" && toks[j+2].Key == ")" && isAllCaps(toks[j+1].Text):
			j++
		case j+4 < len(toks) && toks[j].Key == "," && equalKeys(toks[j+1:j+4], []string{"also", "known", "as"}):
			j += 4
			if j < len(toks) && toks[j].Key == "the" {
				j++
			}
		default:
			continue
		}
		if j < len(toks) && toks[j].IsWord() && isAllCaps(toks[j].Text) {
			if _, known := c.st.aliases[toks[j].Text]; !known && !covered[j] {
				c.st.aliases[toks[j].Text] = a.ents[0]
				c.st.addMention(toks[j].Start, toks[j].End, a.ents, "alias", c.si)
				found = append(found, arg{From: j, To: j + 1, ents: a.ents})
			}
		}
	}
	c.args = append(c.args, found...)
	sortArgs(c.args)
}

// reportedState resolves "his delegation" to the state of the sentence's
// reporter ("the representative of Iran said his delegation ...").
func (x *Extractor) reportedState(c *sentenceCtx) {
	if len(c.reported) == 0 {
		return
	}
	state := c.reporter
	if state == nil && c.reported[0][0] == 0 && c.si > 0 && c.st.lastReporterSi == c.si-1 && c.st.lastReporter != nil {
		// "The representative of Chile said ... His delegation would
		// vote against it.": the reporter of the sentence before, who
		// goes on speaking.
		state = c.st.lastReporter
		c.reporter = state
	}
	if state == nil {
		return
	}
	if state.Type != "State" {
		if state.Entry == nil || state.Entry.State == "" {
			return
		}
		e, ok := x.Gazetteer.Lookup(state.Entry.State)
		if !ok {
			return
		}
		state = c.st.entity(e)
	}
	for _, sp := range c.reported {
		c.st.addMention(c.toks[sp[0]].Start, c.toks[sp[1]-1].End, []*Entity{state}, "reported", c.si)
		c.args = append(c.args, arg{From: sp[0], To: sp[1], ents: []*Entity{state}, pronoun: true})
	}
	sortArgs(c.args)
}

// singular strips a plural ending for head-noun look-ups.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

// resolveRole turns a generic agency noun into the agencies of the states
// it names: "the Russian foreign ministry" (a state right before it) or
// "the security councils of the two countries" ("of" and states or a dyad
// after it). It returns the agencies and the end of the span.
func (x *Extractor) resolveRole(c *sentenceCtx, role string, m Match, next []Match) ([]*Entity, int) {
	st := c.st
	var states []string
	to := m.To
	// "the Russian foreign ministry", "Russia's foreign ministry"
	if n := len(c.args); n > 0 && (c.args[n-1].To == m.From || c.args[n-1].To == m.From-2 && m.From >= 2 &&
		c.toks[m.From-2].Key == "'" && c.toks[m.From-1].Key == "s") {
		for _, e := range c.args[n-1].ents {
			if e.Type == "State" {
				states = append(states, e.ID)
			}
		}
	}
	if len(states) == 0 && m.To < len(c.toks) && c.toks[m.To].Key == "of" {
		for _, nm := range next {
			gap := c.toks[to:nm.From]
			if !onlyWords(gap, "of", "the", "and", ",") {
				break
			}
			cd := nm.Cands[0]
			switch {
			case cd.kind == KindLexicon && cd.word == "dyad" && len(st.dyad) == 2:
				states = append(states, st.dyad[0].ID, st.dyad[1].ID)
			case cd.kind == KindLexicon && cd.word == "speaker" && st.state != nil:
				states = append(states, st.state.ID)
			case cd.entry != nil && cd.entry.Type == "State":
				states = append(states, cd.entry.ID)
			default:
				return nil, m.To
			}
			to = nm.To
		}
	}
	var out []*Entity
	for _, s := range states {
		if e, ok := x.Matcher.roles[role][s]; ok {
			out = append(out, st.entity(e))
		}
	}
	return out, to
}

func onlyWords(toks []Token, words ...string) bool {
	for _, t := range toks {
		ok := false
		for _, w := range words {
			if t.Key == w {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// coordinate merges arguments joined by commas and "and"/"or" into one:
// "the UK, France, and Estonia" fills a role with three states. It works
// in place: args is not read after.
func coordinate(toks []Token, args []arg, joiners [][]string) []arg {
	args = titledPersons(toks, args)
	out := args[:0] // written behind the argument read
	for _, a := range args {
		if n := len(out); n > 0 && a.place == "" && out[n-1].place == "" && !a.dyad && !out[n-1].dyad &&
			a.From > out[n-1].To && joinedBy(toks[out[n-1].To:a.From], joiners) && !introduced(toks, out[n-1]) &&
			sameKind(out[n-1], a) {
			prev := &out[n-1]
			prev.To = a.To
			prev.ents = append(append([]*Entity{}, prev.ents...), a.ents...)
			continue
		}
		if n := len(out); n > 0 && a.From < out[n-1].To && !openAround(out, a) {
			continue // nested inside the previous one
		}
		out = append(out, a)
	}
	return out
}

// sameKind: a and b both name actors (states, agencies, organisations,
// persons), both name bodies, or both name things: "talks on fisheries,
// and Peru" are no list, nor are "a GGE, proposed by the United States,
// and the Open-ended Working Group".
func sameKind(a, b arg) bool {
	kind := func(x arg) int {
		switch {
		case oneOf(x.ents[0].Type, "State", "GovernmentAgency", "InternationalOrganization", "Person"):
			return 1
		case x.ents[0].Type == "IntergovernmentalBody":
			return 2
		}
		return 0
	}
	return len(a.ents) == 0 || len(b.ents) == 0 || kind(a) == kind(b)
}

// openAround: a lies inside an open description of out.
func openAround(out []arg, a arg) bool {
	for k := len(out) - 1; k >= 0 && out[k].To > a.From; k-- {
		if out[k].open && out[k].From < a.From && a.To <= out[k].To {
			return true
		}
	}
	return false
}

// introduced: the argument ends an opening "According to X," whose comma
// closes the phrase rather than joining a list ("According to the FBI,
// North Korea was behind ...").
func introduced(toks []Token, a arg) bool {
	i := a.From
	if i > 0 && toks[i-1].Key == "the" {
		i--
	}
	return i >= 2 && toks[i-2].Key == "according" && toks[i-1].Key == "to" && a.To < len(toks) && toks[a.To].Key == ","
}

// titledPersons makes a person's title with its state part of the person's
// argument: "Soviet Admiral Sergey Gorshkov", "United States Secretary of
// the Navy John Warner" name the person, so that "X and Soviet Admiral Y"
// is a list of two persons, not of a person and a state. The state's
// mention stays (it is named), only the argument goes.
func titledPersons(toks []Token, args []arg) []arg {
	out := args[:0] // in place, written behind the arguments read
	for i := 0; i < len(args); i++ {
		a := args[i]
		if i+1 < len(args) && len(a.ents) == 1 && a.ents[0].Type == "State" && !a.pronoun && !a.dyad && a.place == "" {
			b := args[i+1]
			if len(b.ents) == 1 && b.ents[0].Type == "Person" && personTitle(toks[a.To:b.From]) {
				out = append(out, arg{From: a.From, To: b.To, ents: b.ents})
				i++
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// personTitle: nothing, or one to six tokens of capitalised words and the
// small words of a title ("Admiral", "Secretary of the Navy", "Foreign
// Minister").
func personTitle(gap []Token) bool {
	if len(gap) == 0 {
		return true // the person's name has the title: "Soviet" + "Admiral Sergey Gorshkov"
	}
	if len(gap) > 6 || !isCapitalized(gap[0].Text) {
		return false
	}
	for _, t := range gap {
		if !t.IsWord() || !isCapitalized(t.Text) && !oneOf(t.Key, "of", "the", "for") {
			return false
		}
	}
	return true
}

// joinedBy reports whether the tokens between two names are a sequence of
// joiners (each optionally followed by "the").
func joinedBy(gap []Token, joiners [][]string) bool {
	for len(gap) > 0 {
		if gap[0].Key == "the" {
			gap = gap[1:]
			continue
		}
		ok := false
		for _, j := range joiners {
			if len(j) <= len(gap) && equalKeys(gap[:len(j)], j) {
				gap, ok = gap[len(j):], true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func equalKeys(toks []Token, keys []string) bool {
	for i, k := range keys {
		if toks[i].Key != k {
			return false
		}
	}
	return true
}

func isCapitalized(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}
