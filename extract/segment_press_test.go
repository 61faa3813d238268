package extract

import (
	"strings"
	"testing"
)

// TestAbbreviationBeforeOpener: a period after an abbreviation ends the
// sentence when a word that only opens sentences follows ("Washington,
// D.C. It was ..."), not before a name ("U.S. President").
func TestAbbreviationBeforeOpener(t *testing.T) {
	d, err := Parse("t.md", []byte("The treaty was signed in Washington, D.C. It entered into force at once. The U.S. President signed it.\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Sentences {
		got = append(got, d.Text[s.Start:s.End])
	}
	want := []string{"The treaty was signed in Washington, D.C.", "It entered into force at once.", "The U.S. President signed it."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences %q, want %q", got, want)
	}
}

// TestOutletQuestionTurn: at a press conference a paragraph labelled with
// an outlet ("Reuters:") that ends in a question is the outlet's question:
// its statement is the outlet's claim, not the spokesperson's, and the
// spokesperson's turn after it speaks for the speaker's state.
func TestOutletQuestionTurn(t *testing.T) {
	r, _ := extractFacts(t, "---\nspeaker: Lin Jian\nspeaker_state: China\ntype: transcript\n---\n"+
		"Reuters: Chile accused the GRU of hacking. What is your comment?\n\nLin Jian: China supports the Programme of Action.\n")
	claimants := map[string]string{}
	for _, f := range r.Facts {
		if f.Claimant != nil {
			claimants[f.Subject.ID+" "+f.Relation+" "+f.Object.ID] = f.Claimant.ID
		}
	}
	if c := claimants["chile accuses russia-gru"]; c == "" || c == "lin-jian" {
		t.Errorf("claimant of the outlet's statement = %q, want the outlet (%v)", c, claimants)
	}
	if c := claimants["china advocates programme-of-action"]; c != "lin-jian" {
		t.Errorf("claimant of the answer = %q, want lin-jian (%v)", c, claimants)
	}
}
