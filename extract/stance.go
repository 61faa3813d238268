package extract

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
