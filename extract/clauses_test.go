package extract

import "testing"

// TestSharedSubject: a verb coordinated with another, or a participle
// opening the sentence, takes the subject of the other clause; a negation
// of the first verb does not deny the second.
func TestSharedSubject(t *testing.T) {
	for _, tc := range []struct {
		text      string
		want, not []string
	}{
		{"Egypt supports the Programme of Action but also backs the Budapest Convention.",
			[]string{"egypt advocates budapest-convention", "egypt advocates programme-of-action"}, nil},
		{"Introducing the Programme of Action, the representative of France said the text was balanced.",
			[]string{"france advocates programme-of-action"}, nil},
		{"After introducing the Programme of Action, the delegate of Chile thanked the co-sponsors.",
			[]string{"chile advocates programme-of-action"}, nil},
		{"Chile does not support the Programme of Action and backs the Budapest Convention.",
			[]string{"NOT chile advocates programme-of-action", "chile advocates budapest-convention"}, []string{"NOT chile advocates budapest-convention"}},
		{"Chile did not sign or ratify the Budapest Convention.",
			[]string{"NOT chile partyTo budapest-convention"}, []string{"|chile partyTo budapest-convention"}},
		// No coordination: the second clause has a subject of its own.
		{"Egypt supports the Programme of Action, which Peru opposes.",
			nil, []string{"egypt opposes"}},
	} {
		_, got := extractFacts(t, tc.text)
		checkFacts(t, "|"+got, tc.want, tc.not)
	}
}
