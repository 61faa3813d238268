package extract

import "strings"

// regretted: "We regret that Chile pressed ahead with resolution 74/247",
// "Peru expresses its disappointment at the decision of Chile to press
// forward with this resolution": who regrets another's advocacy of an
// instrument opposes it. The regretter is the name before the word of regret
// (lexicon words `regret`), else the reporter, else the speaker's state.
func (x *Extractor) regretted(c *sentenceCtx, t trigger, agent, patient *arg) {
	if agent.From < 1 {
		return
	}
	w := -1
	for j := agent.From - 1; j >= 0 && j >= agent.From-6; j-- {
		if c.isBoundary(j) || x.wReporting[c.toks[j].Key] {
			break
		}
		if x.isWord("regret", c.toks[j].Key) {
			w = j
			break
		}
	}
	if w < 0 {
		return
	}
	types := []string{"State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody"}
	var who *arg
	if a := c.nearestLeft(w, 8, types); a != nil && a.To <= w {
		who = a
	} else if c.reporter != nil && fits(c.reporter, types) {
		who = &arg{From: -1, To: -1, ents: c.reporter.one()}
	} else if we := c.st.weState(c.si); we != nil {
		who = &arg{From: -1, To: -1, ents: we.one()}
	}
	if who == nil || who.ents[0] == agent.ents[0] {
		return
	}
	opp := *t.rule
	opp.ID, opp.Relation, opp.Event = t.rule.ID+"/regretted", "opposes", ""
	x.emit(c, trigger{From: t.From, To: t.To, triggerForm: triggerForm{rule: &opp, form: t.form}}, who, patient, false)
}

// thatClause returns the index of the last "that" before token i whose
// clause holds i (no boundary between), or -1.
func (c *sentenceCtx) thatClause(i int) int {
	for j := i - 1; j >= 0 && j >= i-12; j-- {
		if c.isBoundary(j) {
			return -1
		}
		if c.toks[j].Key == "that" {
			return j
		}
	}
	return -1
}

// teller: in "I told President Roe that we need X" (and in a relative
// clause inside that clause: "X that we can all abide by"), the person
// speaking (the sentence's claimant, when it is a person) holds the position
// the clause after "that" states in "we"'s name. It returns that person, or
// nil when the sentence is no such frame.
func (x *Extractor) teller(c *sentenceCtx, t trigger) *arg {
	that := false
	for j := t.From - 1; j >= 0 && j >= t.From-24; j-- {
		if c.isBoundary(j) {
			return nil
		}
		that = that || c.toks[j].Key == "that"
		if c.toks[j].Text != "I" {
			continue
		}
		if that && j+1 < t.From && x.isWord("telling", c.toks[j+1].Key) {
			if p := c.st.claimant(c.si); p != nil && p.Type == "Person" && c.answer == 0 && c.reporter == nil {
				return &arg{From: -1, To: -1, ents: p.one()}
			}
		}
		return nil
	}
	return nil
}

// weSpeaks reports whether a is the speaker's "we" (a pronoun mention or the
// speaker fallback, no name of the text).
func (c *sentenceCtx) weSpeaks(a *arg) bool {
	return a.From < 0 || a.From < len(c.toks) && oneOf(c.toks[a.From].Key, "we", "us", "our")
}

// proposedAct reports whether trigger t is the act of a clause after a
// verb of proposing ("I proposed to President Roe that we establish a
// working group"): proposed, not done.
func (x *Extractor) proposedAct(c *sentenceCtx, t trigger) bool {
	if t.form != formActive || strings.HasSuffix(c.toks[t.From].Key, "ed") {
		return false
	}
	that := c.thatClause(t.From)
	if that < 1 {
		return false
	}
	for j := that - 1; j >= 0 && j >= that-6; j-- {
		if x.isWord("proposing", c.toks[j].Key) {
			return true
		}
	}
	return false
}

// joinObjects: for a rule with `joins`, the actors named between the verb
// and the patient ("incorporate allies, including Chile and Peru, into the
// exercise") are agents too.
func (x *Extractor) joinObjects(c *sentenceCtx, t trigger, agent, patient *arg, negative bool) {
	if patient.From < 0 {
		return
	}
	for k := range c.args {
		a := &c.args[k]
		if a.From < t.To || a.To > patient.From || a.From == agent.From {
			continue
		}
		if f := filtered(a, t.rule.Agent); f != nil {
			x.emit(c, t, f, patient, negative)
		}
	}
}

// heldResponsible reports whether the culprit a is the object of "hold"
// ("Germany holds Russia responsible for the hack"): the holder accuses it
// (rule hold-responsible), not the speaker.
func (c *sentenceCtx) heldResponsible(a *arg) bool {
	j := a.From - 1
	return j >= 0 && oneOf(c.toks[j].Key, "hold", "holds", "held", "holding")
}

// proposedToSetUp reads "Chile proposed to establish a Programme of Action"
// and "the Chilean initiative to establish X": the new format is not set up,
// but whoever proposes it advocates it (rule "<id>/proposed"), when the
// word before "to" is a verb of proposing (lexicon `proposing`) or a noun
// of proposal (initiative, proposal, idea, suggestion).
func (x *Extractor) proposedToSetUp(c *sentenceCtx, t trigger, left, right int) {
	toks := c.toks
	k := t.From - 2
	if k > 0 && x.wAdverb[toks[k].Key] {
		k--
	}
	if k < 0 || !x.isWord("proposing", toks[k].Key) && !oneOf(toks[k].Key, "initiative", "initiatives", "proposal", "proposals", "idea", "suggestion") {
		return
	}
	r := t.rule
	types := []string{"State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody", "Person"}
	agent := c.nearestLeft(k+1, left, types)
	patient := x.directObject(c, t, right)
	if agent == nil || patient == nil || patient.place != "" {
		return
	}
	if patient = filtered(patient, []string{"BilateralFormat", "IntergovernmentalBody", "Agreement", "Document", "Event"}); patient == nil {
		return
	}
	prop := *r
	prop.ID, prop.Relation, prop.Subject, prop.Event = r.ID+"/proposed", "advocates", "agent", ""
	pt := trigger{From: t.From, To: t.To, triggerForm: triggerForm{rule: &prop, form: t.form}}
	x.emit(c, pt, agent, patient, x.negated(c, pt, agent))
	if k > 0 && toks[k].Key != "initiative" {
		return
	}
	// "the French-Egyptian initiative": each demonym before the noun.
	for j := range c.args {
		if a := &c.args[j]; a.To <= agent.From && a.To >= agent.From-1 && filtered(a, types) != nil && (a.To == agent.From || toks[a.To].Key == "-") {
			x.emit(c, pt, filtered(a, types), patient, x.negated(c, pt, agent))
		}
	}
}

// refusedSupport: "We will not support it", "Chile cannot support this
// resolution": a refusal, in the present or the future, to support an
// instrument opposes it. "did not support" is left alone: a state that
// abstained did not support the text either.
func (x *Extractor) refusedSupport(c *sentenceCtx, t trigger, agent, patient *arg) {
	if t.form != formActive || !oneOf(c.toks[t.From].Key, "support", "back", "endorse", "accept") {
		return
	}
	j := t.From - 1
	if j > 0 && x.wAdverb[c.toks[j].Key] {
		j--
	}
	switch {
	case j >= 0 && c.toks[j].Key == "cannot":
	case j >= 1 && c.toks[j].Key == "not" && oneOf(c.toks[j-1].Key, "will", "can", "does", "do", "could", "would", "shall"):
	case j >= 2 && c.toks[j].Key == "t" && oneOf(c.toks[j-1].Key, "'", "’") && oneOf(c.toks[j-2].Key, "won", "can", "doesn", "don"):
	default:
		return
	}
	opp := *t.rule
	opp.ID, opp.Relation, opp.Event = t.rule.ID+"/refused", "opposes", ""
	x.emit(c, trigger{From: t.From, To: t.To, triggerForm: triggerForm{rule: &opp, form: t.form}}, agent, patient, false)
}
