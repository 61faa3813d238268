package extract

import (
	"strconv"
	"strings"
)

// meetingLines is how many sentences at the top of a text may hold the
// meeting header of a UN meetings coverage.
const meetingLines = 6

// meeting makes the meeting a UN meetings coverage reports on an event of
// its text: the header line ("14th Meeting (AM)", lexicon meeting_header)
// names it, and it is part of the body the text names first after it
// ("The First Committee ... today approved"). Its label says which body,
// meeting and session, so that the 14th meeting of another committee or
// session is another event.
func (x *Extractor) meeting(st *docState) {
	if x.meetingHeader == nil {
		return
	}
	for i, s := range st.doc.Sentences {
		if i == meetingLines {
			return
		}
		line := strings.TrimSpace(st.doc.Text[s.Start:s.End])
		m := x.meetingHeader.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		body := st.firstBodyAfter(s.End)
		if body == nil {
			return
		}
		number := m[0]
		if len(m) > 1 && m[1] != "" {
			number = m[1] // the pattern's first group, when it has one
		}
		label := body.Label + " " + number + " meeting"
		if n := unSession(st.doc.Text[st.doc.BodyStart:]); n > 0 {
			label += ", " + strconv.Itoa(n) + ordinalSuffix(n) + " session"
		}
		ev := st.newEntity("Event", label, "meeting-header")
		start := s.Start + strings.Index(st.doc.Text[s.Start:s.End], line)
		st.res.Mentions = append(st.res.Mentions, Mention{start, start + len(line), ev.one(), "new", i})
		st.res.Facts = append(st.res.Facts, Fact{Subject: ev, Relation: "partOf", Object: body, Rule: "meeting-header",
			Sentence: i, Claimant: st.claimant(i)})
		return
	}
}

// firstBodyAfter is the intergovernmental body of the first mention
// after byte offset off that names one.
func (st *docState) firstBodyAfter(off int) *Entity {
	var best *Mention
	for k := range st.res.Mentions {
		m := &st.res.Mentions[k]
		if m.Start < off || best != nil && m.Start >= best.Start {
			continue
		}
		for _, e := range m.Entities {
			if e.Type == "IntergovernmentalBody" {
				best = m
			}
		}
	}
	if best == nil {
		return nil
	}
	for _, e := range best.Entities {
		if e.Type == "IntergovernmentalBody" {
			return e
		}
	}
	return nil
}

// ordinalSuffix is the English suffix of an ordinal number.
func ordinalSuffix(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}
