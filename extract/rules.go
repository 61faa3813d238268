package extract

import (
	"github.com/dipgraph/dipgraph/ontology"
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
	if last := toks[len(toks)-1]; last.Key == "?" {
		return // questions assert nothing
	}
	right := r.Window
	if right == 0 {
		right = defaultRightWindow
	}
	var agent, patient *arg
	switch t.form {
	case formActive, formPassive:
		if by := x.byAfter(c, t.To); by >= 0 {
			agent = c.nearestRight(by, right, r.Agent)
			patient = c.nearestLeft(t.From, defaultLeftWindow, r.Patient)
		} else if t.form == formPassive && t.From > 0 && isBe(toks[t.From-1].Key) {
			patient = c.nearestLeft(t.From, defaultLeftWindow, r.Patient)
		} else {
			if t.From > 0 && (toks[t.From-1].Key == "to" || toks[t.From-1].Key == "from") && !r.Modal {
				return // "to establish", "prevented from establishing": not done
			}
			agent = c.nearestLeft(t.From, defaultLeftWindow, r.Agent)
			patient = c.nearestRight(t.To, right, r.Patient)
		}
	case formNoun:
		if t.To < len(toks) && oneOf(toks[t.To].Key, "of", "on", "against", "with", "to") {
			patient = c.nearestRight(t.To, 8, r.Patient)
		}
		if patient == nil && r.NewNP != "" && t.To < len(toks) && toks[t.To].Key == "of" {
			patient = x.newNP(c, t.To+1, r)
		}
		if patient != nil {
			if by := x.byAfter(c, patient.To); by >= 0 {
				agent = c.nearestRight(by, right, r.Agent)
			}
		}
		if agent == nil {
			agent = c.nearestLeft(t.From, defaultLeftWindow, r.Agent)
		}
	case formPhrase:
		agent = c.nearestLeft(t.From, defaultLeftWindow, r.Agent)
		patient = c.nearestRight(t.To, right, r.Patient)
	}
	if r.Mutual && c.reciprocal {
		if d := c.dyadArg(); d != nil {
			x.mutual(c, t, d)
			return
		}
	}
	if patient == nil && r.NewNP != "" && (t.form == formActive || t.form == formPhrase) {
		patient = x.newNP(c, t.To, r)
	}
	if patient == nil && hasType(r.Patient, "Literal") {
		patient = c.placeAfter(t.To)
	}
	if c.st.state != nil && c.st.inSpeakerTurn(c.si) {
		self := &arg{From: -1, To: -1, ents: []*Entity{c.st.state}}
		if agent == nil && r.Speaker == "agent" && fits(c.st.state, r.Agent) {
			agent = self
		}
		if patient == nil && r.Speaker == "patient" && fits(c.st.state, r.Patient) {
			patient = self
		}
	}
	if agent == nil || patient == nil || x.negated(c, t, agent) {
		return
	}
	if !r.Modal && x.modal(c, t) {
		return
	}
	x.emit(c, t, agent, patient)
}

// byAfter returns the index of "by" within two tokens after i, or -1.
func (x *Extractor) byAfter(c *sentenceCtx, i int) int {
	for j := i; j < len(c.toks) && j < i+3; j++ {
		if c.toks[j].Key == "by" {
			return j + 1
		}
		if !c.toks[j].IsWord() && c.toks[j].Key != "," {
			return -1
		}
	}
	return -1
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
			if c.isBoundary(j) {
				return nil
			}
		}
		dist += pos - a.To
		if dist > window {
			return nil
		}
		if f := filtered(a, types); f != nil {
			return f
		}
		pos = a.From
	}
	return nil
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
		if f := filtered(a, types); f != nil {
			return f
		}
		pos = a.To
	}
	return nil
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
func (c *sentenceCtx) placeAfter(i int) *arg {
	for k := range c.args {
		if c.args[k].From == i && c.args[k].place != "" {
			return &c.args[k]
		}
	}
	j := i
	for j < len(c.toks) && j < i+3 && c.toks[j].IsWord() && isCapitalized(c.toks[j].Text) {
		j++
	}
	if j == i {
		return nil
	}
	return &arg{From: i, To: j, place: c.st.doc.Text[c.toks[i].Start:c.toks[j-1].End]}
}

// negated: a negation between the agent and the trigger, or right before
// the trigger, means the sentence does not assert the fact.
func (x *Extractor) negated(c *sentenceCtx, t trigger, agent *arg) bool {
	from := t.From - 3
	if agent.To >= 0 && agent.To < t.From && agent.To < from {
		from = agent.To
	}
	for j := max(from, 0); j < t.From; j++ {
		if x.isWord("negation", c.toks[j].Key) || (c.toks[j].Key == "t" && j > 0 && c.toks[j-1].Key == "'") {
			return true
		}
	}
	return false
}

// modal: a modal verb or conditional within three tokens before the
// trigger makes it hypothetical.
func (x *Extractor) modal(c *sentenceCtx, t trigger) bool {
	for j := max(t.From-3, 0); j < t.From; j++ {
		if x.isWord("modal", c.toks[j].Key) {
			return true
		}
	}
	return false
}

// hedged: a hedge word before the trigger lowers the certainty.
func (x *Extractor) hedged(c *sentenceCtx, t trigger) bool {
	for j := 0; j < t.From; j++ {
		if x.isWord("hedge", c.toks[j].Key) {
			return true
		}
	}
	return false
}

// newNP makes a new entity of the rule's new_np type from the noun phrase
// starting at token i, when its head fits the type (lexicon heads).
func (x *Extractor) newNP(c *sentenceCtx, i int, r *ontology.Rule) *arg {
	toks := c.toks
	for i < len(toks) && x.isWord("determiner", toks[i].Key) {
		i++
	}
	start := i
	j := i
	for j < len(toks) && j-start < 9 {
		k := toks[j].Key
		if !toks[j].IsWord() && k != "-" {
			break
		}
		if k == "-" && (j == start || j+1 >= len(toks) || !toks[j+1].IsWord()) {
			break
		}
		if oneOf(k, "and", "or", "which", "that", "who", "as", "by", "with", "to", "for", "in", "is", "are", "was", "were", "will", "would", "but", "from", "at", "than", "if", "because") {
			break
		}
		j++
	}
	for j > start && oneOf(toks[j-1].Key, "of", "on", "between", "-") {
		j--
	}
	if j-start < 1 || !toks[start].IsWord() || isCapitalized(toks[start].Text) && j-start == 1 {
		return nil
	}
	if heads := x.Lexicon.Heads[r.NewNP]; r.NewNP != "Principle" {
		ok := false
		for _, h := range heads {
			if toks[start].Key == h {
				ok = true
			}
		}
		if !ok {
			return nil
		}
	} else if j-start < 2 {
		return nil
	}
	for _, a := range c.args { // a phrase with a known name in it is not new
		if a.From < j && a.To > start && a.place == "" && (!a.pronoun || a.From <= start || a.To > j) {
			return nil
		}
	}
	st := c.st
	a, b := toks[start].Start, toks[j-1].End
	e := st.newEntity(r.NewNP, st.doc.Text[a:b], r.ID)
	st.addMention(a, b, []*Entity{e}, "new", c.si)
	na := arg{From: start, To: j, ents: []*Entity{e}}
	c.args = append(c.args, na)
	sortArgs(c.args)
	return &na
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
				x.emit(c, t, &arg{From: d.From, To: d.To, ents: []*Entity{a}}, &arg{From: d.From, To: d.To, ents: []*Entity{b}})
			}
		}
	}
}

// emit records one fact per agent and patient entity.
func (x *Extractor) emit(c *sentenceCtx, t trigger, agent, patient *arg) {
	r := t.rule
	date := c.factDate(agent, patient)
	cert := 0.0
	if x.hedged(c, t) {
		cert = 0.5
	}
	claimant := c.st.claimant(c.si)
	for _, a := range agent.ents {
		pats := patient.ents
		if patient.place != "" {
			pats = []*Entity{nil}
		}
		for _, p := range pats {
			if p == a {
				continue
			}
			f := Fact{Relation: r.Relation, Rule: r.ID, Sentence: c.si, Claimant: claimant, Date: date, Certainty: cert, Event: r.Event}
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
		}
	}
}

// factDate: a date inside an argument ("the 2021 Geneva summit") dates the
// fact; else the sentence's date expression outside any argument.
func (c *sentenceCtx) factDate(args ...*arg) Date {
	inside := func(d DateMention, a *arg) bool {
		return a != nil && a.From >= 0 && d.Start >= c.toks[a.From].Start && d.End <= c.toks[a.To-1].End
	}
	for _, d := range c.dates {
		for _, a := range args {
			if inside(d, a) {
				return d.Date
			}
		}
	}
	for _, d := range c.dates {
		free := true
		for k := range c.args {
			if inside(d, &c.args[k]) {
				free = false
			}
		}
		if free {
			return d.Date
		}
	}
	return Date{}
}
