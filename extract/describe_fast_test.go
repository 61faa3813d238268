package extract

import "testing"

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
