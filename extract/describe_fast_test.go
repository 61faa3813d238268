package extract

import (
	"fmt"
	"testing"
)

func TestRequiredLiteral(t *testing.T) {
	for _, c := range []struct{ expr, want string }{
		{`(?:[Dd]raft )?[Rr]esolution (?:A/RES/)?\d{1,3}/\d{1,4}`, "esolution "},
		{`(?:[Dd]ecision) \d{1,3}/\d{1,4}`, "ecision "},
		{`A/RES/\d{1,3}/\d{1,4}`, "A/RES/"},
		{`Executive Order (?:No\. )?\d{4,5}`, "Executive Order "},
		{`E\.O\. \d{4,5}`, "E.O. "},
		{`(?i)executive order \d+`, ""},
		{`(?:Decision|Resolution) \d+`, " "},
		{`(?:Decision|Resolution)?\d+`, ""},
		{`x*\d+`, ""},
		{`(ab)+c{2,3}`, "ab"},
	} {
		if got := requiredLiteral(c.expr); got != c.want {
			t.Errorf("requiredLiteral(%q) = %q, want %q", c.expr, got, c.want)
		}
	}
}

func TestFindTurnMarkerSameAsRegexp(t *testing.T) {
	for _, line := range []string{"", "Q: yes", "Q yes", "Question: why", "Questions remain.", "Answer : no", "Answers vary.",
		"A: fine", "A fine day.", "THE PRESIDENT: Thank you.", "MS. PSAKI: Hi.", "Mr. Smith: hi", "The end.", "x: y",
		"Q\tnext", "AB: c", "A.B: c", "É: no", "Qa: b", "Aa: b", "A’B: c", "Q:"} {
		got, want := findTurnMarker(line), turnMarker.FindStringSubmatchIndex(line)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("findTurnMarker(%q) = %v, want %v", line, got, want)
		}
	}
}
