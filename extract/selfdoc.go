package extract

import (
	"strings"
	"unicode"
)

// titleLines is how many sentences at the top of the body may be the
// heading that repeats the document's title.
const titleLines = 4

// titleDocument makes the document itself an entity of its text when its
// body opens with its own title as a heading that names a kind of document
// (a head of the lexicon's Document descriptions: "Explanation of Vote on
// ...", "Joint Statement on ..."): the heading names a dip:Document that the
// document's speaker issued on the document's date. The conditions keep it
// to documents that present themselves as someone's statement: a news
// article has no speaker in its front matter, a transcript whose title is
// only in the front matter names nothing in its text, and a fact sheet's
// heading names its topic.
func (x *Extractor) titleDocument(st *docState) {
	title := st.doc.Meta.Title
	spk := st.speaker
	if title == "" || spk == nil || spk.Type == AgentType {
		return
	}
	want := titleWords(title)
	if len(want) < 3 {
		return
	}
	for i, s := range st.doc.Sentences {
		if i == titleLines {
			return
		}
		line := strings.TrimSpace(st.doc.Text[s.Start:s.End])
		if !sameTitle(want, titleWords(line)) {
			continue
		}
		if lt := TokenizeString(line); matchHead(lt, 0, x.describer.heads["Document"]) < 0 && !x.isWord("self_document", lt[0].Key) {
			return // a heading that is a topic ("Fact sheet: Imposing costs ..."), not a document's name
		}
		start := s.Start + strings.Index(st.doc.Text[s.Start:s.End], line)
		end := start + len(line)
		var doc *Entity
		for _, m := range st.res.Mentions { // the heading read as a description names it already
			if m.Start == start && m.End == end && len(m.Entities) == 1 && m.Entities[0].Type == "Document" {
				doc = m.Entities[0]
			}
		}
		if doc == nil {
			doc = st.newEntity("Document", line, "document-title")
			st.res.Mentions = append(st.res.Mentions, Mention{start, end, doc.one(), "title", i})
		}
		f := Fact{Subject: doc, Relation: "speaker", Object: spk, Rule: "document-title", Sentence: i,
			Claimant: spk, Date: st.ref, ownVoice: true}
		st.res.Facts = append(st.res.Facts, f)
		return
	}
}

// titleWords are the distinct lower-case words of a title.
func titleWords(s string) map[string]bool {
	w := map[string]bool{}
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		w[f] = true
	}
	return w
}

// sameTitle: a heading is the title when the two share most of their
// words (Dice coefficient at least 0.75); a title may spell out what the
// heading abbreviates ("ICTs") and still be the same.
func sameTitle(a, b map[string]bool) bool {
	if len(b) == 0 || len(b) > 2*len(a) {
		return false
	}
	common := 0
	for w := range b {
		if a[w] {
			common++
		}
	}
	return 4*2*common >= 3*(len(a)+len(b))
}

// newPerson makes a front-matter speaker the gazetteer lacks a new
// dip:Person when the name looks like a person's: two to four capitalised
// words, initials allowed, none of them a title or an organisation's word
// (lexicon not_name: "Press Secretary", "Ministry of ..."). The surname
// then names them in the text ("Raab said").
func (x *Extractor) newPerson(st *docState, name string) *Entity {
	f := strings.Fields(name)
	if len(f) < 2 || len(f) > 4 {
		return nil
	}
	for _, w := range f {
		if x.isWord("not_name", strings.ToLower(strings.Trim(w, ".,"))) {
			return nil
		}
		for i, r := range w {
			switch {
			case i == 0 && !(r >= 'A' && r <= 'Z' || r > 127 && unicode.IsUpper(r)):
				return nil
			case !(unicode.IsLetter(r) || r == '.' || r == '-' || r == '\''):
				return nil
			}
		}
	}
	e := st.newEntity("Person", strings.Join(f, " "), "front-matter")
	if surname := f[len(f)-1]; len(surname) > 2 {
		st.aliases[surname] = e
	}
	return e
}
