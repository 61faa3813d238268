package extract

import (
	"slices"
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

// Noun phrases the rules read where no name stands: a new entity of a
// rule's new_np type, a personal name, a quantity.

// newNP makes a new entity of the rule's new_np type from the noun phrase
// starting at token i: for a Principle any phrase of two words or more,
// for other types only phrases whose first noun is one of the type's heads
// (lexicon heads), for a Person a capitalised name, for a Literal a
// quantity ("eight individuals and entities").
func (x *Extractor) newNP(c *sentenceCtx, i int, r *ontology.Rule) *arg {
	toks := c.toks
	anaphoric := false
	for i < len(toks) && x.wDeterminer[toks[i].Key] {
		anaphoric = anaphoric || oneOf(toks[i].Key, "this", "that", "these", "those", "such")
		i++
	}
	if anaphoric {
		return nil // "that bedrock principle" refers back; it names nothing new
	}
	if r.NewNP == "Principle" && i+1 < len(toks) && (oneOf(toks[i].Key, "idea", "concept", "notion", "necessity", "importance") && toks[i+1].Key == "of" ||
		toks[i].Key == "need" && toks[i+1].Key == "for") {
		// "the idea of a new convention", "the need for a legally binding
		// instrument": what the idea or need is of.
		for i += 2; i < len(toks) && x.wDeterminer[toks[i].Key]; i++ {
		}
	}
	if r.NewNP == "Event" {
		i = skipQuantityOf(toks, i) // "tens of thousands of cyberattacks": the attacks
	}
	start, j := i, i
	typ := r.NewNP
	switch r.NewNP {
	case "Person":
		j = readName(toks, start)
	case "Literal":
		if k := x.appositivePerson(c, start, r); k > start {
			// "sanctions on Dmitry Roe, a Russian national": a person.
			j, typ = k, "Person"
			break
		}
		j = readQuantity(toks, start)
	default:
		j = readNounPhrase(toks, start)
		if k := x.adjectiveSeries(toks, start); k > j {
			j = k // "an open, free, stable and secure cyberspace"
		}
		if j > start && !x.headFits(r.NewNP, toks[start:j]) {
			// "the Global Data Security Initiative": a name whose head
			// noun refers to documents names a new document.
			if typ = x.namedByHead(toks[start:j], r.Patient); typ == "" {
				return nil
			}
		}
	}
	if j <= start {
		return nil
	}
	for _, a := range c.args { // a phrase with a known name in it is not new
		inside := a.From > start && a.To <= j
		// Inside a new phrase may stand pronouns, any name in a literal, and in
		// a principle a name the rule cannot take ("the central role of the UN").
		if a.From < j && a.To > start && a.place == "" &&
			!(inside && (a.pronoun || r.NewNP == "Literal" || (r.NewNP == "Principle" || r.NewNP == "Event") && filtered(&a, r.Patient) == nil)) {
			return nil
		}
	}
	st := c.st
	a, b := toks[start].Start, toks[j-1].End
	text := st.doc.Text[a:b]
	if typ == "Literal" {
		return &arg{From: start, To: j, place: text}
	}
	kind := "new"
	var e *Entity
	if typ == "Document" {
		// "signed a new sanctions executive order" in a fact sheet headed
		// "Executive Order Targeting ...": the document named before with
		// the same head noun.
		head := toks[start+headNoun(toks[start:j])].Key
		if prev := st.antecedent([]string{typ}, head, a); prev != nil && st.namedWith(prev, head) {
			e, kind = prev, "anaphora"
		}
	}
	if typ == "Event" {
		// "the broad-scope campaign that exploited the SolarWinds Orion
		// platform": the incident the text has named by that word.
		if prev := st.eventNamedIn(toks[j:min(j+8, len(toks))]); prev != nil {
			e, kind = prev, "anaphora"
		}
	}
	if e == nil && (typ == "BilateralFormat" || typ == "IntergovernmentalBody") {
		// "the bilateral expert group on cybersecurity": every word of
		// the description is a word of one known format's names.
		if en := st.describedEntry([]string{typ}, toks[start:j]); en != nil {
			e, kind = st.entity(en), "anaphora"
		}
	}
	if e == nil {
		e = st.newEntity(typ, text, r.ID)
	}
	st.addMention(a, b, e.one(), kind, c.si)
	na := arg{From: start, To: j, ents: e.one()}
	c.args = append(c.args, na)
	sortArgs(c.args)
	return &na
}

// appositivePerson returns the end of a personal name at token i that an
// appositive describes ("Dmitry Roe, a Russian national", "Ivan Doe, who
// leads ..."), for a rule whose patient may be a person; i if there is
// none. A word of an organisation's name ("Technology Company", "Ministry")
// makes no person.
func (x *Extractor) appositivePerson(c *sentenceCtx, i int, r *ontology.Rule) int {
	toks := c.toks
	if !hasType(r.Patient, "Person") {
		return i
	}
	j := readName(toks, i)
	if j == i || j+2 > len(toks) || toks[j].Key != "," || !oneOf(toks[j+1].Key, "a", "an", "the", "who") {
		return i
	}
	for _, t := range toks[i:j] {
		if x.isWord("not_name", t.Key) || x.isWord("organisation_head", t.Key) {
			return i
		}
	}
	return j
}

// adjectiveSeries returns the end of a series of single adjectives joined
// by commas and "and"/"or" before a head noun of the lexicon's series_head
// ("open, free, stable and secure cyberspace", "open, interoperable,
// secure, and reliable Internet"), or i if the words at i are none.
func (x *Extractor) adjectiveSeries(toks []Token, i int) int {
	n := 0
	for j := i; j+1 < len(toks) && j < i+16; j++ {
		w := toks[j]
		if !w.IsWord() || isCapitalized(w.Text) && !x.isWord("series_head", w.Key) {
			return i
		}
		if x.isWord("series_head", w.Key) && n >= 2 {
			return j + 1
		}
		n++
		next := toks[j+1].Key
		switch {
		case next == "," && j+2 < len(toks) && oneOf(toks[j+2].Key, "and", "or"):
			j += 2
		case next == "," || next == "and" || next == "or":
			j++
		case j+1 < len(toks) && x.isWord("series_head", next) && n >= 2:
			return j + 2
		default:
			return i
		}
	}
	return i
}

// eventNamedIn is the one event the document has named whose name holds a
// capitalised word of toks, a clause describing an unnamed act ("that
// exploited the SolarWinds Orion platform"); nil if none or several.
func (st *docState) eventNamedIn(toks []Token) *Entity {
	var found *Entity
	for _, t := range toks {
		if oneOf(t.Key, ".", ";", ":") {
			break
		}
		if !t.IsWord() || !isCapitalized(t.Text) || len(t.Key) < 4 {
			continue
		}
		for _, e := range st.mentioned["Event"] {
			if st.namedWith(e, t.Key) {
				if found != nil && found != e {
					return nil
				}
				found = e
			}
		}
	}
	return found
}

// stopWords end a noun phrase read after a trigger.
var stopWords = map[string]bool{"and": true, "or": true, "which": true, "that": true, "who": true, "as": true, "by": true,
	"with": true, "to": true, "for": true, "in": true, "is": true, "are": true, "was": true, "were": true, "will": true,
	"would": true, "but": true, "from": true, "at": true, "than": true, "if": true, "because": true, "putting": true}

// headNoun is the index of the head of a noun phrase: the last word
// before its first preposition ("militarization of the information space").
func headNoun(toks []Token) int {
	for k, t := range toks {
		if k > 0 && prepositions[t.Key] {
			return k - 1
		}
	}
	return len(toks) - 1
}

// namedByHead is the type of a capitalised name whose head noun refers to
// that type (lexicon anaphora: "Initiative", "Agreement") among the types a
// rule takes, else "".
func (x *Extractor) namedByHead(toks []Token, types []string) string {
	words := 0
	for _, t := range toks {
		if !t.IsWord() || prepositions[t.Key] || oneOf(t.Key, "the", "and", "a", "an") {
			continue
		}
		if !isCapitalized(t.Text) {
			if words == 0 {
				continue // "a new Executive Order": lower-case modifiers before the name
			}
			return ""
		}
		words++
	}
	if words < 2 {
		return ""
	}
	for _, typ := range x.Lexicon.Anaphora[singular(toks[headNoun(toks)].Key)] {
		if hasType(types, typ) {
			return typ
		}
	}
	return ""
}

// participleParts are irregular participles and their particles that may
// stand before "by" ("put forward by", "set up by", "held by").
var participleParts = map[string]bool{"put": true, "forward": true, "set": true, "up": true, "made": true, "held": true,
	"led": true, "brought": true, "built": true, "taken": true, "drawn": true, "written": true, "begun": true, "run": true}

// readNounPhrase returns the end of a noun phrase of at most nine tokens
// starting at i; "of", "on", "between" may continue it, never end it.
func readNounPhrase(toks []Token, i int) int {
	j := i
	for j < len(toks) && j-i < 9 {
		k := toks[j].Key
		if k == "and" && j > i && toks[j-1].Key == "information" && j+1 < len(toks) && oneOf(toks[j+1].Key, "communication", "communications") {
			j++ // "the militarization of the information and communication technology sphere": one compound
			continue
		}
		if !toks[j].IsWord() && k != "-" || stopWords[k] {
			break
		}
		if j > i && len(k) > 5 && strings.HasSuffix(k, "ing") && !prepositions[toks[j-1].Key] && isCapitalized(toks[j-1].Text) &&
			j+1 < len(toks) && (oneOf(toks[j+1].Key, "the", "a", "an") || isCapitalized(toks[j+1].Text)) {
			break // "a new Executive Order authorizing the Government to ...": the gerund opens a clause about the name
		}
		if k == "-" && (j == i || j+1 >= len(toks) || !toks[j+1].IsWord()) {
			break
		}
		j++
	}
	for j > i && oneOf(toks[j-1].Key, "of", "on", "between", "-") {
		j--
	}
	// "the initiative put forward by China", "the group set up by ...": a
	// participle before "by" opens a clause about the phrase.
	if j < len(toks) && (toks[j].Key == "by" || toks[j].Key == "to" && j-1 > i && strings.HasSuffix(toks[j-1].Key, "ed")) {
		// "the activity attributed to X" too.
		for n := 0; n < 2 && j-1 > i && (strings.HasSuffix(toks[j-1].Key, "ed") || participleParts[toks[j-1].Key]); n++ {
			j--
		}
	}
	if j-i < 1 || !toks[i].IsWord() || isCapitalized(toks[i].Text) && j-i == 1 || prepositions[toks[i].Key] {
		return i
	}
	return j
}

// prepositions cannot start a noun phrase.
var prepositions = map[string]bool{"of": true, "on": true, "in": true, "at": true, "to": true, "for": true, "with": true,
	"by": true, "from": true, "about": true, "against": true, "between": true, "into": true, "over": true, "under": true,
	"through": true, "during": true, "after": true, "before": true, "without": true, "within": true, "among": true}

// readName returns the end of a capitalised personal name (two to four
// tokens, initials allowed: "George C. Marshall") starting at i.
func readName(toks []Token, i int) int {
	j, words := i, 0
	for j < len(toks) && words < 4 {
		t := toks[j]
		switch {
		case t.IsWord() && isCapitalized(t.Text) && !isAllCaps(t.Text):
			words++
			j++
		case t.Key == "." && j > i && len(toks[j-1].Text) == 1:
			j++
		default:
			return nameEnd(i, j, words)
		}
	}
	return nameEnd(i, j, words)
}

func nameEnd(i, j, words int) int {
	if words < 2 {
		return i
	}
	return j
}

// readQuantity returns the end of a quantified noun phrase ("32 entities
// and individuals", "six Russian technology companies") starting at i:
// words up to a verb form (-ing, -ed), a relative pronoun or punctuation.
func readQuantity(toks []Token, i int) int {
	if i >= len(toks) || !(isNumber(toks[i].Key) || numberWords[toks[i].Key]) {
		return i
	}
	j := i
	for j < len(toks) && j-i < 8 {
		t := toks[j]
		if !t.IsWord() || j > i && (strings.HasSuffix(t.Key, "ing") || strings.HasSuffix(t.Key, "ed")) ||
			oneOf(t.Key, "that", "which", "who", "from", "to", "for", "in", "on", "at", "by", "with", "responsible", "involved", "linked", "tied", "close", "behind", "suspected", "believed", "accused", "allegedly", "reportedly") {
			break
		}
		j++
	}
	for j > i && oneOf(toks[j-1].Key, "and", "or") {
		j-- // "expelled 10 diplomats and barred ...": the next verb's "and"
	}
	if j-i < 2 {
		return i
	}
	return j
}

var numberWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "dozens": true,
	"hundreds": true, "several": true, "numerous": true, "multiple": true, "some": true, "many": true}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// headFits: a new entity of the type needs one of its head nouns (any
// phrase of two words or more for a Principle).
func (x *Extractor) headFits(typ string, toks []Token) bool {
	if typ == "Principle" {
		// "paid lip-service only" is a verb phrase, not a principle.
		first, last := toks[0].Key, toks[len(toks)-1].Key
		// Nor is "having talks on ...": a gerund opens an action.
		if len(toks) < 2 || strings.HasSuffix(first, "ed") || strings.HasSuffix(first, "ing") || x.isWord("adverb", last) {
			return false
		}
		// Nor is "the security of our allies": a phrase about particular
		// parties, not a norm.
		for _, t := range toks {
			if oneOf(t.Key, "our", "their", "its", "his", "her", "my", "your") {
				return false
			}
		}
		// Nor is "what he called unfounded accusations": a clause.
		if oneOf(first, "what", "which", "who", "whom", "whose", "how", "why", "where", "when", "whatever", "it", "they", "he", "she", "we") {
			return false
		}
		// Nor is "the draft resolution" or "the format": a noun that
		// refers back to a document or a body (lexicon anaphora) heads
		// no principle.
		head := toks[headNoun(toks)].Key
		_, refers := x.Lexicon.Anaphora[singular(head)]
		// Nor is "the groundless accusations": a speech act or a deed.
		return !refers && !x.isWord("not_principle", head)
	}
	h := headNoun(toks)
	for _, w := range x.Lexicon.Heads[typ] {
		if toks[0].Key == w {
			return true
		}
		// "broad-scope cyber espionage campaign": lower-case modifiers
		// before the head.
		if toks[h].Key == w && lowerModifiers(toks[:h]) {
			return true
		}
	}
	return false
}

// lowerModifiers: toks are lower-case words and hyphens, as modifiers
// before a head noun are ("broad-scope cyber espionage").
func lowerModifiers(toks []Token) bool {
	for _, t := range toks {
		if t.Key != "-" && (!t.IsWord() || isCapitalized(t.Text)) {
			return false
		}
	}
	return true
}

// describedEntry is the one gazetteer entry of one of the types whose names hold
// every word of the description words (at least three, small words
// aside), among those whose parties (inverse participatesIn) the document
// has all named: "the expert group on cybersecurity" of a text naming
// Russia and the US is the Kremlin–White House expert group; nil when no
// entry or more than one fits.
func (st *docState) describedEntry(types []string, words []Token) *ontology.Entry {
	content := st.contentWords(words)
	if len(content) < 3 {
		return nil
	}
	// The entries named with the description's rarest word, from the
	// index made once per process (describedByWord), not every entry.
	var cands []*ontology.Entry
	for k, t := range content {
		l := st.describedByWord[singular(t.Key)]
		if len(l) == 0 {
			return nil
		}
		if k == 0 || len(l) < len(cands) {
			cands = l
		}
	}
	var found *ontology.Entry
	for _, en := range cands {
		if !slices.Contains(types, en.Type) || !allNamed(st.nameWords[en.ID], content, nil) {
			continue
		}
		named := true
		for _, p := range en.Inverse["participatesIn"] {
			if e := st.entities[p]; e == nil || e.lastMention == 0 {
				named = false
			}
		}
		if !named {
			continue
		}
		if found != nil {
			return nil
		}
		found = en
	}
	return found
}

// modifiersFrom is where the lower-case words before a description's head
// begin ("the maritime expert group"), back to a determiner or another
// word.
func modifiersFrom(toks []Token, from int) int {
	for from > 0 && toks[from-1].IsWord() && !isCapitalized(toks[from-1].Text) && !stopWords[toks[from-1].Key] &&
		!prepositions[toks[from-1].Key] && !oneOf(toks[from-1].Key, "the", "a", "an", "its", "their", "our", "this", "that") {
		from--
	}
	return from
}

// contentWords drops determiners, small words and the lexicon's
// described_generic words ("bilateral": any format is).
func (st *docState) contentWords(words []Token) []Token {
	var out []Token
	for _, t := range words {
		if t.IsWord() && !stopWords[t.Key] && !prepositions[t.Key] && !oneOf(t.Key, "the", "a", "an") && !st.generic[t.Key] {
			out = append(out, t)
		}
	}
	return out
}

// skipQuantityOf passes a quantity that opens a noun phrase ("tens of
// thousands of", "a series of", "dozens of", "250 of"), or returns i.
func skipQuantityOf(toks []Token, i int) int {
	j := i
	for j+1 < len(toks) {
		k := j
		if oneOf(toks[k].Key, "a", "an") && k+1 < len(toks) && oneOf(toks[k+1].Key, "series", "number", "wave", "string", "spate") {
			k++
		} else if !(isNumber(toks[k].Key) || numberWords[toks[k].Key] || oneOf(toks[k].Key, "tens", "hundreds", "thousands", "millions", "scores")) {
			break
		}
		if k+1 >= len(toks) || toks[k+1].Key != "of" {
			break
		}
		j = k + 2
	}
	return j
}
