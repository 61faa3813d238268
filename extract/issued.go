package extract

// issuedRule is the rule id of the documents issuedDocument finds.
const issuedRule = "issued-document"

// issuedDocument finds the document a reporter speaks in ("the ministry said
// in a comment issued on Friday", "In a joint statement, the ministers
// said"): a dip:Document that the sentence's reporter issued, named by the
// noun phrase (with a participle and its date: "a comment issued on
// Friday"), dated by that date or the document's. "the comment" later in
// the text refers back to it (lexicon anaphora). The kinds of document are
// the lexicon's "issued" words.
func (x *Extractor) issuedDocument(c *sentenceCtx) {
	if c.reporter == nil {
		return
	}
	toks := c.toks
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].Key != "in" || !x.wDeterminer[toks[i+1].Key] {
			continue
		}
		// "said in a statement" or a sentence that opens with it.
		if i > 0 && !x.wReporting[toks[i-1].Key] {
			continue
		}
		noun := -1
		for k := i + 2; k < len(toks) && k < i+5; k++ { // "in a joint written statement"
			if x.isWord("issued", toks[k].Key) {
				noun = k
				break
			}
			if !toks[k].IsWord() || isCapitalized(toks[k].Text) {
				break
			}
		}
		if noun < 0 {
			continue
		}
		end := noun + 1
		var date Date
		// "... issued on Friday", "... published on 3 May": the date
		// belongs to the document.
		if end < len(toks) && oneOf(toks[end].Key, "issued", "released", "published", "posted", "made", "dated") {
			for _, d := range c.dateMentions() {
				if d.Start >= toks[end].End && d.Start-toks[end].End <= 4 {
					k := end + 1
					for k < len(toks) && toks[k].End <= d.End {
						k++
					}
					end, date = k, d.Date
					break
				}
			}
			if date.IsZero() && end+2 < len(toks) && toks[end+1].Key == "on" && weekdays[toks[end+2].Key] {
				end += 3 // "issued on Friday": a day of the document's week
			}
		}
		if date.IsZero() {
			date = c.st.ref
		}
		st := c.st
		label := toks[noun].Text + " of " + c.reporter.Label
		if !date.IsZero() {
			label += " (" + date.String() + ")"
		}
		doc := st.newEntity("Document", label, issuedRule)
		st.addMention(toks[i+1].Start, toks[end-1].End, doc.one(), "new", c.si)
		st.res.Facts = append(st.res.Facts, Fact{Subject: doc, Relation: "speaker", Object: c.reporter,
			Rule: issuedRule, Sentence: c.si, Claimant: st.claimant(c.si), Date: date})
		return
	}
}
