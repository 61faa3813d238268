package extract

// pairParticipants reads the states that a format or event is named after
// as its participants: "Russian-American consultations", "US-Russia talks",
// "the hotline between Moscow and Washington", "the bilateral working
// group" of a text about two states. Each of them participatesIn the format
// or event.
func (x *Extractor) pairParticipants(c *sentenceCtx) {
	toks := c.toks
	for _, a := range c.args {
		if len(a.ents) != 1 || a.From < 0 || !oneOf(a.ents[0].Type, "BilateralFormat", "Event") {
			continue
		}
		var states []*Entity
		from := a.From
		if toks[from].Key == "the" {
			from++
		}
		switch {
		case from > a.From && from < a.To && toks[from].Key == "bilateral", a.From > 0 && toks[a.From-1].Key == "bilateral":
			if len(c.st.dyad) == 2 {
				states = c.st.dyad
			}
		default:
			if states = c.statePairBefore(a.From); states == nil {
				states = c.statesBetween(a)
			}
		}
		for _, s := range states {
			c.st.res.Facts = append(c.st.res.Facts, Fact{Subject: s, Relation: "participatesIn", Object: a.ents[0],
				Rule: "pair-modifier", Sentence: c.si, Claimant: c.st.claimant(c.si)})
		}
	}
}

// statePairBefore finds two states named together right before token i
// ("Russian-American", "US–Russia"): two arguments of one state each,
// joined by a hyphen or a dash with no space.
func (c *sentenceCtx) statePairBefore(i int) []*Entity {
	var second *arg
	for k := range c.args {
		if c.args[k].To == i {
			second = &c.args[k]
		}
	}
	if second == nil || second.From < 2 || !oneState(second) {
		return nil
	}
	dash := c.toks[second.From-1]
	if !oneOf(dash.Key, "-", "–", "—", "/") {
		return nil
	}
	for k := range c.args {
		first := &c.args[k]
		if first.To == second.From-1 && oneState(first) && c.toks[first.To-1].End == dash.Start && dash.End == c.toks[second.From].Start &&
			first.ents[0] != second.ents[0] {
			return []*Entity{first.ents[0], second.ents[0]}
		}
	}
	return nil
}

// statesBetween finds the two states a format's name puts it between:
// "the hotline between Moscow and Washington", "consultations between
// Russia and China".
func (c *sentenceCtx) statesBetween(a arg) []*Entity {
	between := -1
	for k := a.From; k < a.To; k++ {
		if c.toks[k].Key == "between" {
			between = k
			break
		}
	}
	if between < 0 {
		return nil
	}
	// The sides: states, or agencies ("consultations between the Security
	// Council of the Russian Federation and the US National Security
	// Council"); the second may stand right after a description that the
	// first one's name ended.
	var sides []*Entity
	end := a.To
	for k := range c.args {
		b := &c.args[k]
		if b.From <= between || b.From > end || !oneSide(b) || len(sides) > 0 && sides[0] == b.ents[0] || len(sides) == 2 {
			continue
		}
		if b.To > a.To && !(len(sides) == 1 && b.From >= a.To && c.onlyAndBetween(a.To, b.From)) {
			continue
		}
		sides = append(sides, b.ents[0])
		end = max(end, b.To)
	}
	if len(sides) != 2 {
		return nil
	}
	return sides
}

// onlyAndBetween reports whether tokens i..j-1 are "and" with at most a
// determiner ("and the").
func (c *sentenceCtx) onlyAndBetween(i, j int) bool {
	return j-i >= 1 && j-i <= 2 && c.toks[i].Key == "and" && (j-i == 1 || c.toks[i+1].Key == "the")
}

// oneSide: an argument naming one state or one agency, a side of a format.
func oneSide(a *arg) bool {
	return len(a.ents) == 1 && (a.ents[0].Type == "State" || a.ents[0].Type == "GovernmentAgency")
}

func oneState(a *arg) bool { return len(a.ents) == 1 && a.ents[0].Type == "State" }
