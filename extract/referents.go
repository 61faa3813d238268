package extract

import (
	"slices"
	"strings"
)

// Referents of a rule's roles that the text does not name where the rule
// looks: the states of persons, the text a phrase ending its clause is
// about, the topic a sentence-opening "It" refers to.

// statesOf is a with each known person replaced by the person's state
// (dropped when the gazetteer gives none); nil when nothing is left.
func (st *docState) statesOf(a *arg) *arg {
	var ents []*Entity
	for _, e := range a.ents {
		if e.Type == "Person" {
			if e.Entry == nil || e.Entry.State == "" || st.gaz == nil {
				continue
			}
			s, ok := st.gaz.Lookup(e.Entry.State)
			if !ok || s.Type != "State" {
				continue
			}
			e = st.entity(s)
		}
		if !slices.Contains(ents, e) {
			ents = append(ents, e)
		}
	}
	return a.with(ents)
}

// implicitPatient is what a phrase that ends its clause is about ("X
// joined the consensus."): the last entity of the types named before its
// sentence;
// nil when words follow it ("joined the consensus on X" is another rule's).
func (c *sentenceCtx) implicitPatient(t trigger, types []string) *arg {
	if t.To < len(c.toks) && !oneOf(c.toks[t.To].Key, ".", ",", ";", "but", "and", "while", "although", "though") {
		return nil
	}
	// The text last adopted or approved before the sentence, of the types.
	facts := c.st.res.Facts
	for k := len(facts) - 1; k >= 0; k-- {
		if f := &facts[k]; f.Relation == "establishedBy" && f.Sentence < c.si && !f.Negative && fits(f.Subject, types) {
			return &arg{From: -1, To: -1, ents: f.Subject.one()}
		}
	}
	// Else the last named before the sentence: one it names ("X, which had
	// long supported the Budapest Convention, joined the consensus") is not
	// the text.
	if e := c.st.antecedent(types, "", c.toks[0].Start); e != nil {
		return &arg{From: -1, To: -1, ents: e.one()}
	}
	return nil
}

// itSubject is what a sentence-opening "It" of a passive refers to ("The
// Open-ended Working Group is a body of the General Assembly. It was
// established by resolution 73/27"): the first entity of the patient types
// the sentence before names, its topic; nil when the sentence opens
// otherwise or more than an auxiliary stands between "It" and the
// participle.
func (c *sentenceCtx) itSubject(t trigger, types []string) *arg {
	toks := c.toks
	if c.si == 0 || toks[0].Key != "it" || t.From > 4 || !onlyWords(toks[1:t.From], "was", "is", "has", "had", "been", "were", "later", "then", "also", "formally") {
		return nil
	}
	var cands []*Mention
	c.st.recentMentions(c.si, 1, func(m *Mention) bool {
		if len(m.Entities) == 1 && hasType(types, m.Entities[0].Type) {
			cands = append(cands, m)
		}
		return true
	})
	// The first name, and of names at one place the longest; a name right
	// before another ("the United Nations Open-ended Working Group")
	// only modifies it.
	var first *Entity
	firstStart, firstEnd := 0, 0
	for _, m := range cands {
		modifier := false
		for _, o := range cands {
			if o != m && o.Start > m.Start && o.Start-m.End <= 1 {
				modifier = true
			}
		}
		if !modifier && (first == nil || m.Start < firstStart || m.Start == firstStart && m.End > firstEnd) {
			first, firstStart, firstEnd = m.Entities[0], m.Start, m.End
		}
	}
	if first == nil {
		return nil
	}
	return &arg{From: 0, To: 1, ents: first.one(), pronoun: true}
}

// unnamedRelative reports whether active trigger t opens a subject relative
// clause ("which launched X", "a rival resolution that created X") whose
// antecedent is no name of the text: the verb's subject is that unnamed
// phrase, not a name further left. After "that" only a head noun of the
// lexicon's anaphora makes a relative ("said that", "clear that" are
// complementizers).
func (x *Extractor) unnamedRelative(c *sentenceCtx, t trigger) bool {
	j := t.From - 1
	if j > 0 && strings.HasSuffix(c.toks[j].Key, "ly") {
		j-- // "that later created"
	}
	if j < 1 || !oneOf(c.toks[j].Key, "that", "which", "who") {
		return false
	}
	k := j - 1
	if c.toks[k].Key == "," {
		k--
	}
	if k < 0 || !c.toks[k].IsWord() {
		return false
	}
	if c.toks[j].Key == "that" {
		if _, head := x.anaphora[singular(c.toks[k].Key)]; !head || k != j-1 {
			return false
		}
	}
	// "a bilateral agreement in June 2013, which created X": a date after
	// the name does not hide it.
	for k > 0 && (isNumber(c.toks[k].Key) || months[c.toks[k].Key] > 0 || oneOf(c.toks[k].Key, "in", "on", "of")) {
		k--
	}
	for _, a := range c.args {
		if a.To == k+1 {
			return false
		}
	}
	return true
}

// previousDateOf dates an act that a sentence opening with "It" tells of
// with the date the sentence before gives the same verb ("X is a treaty
// signed on 30 September 1971. It was signed by A and B."): the date that
// follows that word closely there; zero if none.
func (c *sentenceCtx) previousDateOf(trig Token) Date {
	if c.si == 0 {
		return Date{}
	}
	text := c.st.doc.Text
	word := strings.ToLower(text[trig.Start:trig.End])
	prev := c.st.doc.Sentences[c.si-1]
	k := strings.Index(strings.ToLower(text[prev.Start:prev.End]), word)
	if k < 0 || len(word) < 4 {
		return Date{}
	}
	at := prev.Start + k + len(word)
	for _, d := range findDates(text, prev.Start, prev.End, c.st.ref, true) {
		if d.Start >= at && d.Start-at <= 8 && !d.Date.IsZero() {
			return d.Date // "signed on 30 September 1971", "signed in 1971"
		}
	}
	return Date{}
}

// conditionClause reports whether token i lies in a clause that opens the
// sentence with "If" or "Unless", before the comma that closes it.
func conditionClause(toks []Token, i int) bool {
	if len(toks) == 0 || !oneOf(toks[0].Key, "if", "unless") {
		return false
	}
	for j := 1; j < i; j++ {
		if toks[j].Key == "," {
			return false
		}
	}
	return true
}
