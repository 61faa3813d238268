package extract

import (
	"slices"
	"strings"
)

// Argument checks that rules ask for beyond the nearest fitting name: a
// patient after a target word, a complement after the patient, the head of a
// possessive, a gerund's own noun, words between a trigger and its agent or
// its date.

// auxiliaries open a clause of their own between a trigger and a date.
var auxiliaries = map[string]bool{"will": true, "would": true, "shall": true, "should": true, "was": true, "were": true,
	"is": true, "are": true, "has": true, "have": true, "had": true, "can": true, "could": true, "may": true,
	"might": true, "must": true}

// afterTarget finds the patient right after one of the target words that
// follows the trigger's object ("attributed this activity to Russian
// actors"), or behind the unnamed actors there ("to hackers affiliated with
// X"), within the window and before any clause boundary.
func (c *sentenceCtx) afterTarget(i, window int, words, types []string, affiliation map[string]bool) *arg {
	for j := i; j < len(c.toks) && j <= i+window; j++ {
		if c.isBoundary(j) {
			return nil
		}
		if c.toks[j].Key == "including" {
			window += 12 // a list of instances inside the object
		}
		if !slices.Contains(words, c.toks[j].Key) {
			continue
		}
		if !targetGap(c.toks[i:j]) {
			return nil
		}
		if a := c.nearestRight(j+1, 3, types); a != nil && objectGap(c.toks[j+1:a.From]) {
			return a
		}
		return c.affiliatedWith(j+1, types, affiliation)
	}
	return nil
}

// targetGap: what stands between a verb and its target word is one object,
// which may hold prepositions ("attributed the attack against the KA-SAT
// network to Russia"), not a clause of its own.
func targetGap(gap []Token) bool {
	limit, list := 12, slices.ContainsFunc(gap, func(t Token) bool { return t.Key == "including" })
	if list {
		limit = 24 // "incorporate allies, including Chile, Peru, and Norway, into"
	}
	if len(gap) > limit {
		return false
	}
	for k, t := range gap {
		if list && t.Key == "," && (k+1 == len(gap) || gap[k+1].Key == "including" || k > 0 && slices.ContainsFunc(gap[:k], func(t Token) bool { return t.Key == "including" })) {
			continue
		}
		if oneOf(t.Key, ",", ";", ":", "that", "which", "who", "to", "but", "while") {
			return false
		}
	}
	return true
}

// affiliatedWith finds the named actor behind unnamed ones that start at
// token i: "hackers affiliated with X", "groups working on behalf of X",
// "actors backed by X" (lexicon "affiliation" participles).
func (c *sentenceCtx) affiliatedWith(i int, types []string, affiliation map[string]bool) *arg {
	for k := i; k < len(c.toks) && k < i+4; k++ {
		t := c.toks[k]
		if !t.IsWord() || c.startsOrEndsArg(k) {
			return nil
		}
		if !affiliation[t.Key] {
			continue
		}
		a := c.nearestRight(k+1, 5, types)
		if a == nil {
			return nil
		}
		gap := k + 1
		for gap < a.From && oneOf(c.toks[gap].Key, "with", "to", "by", "for", "on", "behalf", "of", "the", "in") {
			gap++
		}
		if gap == a.From || c.startsOrEndsArg(gap) { // the head of "China's Ministry ..."
			return a
		}
		return nil
	}
	return nil
}

// complementAfter: one of the words stands right after the patient, an
// adverb allowed between ("hold X fully responsible").
func (c *sentenceCtx) complementAfter(patient *arg, words []string) bool {
	if patient.From < 0 {
		return false // the speaker's state stands nowhere in the text
	}
	for k := patient.To; k < len(c.toks) && k <= patient.To+1; k++ {
		if slices.Contains(words, c.toks[k].Key) {
			return true
		}
	}
	return false
}

// possessed returns the fitting argument right after argument k and its
// "'s" ("Russia's SVR"), or nil.
func (c *sentenceCtx) possessed(k int, types []string) *arg {
	a := c.args[k]
	if a.To+2 >= len(c.toks) || c.toks[a.To].Key != "'" || c.toks[a.To+1].Key != "s" {
		return nil // the tokenizer splits "Russia's" into Russia ' s
	}
	for j := k + 1; j < len(c.args); j++ {
		if c.args[j].From == a.To+2 {
			return filtered(&c.args[j], types)
		}
	}
	return nil
}

// argEndingAt returns the argument that ends right before token i, of one
// of the types, or nil.
func (c *sentenceCtx) argEndingAt(i int, types []string) *arg {
	for k := range c.args {
		if c.args[k].To == i {
			return filtered(&c.args[k], types)
		}
	}
	// A description whose connector is the participle: "the draft
	// resolution establishing a programme of action" is one name.
	for k := range c.args {
		if a := &c.args[k]; a.From >= 0 && a.From < i-1 && a.To > i {
			return filtered(a, types)
		}
	}
	return nil
}

// modifiesNoun: a gerund right after a head noun ("the resolution
// establishing", "a treaty creating") is a reduced relative clause of that
// noun phrase.
func (x *Extractor) modifiesNoun(c *sentenceCtx, t trigger) bool {
	if t.From == 0 || !strings.HasSuffix(c.toks[t.From].Key, "ing") {
		return false
	}
	_, ok := x.anaphora[singular(c.toks[t.From-1].Key)]
	return ok
}

// wordBetween reports whether a word of the lexicon class stands in
// toks[from:to].
func (x *Extractor) wordBetween(class string, toks []Token, from, to int) bool {
	for k := max(from, 0); k < to && k < len(toks); k++ {
		if x.isWord(class, toks[k].Key) {
			return true
		}
	}
	return false
}

// auxiliaryBetween reports whether an auxiliary verb stands between byte
// offsets a and b of the sentence.
func (c *sentenceCtx) auxiliaryBetween(a, b int) bool {
	for _, t := range c.toks {
		if t.Start >= a && t.End <= b && auxiliaries[t.Key] {
			return true
		}
	}
	return false
}

// joinedIn adds the subject of "joined" to an agent that "joined" takes
// before "in" + the trigger ("The EU and Japan joined the United States in
// attributing the campaign to China": all three attribute it), else returns
// the agent as it is.
func (c *sentenceCtx) joinedIn(t trigger, agent *arg, window int, types []string) *arg {
	toks := c.toks
	if t.From < 3 || toks[t.From-1].Key != "in" || agent.To != t.From-1 || agent.From < 1 {
		return agent
	}
	b := agent.From - 1
	if toks[b].Key == "the" && b > 0 {
		b--
	}
	if !oneOf(toks[b].Key, "join", "joins", "joined", "joining") {
		return agent
	}
	co := c.nearestLeft(b, window, types)
	if co == nil || co == agent {
		return agent
	}
	ents := append(slices.Clip(co.ents), agent.ents...)
	return &arg{From: co.From, To: agent.To, ents: ents}
}
