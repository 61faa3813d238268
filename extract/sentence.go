package extract

import (
	"strings"
	"unicode"
)

// arg is a span of tokens that can fill a rule's role: the entities it
// denotes (several for a coordination, a dyad or a role phrase), or a place.
type arg struct {
	From, To int // token span
	ents     []*Entity
	place    string // a place name read literally ("held in Geneva")
	dyad     bool
	pronoun  bool // "we", "our countries": may stand inside a new noun phrase
}

// sentenceCtx is one sentence being read.
type sentenceCtx struct {
	st         *docState
	si         int
	toks       []Token
	args       []arg
	reciprocal bool
	heading    bool        // a title line: no relations are read from it
	reporter   *Entity     // "X said", "according to X": the claimant of this sentence
	infos      []tokenInfo // of each token
	dates      []DateMention
}

// sentence finds the mentions of sentence si and applies the rules to it.
func (x *Extractor) sentence(st *docState, si int) {
	s := st.doc.Sentences[si]
	c := &sentenceCtx{st: st, si: si}
	var matches []Match
	if st.toks != nil {
		c.toks, matches = st.toks[si], st.matches[si]
		st.toks[si], st.matches[si] = nil, nil
	} else {
		c.toks = st.tokenize(si)
		matches = x.Matcher.Scan(c.toks, nil)
	}
	c.dates = FindDates(st.doc.Text, s.Start, s.End, st.ref)
	c.heading = isHeading(c.toks)
	c.infos = x.tokenInfos(st, c.toks)
	x.mentions(c, matches)
	x.describe(c)
	x.localAliases(c)
	x.resolveAnaphora(c)
	c.args = coordinate(c.toks, c.args, x.joiners)
	c.reporter = x.reporter(c)
	trigs := x.triggers.find(c.toks, c.infos)
	// Right to left: a noun phrase made into an entity by a later trigger
	// ("disruption of the dialogue ...") is then an argument for an
	// earlier one ("responsible for").
	sortTriggers(trigs)
	for _, t := range trigs {
		x.apply(c, t)
	}
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

// mentions turns the matcher's spans (Scan of the sentence's tokens) into
// mentions and arguments.
func (x *Extractor) mentions(c *sentenceCtx, matches []Match) {
	st, toks := c.st, c.toks
	skipUntil := 0
	for mi, m := range matches {
		if m.From < skipUntil {
			continue
		}
		span := func(from, to int) (int, int) { return toks[from].Start, toks[to-1].End }
		cand := m.Cands[0]
		switch cand.kind {
		case KindLexicon:
			switch cand.word {
			case "speaker":
				if st.state != nil && st.inSpeakerTurn(c.si) && !isAllCaps(toks[m.From].Text) {
					a, b := span(m.From, m.To)
					st.addMention(a, b, st.state.one(), "speaker", c.si)
					c.args = append(c.args, arg{From: m.From, To: m.To, ents: st.state.one(), pronoun: true})
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
			}
		case KindRole:
			if ents, to := x.resolveRole(c, cand.role, m, matches[mi+1:]); len(ents) > 0 {
				a, b := span(m.From, to)
				st.addMention(a, b, ents, "role", c.si)
				c.args = append(c.args, arg{From: m.From, To: to, ents: ents})
				skipUntil = to
			}
		default:
			e := st.entity(cand.entry)
			if cand.kind == KindMetonym && m.To < len(toks) && toks[m.To].IsWord() && isCapitalized(toks[m.To].Text) {
				continue // "the Moscow Summit", "Washington DC": part of another name
			}
			if cand.kind == KindMetonym && isAllCaps(toks[m.From].Text) {
				continue // "MOSCOW, May 8.": a dateline names a place
			}
			if cand.kind == KindMetonym && m.From > 0 && x.wPlace[toks[m.From-1].Key] {
				a, b := span(m.From, m.To)
				c.args = append(c.args, arg{From: m.From, To: m.To, place: st.doc.Text[a:b]})
				continue
			}
			if insideProperName(toks, m) {
				continue // "India" in "East India Companies"
			}
			a, b := span(m.From, m.To)
			st.addMention(a, b, e.one(), cand.kind.String(), c.si)
			c.args = append(c.args, arg{From: m.From, To: m.To, ents: e.one()})
			// "UN" in "UN Charter", "US" in "US Administration": a state or
			// organisation named as the modifier of a longer name.
			for _, p := range x.Matcher.prefixesAt(toks, m.From, m.To) {
				pe := p.Cands[0].entry
				// Not a capital: "Budapest" in "Budapest Convention" is no government.
				if pe != nil && pe != cand.entry && p.Cands[0].kind != KindMetonym && (pe.Type == "State" || pe.Type == "InternationalOrganization") {
					a, b := span(p.From, p.To)
					st.addMention(a, b, st.entity(pe).one(), p.Cands[0].kind.String(), c.si)
				}
			}
		}
	}
}

// insideProperName: a match with capitalised words right before and after
// it is part of a longer name the gazetteer does not know.
func insideProperName(toks []Token, m Match) bool {
	if m.From == 0 || m.To >= len(toks) {
		return false
	}
	prev, next := toks[m.From-1], toks[m.To]
	return prev.IsWord() && next.IsWord() && isCapitalized(prev.Text) && isCapitalized(next.Text) && !isAllCaps(next.Text)
}

// isHeading: a line with no closing punctuation whose words are mostly
// capitalised ("Imposing Additional Sanctions").
func isHeading(toks []Token) bool {
	if len(toks) == 0 || strings.ContainsAny(toks[len(toks)-1].Text, ".!?:;\"”’)") {
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

func isAllCaps(s string) bool {
	return len(s) > 1 && strings.ToUpper(s) == s
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
		if a.To < len(c.toks) && x.wReporting[c.toks[a.To].Key] && c.toks[a.To].Key != "according" {
			if e := actor(a); e != nil {
				return e
			}
		}
		if a.From >= 2 && c.toks[a.From-2].Key == "according" && c.toks[a.From-1].Key == "to" {
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
	for i := 0; i < len(toks); i++ {
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

// resolveAnaphora finds definite descriptions outside the names already found
// ("the agreement", "this format", "the final agreement", "that draft")
// and resolves each to the last entity of a type its head noun takes. A
// description with its own complement ("the dialogue between our
// countries") is not an anaphor.
func (x *Extractor) resolveAnaphora(c *sentenceCtx) {
	toks := c.toks
	covered := c.st.coveredScratch(len(toks) + 1)
	for _, a := range c.args {
		for k := a.From; k < a.To; k++ {
			covered[k] = true
		}
	}
	var found []arg
	for i := 0; i < len(toks); i++ {
		if covered[i] || c.infos[i].flags&tokAnaphoric == 0 {
			continue
		}
		for h := i + 1; h < len(toks) && h <= i+3 && !covered[h] && toks[h].IsWord(); h++ {
			types, ok := x.anaphora[singular(toks[h].Key)]
			if !ok {
				if isCapitalized(toks[h].Text) || x.wBoundary[toks[h].Key] {
					break
				}
				continue
			}
			if h+1 < len(toks) && (oneOf(toks[h+1].Key, "between", "on", "of", "with", "among", "for", "to", "against", "entitled", "titled") ||
				toks[h+1].IsWord() && isCapitalized(toks[h+1].Text)) {
				break
			}
			if e := c.st.antecedent(types); e != nil {
				c.st.addMention(toks[i].Start, toks[h].End, e.one(), "anaphora", c.si)
				found = append(found, arg{From: i, To: h + 1, ents: e.one()})
			}
			i = h
			break
		}
	}
	c.args = append(c.args, found...)
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
	if n := len(c.args); n > 0 && c.args[n-1].To == m.From {
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

// antecedent is the most recently mentioned entity of one of the types.
func (st *docState) antecedent(types []string) *Entity {
	for i := len(st.res.Mentions) - 1; i >= 0; i-- {
		for _, e := range st.res.Mentions[i].Entities {
			for _, t := range types {
				if e.Type == t {
					return e
				}
			}
		}
	}
	return nil
}

// coordinate merges arguments joined by commas and "and"/"or" into one:
// "the UK, France, and Estonia" fills a role with three states.
func coordinate(toks []Token, args []arg, joiners [][]string) []arg {
	var out []arg
	for _, a := range args {
		if n := len(out); n > 0 && a.place == "" && out[n-1].place == "" && !a.dyad && !out[n-1].dyad &&
			a.From > out[n-1].To && joinedBy(toks[out[n-1].To:a.From], joiners) {
			prev := &out[n-1]
			prev.To = a.To
			prev.ents = append(append([]*Entity{}, prev.ents...), a.ents...)
			continue
		}
		if n := len(out); n > 0 && a.From < out[n-1].To {
			continue // nested inside the previous one
		}
		out = append(out, a)
	}
	return out
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
