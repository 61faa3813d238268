package extract

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

// describer finds new entities named by description (lexicon.yaml
// descriptions): compiled once per Extractor.
type describer struct {
	heads      map[string][][]string // type -> head phrases as token keys, longest first
	connectors map[string]map[string]bool
	numbered   []numbered
	types      []string // sorted, for a stable order
	// firstKeys are the first token keys of all heads: a head can start
	// only there (nil when a head has no tokens, and so starts anywhere).
	firstKeys map[string]bool
}

type numbered struct {
	typ string
	re  *regexp.Regexp
	lit string // a string every match contains ("" if none is known)
}

func newDescriber(ds map[string]ontology.Description) (*describer, error) {
	d := &describer{heads: map[string][][]string{}, connectors: map[string]map[string]bool{}, firstKeys: map[string]bool{}}
	emptyHead := false
	for typ, desc := range ds {
		d.types = append(d.types, typ)
		for _, h := range desc.Heads {
			k := keys(TokenizeString(h))
			d.heads[typ] = append(d.heads[typ], k)
			if len(k) == 0 {
				emptyHead = true
			} else {
				d.firstKeys[k[0]] = true
			}
		}
		sort.Slice(d.heads[typ], func(a, b int) bool { return len(d.heads[typ][a]) > len(d.heads[typ][b]) })
		d.connectors[typ] = map[string]bool{}
		for _, c := range desc.Connectors {
			d.connectors[typ][c] = true
		}
		for _, p := range desc.Numbered {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, err
			}
			d.numbered = append(d.numbered, numbered{typ, re, requiredLiteral(p)})
		}
	}
	if emptyHead {
		d.firstKeys = nil
	}
	sort.Strings(d.types)
	return d, nil
}

// requiredLiteral returns the longest literal string that every match of
// the regular expression contains, found in its syntax tree ("" if it
// cannot tell): a sentence without it needs no matching.
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	var walk func(re *syntax.Regexp) string
	walk = func(re *syntax.Regexp) string {
		switch re.Op {
		case syntax.OpLiteral:
			if re.Flags&syntax.FoldCase != 0 {
				return ""
			}
			return string(re.Rune)
		case syntax.OpCapture, syntax.OpPlus:
			return walk(re.Sub[0])
		case syntax.OpRepeat:
			if re.Min >= 1 {
				return walk(re.Sub[0])
			}
		case syntax.OpConcat:
			best, run := "", "" // run: the literals right before sub, joined
			for _, sub := range re.Sub {
				l := walk(sub)
				if sub.Op == syntax.OpLiteral && l != "" {
					run += l
					l = run
				} else {
					run = ""
				}
				if len(l) > len(best) {
					best = l
				}
			}
			return best
		}
		return ""
	}
	return walk(re)
}

// describe adds the described entities of a sentence to its mentions and
// arguments, on tokens no name covers.
func (x *Extractor) describe(c *sentenceCtx) {
	d := x.describer
	toks := c.toks
	covered := c.st.coveredScratch(len(toks))
	for _, a := range c.args {
		for k := a.From; k < a.To && k < len(toks); k++ {
			covered[k] = true
		}
	}
	free := func(a, b int) bool {
		for k := a; k < b; k++ {
			if covered[k] {
				return false
			}
		}
		return true
	}
	// add records the description toks[from:to] as a mention; topic is the
	// span that may name a known title (empty for numbered forms).
	var creator *ontology.Entry // the known document an open description is (see createdBy)
	add := func(typ string, from, to, labelFrom, labelTo, topicFrom, topicTo int) {
		st := c.st
		if labelFrom == from {
			if k := c.organisationBefore(from, typ == "GovernmentAgency"); k >= 0 {
				// "a General Assembly resolution on X": the body names
				// whose the document is; it stays mentioned, but it is no
				// argument of its own next to the document.
				from, labelFrom = c.args[k].From, c.args[k].From
				c.args = append(c.args[:k], c.args[k+1:]...)
			}
		}
		a, b := toks[from].Start, toks[to-1].End
		var e *Entity
		kind := "new"
		if creator != nil {
			e, kind = st.entity(creator), "title"
		} else if topicTo > topicFrom {
			year := st.titleYear()
			if y := yearBefore(toks, from); y > 0 {
				year = y // "the 2015 intergovernmental agreement on ..."
			} else if typ == "Agreement" {
				for _, d := range c.dateMentions() {
					if d.End <= toks[from].Start && !d.Date.IsZero() {
						year = d.Date.Year // "In 2015, X and Y signed an agreement on ..."
					}
				}
			}
			if entry := x.titles.lookup(toks[topicFrom:topicTo], typ, year); entry != nil {
				e, kind = st.entity(entry), "title"
			}
		}
		if e == nil && (typ == "IntergovernmentalBody" || typ == "BilateralFormat" || typ == "Agreement") {
			// "the expert group on cybersecurity" in a text naming both
			// its parties: the known format all of whose words it uses
			// ("a United Nations convention against cybercrime" is the
			// UN Convention against Cybercrime).
			types := []string{"IntergovernmentalBody", "BilateralFormat"}
			if typ == "Agreement" {
				types = []string{typ}
			}
			if en := st.describedEntry(types, toks[modifiersFrom(toks, labelFrom):labelTo]); en != nil {
				e, kind = st.entity(en), "title"
			}
		}
		if e == nil {
			e = st.newEntity(typ, st.doc.Text[toks[labelFrom].Start:toks[labelTo-1].End], "description")
		}
		st.addMention(a, b, e.one(), kind, c.si)
		c.args = append(c.args, arg{From: from, To: to, ents: e.one()})
		for k := from; k < to; k++ {
			covered[k] = true
		}
	}
	// Numbered forms: "resolution 65/230", "Executive Order 13873".
	s := c.st.doc.Sentences[c.si]
	text := c.st.doc.Text[s.Start:s.End]
	for _, n := range d.numbered {
		if !c.hasDigit { // every numbered form has one
			break
		}
		if n.lit != "" && !strings.Contains(text, n.lit) {
			continue
		}
		for _, m := range n.re.FindAllStringIndex(text, -1) {
			from, to := tokenSpan(toks, s.Start+m[0], s.Start+m[1])
			if from >= 0 && free(from, to) {
				add(n.typ, from, to, from, to, 0, 0)
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		if covered[i] || d.firstKeys != nil && c.info(i).flags&tokHeadStart == 0 {
			continue
		}
		for _, typ := range d.types {
			h := matchHead(toks, i, d.heads[typ])
			if h < 0 || !free(i, h) {
				continue
			}
			if toks[i].Key == "one" && !c.oneOfDrafts(i) {
				continue // "no one on the committee"
			}
			// A quoted title after the head: the title names it.
			if q0, q1 := quotedAfter(toks, h); q0 >= 0 && free(q0, q1) {
				add(typ, q0, q1, q0, q1, q0, q1)
				i = q1
				break
			}
			if i == 0 && c.heading && typ == "Document" && len(toks)-h >= 3 && !d.connectors[typ][toks[h].Key] {
				// A heading that opens with a kind of document names one:
				// "Executive Order Targeting the Harmful Foreign Activities
				// of the Russian Government".
				add(typ, 0, len(toks), 0, len(toks), h, len(toks))
				i = len(toks)
				break
			}
			hs := skipSymbol(toks, h) // "draft resolution L.60 on ..."
			if hs > h && (hs == len(toks) || !d.connectors[typ][toks[hs].Key]) && free(i, hs) {
				// "draft resolution L.23, submitted by X": the symbol names it.
				add(typ, i, hs, i, hs, 0, 0)
				i = hs
				break
			}
			h = hs
			if h < len(toks) && d.connectors[typ][toks[h].Key] {
				end := readComplement(toks, h+1)
				if typ == "GovernmentAgency" {
					end = properRun(toks, h+1, end) // "embassy in Lima", not "in Lima protested"
				}
				if end > h+1 && !c.startsDate(h+1) && !oneOf(toks[h+1].Key, "this", "that", "these", "those", "it", "them") {
					in0, inHead := d.nested(toks, typ, h+1, end)
					if inHead >= 0 {
						end = readComplement(toks, inHead+1)
					}
					for _, a := range c.args { // a name the word limit cut
						if a.From > h && a.From < end && a.To > end {
							end = a.To
						}
					}
					if typ == "Document" && strings.HasSuffix(toks[h].Key, "ing") {
						creator = c.createdBy(h+1, end)
					}
					add(typ, i, end, i, end, h+1, end)
					creator = nil
					if strings.HasSuffix(toks[h].Key, "ing") {
						c.args[len(c.args)-1].open = true
					}
					if inHead >= 0 {
						// After the outer one, so that anaphora ("this
						// resolution") finds the inner one first.
						// A known title names the inner one as it does an
						// outer one ("... on a Third Committee Resolution on
						// Countering the Use of ICTs ...").
						inner, kind := (*Entity)(nil), "title"
						if entry := x.titles.lookup(toks[inHead+1:end], typ, c.st.titleYear()); entry != nil {
							inner = c.st.entity(entry)
						} else {
							inner, kind = c.st.newEntity(typ, c.st.doc.Text[toks[in0].Start:toks[end-1].End], "description"), "new"
						}
						c.st.addMention(toks[in0].Start, toks[end-1].End, inner.one(), kind, c.si)
					}
					i = end
					break
				}
			}
			if typ == "Event" && c.organisationBefore(i, false) >= 0 && free(i, h) {
				// "The 2015 SCO summit took place in Ufa": an
				// organisation's event, named with its year if one stands
				// before ("2015 SCO summit").
				k := c.organisationBefore(i, false)
				from := c.args[k].From
				if from > 0 && len(toks[from-1].Key) == 4 && isNumber(toks[from-1].Key) {
					from--
				}
				c.args = append(c.args[:k], c.args[k+1:]...)
				add(typ, from, h, from, h, 0, 0)
				i = h
				break
			}
		}
	}
	sortArgs(c.args)
}

// yearBefore is a year written among the three words before a
// description's head ("the 2015 intergovernmental agreement"), or 0.
func yearBefore(toks []Token, head int) int {
	for j := head - 1; j >= 0 && j >= head-3; j-- {
		if k := toks[j].Key; len(k) == 4 && isNumber(k) && (k[0] == '1' || k[0] == '2') {
			y, _ := strconv.Atoi(k)
			return y
		}
		if !toks[j].IsWord() {
			return 0
		}
	}
	return 0
}

// nested finds a description of the same type that opens the complement
// toks[from:end] of another ("Explanation of Vote on a Third Committee
// Resolution on ...": a document about a document): its first token after
// a determiner and the connector after its head, or -1. Only capitalised
// words may stand before its head, as in a title.
func (d *describer) nested(toks []Token, typ string, from, end int) (int, int) {
	if from < end && oneOf(toks[from].Key, "a", "an", "the") {
		from++
	}
	for k := from; k < end && k < from+4; k++ {
		if h := matchHead(toks, k, d.heads[typ]); h >= 0 && h < len(toks) && d.connectors[typ][toks[h].Key] {
			return from, h
		}
		if !toks[k].IsWord() || !isCapitalized(toks[k].Text) {
			break
		}
	}
	return -1, -1
}

// startsDate: "summit on May 25" is dated, not described.
func (c *sentenceCtx) startsDate(i int) bool {
	for _, d := range c.dateMentions() {
		if d.Start == c.toks[i].Start {
			return true
		}
	}
	return false
}

// skipSymbol passes a document symbol after a head ("L.60",
// "A/C.1/78/L.60"): tokens with digits, capitals, dots and slashes, with no
// space inside.
func skipSymbol(toks []Token, h int) int {
	j := h
	for j < len(toks) && j < h+16 { // "A/C.1/76/L.13" is 11 tokens
		t := toks[j]
		if j > h && t.Start != toks[j-1].End {
			break // a space ends the symbol
		}
		if !(oneOf(t.Key, ".", "/", "-") || t.IsWord() && (isAllCaps(t.Text) || len(t.Text) == 1 && isCapitalized(t.Text) || isNumber(t.Key))) {
			break
		}
		j++
	}
	for j > h && oneOf(toks[j-1].Key, ".", "/", "-") {
		j--
	}
	hasDigit := false
	for _, t := range toks[h:j] {
		hasDigit = hasDigit || isNumber(t.Key)
	}
	if !hasDigit {
		return h
	}
	return j
}

// matchHead returns the end of the longest head phrase at token i, or -1.
func matchHead(toks []Token, i int, heads [][]string) int {
	for _, h := range heads {
		if i+len(h) <= len(toks) && equalKeys(toks[i:i+len(h)], h) {
			return i + len(h)
		}
	}
	return -1
}

// quotedAfter finds a quoted title of two or more mostly capitalised words
// starting within two tokens after i ("advisory, “Russian SVR Targets ...”").
func quotedAfter(toks []Token, i int) (int, int) {
	j := i
	for j < len(toks) && j < i+2 && toks[j].Key == "," {
		j++
	}
	if j >= len(toks) || toks[j].Key != `"` {
		return -1, -1
	}
	k := j + 1
	words, caps, stops := 0, 0, 0
	for k < len(toks) && toks[k].Key != `"` && k < j+30 {
		if toks[k].IsWord() {
			words++
			if isCapitalized(toks[k].Text) {
				caps++
			}
		}
		if oneOf(toks[k].Key, ".", "!", "?") {
			stops++
		}
		k++
	}
	// A title: mostly capitalised words, or a UN title in sentence case
	// ("Developments in the field of ..."): a capital first and no full
	// stop, which quoted speech has.
	sentenceCase := j+1 < k && isCapitalized(toks[j+1].Text) && stops == 0
	if k >= len(toks) || toks[k].Key != `"` || words < 2 || caps*2 < words && !sentenceCase {
		return -1, -1
	}
	end := k
	for end > j+1 && oneOf(toks[end-1].Key, ",", ".") {
		end--
	}
	return j + 1, end
}

// readComplement reads the topic of a description: words, "-" and the
// small words that join them, up to punctuation or a verb-like word; at
// most 20 tokens (UN titles run long: "a programme of action to advance
// responsible State behaviour in the use of information and communications
// technologies" is 19). Names inside it ("a draft resolution on the Open-ended
// Working Group") stay mentions of their own.
func readComplement(toks []Token, i int) int {
	j := i
	for j < len(toks) && j-i < 20 {
		t := toks[j]
		if (!t.IsWord() && t.Key != "-") || oneOf(t.Key, "which", "that", "who", "sponsored", "adopted", "approved",
			"by", "was", "were", "is", "are", "will", "would", "with", "as", "while", "but", "tabled", "submitted", "introduced",
			"took", "take", "takes", "met", "began", "held") {
			break
		}
		if j > i && oneOf(t.Key, "next", "last", "this") && j+1 < len(toks) && oneOf(toks[j+1].Key, "week", "month", "year") {
			break // "talks on ransomware next month"
		}
		if j > i && strings.HasSuffix(t.Key, "ed") && j+1 < len(toks) && oneOf(toks[j+1].Key, "in", "at", "by", "after", "during", "under", "on") {
			break // "the dialogue on cybersecurity launched in Geneva"
		}
		if oneOf(t.Key, "and", "or") && j+1 < len(toks) && strings.HasSuffix(toks[j+1].Key, "ed") && j+2 < len(toks) &&
			oneOf(toks[j+2].Key, "to", "that", "on", "the", "a", "an") {
			break // "... security and agreed to hold ...": a verb of the clause
		}
		if isCapitalized(t.Text) && (weekdays[t.Key] || months[t.Key] != 0) || len(t.Key) == 4 && isNumber(t.Key) || t.Key == "back" {
			break // "... on Friday", "... in May", "... (back) in 2011"
		}
		if j > i && oneOf(t.Key, "in", "at") && j+1 < len(toks) && (isCapitalized(toks[j+1].Text) ||
			toks[j+1].Key == "the" && j+2 < len(toks) && isCapitalized(toks[j+2].Text)) {
			break // "... on cybersecurity in Geneva": a place, not the topic
		}
		// A word that takes a determiner after it, and is neither a
		// preposition nor a gerund, is a verb: "... duplicates the work".
		if j > i && j+1 < len(toks) && oneOf(toks[j+1].Key, "the", "a", "an", "its", "their", "our") &&
			!prepositions[t.Key] && !strings.HasSuffix(t.Key, "ing") && !(t.Key == "and" && i > 0 && toks[i-1].Key == "between") {
			break // ("between Russia and the United States": the two sides)
		}
		j++
	}
	// Words that only join the next clause ("... on cybercrime and later
	// condemned ...") end no complement.
	for j > i && oneOf(toks[j-1].Key, "of", "on", "and", "the", "in", "for", "to", "-", "a", "or", "later", "then", "also", "subsequently", "today", "yesterday", "now", "currently") {
		j--
	}
	return j
}

var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// tokenSpan maps a byte span to the tokens it covers exactly, or -1.
func tokenSpan(toks []Token, a, b int) (int, int) {
	from := -1
	for k, t := range toks {
		if t.Start == a {
			from = k
		}
		if from >= 0 && t.End == b {
			return from, k + 1
		}
	}
	return -1, -1
}

// organisationBefore is the index of the argument that ends right before
// token i and names one organisation or body ("General Assembly" in "a
// General Assembly resolution"), or, with states, a state ("the Russian
// Embassy"), or -1.
func (c *sentenceCtx) organisationBefore(i int, states bool) int {
	for k := range c.args {
		a := &c.args[k]
		if a.To == i && a.From >= 0 && a.From < i && len(a.ents) == 1 && !a.pronoun && !a.dyad && a.place == "" &&
			(oneOf(a.ents[0].Type, "InternationalOrganization", "IntergovernmentalBody") || states && a.ents[0].Type == "State") {
			return k
		}
	}
	return -1
}

// createdBy is the known document of the text's year that the gazetteer
// says established the first known entity named in toks[from:to]: "the
// Assembly adopted a resolution establishing the Open-ended Working
// Group", in a text of 2020, is resolution 75/240. Nil without a year, or
// when no such link exists.
func (c *sentenceCtx) createdBy(from, to int) *ontology.Entry {
	year := c.st.titleYear()
	if year == 0 {
		return nil
	}
	for _, a := range c.args {
		if a.From < from || a.To > to || len(a.ents) != 1 || a.ents[0].Entry == nil {
			continue
		}
		for _, id := range a.ents[0].Entry.Links["establishedBy"] {
			if d, ok := c.st.gaz.Lookup(id); ok && d.Type == "Document" && strings.HasPrefix(d.Date, strconv.Itoa(year)) {
				return d
			}
		}
		return nil // the first name only: it is what the participle makes
	}
	return nil
}

// properRun is where the proper name that opens toks[i:end] ends ("the
// United Nations", "Washington, DC"): capitalised words, joined by "of",
// "the", "and" or a comma before an all-capitals word; i if none opens it.
func properRun(toks []Token, i, end int) int {
	j := i
	if j < end && toks[j].Key == "the" {
		j++
	}
	if j >= end || !isCapitalized(toks[j].Text) {
		return i
	}
	for j < end {
		switch {
		case toks[j].IsWord() && isCapitalized(toks[j].Text):
			j++
		case j+1 < end && oneOf(toks[j].Key, "of", "the", "and") && isCapitalized(toks[j+1].Text):
			j++
		case j+1 < end && toks[j].Key == "," && isAllCaps(toks[j+1].Text):
			j++
		default:
			return j
		}
	}
	return j
}

// oneOfDrafts: "one" at token i stands for one of the draft resolutions
// the sentence or the one before speaks of ("The Committee approved one on
// advancing ..."): a verb or "and" before it, and "draft resolutions",
// "drafts" or "texts" said just before.
func (c *sentenceCtx) oneOfDrafts(i int) bool {
	if i == 0 || oneOf(c.toks[i-1].Key, "no", "any", "each", "every", "some", "this", "that", "the", "a", "which") {
		return false
	}
	from := c.st.doc.Sentences[max(0, c.si-1)].Start
	before := strings.ToLower(c.st.doc.Text[from:c.toks[i].Start])
	return strings.Contains(before, "draft resolutions") || strings.Contains(before, "drafts") || strings.Contains(before, "texts")
}
