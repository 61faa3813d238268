package shacl

import "testing"

func lit(v, dt string) term { return term{kind: kindLiteral, val: v, dt: dt} }

func TestWellFormed(t *testing.T) {
	for _, c := range []struct {
		dt, lex string
		ok      bool
	}{
		{"nonNegativeInteger", "0", true}, {"nonNegativeInteger", "+12", true}, {"nonNegativeInteger", "-1", false},
		{"nonNegativeInteger", "1.0", false}, {"nonNegativeInteger", " 1", false}, {"integer", "-007", true},
		{"byte", "128", false}, {"byte", "-128", true}, {"int", "2147483648", false}, {"unsignedLong", "18446744073709551615", true},
		{"decimal", "0.8", true}, {"decimal", ".5", true}, {"decimal", "5.", true}, {"decimal", "1e3", false}, {"decimal", "+-1", false},
		{"double", "1.5E0", true}, {"double", "-INF", true}, {"double", "NaN", true}, {"double", "e3", false},
		{"boolean", "true", true}, {"boolean", "1", true}, {"boolean", "True", false},
		{"gYear", "2021", true}, {"gYear", "21", false}, {"gYear", "-0044", true}, {"gYear", "2021Z", true},
		{"gYearMonth", "2022-03", true}, {"gYearMonth", "2022-13", false}, {"gYearMonth", "2022-3", false},
		{"date", "2024-02-29", true}, {"date", "2023-02-29", false}, {"date", "2021-04-31", false}, {"date", "2021-04-30+02:00", true},
		{"dateTime", "2021-04-15T00:00:00", true}, {"dateTime", "2021-04-15T24:00:00", true}, {"dateTime", "2021-04-15T24:00:01", false},
		{"dateTime", "2021-04-15T10:61:00Z", false}, {"dateTime", "2021-04-15", false}, {"dateTimeStamp", "2021-04-15T00:00:00", false},
		{"time", "10:00:00.5", true}, {"gMonthDay", "--02-29", true}, {"gDay", "---31", true}, {"gMonth", "--13", false},
		{"duration", "P1Y2M", true}, {"duration", "PT", false}, {"duration", "P", false}, {"dayTimeDuration", "P1Y", false},
		{"yearMonthDuration", "P1Y2M", true}, {"yearMonthDuration", "P1D", false},
		{"language", "en-GB", true}, {"language", "en_GB", false}, {"hexBinary", "0FB8", true}, {"hexBinary", "0FB", false},
		{"base64Binary", "aGVsbG8=", true}, {"base64Binary", "aGVsbG8", false},
		{"string", "anything\n", true}, {"unknownType", "x", true},
	} {
		if got := wellFormed(xsd+c.dt, c.lex); got != c.ok {
			t.Errorf("wellFormed(xsd:%s, %q) = %v", c.dt, c.lex, got)
		}
	}
}

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		a, b term
		c    int
		ok   bool
	}{
		{lit("1", xsd+"integer"), lit("1.0", xsd+"decimal"), 0, true},
		{lit("0.8", xsd+"decimal"), lit("1", xsd+"integer"), -1, true},
		{lit("2.0", xsd+"decimal"), lit("1", xsd+"integer"), 1, true},
		{lit("1.5E0", xsd+"double"), lit("2", xsd+"integer"), -1, true},
		{lit("NaN", xsd+"double"), lit("2", xsd+"integer"), 0, false},
		{lit("likely", xsdString), lit("0", xsd+"integer"), 0, false},
		{lit("abc", xsd+"decimal"), lit("0", xsd+"integer"), 0, false},
		{lit("a", xsdString), lit("b", xsdString), -1, true},
		{term{kind: kindLiteral, val: "a", dt: rdfLangString, lang: "en"}, term{kind: kindLiteral, val: "b", dt: rdfLangString, lang: "fr"}, 0, false},
		{lit("2020-01-01", xsd+"date"), lit("2021-01-01", xsd+"date"), -1, true},
		{lit("2020-01-01Z", xsd+"date"), lit("2021-01-01", xsd+"date"), 0, false},
		{lit("2020-01-01T10:00:00+02:00", xsd+"dateTime"), lit("2020-01-01T08:30:00Z", xsd+"dateTime"), -1, true},
		{lit("2020", xsd+"gYear"), lit("2021-01-01", xsd+"date"), 0, false},
		{lit("false", xsd+"boolean"), lit("1", xsd+"boolean"), -1, true},
		{iriTerm("http://example.org/a"), lit("1", xsd+"integer"), 0, false},
	} {
		got, ok := compare(c.a, c.b)
		if ok != c.ok || ok && sign(got) != c.c {
			t.Errorf("compare(%s, %s) = %d, %v; want %d, %v", c.a, c.b, got, ok, c.c, c.ok)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestLangMatches(t *testing.T) {
	for _, c := range []struct {
		tag, rng string
		ok       bool
	}{{"en", "en", true}, {"en-GB", "en", true}, {"EN", "en", true}, {"eng", "en", false}, {"de", "*", true}, {"", "*", false}} {
		if got := langMatches(c.tag, c.rng); got != c.ok {
			t.Errorf("langMatches(%q, %q) = %v", c.tag, c.rng, got)
		}
	}
}

func TestCompilePattern(t *testing.T) {
	re, err := compilePattern("^A b$", "ix")
	if err != nil || !re.MatchString("ab") {
		t.Errorf("flags ix: %v", err)
	}
	re, err = compilePattern("a.b", "q")
	if err != nil || re.MatchString("axb") || !re.MatchString("a.b") {
		t.Errorf("flag q: %v", err)
	}
	if _, err := compilePattern("a", "z"); err == nil {
		t.Error("unknown flag accepted")
	}
}
