package extract

import "strings"

// answerTo reads the turn after question si: when it opens with "Yes" or
// "No" ("No. We consider it ...", "Yes, we do."), the question's fact is
// the answerer's (nil when the document names no one for the turn: then
// the document is the claimant), affirmed (+1) or denied (-1); 0
// otherwise (no answer turn, or one that does not open so).
func (st *docState) answerTo(si int) (int, *Entity) {
	if si+1 >= len(st.doc.Sentences) {
		return 0, nil
	}
	q, a := st.doc.Sentences[si], st.doc.Sentences[si+1]
	if a.Turn < 0 || a.Turn == q.Turn || st.doc.Turns[a.Turn].Role == "interviewer" {
		return 0, nil
	}
	text := strings.TrimSpace(st.doc.Text[a.Start:a.End])
	sign := 0
	for word, s := range map[string]int{"No": -1, "Yes": 1} {
		if rest, ok := strings.CutPrefix(text, word); ok && (rest == "" || strings.ContainsAny(rest[:1], ".,!;")) {
			sign = s
		}
	}
	if sign == 0 {
		return 0, nil
	}
	return sign, st.claimant(si + 1) // nil: the document speaks
}
