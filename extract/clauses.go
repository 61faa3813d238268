package extract

import "strings"

// Subjects a verb shares with another clause of its sentence. A rule
// looks for its agent to the left of its trigger; two constructions put
// the agent elsewhere, and both are common in statements and UN coverage:
//
//   - coordinated verbs: "Egypt supports the programme but also backs the
//     working group": the second verb's subject is the first's;
//   - a fronted participle clause: "Introducing the draft, the delegate of
//     France said ...": the clause's subject is the main clause's.

// coordinationWords may stand between the end of one verb's object and
// the next verb that shares its subject.
var coordinationWords = map[string]bool{",": true, "and": true, "but": true, "also": true, "then": true,
	"later": true, "subsequently": true, "further": true}

// coordinatedSubject is the subject of the verb before trigger t when
// only coordination words stand between that verb's object and t
// ("supports A but also supports B"): the agent left of the trigger whose
// object ends where the coordination words begin. The agent found has no
// position, so that negation and dates are read around t only.
func (c *sentenceCtx) coordinatedSubject(t trigger, window int, types []string) *arg {
	toks := c.toks
	j := t.From
	joined := false
	for j > 0 && coordinationWords[toks[j-1].Key] {
		j--
		joined = joined || toks[j].Key == "and" || toks[j].Key == "but"
	}
	if !joined || j == t.From {
		return nil
	}
	var object *arg
	for k := range c.args {
		if c.args[k].To == j && c.args[k].From >= 0 {
			object = &c.args[k]
		}
	}
	if object == nil {
		// "China supports the UN in playing a central role in global
		// governance and put forward X": no name ends the first verb's
		// object, but "and" + verb still shares that verb's subject.
		return c.previousVerbSubject(t, j, window, types)
	}
	for k := len(c.trigs) - 1; k >= 0; k-- {
		v := c.trigs[k]
		if v.To > object.From || object.From-v.To > 3 && !(object.From-v.To <= 6 && objectGap(toks[v.To:object.From])) || v.form == formNoun || v.form == formPassive {
			continue
		}
		return c.subjectOf(v, window, types)
	}
	// "The Parties support the work of the OEWG as the main platform
	// within the UN and welcome X": the name before "and" ends a longer
	// object of the verb before.
	return c.previousVerbSubject(t, j, window, types)
}

// unnamedSubject is what subjectOf returns when the shared subject names
// no fitting entity: the later verb has no agent either (not the name
// before "and", which is the first verb's object).
var unnamedSubject = arg{From: -1, To: -1}

// insideName reports whether token i is a word of a name of the text.
func (c *sentenceCtx) insideName(i int) bool {
	for _, a := range c.args {
		if a.From >= 0 && a.From <= i && i < a.To && !a.pronoun {
			return true
		}
	}
	return false
}

// subjectOf is the subject of verb trigger v (the nearest fitting name to
// its left), detached from its place in the sentence (From, To -1): it is
// shared with a later verb, not a name at the later verb's side.
func (c *sentenceCtx) subjectOf(v trigger, window int, types []string) *arg {
	a := c.nearestLeft(v.From, window, types)
	if a == nil {
		// "He said the text welcomes the report of the OEWG and supports
		// X": the shared subject names nothing the rule can take.
		return &unnamedSubject
	}
	b := *a
	b.From, b.To = -1, -1
	return &b
}

// participleOpeners may stand before a participle that opens a sentence
// ("After introducing the draft, ...").
var participleOpeners = map[string]bool{"after": true, "before": true, "while": true, "when": true, "upon": true, "in": true}

// frontedClauseSubject is the subject of the main clause for a trigger
// that is a participle opening the sentence: the first fitting name within
// a few words after the comma that closes the participle clause ("the
// representative of France").
func (c *sentenceCtx) frontedClauseSubject(t trigger, patient *arg, types []string) *arg {
	toks := c.toks
	if t.To-t.From != 1 || !strings.HasSuffix(toks[t.From].Key, "ing") {
		return nil
	}
	if !(t.From == 0 || t.From == 1 && participleOpeners[toks[0].Key]) {
		return nil
	}
	from := t.To
	if patient != nil && patient.To > from {
		from = patient.To
	}
	for j := from; j < len(toks); j++ {
		if c.isBoundary(j) {
			return nil
		}
		if toks[j].Key == "," {
			return c.nearestRight(j+1, 4, types)
		}
	}
	return nil
}

// tally reads a vote count whose voters are listed: "approved the draft by
// a recorded vote of 157 in favour to 6 against (Iran, Syria, China), with
// 14 abstentions": each state listed after the phrase relates to the text
// voted on, the nearest fitting name before the count.
func (x *Extractor) tally(c *sentenceCtx, t trigger) {
	toks, r := c.toks, t.rule
	if t.From == 0 || !isNumber(toks[t.From-1].Key) || t.To >= len(toks) || toks[t.To].Key != "(" {
		return
	}
	end := t.To + 1
	for end < len(toks) && toks[end].Key != ")" {
		end++
	}
	var voters arg
	for _, a := range c.args {
		if a.From > t.To && a.To <= end {
			if f := filtered(&a, r.Agent); f != nil {
				voters.ents = append(voters.ents, f.ents...)
			}
		}
	}
	window := defaultLeftWindow
	if r.Window > 0 {
		window = r.Window
	}
	text := c.nearestLeft(t.From, window, r.Patient)
	if len(voters.ents) == 0 || text == nil {
		return
	}
	voters.From, voters.To = t.To+1, end
	x.emit(c, t, &voters, text, false)
}

// titleOfOrganisation reads "Secretary of the Security Council Oleg Roe",
// "Director of the FBI Jane Doe": a title phrase of a rule that makes new
// persons, then "of" and an organisation, then the name. The organisation
// is the agent, the person the patient; nil, nil if the words do not fit.
func (x *Extractor) titleOfOrganisation(c *sentenceCtx, t trigger) (org, person *arg) {
	r := t.rule
	toks := c.toks
	if r.NewNP != "Person" {
		return nil, nil
	}
	// "of" right after the title, or after a capitalised remit ("Coordinator
	// for Cyber Affairs of the Ministry ...").
	of := t.To
	for of < len(toks) && of < t.To+5 && toks[of].Key != "of" && (toks[of].Key == "for" || toks[of].Key == "and" || isCapitalized(toks[of].Text)) {
		of++
	}
	if of+1 >= len(toks) || toks[of].Key != "of" {
		return nil, nil
	}
	org = c.nearestRight(of+1, 2, r.Agent)
	if org == nil {
		return nil, nil
	}
	if org.To < len(toks) {
		person = x.newNP(c, org.To, r)
	}
	if person == nil {
		// "Jane Roe, Director of the FBI": the name before the comma.
		person = x.nameBeforeComma(c, t.From)
	}
	if person == nil {
		return nil, nil
	}
	return org, person
}

// nameBeforeComma is the person named right before ", TITLE" at token i:
// a person the text already names there, or a new one for a personal
// name; nil otherwise.
func (x *Extractor) nameBeforeComma(c *sentenceCtx, i int) *arg {
	if i < 2 || c.toks[i-1].Key != "," {
		return nil
	}
	for k := range c.args {
		if a := &c.args[k]; a.To == i-1 {
			return filtered(a, []string{"Person"})
		}
	}
	return x.newPersonEndingAt(c, i-1, "title-affiliation")
}

// appositiveName is a new person for a name that a title phrase follows
// after a comma ("Vladimir Roe, head of the UN office"), when the rule's
// agent may be a person; nil otherwise.
func (x *Extractor) appositiveName(c *sentenceCtx, t trigger) *arg {
	r := t.rule
	if !hasType(r.Agent, "Person") || t.From < 3 || c.toks[t.From-1].Key != "," {
		return nil
	}
	return x.newPersonEndingAt(c, t.From-1, r.ID)
}

// newPersonEndingAt makes a new person of a capitalised personal name of
// two to four words ending before token end, that no name covers and no
// word of an organisation's name is in; nil otherwise.
func (x *Extractor) newPersonEndingAt(c *sentenceCtx, end int, rule string) *arg {
	toks := c.toks
	for from := max(end-4, 0); from <= end-2; from++ {
		if readName(toks, from) != end || from > 0 && toks[from-1].IsWord() && isCapitalized(toks[from-1].Text) {
			continue
		}
		if c.startsOrEndsArg(from) || c.startsOrEndsArg(end-1) {
			return nil
		}
		for _, tok := range toks[from:end] {
			if x.isWord("not_name", tok.Key) || x.isWord("organisation_head", tok.Key) {
				return nil
			}
		}
		st := c.st
		a, b := toks[from].Start, toks[end-1].End
		e := st.newEntity("Person", st.doc.Text[a:b], rule)
		st.addMention(a, b, e.one(), "new", c.si)
		na := arg{From: from, To: end, ents: e.one()}
		c.args = append(c.args, na)
		sortArgs(c.args)
		return &na
	}
	return nil
}

// bodyDecided: "the General Assembly decided to convene a working group":
// an intergovernmental body deciding to set something up does so by that
// decision; it is no intention as a state's "decided to launch" is.
func (c *sentenceCtx) bodyDecided(t trigger, window int) bool {
	toks := c.toks
	k := t.From - 2
	if k >= 2 && toks[k].Key == "consensus" && toks[k-1].Key == "by" {
		k -= 2 // "agreed by consensus to establish"
	}
	if k < 0 || !oneOf(toks[k].Key, "decided", "decides", "decide", "agreed", "agrees") {
		return false
	}
	return c.nearestLeft(k, window, []string{"IntergovernmentalBody"}) != nil
}

// nounSubject: the clause of trigger t has a subject of its own that names
// no entity ("The Western countries, on the contrary, are pushing for X"):
// a determiner stands before the trigger since the clause began. The speaker's state is
// then not the implied agent.
func (c *sentenceCtx) nounSubject(t trigger) bool {
	for _, tok := range c.toks[t.From:t.To] {
		if oneOf(tok.Key, "need", "needs", "must", "should", "ought", "shall") {
			return false // "All governments need to agree on X": the speaker's norm
		}
	}
	for j := t.From - 1; j >= 0; j-- {
		k := c.toks[j].Key
		if oneOf(k, ";", ":", "that", "which", "who", "and", "but") {
			return false
		}
		if oneOf(k, "need", "needs", "must", "should", "ought", "shall") {
			return false // "All governments need to agree on X": the speaker's norm
		}
		if oneOf(k, "the", "these", "those", "other", "some", "many", "most", "several", "both", "all") {
			return true
		}
		if k == "this" && j+1 < t.From && c.toks[j+1].IsWord() && !isBe(c.toks[j+1].Key) &&
			!oneOf(c.toks[j+1].Key, "will", "would", "has", "can", "could", "should", "must", "means", "shows", "also", "year", "week", "month") {
			return true // "This resolution welcomes X": the text, not the speaker ("This is why we ...")
		}
	}
	return false
}

// clauseSubject is the first fitting name of the clause that ends at token
// i, within window tokens: "The committee was established by resolution X
// on Russia's initiative" is about the committee, not the resolution.
func (c *sentenceCtx) clauseSubject(i, window int, types []string) *arg {
	start := 0
	for j := i - 1; j >= 0; j-- {
		if c.isBoundary(j) || c.complementizer(j) {
			start = j + 1
			break
		}
	}
	for k := range c.args {
		a := &c.args[k]
		if a.From >= start && a.To <= i && i-a.To <= window {
			if f := filtered(a, types); f != nil {
				return f
			}
		}
	}
	return nil
}

// acceptedProposal reads "X proposed talks on the agreement, and Y
// accepted": a proposal of an event or format that the other side accepts
// makes both take part in it. It runs after the rules of the sentence, on
// the advocacy the proposal gave (lexicon words: accepting).
func (x *Extractor) acceptedProposal(c *sentenceCtx) {
	toks := c.toks
	for i := 2; i < len(toks); i++ {
		if !x.isWord("accepting", toks[i].Key) || i+1 < len(toks) && toks[i+1].IsWord() {
			continue // "accepted" ending its clause: what it accepts is said before
		}
		acceptor := c.nearestLeft(i, 4, []string{"State", "GovernmentAgency", "InternationalOrganization"})
		if acceptor == nil || acceptor.From < 2 {
			continue
		}
		if j := acceptor.From - 1; toks[j].Key != "and" && !(toks[j].Key == "the" && toks[j-1].Key == "and") {
			continue // "..., and (the) Soviet Union accepted"
		}
		facts := c.st.res.Facts
		for _, f := range facts {
			if f.Sentence != c.si || f.Relation != "advocates" || f.Negative || f.Object == nil ||
				!oneOf(f.Object.Type, "Event", "BilateralFormat") {
				continue
			}
			for _, s := range append([]*Entity{f.Subject}, acceptor.ents...) {
				c.st.res.Facts = append(c.st.res.Facts, Fact{Subject: s, Relation: "participatesIn", Object: f.Object,
					Rule: "accepted-proposal", Sentence: c.si, Claimant: f.Claimant, Date: f.Date})
			}
			return
		}
	}
}

// asideBefore is the opening comma of an aside that closes with a comma
// before token i, with at most two words after it ("imposed"), and opens
// with a participle or a relative pronoun (", accusing Russia of
// interference,", ", which Peru proposed,"), or -1.
func (c *sentenceCtx) asideBefore(i int) int {
	toks := c.toks
	for k := 1; k <= 3 && i-k > 2; k++ {
		if toks[i-k].Key == "," {
			i = i - k + 1
			break
		}
		if !toks[i-k].IsWord() {
			return -1
		}
	}
	if i < 3 || toks[i-1].Key != "," {
		return -1
	}
	for j := i - 2; j > 0 && j >= i-14; j-- {
		if c.isBoundary(j) {
			return -1
		}
		if toks[j].Key != "," {
			continue
		}
		if w := toks[j+1].Key; w == "speaking" || w == "representing" {
			return -1 // "Finland, speaking for the EU, opposed the text": the EU's position
		} else if w == "including" && oneOf(toks[j-1].Key, "delegations", "countries", "states", "members", "speakers", "nations", "governments", "participants", "sponsors", "co-sponsors", "allies", "partners") {
			return -1 // "Several delegations, including Chile and Peru, supported X": the subject's instances
		} else if oneOf(w, "who", "which", "whose", "at", "on", "upon", "following", "after", "despite") || strings.HasSuffix(w, "ing") && len(w) > 4 {
			return j // ", at Russia's initiative,": an aside of circumstance too
		}
		return -1
	}
	return -1
}

// seriesSubject is the subject of a series of past-tense verbs separated
// by commas ("The administration imposed sanctions on dozens of Russian
// entities, expelled 10 diplomats and ..."): for a verb after a comma
// whose nearest name to the left (agent) stands after an earlier verb of
// the series, in that verb's object, the earlier verb's subject; else nil.
func (c *sentenceCtx) seriesSubject(t trigger, agent *arg, window int, types []string) *arg {
	toks := c.toks
	if agent == nil || agent.From < 0 || t.From < 2 || toks[t.From-1].Key != "," || !strings.HasSuffix(toks[t.From].Key, "ed") {
		return nil
	}
	for _, v := range c.trigs {
		if v.From >= agent.From || v.form != formActive && v.form != formPassive || !strings.HasSuffix(toks[v.From].Key, "ed") {
			continue
		}
		for j := v.To; j < t.From; j++ {
			if c.isBoundary(j) || c.complementizer(j) {
				return nil
			}
		}
		if s := c.nearestLeft(v.From, window, types); s != nil && s.To <= v.From {
			return s
		}
	}
	return nil
}

// previousVerbSubject is the subject of the last active verb trigger before
// the coordination at token j, when only words of one clause (no comma, no
// boundary, no relative pronoun) stand between them; else nil.
func (c *sentenceCtx) previousVerbSubject(t trigger, j, window int, types []string) *arg {
	// The triggers are in right-to-left order: the first one that ends
	// before the coordination is the closest.
	for _, v := range c.trigs {
		if v.To > j || v.From >= t.From || v.form == formNoun || v.form == formPhrase || c.insideName(v.From) {
			continue // a noun, a fixed phrase or a word of a name ("Open-ended") inside the first verb's object
		}
		if v.form != formActive {
			return nil
		}
		for m := v.To; m < j; m++ {
			if c.isBoundary(m) || oneOf(c.toks[m].Key, ",", "which", "who", "that", "whose", "whom") {
				return nil
			}
		}
		return c.subjectOf(v, window, types)
	}
	return nil
}
