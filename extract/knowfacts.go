package extract

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

// Facts the gazetteer knows between entities a document names close
// together, and the dates a document gives when its front matter has none.
// endedAfter: the gazetteer knows when e ended, and a document of date ref
// is older than that: its text cannot state the end.
func endedAfter(e *Entity, ref Date) bool {
	if e == nil || e.Entry == nil || e.Entry.Ended == "" || ref.IsZero() {
		return false
	}
	end, err := ParseISODate(e.Entry.Ended)
	if err != nil {
		return false
	}
	return ref.String() < end.String()[:min(len(end.String()), len(ref.String()))]
}

// bodyDate is the date of a document without one in its front matter
// that a line of its own near the top gives, as press releases and web
// pages print it under the title ("March 3, 2022"): a day, and nothing
// else on the line but a weekday or punctuation. Zero if there is none.
func bodyDate(doc *Document) Date {
	body := doc.Text[doc.BodyStart:]
	for n := 0; n < 6 && body != ""; n++ {
		line, rest, _ := strings.Cut(body, "\n")
		body = rest
		line = strings.TrimSpace(line)
		if line == "" {
			n--
			continue
		}
		if len(line) > 40 {
			continue
		}
		ds := FindDates(line, 0, len(line), Date{})
		if len(ds) != 1 || ds[0].Date.Prec != Day {
			continue
		}
		left := strings.TrimSpace(line[:ds[0].Start] + line[ds[0].End:])
		left = strings.Trim(left, ",.;:-–— ")
		if left == "" || weekdays[strings.ToLower(left)] {
			return ds[0].Date
		}
	}
	return Date{}
}

// knowledgeFacts adds the facts the gazetteer knows between entities the
// document mentions (both ends must be mentioned), and event places.
func (x *Extractor) knowledgeFacts(st *docState) {
	// The sentences mentioning each entity, in order, kept on the entity
	// (one per id in a document) rather than in a map by id: a look-up
	// per mention was most of this step. The lists are cut from one
	// slice, each as long as its entity's mentions (counted first).
	ents := make([]*Entity, 0, len(st.entities)) // the entities mentioned
	n := 0
	for _, m := range st.res.Mentions {
		if m.Sentence < 0 {
			continue
		}
		for _, e := range m.Entities {
			if e.nsents == 0 {
				ents = append(ents, e)
			}
			e.nsents++
			n++
		}
	}
	buf := make([]int, n)
	for _, e := range ents {
		e.sents, buf = buf[:0:e.nsents], buf[e.nsents:]
	}
	for _, m := range st.res.Mentions {
		if m.Sentence < 0 {
			continue
		}
		for _, e := range m.Entities {
			if l := e.sents; len(l) == 0 || l[len(l)-1] != m.Sentence {
				e.sents = append(l, m.Sentence)
			}
		}
	}
	defer func() {
		for _, e := range ents {
			e.sents, e.nsents = nil, 0
		}
	}()
	// Only the entities with links or a place make facts: they are put
	// in id order (the order of the facts), not all the others.
	type known struct {
		e     *Entity
		links []ontology.Link
	}
	keep := make([]known, 0, len(ents))
	for _, e := range ents {
		if !slices.IsSorted(e.sents) { // turn labels come first in the mentions, not in the text
			sort.Ints(e.sents)
		}
		if links := x.knowLinks[e.ID]; len(links) > 0 || e.Entry != nil && e.Entry.Place != "" {
			keep = append(keep, known{e, links})
		}
	}
	keep = inIDOrder(keep, func(k known) *Entity { return k.e })
	sentsOf := func(id string) []int {
		if e := st.entities[id]; e != nil {
			return e.sents
		}
		return nil
	}
	// The links in the order of Gazetteer.Links (by subject), only those
	// whose subject the document mentions: the others cannot be close.
	have := statedFacts{facts: st.res.Facts} // the text's own
	for _, k := range keep {
		e := k.e
		for _, l := range k.links {
			// Both ends must be named close together: a fact the reader
			// is reminded of, not two names pages apart. (Most links
			// fail here: this is asked first.)
			sent, ok := closePair(e.sents, sentsOf(l.Object), x.Lexicon.KnowledgeDistance)
			if !ok {
				continue
			}
			if have.states(l, x.knowLinks) ||
				l.Relation == "terminatedBy" && endedAfter(st.entities[l.Subject], st.ref) {
				continue
			}
			f := Fact{Subject: st.entities[l.Subject], Relation: l.Relation, Object: st.entities[l.Object],
				Rule: "gazetteer:" + l.Source, Sentence: sent}
			if l.Relation == "establishedBy" || l.Relation == "terminatedBy" {
				f.Date = textDate(st.res.Facts, l.Subject, l.Relation)
			}
			st.res.Facts = append(st.res.Facts, f)
		}
	}
	for _, k := range keep {
		e := k.e
		id := e.ID
		if e.Entry == nil || e.Entry.Place == "" || !strings.Contains(st.doc.Text[st.doc.BodyStart:], e.Entry.Place) {
			continue
		}
		f := Fact{Subject: e, Relation: "heldIn", Literal: e.Entry.Place, Rule: "gazetteer:" + id, Sentence: e.sents[0]}
		// The event's year dates the fact when the text names it with
		// its year ("the 2021 Geneva summit"); a date in a sentence that
		// names it dates it as far as text and knowledge base agree ("the
		// Moscow Summit on May 25, 1972" of a summit of May 1972: 1972-05).
		if d, err := ParseISODate(e.Entry.Date); err == nil {
			if st.mentionedWith(e, strconv.Itoa(d.Year)) {
				f.Date = Date{d.Year, 0, 0, Year}
			}
			for _, si := range e.sents {
				if f.Date.Prec >= d.Prec {
					break // no date agrees with d further than d
				}
				s := st.doc.Sentences[si]
				for _, dm := range FindDates(st.doc.Text, s.Start, s.End, st.ref) {
					if c := commonDate(d, dm.Date); c.Prec > f.Date.Prec {
						f.Date = c
					}
				}
			}
		}
		st.res.Facts = append(st.res.Facts, f)
	}
}

// statedFacts are the facts a text states, to tell whether it states a
// link already.
type statedFacts struct {
	facts []Fact
	m     map[[3]string]bool // those between entities, when there are many
}

// states reports whether one of the facts is the link l.
func (s *statedFacts) states(l ontology.Link, knowLinks map[string][]ontology.Link) bool {
	if len(s.facts) <= 32 { // most texts: no map needed
		for _, f := range s.facts {
			if f.Object != nil && f.Relation == l.Relation && f.Subject.ID == l.Subject && f.Object.ID == l.Object {
				return true
			}
		}
		return false
	}
	if s.m == nil {
		s.m = map[[3]string]bool{}
		for _, f := range s.facts {
			// Only a fact whose subject has links can be one of them.
			if f.Object != nil && len(knowLinks[f.Subject.ID]) > 0 {
				s.m[[3]string{f.Subject.ID, f.Relation, f.Object.ID}] = true
			}
		}
	}
	return s.m[[3]string{l.Subject, l.Relation, l.Object}]
}

// inIDOrder sorts items by their entities' ids (as compareIDs does; one
// entity per id). When all are gazetteer entries, their numbers (in id
// order) packed with their places sort without a comparison function.
func inIDOrder[T any](items []T, entity func(T) *Entity) []T {
	keys := make([]uint64, len(items))
	for i, it := range items {
		e := entity(it)
		if e.vals == nil {
			slices.SortFunc(items, func(a, b T) int { return compareIDs(entity(a), entity(b)) })
			return items
		}
		keys[i] = uint64(e.vals.num)<<32 | uint64(i)
	}
	slices.Sort(keys)
	out := make([]T, len(items))
	for i, k := range keys {
		out[i] = items[uint32(k)]
	}
	return out
}

// textDate is the date the text gives a fact of the same subject and
// relation: a knowledge-base link "X establishedBy resolution 65/230" is the
// same founding as the text's "the General Assembly created X in 2010".
func textDate(facts []Fact, subject, relation string) Date {
	for _, f := range facts {
		if f.Subject != nil && f.Subject.ID == subject && f.Relation == relation && !f.Date.IsZero() && !f.Negative {
			return f.Date
		}
	}
	return Date{}
}

// commonDate is the part two dates agree on: the year, then the month, then
// the day; zero when the years differ.
func commonDate(a, b Date) Date {
	if a.Year != b.Year || a.IsZero() || b.IsZero() {
		return Date{}
	}
	c := Date{a.Year, 0, 0, Year}
	if a.Prec >= Month && b.Prec >= Month && a.Month == b.Month {
		c.Month, c.Prec = a.Month, Month
		if a.Prec >= Day && b.Prec >= Day && a.Day == b.Day {
			c.Day, c.Prec = a.Day, Day
		}
	}
	return c
}

// closePair finds the first sentence where a sentence of one sorted list
// is within dist of one of the other's, returning the later of the two. It
// walks both lists once.
func closePair(a, b []int, dist int) (int, bool) {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		if x-y <= dist && y-x <= dist {
			return max(x, y), true
		}
		if x < y {
			i++
		} else {
			j++
		}
	}
	return 0, false
}

// knowledgeSkipped: links of the lexicon's knowledge_skip shapes ("an
// agency is part of its state") or entries ("the General Assembly is part
// of the United Nations") go without saying.
func (x *Extractor) knowledgeSkipped(l ontology.Link) bool {
	s, _ := x.Gazetteer.Lookup(l.Subject)
	o, _ := x.Gazetteer.Lookup(l.Object)
	return s != nil && o != nil && hasType(x.Lexicon.KnowledgeSkip, s.Type+" "+l.Relation+" "+o.Type) ||
		hasType(x.Lexicon.KnowledgeSkip, l.Subject+" "+l.Relation+" "+l.Object)
}

// mentionedWith reports whether a mention of e contains the text s.
func (st *docState) mentionedWith(e *Entity, s string) bool {
	for _, m := range st.res.Mentions {
		for _, me := range m.Entities {
			if me == e && strings.Contains(st.doc.Text[m.Start:m.End], s) {
				return true
			}
		}
	}
	return false
}
