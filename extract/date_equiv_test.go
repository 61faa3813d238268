package extract

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// refDatePatterns and refFindDates are FindDates as it was before the
// hand-written matchers and prefilters: every pattern a regular
// expression, run on every window around digits (matches become dates
// by the shared dateOf). The test checks that the
// fast version finds exactly what they find.
const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)`

var refDatePatterns = []struct {
	re   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`), "mdy"},
	{regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRE + `,?\s+(\d{4})\b`), "dmy"},
	{regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`), "iso"},
	{regexp.MustCompile(`\b` + monthRE + `(?:\s+of)?,?\s+(\d{4})\b`), "my"},
	{regexp.MustCompile(`\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?\b`), "md"},
	{regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRE + `\b`), "dm"},
	{regexp.MustCompile(`\b(?:in|In|since|Since|early|Early|late|Late|until|Until|by|By|last|Last)\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b`), "m"},
	{regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`), "y"},
	{regexp.MustCompile(`(?i)\b(today|yesterday|this year|last year|next year|this month|last month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`), "rel"},
	{regexp.MustCompile(`(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|a|\d{1,2}) years? ago\b`), "ago"},
}

var refRelativeHint = regexp.MustCompile(`(?i)day|year|month`)

var refMonthHint = regexp.MustCompile(monthRE)

func refFindDates(text string, start, end int, ref Date) []DateMention {
	s := text[start:end]
	digits := strings.ContainsAny(s, "0123456789")
	if !digits && (ref.IsZero() || !refRelativeHint.MatchString(s) && !refMonthHint.MatchString(s)) {
		return nil
	}
	taken := make([]bool, len(s))
	var out []DateMention
	windows := digitWindows(s)
	for _, p := range refDatePatterns {
		var matches [][]int
		whole := p.kind == "rel" || p.kind == "m" || p.kind == "ago" // the patterns that need no digit
		if whole {
			matches = p.re.FindAllStringSubmatchIndex(s, -1)
		}
		for _, w := range windows {
			if whole {
				break
			}
			for _, m := range p.re.FindAllStringSubmatchIndex(s[w[0]:w[1]], -1) {
				for k := range m {
					if m[k] >= 0 {
						m[k] += w[0]
					}
				}
				matches = append(matches, m)
			}
		}
		for _, m := range matches {
			if anyTaken(taken, m[0], m[1]) {
				continue
			}
			d, rel := dateOf(p.kind, s, m, ref) // the conversion is shared: the finding is under test
			if d.IsZero() || d.Month > 12 || d.Day > 31 {
				continue
			}
			for i := m[0]; i < m[1]; i++ {
				taken[i] = true
			}
			out = append(out, DateMention{start + m[0], start + m[1], d, rel})
		}
	}
	sortDates(out)
	return out
}

func anyTaken(t []bool, a, b int) bool {
	for i := a; i < b; i++ {
		if t[i] {
			return true
		}
	}
	return false
}

// dateFragments are the pieces random test sentences are made of: the
// words, digits and separators the patterns look at, and near misses.
var dateFragments = []string{
	"January", "February", "March", "Mar.", "May", "June", "Jun.", "Jul", "Sept.", "Sep.", "September", "Dec.", "Decade",
	"Jan", "Maya", "Mayor", "april", "AUG.", "Aug.", "Oct.", "Nov", "November",
	"1", "5", "12", "31", "32", "123", "2020", "1999", "1875", "2100", "20201", "0", "07", "2021-05-06", "2021-5-6",
	"st", "nd", "rd", "th", "the", "of", "off", "ofs", "of ", "5 of May", "May of 2020", "Jan., 2020", "3rd of March",
	"March 3rd, 1999", "Sept. 9", "9 Sept.", "Sep. 9th 2001", "12 May,2001", "May 1", "1 May", "May 12, 2020", "\f", "\v",
	" ", " ", " ", "  ", "\t", "\n", ",", ", ", ".", "-", "/", "_", "A/RES/", "74/247",
	"today", "Today", "TODAY", "yesterday", "this year", "last year", "next year", "this month", "last month",
	"THIS YEAR", "this  year", "years", "monthly", "day", "ſ", "é", "Ké", "x", "on", "in",
	"thiſ year", "yeſterday", "laſt month", "Today's", "todays", "_today", "Next Year", "last\tyear",
	"ago", " ago", "agos", "years ago", "year ago", "two", "Two", "TEN", "a", "A year ago", "3 years ago", "123 years ago",
	"year", "elevenyears ago", "two  years ago", "one year agone",
	"since", "Since", "Last", "last", "By", "by", "until", "Early", "late", "Late", "inside", "\r", "in\fApril", "In  July",
	"sinceMay", "TWO YEARS AGO", "x ago", "_ago", "Monday", "MONDAY", "Sunday's", "Sept", "Septem", "Mar", "Oct.5", "x2020", "2020x", "_2020", "2020_",
}

func randomDateText(r *rand.Rand) string {
	var b strings.Builder
	n := 1 + r.IntN(24)
	for range n {
		b.WriteString(dateFragments[r.IntN(len(dateFragments))])
		if r.IntN(3) > 0 {
			b.WriteByte(' ')
		}
	}
	if r.IntN(4) == 0 { // a long stretch without digits between dates
		b.WriteString(strings.Repeat("word ", r.IntN(12)))
		b.WriteString(dateFragments[r.IntN(len(dateFragments))])
	}
	return b.String()
}

func TestFindDatesSameAsRegexps(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	refs := []Date{{}, {2022, 11, 3, Day}, {2021, 0, 0, Year}, {2020, 5, 0, Month}, {2019, 1, 1, Day}}
	for i := range 20000 {
		s := randomDateText(r)
		pre := "X. "
		text := pre + s + " Y."
		ref := refs[i%len(refs)]
		got := FindDates(text, len(pre), len(pre)+len(s), ref)
		want := refFindDates(text, len(pre), len(pre)+len(s), ref)
		if !slices.Equal(got, want) {
			t.Fatalf("FindDates(%q, ref %v)\n got %v\nwant %v", s, ref, got, want)
		}
		// The extractor's call, which passes over the relative words
		// where the lowered text rules them out.
		if got := findDates(text, len(pre), len(pre)+len(s), ref, hasDigit(s)); !slices.Equal(got, want) {
			t.Fatalf("findDates with lower(%q, ref %v)\n got %v\nwant %v", s, ref, got, want)
		}
	}
}
