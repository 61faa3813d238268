package extract

import (
	"slices"
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

// What a phrase that is no name refers to: definite descriptions and
// pronouns ("the Committee", "They"), role nouns already named ("the
// Security Council" after "the Russian Security Council"), and possessed
// principles ("our sovereignty").
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
	if len(toks) > 1 && toks[0].Key == "they" && c.st.dyadSubject && len(c.st.dyad) == 2 && !covered[0] {
		c.st.addMention(toks[0].Start, toks[0].End, c.st.dyad, "dyad", c.si)
		found = append(found, arg{From: 0, To: 1, ents: c.st.dyad, dyad: true, pronoun: true})
	}
	if org := c.st.weOrganization(); org != nil && org.Type == "InternationalOrganization" {
		// "The member states oppose X" in a declaration of the SCO: the
		// organisation speaking.
		if len(toks) > 1 && !covered[0] && toks[0].Text != toks[0].Key && x.isWord("organisation_members", toks[0].Key) {
			// "Allies strongly condemn X" in a NATO communiqué: the
			// organisation's members speaking as one.
			c.st.addMention(toks[0].Start, toks[0].End, org.one(), "anaphora", c.si)
			found = append(found, arg{From: 0, To: 1, ents: org.one()})
		}
		for i := 0; i+2 < len(toks); i++ {
			if toks[i].Key == "the" && !covered[i+1] && x.isWord("membership", toks[i+1].Key) && toks[i+2].Key == "states" {
				c.st.addMention(toks[i].Start, toks[i+2].End, org.one(), "anaphora", c.si)
				found = append(found, arg{From: i, To: i + 3, ents: org.one()})
				i += 2
			}
		}
	}
	if p, k := x.personByRole(c, covered); p != nil {
		// The description replaces the demonym's argument inside it: no two
		// arguments may overlap.
		c.args = slices.DeleteFunc(c.args, func(a arg) bool { return a.From >= 0 && a.From < k })
		c.st.addMention(toks[0].Start, toks[k-1].End, p.one(), "anaphora", c.si)
		found = append(found, arg{From: 0, To: k, ents: p.one()})
	}
	if len(toks) > 1 && oneOf(toks[0].Key, "he", "she") && !covered[0] {
		if p := c.st.personBefore(c.si); p != nil {
			c.st.addMention(toks[0].Start, toks[0].End, p.one(), "anaphora", c.si)
			found = append(found, arg{From: 0, To: 1, ents: p.one(), pronoun: true})
		}
	}
	// "Talks were conducted in Moscow": a bare plural head noun opening a
	// sentence refers back to an entity named with that noun ("talks on
	// the agreement"), never just to the last of its types.
	if len(toks) > 1 && !covered[0] && isCapitalized(toks[0].Text) && strings.HasSuffix(toks[0].Key, "s") && !isCapitalized(toks[1].Text) {
		head := singular(toks[0].Key)
		if types, ok := x.anaphora[head]; ok && head != toks[0].Key {
			if e := c.st.antecedent(types, head, toks[0].Start); e != nil && c.st.namedWith(e, head) {
				c.st.addMention(toks[0].Start, toks[0].End, e.one(), "anaphora", c.si)
				found = append(found, arg{From: 0, To: 1, ents: e.one()})
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		if covered[i] || c.info(i).flags&tokAnaphoric == 0 {
			continue
		}
		if i+1 < len(toks) && c.info(i+1).flags&tokAnaphoric != 0 {
			continue // "stressed that the convention ...": "that" opens a clause, "the" the description
		}
		for h := i + 1; h < len(toks) && h <= i+3 && !covered[h] && toks[h].IsWord(); h++ {
			types, ok := x.anaphora[singular(toks[h].Key)]
			if !ok {
				if isCapitalized(toks[h].Text) || x.wBoundary[toks[h].Key] {
					break
				}
				continue
			}
			if h+1 < len(toks) && h+1 <= i+3 && !covered[h+1] && toks[h+1].IsWord() && !isCapitalized(toks[h+1].Text) {
				if _, next := x.anaphora[singular(toks[h+1].Key)]; next {
					continue // "the draft convention": the last noun heads it
				}
			}
			if h+1 < len(toks) && (oneOf(toks[h+1].Key, "between", "on", "of", "with", "among", "for", "to", "against", "entitled", "titled", `"`) ||
				toks[h+1].IsWord() && isCapitalized(toks[h+1].Text) || covered[h+1]) {
				break // "the resolution “Advancing ...”": the title names it
			}
			head := singular(toks[h].Key)
			e := c.st.antecedent(types, head, toks[i].Start)
			if x.wNamedOnly[head] && (e == nil || !c.st.namedWith(e, head)) {
				// "the bilateral working group" after "the 2013 agreements":
				// a group is one named so, else one the knowledge links to
				// what was named.
				e = c.st.bridge(types, head, toks[i+1:h], toks[i].Start, x.isWord("anaphora_bare", head), x.words["described_generic"])
			}
			if e != nil {
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

// antecedent is the most recently mentioned entity of one of the types
// whose name has the head noun ("the Committee" is the last committee named,
// not a working group named since), else the most recent of the types.
// It is what a walk back through the mentions finds first, worked out from
// each entity's last mention (see addMention) over the entities of the
// types rather than by walking every mention. Mentions from byte before on
// (later in the sentence of the anaphor: "the text, which undermines
// resolution 75/240") do not count; an entity last mentioned there is
// looked up by the walk (antecedentBefore).
func (st *docState) antecedent(types []string, head string, before int) *Entity {
	var named, recent *Entity
	for k, t := range types {
		if slices.Contains(types[:k], t) {
			continue
		}
		for _, e := range st.mentioned[t] {
			if st.res.Mentions[e.lastMention-1].Start >= before {
				return st.antecedentBefore(types, head, before)
			}
			if head != "" && st.namedWith(e, head) {
				if mentionedLater(e, named) {
					named = e
				}
				continue
			}
			// The statement a reporter spoke in is "the statement", not
			// "the document" or "it".
			if e.Rule != issuedRule && mentionedLater(e, recent) && st.sameEventKind(e, head) {
				recent = e
			}
		}
	}
	if named != nil {
		return named
	}
	if recent == nil && head != "" && st.speaker != nil && slices.Contains(types, st.speaker.Type) && st.namedWith(st.speaker, head) {
		// "The Council today imposed ..." in a statement of the Council of
		// the EU: the speaking organisation, named only in the front matter.
		return st.speaker
	}
	return recent
}

// mentionedLater: a walk back through the mentions meets e before than
// other (nil: never).
// antecedentBefore is antecedent by a walk back through the mentions
// before byte before.
func (st *docState) antecedentBefore(types []string, head string, before int) *Entity {
	var recent *Entity
	for i := len(st.res.Mentions) - 1; i >= 0; i-- {
		if st.res.Mentions[i].Start >= before {
			continue
		}
		for _, e := range st.res.Mentions[i].Entities {
			if !slices.Contains(types, e.Type) {
				continue
			}
			if head != "" && st.namedWith(e, head) {
				return e
			}
			if e.Rule == issuedRule || !st.sameEventKind(e, head) {
				continue
			}
			if recent == nil {
				recent = e
			}
		}
	}
	if recent == nil && head != "" && st.speaker != nil && slices.Contains(types, st.speaker.Type) && st.namedWith(st.speaker, head) {
		return st.speaker
	}
	return recent
}

func mentionedLater(e, other *Entity) bool {
	return other == nil || e.lastMention > other.lastMention || e.lastMention == other.lastMention && e.lastPos < other.lastPos
}

// namedWith reports whether the entity's label or an alias has the word
// (singular, lower case) as a token.
func (st *docState) namedWith(e *Entity, word string) bool {
	if e.words == nil { // looked up or made once per entity, not per question
		if e.Entry != nil {
			e.words = st.nameWords[e.Entry.ID]
		} else {
			e.words = nameWords(e.Label)
		}
	}
	return e.words[word]
}

// nameWords is the set of singular token keys of names.
func nameWords(names ...string) map[string]bool {
	set := map[string]bool{}
	for _, n := range names {
		for _, t := range TokenizeString(n) {
			set[singular(t.Key)] = true
		}
	}
	return set
}

// roleMentioned is the entity mentioned before in the document whose role
// noun is the text of a match ("Security Council" after "the Russian
// Security Council said"), when the match's own entity e has not been
// mentioned yet and the sentence names the role entity's state before the
// match ("The Russian delegation was led by ... of the Security Council");
// else nil.
func (st *docState) roleMentioned(text string, e *Entity, args []arg) *Entity {
	if e.lastMention != 0 || !strings.Contains(text, " ") {
		return nil
	}
	role := ""
	for _, typ := range [...]string{"GovernmentAgency", "IntergovernmentalBody"} {
		for _, o := range st.mentioned[typ] {
			if o == e || o.Entry == nil || o.Entry.Role == "" || o.Entry.State == "" || len(o.Entry.Role) != len(text) {
				continue
			}
			if role == "" {
				role = strings.ToLower(text) // only when an entity with a role of its length was named
			}
			if o.Entry.Role != role || !st.namedWithAll(o, role) {
				continue
			}
			for _, a := range args {
				for _, x := range a.ents {
					if x.ID == o.Entry.State {
						return o
					}
				}
			}
		}
	}
	return nil
}

// namedWithAll: every word of phrase is a word of e's names.
func (st *docState) namedWithAll(e *Entity, phrase string) bool {
	for _, w := range strings.Fields(phrase) {
		if !st.namedWith(e, w) {
			return false
		}
	}
	return true
}

// possessedBefore: a possessive stands within two words before token i
// ("our sovereignty", "its democratic sovereignty", "Ukraine's sovereignty").
func possessedBefore(toks []Token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		k := toks[j].Key
		if oneOf(k, "our", "its", "their", "his", "her", "my", "your") || k == "s" && j > 0 && toks[j-1].Key == "'" {
			return true
		}
		if !toks[j].IsWord() {
			return false
		}
	}
	return false
}

// bridge is the entry of one of the types named with the head noun and
// with each word before it ("the bilateral working group") that the
// gazetteer links to the most recently mentioned entity that has such a
// link, when there is one such entry; else nil (also for a bare "the
// group": at least one word must narrow it). It resolves a definite
// description to something the text has not named but the knowledge
// relates to what it named.
func (st *docState) bridge(types []string, head string, mods []Token, before int, bare bool, generic map[string]bool) *Entity {
	if !bare && !slices.ContainsFunc(mods, Token.IsWord) {
		return nil // "The group is linked to China's MSS": a bare noun is too little to go on
	}
	// A head that may bridge bare may also stand with generic words only
	// ("the draft convention"); then no state's or organisation's links
	// count.
	var skip map[string]bool
	if bare {
		skip = generic
	}
	narrowed := slices.ContainsFunc(mods, func(t Token) bool { return t.IsWord() && !skip[t.Key] })
	seen := 0
	for i := len(st.res.Mentions) - 1; i >= 0 && seen < 40; i-- {
		m := &st.res.Mentions[i]
		if m.Start >= before {
			continue
		}
		seen++
		for _, e := range m.Entities {
			if e.Entry == nil || bare && !narrowed && (e.Type == "State" || e.Type == "InternationalOrganization") {
				// A state or an organisation is party to too many
				// agreements for "the convention" to be one of them.
				continue
			}
			var found *ontology.Entry
			for _, id := range st.related[e.ID] {
				r, ok := st.gaz.Lookup(id)
				if !ok || !slices.Contains(types, r.Type) || !st.nameWords[id][head] || !allNamed(st.nameWords[id], mods, skip) {
					continue
				}
				if found != nil && found != r {
					return nil // two candidates: no guess
				}
				found = r
			}
			if found != nil {
				return st.entity(found)
			}
		}
	}
	return nil
}

// allNamed: every word of mods is one of the name words.
func allNamed(words map[string]bool, mods []Token, generic map[string]bool) bool {
	for _, t := range mods {
		if t.IsWord() && !words[singular(t.Key)] && !generic[t.Key] {
			return false
		}
	}
	return true
}

// personBefore is the person a sentence-opening "He" or "She" refers to:
// the last person named in the two sentences before sentence si ("Deputy
// Minister Roe spoke to TASS. He accused ..."), else nil: farther back,
// or after a speaker the text names by role only ("the representative of
// Chile"), a guess would too often be wrong.
func (st *docState) personBefore(si int) *Entity {
	var p *Entity
	st.recentMentions(si, 2, func(m *Mention) bool {
		if len(m.Entities) == 1 && m.Entities[0].Type == "Person" {
			p = m.Entities[0]
			return false
		}
		before := st.doc.Text[max(0, m.Start-24):m.Start]
		// "The representative of Chile said ... He added": no person named.
		return !strings.Contains(before, "representative of") && !strings.Contains(before, "delegate of")
	})
	return p
}

// recentMentions calls f on the mentions of the n sentences before sentence
// si, the latest first, until f returns false.
func (st *docState) recentMentions(si, n int, f func(m *Mention) bool) {
	for i := len(st.res.Mentions) - 1; i >= 0; i-- {
		m := &st.res.Mentions[i]
		if m.Sentence >= si {
			continue
		}
		if m.Sentence < si-n || !f(m) {
			return
		}
	}
}

// personByRole is the person that a sentence opening with "The (Russian)
// diplomat" refers to: the last person named in the five sentences before,
// of the state the demonym names if there is one (lexicon person_roles).
// It returns the person and the end of the description, or nil.
func (x *Extractor) personByRole(c *sentenceCtx, covered []bool) (*Entity, int) {
	toks := c.toks
	if len(toks) < 3 || toks[0].Key != "the" {
		return nil, 0
	}
	k := 1
	var state *Entity
	for _, a := range c.args {
		if a.From <= 1 && a.To >= 2 && a.To < len(toks) && len(a.ents) == 1 && a.ents[0].Type == "State" {
			state, k = a.ents[0], a.To // "The Russian diplomat" ("The Chinese" may be read as one name)
		}
	}
	if k >= len(toks) || covered[k] || !x.isWord("person_roles", toks[k].Key) || k+1 < len(toks) && toks[k+1].Key == "of" {
		return nil, 0 // "the minister of defence of X" names a role, not the person just named
	}
	var person *Entity
	c.st.recentMentions(c.si, 5, func(m *Mention) bool {
		if len(m.Entities) == 1 && m.Entities[0].Type == "Person" {
			if p := m.Entities[0]; state == nil || p.Entry != nil && p.Entry.State == state.ID {
				person = p
				return false
			}
		}
		return true
	})
	if person == nil {
		return nil, 0
	}
	return person, k + 1
}

// pronounReporter is the person a reporting pronoun refers to ("...,\" she
// told a briefing", "She added that ...", "According to her, ..."): the
// person named in the two sentences before (personBefore); nil if none.
func (x *Extractor) pronounReporter(c *sentenceCtx) *Entity {
	toks := c.toks
	for i, t := range toks {
		if len(t.Key) < 2 || len(t.Key) > 3 || t.Key[0] != 'h' && t.Key[0] != 's' {
			continue // the pronouns below only
		}
		switch {
		case oneOf(t.Key, "he", "she") && i+1 < len(toks) && x.wReporting[toks[i+1].Key] && toks[i+1].Key != "according":
		case oneOf(t.Key, "him", "her") && i >= 2 && toks[i-2].Key == "according" && toks[i-1].Key == "to":
		default:
			continue
		}
		return c.st.personBefore(c.si)
	}
	return nil
}

// sameEventKind: an event may stand for a description with the head noun
// only if both are incidents (lexicon words: incident_heads: "the attack",
// "the campaign") or neither is ("the meeting" is no cyberattack named
// before). Other types and a missing head always pass.
func (st *docState) sameEventKind(e *Entity, head string) bool {
	if e.Type != "Event" || head == "" || len(st.incident) == 0 {
		return true
	}
	named := false
	for w := range st.incident {
		if st.namedWith(e, w) {
			named = true
			break
		}
	}
	return named == st.incident[head]
}
