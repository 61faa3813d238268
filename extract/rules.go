package extract

import (
	"slices"
	"strings"
)

// Window sizes in tokens (not counting the tokens of other arguments):
// how far a rule looks left and right of its trigger for an argument.
const (
	defaultRightWindow = 12
	defaultLeftWindow  = 20
)

// apply reads one trigger occurrence: finds the agent and patient the
// rule's voice and types allow, checks negation and modality, and records
// the facts.
func (x *Extractor) apply(c *sentenceCtx, t trigger) {
	r := t.rule
	toks := c.toks
	if last := toks[len(toks)-1]; last.Key == "?" && c.answer == 0 || c.heading {
		return // questions (unless answered "Yes." or "No.") and headings assert nothing
	}
	if conditionClause(toks, t.From) {
		return // "If the EU imposes sanctions on X, ...": a condition, no fact
	}
	if (t.form == formActive || t.form == formPassive) && t.From > 0 && toks[t.From-1].Key == "on" {
		return // "put on hold": a noun after "on", not the verb "hold"
	}
	if t.form == formActive && t.To-t.From == 1 && t.From > 0 && t.To < len(toks) && strings.HasSuffix(toks[t.From].Key, "ing") &&
		oneOf(toks[t.From-1].Key, "the", "a", "an", "its", "their", "this") && toks[t.To].IsWord() && !isCapitalized(toks[t.To].Text) &&
		!prepositions[toks[t.To].Key] && !oneOf(toks[t.To].Key, "the", "a", "an", "and", "or") {
		return // "hosted the signing ceremony": a gerund that modifies a noun is no verb
	}
	if t.form == formActive && t.From > 0 && t.To < len(toks) && oneOf(toks[t.From-1].Key, "the", "a", "an", "these", "those") && toks[t.To].Key == "of" {
		return // "the sponsors of resolution 73/27": a noun, not the verb "sponsor"
	}
	for _, a := range c.args {
		if a.From <= t.From && t.From < a.To && !a.open && !a.pronoun && len(a.ents) > 0 && a.ents[0].Entry != nil {
			return // "the Ballistic Missile Launch Notification Agreement": a word of a name
		}
	}
	right, left := defaultRightWindow, defaultLeftWindow
	if r.Window > 0 {
		right, left = r.Window, min(r.Window, defaultLeftWindow)
	}
	if r.Tally {
		x.tally(c, t)
		return
	}
	var agent, patient *arg
	activeClause := false // an active verb whose subject stands before it
	switch {
	case len(r.Target) > 0 && (t.form == formActive || t.form == formPassive):
		// "attribute the activity to X": the patient follows a target word.
		if patient = c.afterTarget(t.To, right, r.Target, r.Patient, x.words["affiliation"]); patient == nil {
			return
		}
		// A reduced relative ("the campaign attributed to X") has its target
		// right after it; "US officials attributed the hack to X" is a
		// finite verb with its object first.
		passive := t.form == formPassive && t.From > 0 && (isBe(toks[t.From-1].Key) ||
			c.reducedRelative(t.From) && t.To < len(toks) && (toks[t.To].Key == "by" || slices.Contains(r.Target, toks[t.To].Key)))
		if passive && !isBe(toks[t.From-1].Key) && x.isWord("affiliation", toks[t.From].Key) && toks[t.To].Key != "by" {
			return // "accused a hacking group linked to X": a description of the group, no attribution
		}
		if !passive {
			if agent = c.nearestLeft(t.From, left, r.Agent); agent != nil {
				agent = c.joinedIn(t, agent, left, r.Agent)
			}
		} else if by := x.byAfter(c, patient.To, true, right); by >= 0 {
			agent = c.byAgent(by, right, r.Agent)
		}
	case t.form == formActive || t.form == formPassive:
		passiveBe := t.form == formPassive && t.From > 0 && (isBe(toks[t.From-1].Key) ||
			c.reducedRelative(t.From) && x.byAfter(c, t.To, true, right) >= 0)
		if by := x.byAfter(c, t.To, passiveBe, right); by >= 0 {
			agent = c.byAgent(by, right, r.Agent)
			if patient = c.passivePatient(t.From, left, r.Patient); patient == nil {
				patient = c.itSubject(t, r.Patient) // "It was (also) established by resolution 73/27"
			}
		} else if passiveBe {
			if patient = c.passivePatient(t.From, left, r.Patient); patient == nil {
				patient = c.itSubject(t, r.Patient)
			}
		} else {
			if t.From > 1 && toks[t.From-1].Key == "to" && !r.Modal && x.intentionBefore(toks, t.From-1) && !c.bodyDecided(t, left) &&
				!(r.Relation == "accuses" && x.isWord("attempting", toks[t.From-2].Key)) { // "attempts to blame X": blaming
				if r.Relation == "establishedBy" {
					x.agreedToSetUp(c, t, left, right)
					x.proposedToSetUp(c, t, left, right)
				}
				return // "plans to establish", "called on X to resume": not done yet
			}
			if t.From > 0 && toks[t.From-1].Key == "from" && !r.Modal {
				return // "prevented them from establishing"
			}
			agent = c.nearestLeft(t.From, left, r.Agent)
			if x.unnamedRelative(c, t) {
				return // "sponsored a rival resolution that created X": the subject is the unnamed resolution
			}
			if o := c.asideBefore(t.From); o >= 0 && agent != nil && agent.From > o {
				// "The EU, accusing Russia of interference, imposed
				// sanctions": the name inside the aside is not the subject.
				agent = c.nearestLeft(o, left, r.Agent)
			}
			if cs := c.coordinatedSubject(t, left, r.Agent); cs == &unnamedSubject {
				return
			} else if cs != nil {
				// "Russia supports the work of the OEWG and calls for X":
				// the name before "and" is the first verb's object.
				agent = cs
			} else if vs := c.seriesSubject(t, agent, left, r.Agent); vs != nil {
				agent = vs
			}
			activeClause = true
			if agent != nil && r.Modal {
				// "NATO called on China to uphold X": NATO's position.
				if asker, ok := x.askedToAct(c, t, agent, left, r.Agent); ok {
					agent = asker
				}
			}
			if agent != nil {
				// "The EU and Japan joined the US in attributing X to Y"
				agent = c.joinedIn(t, agent, left, r.Agent)
			}
			if x.modifiesNoun(c, t) {
				// "the resolution establishing the committee": the
				// resolution acts, if it is a name, not the subject before.
				agent = c.argEndingAt(t.From, r.Agent)
			}
			patient = x.directObject(c, t, right)
			if agent != nil {
				if p := c.relativeAntecedent(agent, r.Patient); p != nil {
					patient = p // "the dialogue, which Washington had suspended"
				}
			}
		}
	case t.form == formNoun:
		if t.To < len(toks) && oneOf(toks[t.To].Key, "of", "on", "against", "with", "to") {
			patient = c.nearestRight(t.To, 8, r.Patient)
		} else if t.To > t.From+1 && prepositions[toks[t.To-1].Key] {
			if r.NewNP == "Literal" && x.appositivePerson(c, t.To, r) > t.To {
				// "sanctions on Ivan Roe, a Russian national": the person,
				// not the state of the demonym after.
				patient = x.newNP(c, t.To, r)
			}
			if patient == nil {
				patient = c.nearestRight(t.To, 8, r.Patient) // "sanctions against X"
				if patient != nil && r.NewNP == "Literal" && patient.To < readQuantity(toks, t.To) {
					// "sanctions on six Russian individuals": the demonym
					// modifies the quantity's noun, it is not the target
					// ("two members of the GRU" is the GRU's).
					patient = nil
				}
			}
			if patient == nil && r.NewNP != "" {
				patient = x.newNP(c, t.To, r) // "sanctions against 32 individuals"
			}
		}
		if patient == nil && r.NewNP != "" && t.To < len(toks) && toks[t.To].Key == "of" {
			patient = x.newNP(c, t.To+1, r)
		}
		if patient != nil {
			if by := x.byAfter(c, patient.To, false, right); by >= 0 {
				agent = c.byAgent(by, right, r.Agent)
			}
		}
		if agent == nil && t.From > 0 && oneOf(toks[t.From-1].Key, "their", "its", "his", "her", "our") {
			// "The Parties reaffirm the role of the UN and express their
			// support for X": the owner is the clause's subject, not the
			// nearest name ("our": the speaker's state, below).
			agent = c.clauseSubject(t.From, left, r.Agent)
		} else if agent == nil {
			agent = c.nearestLeft(t.From, left, r.Agent)
			if o := c.asideBefore(t.From); o >= 0 && agent != nil && agent.From > o {
				agent = c.nearestLeft(o, left, r.Agent) // "The EU, accusing Russia of X, imposed sanctions on"
			}
			if agent != nil && x.wordBetween("reaction", c.toks, agent.To, t.From) {
				agent = nil // "Australia welcomed the adoption of X": not the adopter
			}
		}
	case t.form == formPhrase && r.Possessor:
		// "established ... on Russia's initiative"
		if patient = c.argEndingAt(t.From, r.Patient); patient != nil && patient.From >= 0 {
			agent = c.clauseSubject(patient.From, left, r.Agent)
			if k := patient.From - 2; k >= 1 && toks[k+1].Key != "," && toks[k].Key == "," && t.To < len(toks) && toks[t.To].Key == "," {
				agent = nil // "The Assembly, at Russia's initiative, approved X": an aside of the main verb, not what was set up
			}
		}
	case t.form == formPhrase:
		if org, person := x.titleOfOrganisation(c, t); person != nil {
			agent, patient = org, person // "Secretary of the Security Council Oleg Roe"
			break
		}
		agent = c.nearestLeft(t.From, left, r.Agent)
		activeClause = true
		if r.Adjacent && agent != nil && !c.adjacentBefore(agent, t.From) {
			agent = nil // "entities responsible for": the subject is a phrase of its own
		}
		if agent == nil {
			agent = x.appositiveName(c, t) // "Vladimir Roe, head of the UN office"
		}
		if r.Implicit {
			patient = c.implicitPatient(t, r.Patient) // "X joined the consensus."
		} else {
			patient = x.directObject(c, t, right)
		}
	}
	if r.Mutual && c.reciprocal {
		if d := c.dyadArg(); d != nil {
			x.mutual(c, t, d)
			return
		}
	}
	if r.Voice {
		// "Russia violated the UN Charter": the claimant upholds it.
		agent = nil
		if c.reporter != nil && fits(c.reporter, r.Agent) {
			agent = &arg{From: -1, To: -1, ents: c.reporter.one()}
		} else if we := c.st.weState(c.si); we != nil && fits(we, r.Agent) {
			agent = &arg{From: -1, To: -1, ents: we.one()}
		}
		if agent == nil || patient == nil || x.negated(c, t, agent) {
			return
		}
		x.emit(c, t, agent, patient, false)
		if ex := c.instancesAfter(patient, r.Patient); ex != nil {
			x.emit(c, t, agent, ex, false)
		}
		return
	}
	if agent == nil && activeClause {
		if agent = c.coordinatedSubject(t, left, r.Agent); agent == &unnamedSubject {
			return
		} else if agent == nil {
			agent = c.frontedClauseSubject(t, patient, r.Agent)
		}
	}
	if agent == nil {
		// "58 voted against it, including Canada, the EU and Georgia"
		agent = c.includingAfter(t.To, r.Agent)
	}
	if we := c.st.weState(c.si); we != nil {
		self := &arg{From: -1, To: -1, ents: we.one()}
		if agent == nil && r.Speaker == "agent" && fits(we, r.Agent) && !(activeClause && c.nounSubject(t)) {
			agent = self
		}
		if patient == nil && r.Speaker == "patient" && fits(we, r.Patient) {
			patient = self
		}
	}
	if agent != nil && c.weSpeaks(agent) {
		if p := x.teller(c, t); p != nil {
			agent = p // "I told President Roe that we need X": the teller's position
		}
	}
	if agent == nil || patient == nil || !r.Modal && x.proposedAct(c, t) {
		return
	}
	if len(r.Complement) > 0 && !c.complementAfter(patient, r.Complement) {
		return
	}
	if !r.Modal && x.modal(c, t) {
		return
	}
	if x.notRuledOut(c, t) {
		return // "we have not ruled out sanctions": a possibility, no fact and no denial
	}
	// A negated statement ("we did not end it") asserts nothing, but it is
	// a claim: a denial that the contradictions query sets against the
	// claims that assert the same fact.
	negative := x.negated(c, t, agent)
	if c.answer < 0 {
		negative = !negative // "Does Chile support X? — No."
	}
	x.emit(c, t, agent, patient, negative)
	if r.Relation == "advocates" && !negative && agent.From >= 0 {
		x.regretted(c, t, agent, patient)
	}
	if r.Relation == "advocates" && negative && c.answer == 0 {
		x.refusedSupport(c, t, agent, patient)
	}
	if r.Joins {
		x.joinObjects(c, t, agent, patient, negative)
	}
	if ex := c.instancesAfter(patient, r.Patient); ex != nil {
		// "the applicability of international law, in particular the UN
		// Charter": the instance named too.
		x.emit(c, t, agent, ex, negative)
	}
	accuser := c.reporter
	if accuser == nil && t.form == formPhrase && c.toks[t.From].Key == "as" && agent.From > 1 {
		// "Germany named the GRU as the culprit behind X": who names
		// accuses.
		v := agent.From - 1
		if c.toks[v].Key == "the" {
			v--
		}
		if namer := c.nearestLeft(v, 6, []string{"State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody"}); namer != nil && v > 0 && x.isWord("naming", c.toks[v].Key) {
			accuser = namer.ents[0]
		}
	}
	if accuser == nil {
		accuser = c.st.weState(c.si) // a statement in the speaker's own voice
	}
	culprit := agent
	if r.Subject == "patient" {
		culprit = patient // "The attack bore the hallmarks of the GRU"
	}
	if r.Relation == "responsibleFor" && !negative && accuser != nil && !c.heldResponsible(culprit) &&
		hasType([]string{"State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody"}, accuser.Type) {
		// "Canada said the GRU was behind the attack", "According to the
		// UK, the GRU carried it out", "The SVR was behind it" in a US
		// statement: the reporter, or the speaker's state, accuses the culprit.
		said := *r
		said.ID, said.Relation, said.Event, said.Subject = r.ID+"/said", "accuses", "", "agent"
		if culprit := filtered(culprit, []string{"State", "GovernmentAgency", "Person", "InternationalOrganization"}); culprit != nil {
			rep := &arg{From: -1, To: -1, ents: accuser.one()}
			x.emit(c, trigger{From: t.From, To: t.To, triggerForm: triggerForm{rule: &said, form: t.form}}, rep, culprit, false)
		}
	}
	if r.Relation == "accuses" && r.Subject == "agent" {
		if act := c.accusedAct(t, patient); act != nil {
			// "blamed Russia for the NotPetya attack": Russia is said to
			// be responsible for it.
			resp := *r
			resp.ID, resp.Relation, resp.Event = r.ID+"/act", "responsibleFor", ""
			x.emit(c, trigger{From: t.From, To: t.To, triggerForm: triggerForm{rule: &resp, form: t.form}}, patient, act, negative)
		}
	}
}

// accusedAct finds the act an accusation names: an incident between the
// trigger and the accused ("attributed the SolarWinds compromise to the
// SVR") or after "for"/"of" right after the accused ("blamed Russia for the
// NotPetya attack", "accused the GRU of the NotPetya attack").
func (c *sentenceCtx) accusedAct(t trigger, accused *arg) *arg {
	if accused.From < 0 {
		return nil // the speaker's state, named nowhere
	}
	event := []string{"Event"}
	for k := range c.args {
		a := &c.args[k]
		if a.From >= t.To && a.To <= accused.From && objectGap(c.toks[t.To:a.From]) {
			if f := filtered(a, event); f != nil {
				return f
			}
		}
	}
	// "for X" right after the accused, or a coordinated "and of X" after a
	// first complement ("accused Russia of interfering in the elections
	// and of the SolarWinds cyberattack").
	for j := accused.To; j < len(c.toks) && j < accused.To+14; j++ {
		if c.isBoundary(j) {
			break
		}
		if !oneOf(c.toks[j].Key, "for", "of") || j > accused.To && c.toks[j-1].Key != "and" {
			continue
		}
		if a := c.nearestRight(j+1, 3, event); a != nil && objectGap(c.toks[j+1:a.From]) {
			return a
		}
	}
	return nil
}

// intentionBefore: an intention word ("plans", "called on X", "urged")
// within four tokens before the "to" at index i.
func (x *Extractor) intentionBefore(toks []Token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-6; j-- { // "proposed to the American side to resume"
		if x.wIntention[toks[j].Key] {
			return true
		}
	}
	return false
}

// agreedToSetUp reads "X and Y agreed to launch a dialogue": the new format
// is not set up yet, but the parties that agreed on it take part in it. It
// emits participatesIn facts (rule "<id>/agreed") when the word before
// "to" is one of the lexicon's "agreeing" words.
func (x *Extractor) agreedToSetUp(c *sentenceCtx, t trigger, left, right int) {
	toks := c.toks
	k := t.From - 2
	if k > 0 && x.wAdverb[toks[k].Key] { // "agreed today to launch"
		k--
	}
	if k < 0 || !x.isWord("agreeing", toks[k].Key) {
		return
	}
	r := t.rule
	agent := c.nearestLeft(k+1, left, []string{"State", "GovernmentAgency", "InternationalOrganization", "Person"})
	if agent != nil {
		agent = c.st.statesOf(agent) // "Biden and Putin agreed to launch X": their states take part
	}
	patient := x.directObject(c, t, right)
	if agent == nil || patient == nil || patient.place != "" {
		return
	}
	if patient = filtered(patient, []string{"BilateralFormat", "IntergovernmentalBody", "Event"}); patient == nil {
		return
	}
	joined := *r
	joined.ID, joined.Relation, joined.Subject, joined.Event = r.ID+"/agreed", "participatesIn", "agent", ""
	jt := trigger{From: t.From, To: t.To, triggerForm: triggerForm{rule: &joined, form: t.form}}
	x.emit(c, jt, agent, patient, x.negated(c, jt, agent))
}

// askedToAct: the agent before "to" + trigger is the object of a
// directive verb ("called on China to uphold", "urged all states to
// respect"), so the position is the asker's. It returns the asker (nil if
// none is named) and whether the pattern holds.
func (x *Extractor) askedToAct(c *sentenceCtx, t trigger, agent *arg, window int, types []string) (*arg, bool) {
	toks := c.toks
	if t.From < 2 || toks[t.From-1].Key != "to" || agent.To > t.From-1 || agent.From < 1 {
		return nil, false
	}
	if !onlyWords(toks[agent.To:t.From-1], "also", "then", "both", "all") {
		return nil, false
	}
	b := agent.From - 1
	if oneOf(toks[b].Key, "on", "upon") && b > 0 {
		b--
	}
	for b > 0 && oneOf(toks[b].Key, "all", "the", "both") {
		b--
	}
	if !x.isWord("directive", toks[b].Key) {
		return nil, false
	}
	return c.nearestLeft(b, window, types), true
}

// negated: a negation between the agent and the trigger, or right before
// the trigger, means the sentence does not assert the fact.
func (x *Extractor) negated(c *sentenceCtx, t trigger, agent *arg) bool {
	from := t.From - 3
	if agent.To >= 0 && agent.To < t.From && agent.To < from {
		from = agent.To
	}
	for j := max(from, 0); j < t.From; j++ {
		if x.wNegation[c.toks[j].Key] || (c.toks[j].Key == "t" && j > 0 && c.toks[j-1].Key == "'") {
			if !c.negatesEarlierVerb(j, t) {
				return true
			}
		}
	}
	return false
}

// notRuledOut: a negated verb of exclusion stands within five tokens
// before the trigger ("have not ruled out sanctions", "does not exclude
// the suspension of"): the fact is only possible (lexicon words:
// exclusion).
func (x *Extractor) notRuledOut(c *sentenceCtx, t trigger) bool {
	neg := false
	for j := max(t.From-6, 0); j < t.From; j++ {
		k := c.toks[j].Key
		if x.wNegation[k] || k == "t" && j > 0 && c.toks[j-1].Key == "'" {
			neg = true
		} else if neg && x.isWord("exclusion", k) {
			return true
		}
	}
	return false
}

// negatesEarlierVerb: the negation at token j belongs to another verb
// between it and t, coordinated with t ("does not support A and backs B":
// backing is asserted). "did not sign or ratify" keeps the negation: "or"
// is no coordination here.
func (c *sentenceCtx) negatesEarlierVerb(j int, t trigger) bool {
	for _, v := range c.trigs {
		if v.form == formNoun || v.From <= j || v.To > t.From || v.From == t.From {
			continue
		}
		for k := v.To; k < t.From; k++ {
			if oneOf(c.toks[k].Key, "and", "but", ",") {
				return true
			}
		}
	}
	return false
}

// modal: a modal verb or conditional within three tokens before the
// trigger makes it hypothetical.
func (x *Extractor) modal(c *sentenceCtx, t trigger) bool {
	for j := max(t.From-3, 0); j < t.From; j++ {
		if c.toks[j].Text == "May" && j > 0 {
			continue // the month ("On 10 May, Chile attributed ..."), not the modal
		}
		if x.wModal[c.toks[j].Key] && !(j+1 < len(c.toks) && oneOf(c.toks[j+1].Key, "continue", "keep")) {
			return true // not "we will continue to hold X accountable": it goes on
		}
	}
	return false
}

// hedged: a hedge word before the trigger lowers the certainty.
func (x *Extractor) hedged(c *sentenceCtx, t trigger) bool {
	for j := 0; j < t.From; j++ {
		if x.wHedge[c.toks[j].Key] {
			return true
		}
	}
	return false
}

func sortArgs(a []arg) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j].From < a[j-1].From; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// mutual records the fact in both directions within the dyad ("both
// sides accused one another").
func (x *Extractor) mutual(c *sentenceCtx, t trigger, d *arg) {
	for _, a := range d.ents {
		for _, b := range d.ents {
			if a != b {
				x.emit(c, t, &arg{From: d.From, To: d.To, ents: a.one()}, &arg{From: d.From, To: d.To, ents: b.one()}, false)
			}
		}
	}
}

// emit records one fact per agent and patient entity.
func (x *Extractor) emit(c *sentenceCtx, t trigger, agent, patient *arg, negative bool) {
	r := t.rule
	date := c.factDate(Token{Start: c.toks[t.From].Start, End: c.toks[t.To-1].End}, agent, patient)
	cert := 0.0
	if x.hedged(c, t) {
		cert = 0.5
	}
	claimant := c.st.claimant(c.si)
	if c.reporter != nil {
		claimant = c.reporter
	}
	if c.answer != 0 {
		claimant = c.answerer // the question's fact, as the answer affirms or denies it
	}
	for _, a := range agent.ents {
		pats := patient.ents
		if patient.place != "" {
			pats = []*Entity{nil}
		}
		for _, p := range pats {
			if p == a {
				continue
			}
			f := Fact{Relation: r.Relation, Rule: r.ID, Sentence: c.si, Claimant: claimant, Date: date, Certainty: cert, Event: r.Event,
				ownVoice: claimant == c.st.claimant(c.si) && c.st.inSpeakerTurn(c.si), Negative: negative}
			subj, obj := a, p
			if r.Subject == "patient" {
				subj, obj = p, a
			}
			if subj == nil { // a literal cannot be a subject
				continue
			}
			f.Subject, f.Object = subj, obj
			if obj == nil {
				f.Literal = patient.place
			}
			c.st.res.Facts = append(c.st.res.Facts, f)
			if obj == nil && r.Relation == "heldIn" {
				// "held in Lima on 3 May 2019 and in Quito on 5 June
				// 2019": each place with its own date.
				for next := patient; ; {
					var d Date
					if next, d = c.nextPlace(next); next == nil {
						break
					}
					g := f
					g.Literal, g.Date = next.place, d
					c.st.res.Facts = append(c.st.res.Facts, g)
				}
			}
		}
	}
}

// adverbsOnly: gap is blank or at most two lower-case words, each an
// adverb in "-ly" or a past verb in "-ed", the verb of a noun trigger
// ("today *imposed* restrictive measures on"); not "on Friday following the
// adoption", whose date is the following's.
func adverbsOnly(gap string) bool {
	w := strings.Fields(gap)
	if len(w) > 2 {
		return false
	}
	for _, x := range w {
		if !strings.HasSuffix(x, "ly") && !strings.HasSuffix(x, "ed") {
			return false
		}
		for _, r := range x {
			if r < 'a' || r > 'z' {
				return false
			}
		}
	}
	return true
}

// nextPlace finds a place coordinated with the place argument p, each with
// its date: "in Lima on 3 May 2019 and in Quito on 5 June 2019". It returns the next place (nil if none) and the date after it.
func (c *sentenceCtx) nextPlace(p *arg) (*arg, Date) {
	toks := c.toks
	j := p.To
	for _, d := range c.dateMentions() { // the first place's own date
		if d.Start >= toks[j-1].End && d.Start-toks[j-1].End <= 4 {
			for j < len(toks) && toks[j].Start < d.End {
				j++
			}
			break
		}
	}
	if j+2 >= len(toks) || toks[j].Key != "and" || toks[j+1].Key != "in" {
		return nil, Date{}
	}
	next := c.placeAfter(j+2, nil)
	if next == nil {
		return nil, Date{}
	}
	for _, d := range c.dateMentions() {
		if d.Start >= toks[next.To-1].End && d.Start-toks[next.To-1].End <= 4 {
			return next, d.Date
		}
	}
	return next, Date{}
}

// factDate: a date inside an argument ("the 2021 Geneva summit") dates the
// fact; else the sentence's date expression outside any argument.
func (c *sentenceCtx) factDate(trig Token, args ...*arg) Date {
	inside := func(d DateMention, a *arg) bool {
		return a != nil && a.From >= 0 && d.Start >= c.toks[a.From].Start && d.End <= c.toks[a.To-1].End
	}
	for _, d := range c.dateMentions() {
		for _, a := range args {
			if inside(d, a) {
				return d.Date
			}
		}
	}
	// Of the dates outside any name: the first one after the trigger in
	// the same clause ("the adoption of this resolution ... on November
	// 18"), else the nearest one before it ("In March 2022, the US ...").
	text := c.st.doc.Text
	for _, d := range c.dateMentions() {
		// "The Council today imposed ...", "X on Monday formally accused
		// ...": a date right before the verb is the verb's, whatever dates
		// its objects carry ("an attack in May 2015").
		if d.End <= trig.Start && trig.Start-d.End <= 24 && adverbsOnly(text[d.End:trig.Start]) {
			return d.Date
		}
	}
	var before Date
	for _, d := range c.dateMentions() {
		free := true
		for k := range c.args {
			if inside(d, &c.args[k]) {
				free = false
			}
		}
		switch {
		case !free:
		case d.Start >= trig.End:
			// A verb of its own in between ("sponsored the resolution ...
			// will begin in 2021") dates another clause.
			if !strings.ContainsAny(text[trig.End:d.Start], ",;:") && !c.auxiliaryBetween(trig.End, d.Start) && !periodBefore(text[trig.End:d.Start]) {
				return d.Date
			}
		case d.End <= trig.Start:
			if !periodBefore(text[c.toks[0].Start:d.Start]) { // "a group for 2021-2025, chaired by ..."
				before = d.Date
			}
		}
	}
	if before.IsZero() && c.toks[0].Key == "it" {
		before = c.previousDateOf(trig)
	}
	return before
}

// periodBefore: the words before a date make it a period or a deadline
// ("a working group for 2021-2025", "for the period 2021-2025", "until
// 2025"), not the time of the act. It reads the last words of text from
// the end, without splitting it (it runs for every fact with a date after
// its verb).
func periodBefore(text string) bool {
	last := func() string {
		text = strings.TrimRight(text, " \t\n\r")
		i := strings.LastIndexAny(text, " \t\n\r")
		w := text[i+1:]
		text = text[:i+1]
		return w
	}
	w := last()
	if w != "" && strings.TrimRight(w, "0123456789–-") == "" {
		w = last() // "for 2021–2025": the end of the range
	}
	if oneOfFold(w, "period", "years", "term") {
		if the := last(); strings.EqualFold(the, "the") {
			w = last()
		} else {
			return false
		}
	}
	return oneOfFold(w, "for", "until", "till", "through", "by")
}

func oneOfFold(w string, words ...string) bool {
	for _, x := range words {
		if strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}
