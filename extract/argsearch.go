package extract

import "strings"

// Where the rules look for their arguments: the names around a trigger
// (nearestLeft, nearestRight, directObject), the clause markers that stop
// the search (isBoundary, complementizer), and the shapes of passive,
// relative and appositive phrases.
// relativeAntecedent finds the object of an object relative clause: the
// name before "which/that/whom" that stands right before the agent.
func (c *sentenceCtx) relativeAntecedent(agent *arg, types []string) *arg {
	j := agent.From - 1
	if j >= 1 && c.toks[j].Key == "the" {
		j-- // "which the United States launched"
	}
	if j < 1 || !oneOf(c.toks[j].Key, "which", "that", "whom") {
		return nil
	}
	j--
	if j >= 0 && c.toks[j].Key == "," {
		j--
	}
	for k := range c.args {
		if c.args[k].To == j+1 {
			return filtered(&c.args[k], types)
		}
	}
	// "a new OEWG for 2021-2025, which ...": a period or date after the name.
	for k := range c.args {
		if a := &c.args[k]; a.To <= j && a.To >= j-4 && dateTail(c.toks[a.To:j+1]) {
			return filtered(a, types)
		}
	}
	return nil
}

// dateTail: toks are "for 2021-2025", "in 2018", "(2019)": a preposition or
// brackets around numbers.
func dateTail(toks []Token) bool {
	digits := false
	for _, t := range toks {
		switch {
		case isNumber(t.Key):
			digits = true
		case oneOf(t.Key, "for", "in", "of", "(", ")", "-", "–"):
		default:
			return false
		}
	}
	return digits
}

// adjacentBefore reports whether only be-verbs, adverbs, relative pronouns
// and commas stand between the argument and token i.
func (c *sentenceCtx) adjacentBefore(a *arg, i int) bool {
	for j := a.To; j < i; j++ {
		k := c.toks[j].Key
		if !(isBe(k) || strings.HasSuffix(k, "ly") || oneOf(k, "that", "which", "who", ",", "also", "not", "solely", "directly", "clearly", "ultimately", "almost", "very", "most")) {
			return false
		}
	}
	return true
}

// reducedRelative: a participle right after a common noun ("a comment
// issued on Friday by ...") may be a passive rather than the noun's action;
// the caller requires a "by" agent to read it so.
func (c *sentenceCtx) reducedRelative(i int) bool {
	prev := c.toks[i-1]
	if !prev.IsWord() || isCapitalized(prev.Text) || strings.HasSuffix(prev.Key, "ly") || c.startsOrEndsArg(i-1) ||
		oneOf(prev.Key, "we", "they", "i", "you", "he", "she", "it", "who", "which", "that", "and", "or", "also", "then", "jointly", "has", "have", "had",
			"today", "yesterday", "again", "already", "earlier", "later", "first", "once", "now", "soon", "thus", "therefore") {
		return false // "The Assembly today adopted the texts recommended by ...": a finite verb
	}
	for _, d := range c.dateMentions() {
		if d.End == prev.End {
			return false // "The Council in May 2019 adopted ..."
		}
	}
	return true
}

// startsOrEndsArg reports whether token i is inside a known name.
func (c *sentenceCtx) startsOrEndsArg(i int) bool {
	for _, a := range c.args {
		if a.From <= i && i < a.To {
			return true
		}
	}
	return false
}

// byAfter returns the token after "by" that introduces a passive agent:
// within two tokens of i, or, after "was/were/is ... PARTICIPLE", anywhere
// in the clause within window tokens ("was signed during the summit on May
// 25, 1972, by ..."). It returns -1 if there is none.
func (x *Extractor) byAfter(c *sentenceCtx, i int, far bool, window int) int {
	limit := i + 3
	if far {
		limit = i + window + 6
	}
	for j := i; j < len(c.toks) && j < limit; j++ {
		if c.toks[j].Key == "by" {
			if far && j-1 > i && strings.HasSuffix(c.toks[j-1].Key, "ed") {
				return -1 // "held in line with the agreements reached by ...": another participle's
			}
			return j + 1
		}
		if c.isBoundary(j) || (!far && !c.toks[j].IsWord() && c.toks[j].Key != ",") {
			return -1
		}
		if !far && (isBe(c.toks[j].Key) || strings.HasSuffix(c.toks[j].Key, "ed")) {
			return -1 // "the draft of X was rejected by Y": the "by" of another verb
		}
	}
	return -1
}

// byAgent is the agent of a passive "by" at by: the nearest fitting name
// to the right, unless another "by" stands before it ("rejected by a
// recorded vote a proposal by Iran": Iran proposed, the vote rejected).
func (c *sentenceCtx) byAgent(by, window int, types []string) *arg {
	a := c.nearestRight(by, window, types)
	if a == nil {
		return nil
	}
	for j := by; j < a.From; j++ {
		if c.toks[j].Key == "by" {
			return nil
		}
		if c.toks[j].Key == "," && j > by {
			// "affirmed by all UN member states, including in the reports
			// of the GGE": the agent is the phrase after "by", unnamed.
			return nil
		}
	}
	return a
}

// directObject finds the patient after a trigger. When the words right
// after it (past determiners and adverbs) start no known name, they are a
// noun phrase of their own: the rule's new_np makes an entity or literal
// of it; failing that, the nearest fitting name to the right is taken.
// A pronoun "it" refers back to the last entity of a fitting type.
func (x *Extractor) directObject(c *sentenceCtx, t trigger, window int) *arg {
	r := t.rule
	if t.To < len(c.toks) && oneOf(c.toks[t.To].Key, "it", "them") {
		if r.Relation == "advocates" {
			// "X is promoting a convention. Our partners support it.": the
			// last thing of the types named, whatever its type.
			if e := c.st.antecedent(r.Patient, "", c.toks[t.To].Start); e != nil {
				return &arg{From: t.To, To: t.To + 1, ents: e.one()}
			}
			return nil
		}
		// The rule lists its patient types in order of preference: "voted
		// against it" is a text voted on before it is a body named since.
		for _, typ := range r.Patient {
			if e := c.st.antecedent([]string{typ}, "", c.toks[t.To].Start); e != nil {
				return &arg{From: t.To, To: t.To + 1, ents: e.one()}
			}
		}
		return nil
	}
	if q := readQuantity(c.toks, t.To); q > t.To && q+1 < len(c.toks) && c.toks[q].Key == "from" {
		// "expelled ten personnel from the Russian mission": the staff
		// counted are the mission's, it is what the act is aimed at.
		if a := c.nearestRight(q+1, 2, r.Patient); a != nil && a.From <= q+2 && a.ents != nil {
			return a
		}
	}
	if r.NewNP != "" && !c.startsArg(t.To) {
		if a := x.newNP(c, t.To, r); a != nil {
			return a
		}
	}
	from := t.To
	if from+1 < len(c.toks) && c.toks[from].Key == "to" && oneOf(c.toks[t.To-1].Key, "need", "needs") && c.toks[from+1].IsWord() && !isCapitalized(c.toks[from+1].Text) {
		from += 2 // "we need to have some basic rules of the road"
	}
	if a := c.nearestRight(from, window, r.Patient); a != nil && objectGap(c.toks[from:a.From]) && !headOfOwn(c.toks[from:a.From], r.Relation == "establishedBy") {
		return a
	}
	if hasType(r.Patient, "GovernmentAgency") {
		// "accused a hacking group linked to China's MSS": the actor behind
		// the unnamed one.
		if a := c.affiliatedWith(from, r.Patient, x.words["affiliation"]); a != nil {
			return a
		}
	}
	if hasType(r.Patient, "Literal") {
		return c.placeAfter(t.To, x.words["organisation_head"])
	}
	return nil
}

// headOfOwn reports whether the gap before a name ends in a noun before
// "of" that is no way to the name: unnamed actors ("accused Western
// countries of blocking X"), and for an act that creates something a
// document of its own ("approved the final report of the OEWG": the
// report, not the OEWG).
func headOfOwn(gap []Token, creates bool) bool {
	for k := len(gap) - 1; k > 0; k-- {
		if gap[k].Key != "of" {
			continue
		}
		h := gap[k-1].Key
		if oneOf(h, "countries", "states", "hackers", "actors", "officials", "groups", "individuals", "entities", "nationals") {
			return true
		}
		if creates && oneOf(h, "report", "reports", "resolution", "declaration", "statement", "communiqué", "decision", "recommendations", "conclusions") {
			return true
		}
	}
	return false
}

// objectGap: what stands between a trigger and the name taken as its
// object may be determiners, modifiers and a light noun with "of" ("the
// work of the group") or "participation in", not a clause of its own ("the militarization of
// cyberspace and call on all parties to respect ...").
func objectGap(gap []Token) bool {
	// "broke off all contacts, including the expert group": the name is
	// an instance of the object.
	for k, t := range gap {
		if t.Key == "including" && k >= 1 && len(gap)-k <= 3 {
			head := gap[:k]
			if head[len(head)-1].Key == "," {
				head = head[:len(head)-1]
			}
			return len(head) <= 4 && objectGap(head) && objectGap(gap[k+1:])
		}
	}
	if k := coordinatedModifiers(gap); k < len(gap) {
		// "the need for a universal and comprehensive convention": the
		// adjectives joined by "and" modify the name's head.
		gap = gap[:k]
	}
	if len(gap) == 1 && gap[0].Key == "that" {
		return true // "We reaffirm that international law applies in cyberspace": the clause is the name
	}
	if len(gap) > 8 {
		return false
	}
	n := 0
	for _, t := range gap {
		if t.Key != `"` && t.Key != "'" {
			n++
		}
	}
	for k, t := range gap {
		if t.Key == "," && n <= 4 {
			continue // "a cybersecurity advisory, “Title”"
		}
		if t.Key == "in" && k > 0 && oneOf(gap[k-1].Key, "participation", "membership") {
			continue // "suspended its participation in the treaty"
		}
		if t.Key == "for" && k > 0 && oneOf(gap[k-1].Key, "need", "support", "respect", "proposal", "proposals", "call", "calls", "planning", "preparation", "preparations") {
			continue // "stressed the need for a legally binding instrument"
		}
		if t.Key == "into" && k > 0 && k+1 < len(gap) && gap[k-1].Key == "entry" && gap[k+1].Key == "force" {
			continue // "called for the early entry into force of the convention"
		}
		if t.Key == "to" && k > 0 && k+1 < len(gap) && oneOf(gap[k-1].Key, "need", "necessity") && gap[k+1].IsWord() && !isCapitalized(gap[k+1].Text) {
			continue // "stressed the need to develop a convention"
		}
		if oneOf(t.Key, "and", "or", "but", ",", ";", ":", "to", "that", "which", "who", "in", "on", "for", "with", "by", "at", "from", "as", "than", "while",
			"against", "targeting", "into", "towards", "toward", "about", "over", "during", "after", "before", "since") {
			return false
		}
	}
	return true
}

// coordinatedModifiers returns where a series of lower-case modifiers
// joined by "and"/"or" ends the gap before a name ("a universal and equally
// accessible comprehensive", the series starting at "universal"), or
// len(gap) if the gap ends in none. The word before "and" must look like an
// adjective, so that "cooperation and" or "X and the" stay coordinations of
// objects.
func coordinatedModifiers(gap []Token) int {
	for k := len(gap) - 1; k >= 1 && k >= len(gap)-4; k-- {
		if !oneOf(gap[k].Key, "and", "or") {
			w := gap[k]
			if !w.IsWord() || isCapitalized(w.Text) || oneOf(w.Key, "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "to", "of") || prepositions[w.Key] {
				return len(gap)
			}
			continue
		}
		if k == len(gap)-1 || !adjectiveLike(gap[k-1]) {
			return len(gap)
		}
		return k - 1
	}
	return len(gap)
}

// adjectiveLike: a lower-case word with an adjective's ending.
func adjectiveLike(t Token) bool {
	if !t.IsWord() || isCapitalized(t.Text) {
		return false
	}
	for _, suf := range []string{"al", "ive", "ble", "ic", "ous", "ent", "ant", "ary", "ful", "less", "ing", "ed"} {
		if len(t.Key) > len(suf)+2 && strings.HasSuffix(t.Key, suf) {
			return true
		}
	}
	return false
}

// startsArg reports whether a known name starts at token i, past
// determiners and adverbs.
func (c *sentenceCtx) startsArg(i int) bool {
	for i < len(c.toks) && (oneOf(c.toks[i].Key, "the", "a", "an", "its", "their", "our") || strings.HasSuffix(c.toks[i].Key, "ly")) {
		i++
	}
	for _, a := range c.args {
		if a.From == i {
			return true
		}
	}
	return false
}

// includingAfter finds an agent list introduced by "including", "among
// them" or "such as" after token i.
func (c *sentenceCtx) includingAfter(i int, types []string) *arg {
	if !hasType(types, "State") {
		return nil // a list of voters or actors; "in accordance with law, including the UN Charter" lists no agents
	}
	for j := i; j < len(c.toks) && j < i+15; j++ {
		if c.isBoundary(j) {
			return nil
		}
		if oneOf(c.toks[j].Key, "including", "namely") || (c.toks[j].Key == "such" && j+1 < len(c.toks) && c.toks[j+1].Key == "as") {
			return c.nearestRight(j+1, 3, types)
		}
	}
	return nil
}

// instancesAfter is a name right after the patient introduced as an
// instance of it (", in particular X", ", including X", ", notably X",
// ", especially X"), of the patient's types, or nil.
func (c *sentenceCtx) instancesAfter(p *arg, types []string) *arg {
	if p == nil || p.From < 0 || p.place != "" {
		return nil
	}
	toks := c.toks
	j := p.To
	if j < len(toks) && toks[j].Key == "," {
		j++
	}
	switch {
	case j+1 < len(toks) && toks[j].Key == "in" && toks[j+1].Key == "particular":
		j += 2
	case j < len(toks) && oneOf(toks[j].Key, "including", "notably", "especially", "particularly"):
		j++
	default:
		return nil
	}
	a := c.nearestRight(j, 2, types)
	if a == nil || a.From > j+1 || a.pronoun {
		return nil
	}
	return a
}

func isBe(k string) bool {
	return oneOf(k, "is", "are", "was", "were", "be", "been", "being", "remains", "remain", "got", "get")
}

func oneOf(k string, words ...string) bool {
	for _, w := range words {
		if k == w {
			return true
		}
	}
	return false
}

func hasType(types []string, t string) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

func fits(e *Entity, types []string) bool { return hasType(types, e.Type) }

// filtered returns a copy of a with only the entities of the types.
func filtered(a *arg, types []string) *arg {
	if a.place != "" {
		if hasType(types, "Literal") {
			return a
		}
		return nil
	}
	var ents []*Entity
	for _, e := range a.ents {
		if fits(e, types) {
			ents = append(ents, e)
		}
	}
	return a.with(ents)
}

// with is a copy of a naming ents instead (nil when there are none).
func (a *arg) with(ents []*Entity) *arg {
	if len(ents) == 0 {
		return nil
	}
	b := *a
	b.ents = ents
	return &b
}

// nearestLeft is the closest argument ending before token i whose entities
// fit the types, within window tokens and not across a clause boundary.
func (c *sentenceCtx) nearestLeft(i, window int, types []string) *arg {
	dist := 0
	pos := i
	for k := len(c.args) - 1; k >= 0; k-- {
		a := &c.args[k]
		if a.To > i {
			continue
		}
		for j := a.To; j < pos; j++ {
			if c.isBoundary(j) || c.complementizer(j) {
				return nil
			}
		}
		dist += pos - a.To
		if dist > window {
			return nil
		}
		if f := filtered(a, types); f != nil {
			if o := c.openAround(a, types); o != nil {
				return o // "the draft resolution establishing X", not X
			}
			return f
		}
		pos = a.From
	}
	return nil
}

// complementizer: token j is a "that" opening a clause after a verb ("Allies
// agreed that cyber defence is part of ..."), not a relative pronoun after
// a name ("the group that is part of ..."): the clause's subject is inside it.
func (c *sentenceCtx) complementizer(j int) bool {
	if c.toks[j].Key != "that" || j == 0 {
		return false
	}
	for k := range c.args {
		if c.args[k].To == j {
			return false
		}
	}
	prev := c.toks[j-1].Key
	return strings.HasSuffix(prev, "ed") || oneOf(prev, "said", "says", "say", "agree", "agrees", "believe", "believes", "think", "thinks", "stated", "noted", "recognized", "recognised", "reaffirms", "reaffirm", "stress", "stresses", "note", "notes", "warn", "warns", "insist", "insists", "know", "knows")
}

// openAround is the open description around a that fits the types, if any.
func (c *sentenceCtx) openAround(a *arg, types []string) *arg {
	for k := range c.args {
		if o := &c.args[k]; o.open && o.From < a.From && a.To <= o.To {
			return filtered(o, types)
		}
	}
	return nil
}

// passivePatient is the patient of a passive participle: the nearest
// fitting name before it, unless a name that does not fit stands right
// before the participle ("the Council held an open debate, convened by
// Estonia": the debate was convened, not the Council).
func (c *sentenceCtx) passivePatient(from, window int, types []string) *arg {
	p := c.nearestLeft(from, window, types)
	if p == nil {
		return nil
	}
	if b := p.From - 1; b > 0 && isBe(c.toks[from-1].Key) && (c.toks[b].Key == "by" || c.toks[b].Key == "the" && c.toks[b-1].Key == "by") {
		// "The creation of the OEWG by the Assembly was welcomed by
		// Russia": a "by" inside the subject names who did the noun's act.
		if q := c.nearestLeft(p.From, window, types); q != nil {
			p = q
		}
	}
	if p.To+1 < from && p.To >= 0 && !isBe(c.toks[from-1].Key) && c.toks[p.To].IsWord() && strings.HasSuffix(c.toks[p.To].Key, "ed") && !c.startsOrEndsArg(p.To) {
		// "The Committee approved one on X, sponsored by the US": the
		// name is the subject of a verb of its own, not what was sponsored
		// (with "was" before the participle it is the clause's subject:
		// "the dialogue launched in 2021 was suspended by the US").
		return nil
	}
	for k := len(c.args) - 1; k >= 0; k-- {
		a := &c.args[k]
		if a.To > from || a.pronoun || a.place != "" {
			continue
		}
		if a.To > p.To && onlyWords(c.toks[a.To:from], ",", "was", "were", "is", "are", "been", "being", "has", "have", "had") &&
			filtered(a, types) == nil {
			return nil
		}
		break
	}
	return p
}

// nearestRight is the closest argument starting at or after token i.
func (c *sentenceCtx) nearestRight(i, window int, types []string) *arg {
	dist := 0
	pos := i
	for k := range c.args {
		a := &c.args[k]
		if a.From < i {
			continue
		}
		for j := pos; j < a.From; j++ {
			if c.isBoundary(j) {
				return nil
			}
		}
		dist += a.From - pos
		if dist > window {
			return nil
		}
		if f := filtered(a, types); f != nil && !(k > 0 && c.personsOf(k)) {
			// "Russia's SVR": the possessor names whose the head is; the
			// head is the argument when it fits too.
			if h := c.possessed(k, types); h != nil {
				return h
			}
			// "chaired by Swiss ambassador Jürg Roe", "Singapore's Burhan
			// Roe": the state only says whose the person is; the person is
			// the argument, or nothing when a person cannot be.
			if p := c.personModified(k); p != nil {
				return filtered(p, types)
			}
			return f
		}
		pos = a.To
	}
	return nil
}

// personModified is the person argument k modifies: a person named right
// after it, past "'s" and at most three title words ("Swiss ambassador
// Jürg Roe", "Russian Foreign Minister Sergey Roe"), or nil.
func (c *sentenceCtx) personModified(k int) *arg {
	if k+1 >= len(c.args) {
		return nil
	}
	a, p := &c.args[k], &c.args[k+1]
	if len(p.ents) == 0 || p.ents[0].Type != "Person" || p.From < a.To || p.From-a.To > 3 {
		return nil
	}
	for j := a.To; j < p.From; j++ {
		if t := c.toks[j]; !t.IsWord() && t.Key != "'" || oneOf(t.Key, "and", "or", "of", "to", "by", "with", "for", "on", "in", "the", "a") {
			return nil
		}
	}
	return p
}

// personsOf reports whether argument k completes the person named by the
// argument before it ("chaired by Burhan Roe of Singapore": Singapore is
// the chair's, not what the phrase is about).
func (c *sentenceCtx) personsOf(k int) bool {
	p, a := &c.args[k-1], &c.args[k]
	if a.From != p.To+1 || p.To < 0 || !oneOf(c.toks[p.To].Key, "of", "from") {
		return false
	}
	for _, e := range p.ents {
		if e.Type == "Person" {
			return true
		}
	}
	return false
}

func (c *sentenceCtx) isBoundary(j int) bool {
	k := c.toks[j].Key
	return k == ";" || k == ":" || k == "?" || k == "!" || k == "but" || k == "while" || k == "whereas" || k == "although" || k == "because" || k == "however"
}

// dyadArg is an argument denoting the document's two states.
func (c *sentenceCtx) dyadArg() *arg {
	for k := range c.args {
		if c.args[k].dyad {
			return &c.args[k]
		}
	}
	return nil
}

// placeAfter reads a capitalised place name right after token i
// ("held in Geneva").
func (c *sentenceCtx) placeAfter(i int, orgHeads map[string]bool) *arg {
	for k := range c.args {
		if c.args[k].From == i && c.args[k].place != "" {
			return &c.args[k]
		}
	}
	if orgHeads != nil {
		// "sanctioned the cryptocurrency exchange Suex": past a determiner
		// and a few lower-case words that describe the name.
		k := i
		if k < len(c.toks) && oneOf(c.toks[k].Key, "the", "a", "an") {
			k++
		}
		n := 0
		for k < len(c.toks) && n < 3 && c.toks[k].IsWord() && !isCapitalized(c.toks[k].Text) && !stopWords[c.toks[k].Key] && !prepositions[c.toks[k].Key] && !isNumber(c.toks[k].Key) {
			k++
			n++
		}
		if n > 0 && k < len(c.toks) && c.toks[k].IsWord() && isCapitalized(c.toks[k].Text) && !c.startsArg(k) &&
			months[c.toks[k].Key] == 0 && !weekdays[c.toks[k].Key] {
			i = k
		}
	}
	j := i
	for j < len(c.toks) && j < i+3 && c.toks[j].IsWord() && isCapitalized(c.toks[j].Text) {
		j++
	}
	if j == i {
		return nil
	}
	if k := c.organisationName(i, orgHeads); k > j {
		j = k
	}
	return &arg{From: i, To: j, place: c.st.doc.Text[c.toks[i].Start:c.toks[j-1].End]}
}

// organisationName returns the end of a capitalised name starting at i that
// joins words with "and", "&", "of" or "for" and ends in an organisation's
// head noun (lexicon words: organisation_head), as in "Wuhan Science and
// Technology Company"; i if there is none. Without such a head, "Lima and
// Quito" stays two names.
func (c *sentenceCtx) organisationName(i int, heads map[string]bool) int {
	toks := c.toks
	end := i
	for j := i; j < len(toks) && j < i+10; j++ {
		t := toks[j]
		if t.IsWord() && isCapitalized(t.Text) {
			if heads[t.Key] {
				end = j + 1
			}
			continue
		}
		if j > i && oneOf(t.Key, "and", "&", "of", "for") && j+1 < len(toks) && isCapitalized(toks[j+1].Text) {
			continue
		}
		break
	}
	return end
}
