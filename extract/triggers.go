package extract

import (
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

// Trigger forms: how a rule's word appears.
const (
	formActive  = iota // base, -s, past (active voice, or passive with "by")
	formPassive        // past participle: passive when "by" follows or a relative reads it so
	formNoun
	formPhrase
)

type triggerForm struct {
	rule *ontology.Rule
	form int
}

// triggerIndex is a trie over the token keys of every trigger form of
// every rule, built once.
type triggerIndex struct {
	root  *tnode
	vocab *vocab // numbers the keys, shared with the Matcher
}

type tnode struct {
	next  map[int32]*tnode // by key number
	forms []triggerForm
}

func newTriggerIndex(rules []ontology.Rule, lex *ontology.Lexicon, v *vocab) *triggerIndex {
	ix := &triggerIndex{root: &tnode{}, vocab: v}
	for i := range rules {
		r := &rules[i]
		for _, v := range r.Verbs {
			for _, f := range inflect(v, lex.Irregular) {
				ix.add(f.text, triggerForm{r, f.form})
			}
		}
		for _, n := range r.Nouns {
			ix.add(n, triggerForm{r, formNoun})
		}
		for _, p := range r.Phrases {
			ix.add(p, triggerForm{r, formPhrase})
		}
	}
	return ix
}

func (ix *triggerIndex) add(text string, f triggerForm) {
	n := ix.root
	for _, t := range TokenizeString(text) {
		if n.next == nil {
			n.next = map[int32]*tnode{}
		}
		id := ix.vocab.intern(t.Key)
		c := n.next[id]
		if c == nil {
			c = &tnode{}
			n.next[id] = c
		}
		n = c
	}
	for _, old := range n.forms {
		if old.rule == f.rule && old.form == f.form {
			return
		}
	}
	n.forms = append(n.forms, f)
}

// trigger is one occurrence of a rule's trigger in a sentence.
type trigger struct {
	From, To int // token span
	triggerForm
}

// find returns, for each rule, its longest trigger at each token. Quote
// marks inside a trigger are skipped ("one of the “bricks” of").
// ids are the key numbers of toks; info[id].trigger is ix.root.next[id].
func (ix *triggerIndex) find(toks []Token, ids []int32, info []tokenInfo) []trigger {
	var out []trigger
	for i := range toks {
		n := info[ids[i]].trigger
		if n == nil {
			continue
		}
		// The longest trigger of each rule starting at i, as out[from:]:
		// a longer one replaces the shorter one of its rule in place.
		from := len(out)
		skipped := false
		for j := i; ; {
			for _, f := range n.forms {
				t := trigger{i, j + 1, f}
				k := from
				for k < len(out) && out[k].rule != f.rule {
					k++
				}
				if k < len(out) {
					if out[k].From == t.From && out[k].To == t.To && !nounReading(toks, t, out[k]) {
						continue // "agreed to launch X": the verb, not the noun "launch"
					}
					out[k] = t
				} else {
					out = append(out, t)
				}
			}
			for j++; j < len(toks) && (toks[j].Key == `"` || toks[j].Key == "'"); j++ {
			}
			if j >= len(toks) {
				break
			}
			next := n.next[ids[j]]
			if next == nil && !skipped && j+1 < len(toks) && len(toks[j].Key) > 4 && strings.HasSuffix(toks[j].Key, "ly") {
				// "stands firmly behind", "calls strongly for": one
				// adverb inside a phrase.
				skipped = true
				j++
				next = n.next[ids[j]]
			}
			if n = next; n == nil {
				break
			}
		}
	}
	return out
}

type inflected struct {
	text string
	form int
}

// inflect makes the forms of a verb phrase whose first word is the verb:
// base, third person, past, participle, gerund; irregular forms from the
// lexicon.
func inflect(base string, irregular map[string][]string) []inflected {
	words := strings.Fields(base)
	if len(words) == 0 {
		return nil
	}
	head, rest := words[0], strings.Join(words[1:], " ")
	join := func(h string) string {
		if rest == "" {
			return h
		}
		return h + " " + rest
	}
	ger := join(gerund(head))
	// An irregular entry is [past, participle] or [past, participle, gerund]
	// ("submit: [submitted, submitted, submitting]").
	if irr := irregular[base]; len(irr) == 3 {
		ger = irr[2]
	} else if irr := irregular[head]; len(irr) == 3 {
		ger = join(irr[2])
	}
	out := []inflected{{base, formActive}, {join(thirdPerson(head)), formActive}, {ger, formActive}}
	if irr, ok := irregular[base]; ok && len(irr) >= 2 {
		out = append(out, inflected{irr[0], formActive}, inflected{irr[1], formPassive})
	} else if irr, ok := irregular[head]; ok && len(irr) >= 2 {
		out = append(out, inflected{join(irr[0]), formActive}, inflected{join(irr[1]), formPassive})
	} else {
		out = append(out, inflected{join(past(head)), formPassive})
	}
	return out
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// doubles: short verbs ending consonant-vowel-consonant double it (wrap ->
// wrapped); longer ones are left alone (the common case in this field).
func doubles(w string) bool {
	n := len(w)
	return n >= 3 && n <= 4 && !isVowel(w[n-1]) && isVowel(w[n-2]) && !isVowel(w[n-3]) && strings.IndexByte("wxy", w[n-1]) < 0
}

func thirdPerson(w string) string {
	switch {
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"):
		return w + "es"
	}
	return w + "s"
}

func past(w string) string {
	switch {
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ied"
	case doubles(w):
		return w + w[len(w)-1:] + "ed"
	}
	return w + "ed"
}

func gerund(w string) string {
	switch {
	case strings.HasSuffix(w, "ee"):
		return w + "ing"
	case strings.HasSuffix(w, "e"):
		return w[:len(w)-1] + "ing"
	case doubles(w):
		return w + w[len(w)-1:] + "ing"
	}
	return w + "ing"
}

// nounReading decides between a rule's noun and verb forms of one word at
// one span ("launch"): the noun after a determiner or before "of", else
// the verb. It reports whether t should replace old.
func nounReading(toks []Token, t, old trigger) bool {
	if (t.form == formNoun) == (old.form == formNoun) {
		return true
	}
	noun := t.From > 0 && oneOf(toks[t.From-1].Key, "the", "a", "an", "its", "their", "his", "her", "our", "this", "that") ||
		t.To < len(toks) && toks[t.To].Key == "of"
	return noun == (t.form == formNoun)
}
