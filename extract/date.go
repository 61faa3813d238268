package extract

import (
	"fmt"
	"strconv"
	"strings"
)

// Precision of a date: the text's own, never more.
type Precision int

// Precisions, coarsest first.
const (
	Year Precision = iota + 1
	Month
	Day
)

// Date is a calendar date at a precision.
type Date struct {
	Year, Month, Day int
	Prec             Precision
}

// IsZero reports whether no date is set.
func (d Date) IsZero() bool { return d.Prec == 0 }

// String is the ISO 8601 form at the date's precision.
func (d Date) String() string {
	var buf [10]byte
	if b, ok := appendDate(buf[:0], d); ok { // four-digit years: all but odd ones
		return string(b)
	}
	switch d.Prec {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// DateMention is a date expression found in a sentence.
type DateMention struct {
	Start, End int // byte span in the document
	Date       Date
	Relative   bool // resolved against the document date
}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// monthNames are the month names the date patterns read, as written:
// capitalised, the abbreviations with their full stop.
var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sept.", "Sep.",
	"Oct.", "Nov.", "Dec."}

// The date patterns, most precise first; each match claims its span. In
// the notation of regular expressions, with M a month name:
//
//	mdy  \b M \s+ (\d{1,2})(?:st|nd|rd|th)? ,? \s+ (\d{4}) \b
//	dmy  \b (\d{1,2})(?:st|nd|rd|th)? \s+ (?:of\s+)? M ,? \s+ (\d{4}) \b
//	iso  \b (\d{4})-(\d{2})-(\d{2}) \b
//	my   \b M (?:\s+of)? ,? \s+ (\d{4}) \b
//	md   \b M \s+ (\d{1,2})(?:st|nd|rd|th)? \b
//	dm   \b (\d{1,2})(?:st|nd|rd|th)? \s+ (?:of\s+)? M \b
//	m    \b (?:in|In|since|Since|early|Early|late|Late|until|Until|by|By|last|Last) \s+ (F) \b
//	     with F a full month name ("in April", "last December": the latest
//	     such month up to the document's)
//	y    \b (1[89]\d\d|20\d\d) \b
//	rel  (?i)\b(today|yesterday|this year|last year|next year|this month|last month|
//	     monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b
//	ago  (?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|a|\d{1,2}) years? ago\b
//	     ("two years ago": that year, counted back from the document's)
//
// They are matched by hand, only where a sentence's words can start them
// (see scanDateAnchors): regular expressions were the costliest step of
// extraction.
var dateKinds = []string{"mdy", "dmy", "iso", "my", "md", "dm", "m", "y", "rel", "ago"}

// digitWindows are the stretches of s around its digits (a date's words
// stand within a few words of its numbers), cut at spaces and merged: the
// date patterns need only run there.
func digitWindows(s string) [][2]int {
	const reach = 24
	var out [][2]int
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9') {
			j++
		}
		a, b := max(i-reach, 0), min(j+reach, len(s))
		for a > 0 && s[a-1] != ' ' {
			a--
		}
		for b < len(s) && s[b] != ' ' {
			b++
		}
		if n := len(out); n > 0 && a <= out[n-1][1] {
			out[n-1][1] = b
		} else {
			out = append(out, [2]int{a, b})
		}
		i = j
	}
	return out
}

// isWordByte is a byte of \w ([0-9A-Za-z_]); \b is a change of it.
func isWordByte(b byte) bool { return wordBytes[b] }

var wordBytes = func() (t [256]bool) {
	for b := range t {
		t[b] = b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
	}
	return t
}()

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// boundaryAt is \b at i in s.
func boundaryAt(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

// spacesAt returns the end of the run of \s ([\t\n\f\r ]) at i.
func spacesAt(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// dayAt returns the end of one or two digits at i, or -1.
func dayAt(s string, i int) int {
	j := i
	for j < len(s) && j-i < 2 && isDigit(s[j]) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// ordinalAt passes an ordinal suffix (st, nd, rd, th) at i.
func ordinalAt(s string, i int) int {
	if i+2 <= len(s) {
		switch s[i : i+2] {
		case "st", "nd", "rd", "th":
			return i + 2
		}
	}
	return i
}

// yearAt returns the end of four digits at i followed by \b, or -1.
func yearAt(s string, i int) int {
	if i+4 <= len(s) && isDigit(s[i]) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) && boundaryAt(s, i+4) {
		return i + 4
	}
	return -1
}

// commaSpacesAt passes ",?\s+" at i; -1 without the spaces.
func commaSpacesAt(s string, i int) int {
	if i < len(s) && s[i] == ',' {
		i++
	}
	if j := spacesAt(s, i); j > i {
		return j
	}
	return -1
}

// monthDateAt matches the pattern kind anchored at i (see dateKinds)
// and returns its submatch indexes, or nil. Each element of the patterns
// has one way to go on that can succeed (a run of spaces is followed by
// something else, an ordinal or "of" when present must be taken), so no
// backtracking is needed to find what a regular expression finds.
func monthDateAt(kind, s string, i int) []int {
	if !boundaryAt(s, i) {
		return nil
	}
	switch kind {
	case "mdy", "my", "md":
		j := monthAt(s, i)
		if j < 0 {
			return nil
		}
		if kind == "my" {
			p := j
			if k := spacesAt(s, j); k > j && strings.HasPrefix(s[k:], "of") {
				p = k + 2
			}
			q := commaSpacesAt(s, p)
			if q < 0 {
				return nil
			}
			if e := yearAt(s, q); e >= 0 {
				return []int{i, e, i, j, q, e}
			}
			return nil
		}
		a := spacesAt(s, j)
		if a == j {
			return nil
		}
		b := dayAt(s, a)
		if b < 0 {
			return nil
		}
		c := ordinalAt(s, b)
		if kind == "md" {
			if boundaryAt(s, c) {
				return []int{i, c, i, j, a, b}
			}
			return nil
		}
		q := commaSpacesAt(s, c)
		if q < 0 {
			return nil
		}
		if e := yearAt(s, q); e >= 0 {
			return []int{i, e, i, j, a, b, q, e}
		}
		return nil
	case "dmy", "dm":
		b := dayAt(s, i)
		if b < 0 {
			return nil
		}
		c := ordinalAt(s, b)
		d := spacesAt(s, c)
		if d == c {
			return nil
		}
		if strings.HasPrefix(s[d:], "of") {
			if e := spacesAt(s, d+2); e > d+2 {
				d = e
			}
		}
		m := monthAt(s, d)
		if m < 0 {
			return nil
		}
		if kind == "dm" {
			if boundaryAt(s, m) {
				return []int{i, m, i, b, d, m}
			}
			return nil
		}
		q := commaSpacesAt(s, m)
		if q < 0 {
			return nil
		}
		if e := yearAt(s, q); e >= 0 {
			return []int{i, e, i, b, d, m, q, e}
		}
	}
	return nil
}

// FindDates returns the date expressions in text[start:end], resolved
// against the document date ref (zero if unknown: relative ones are then
// dropped).
func FindDates(text string, start, end int, ref Date) []DateMention {
	return findDates(text, start, end, ref, hasDigit(text[start:end]))
}

// hasDigit reports whether s holds an ASCII digit. It is asked of every
// sentence: eight bytes at a time, a byte b is a digit when b^'0' < 10.
func hasDigit(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; len(s) >= 8; s = s[8:] {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		if y := x ^ '0'*ones; (y-10*ones)&^y&highs != 0 {
			return true
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i]-'0' < 10 {
			return true
		}
	}
	return false
}

// findDates is FindDates given digits, hasDigit(text[start:end]).
func findDates(text string, start, end int, ref Date, digits bool) []DateMention {
	s := text[start:end]
	// Every pattern but the relative words needs a digit: most sentences
	// have none. Without a document date the relative words are dropped
	// unread.
	relative := !ref.IsZero()
	if !digits && !relative {
		return nil
	}
	var out []DateMention
	var windows [][2]int
	if digits {
		windows = digitWindows(s)
	}
	var digitsBuf, monthsBuf [32]int // room enough for most sentences, on the stack
	an := scanDateAnchors(s, relative, dateAnchors{digits: digitsBuf[:0], months: monthsBuf[:0]})
	if len(windows) == 0 && len(an.rel) == 0 && !an.ago && (ref.Prec < Month || len(an.months) == 0) {
		return nil // no pattern can match: most sentences
	}
	var matches [][]int
	for _, kind := range dateKinds {
		matches = matches[:0]
		switch kind {
		case "rel":
			matches = an.rel
		case "ago":
			if an.ago {
				matches = findAgo(s, matches)
			}
		case "y", "iso":
			for _, w := range windows {
				matches = anchoredDates(kind, s, w, inWindow(an.digits, w), matches)
			}
		case "m":
			if ref.Prec >= Month {
				matches = monthOnlyDates(s, an.months, matches)
			}
		default: // the patterns with a month name
			if (kind == "md" || kind == "dm") && ref.IsZero() {
				break // dropped unread, as below
			}
			for _, w := range windows {
				months := inWindow(an.months, w)
				if len(months) == 0 {
					continue // each of them has a month name in the window
				}
				if kind == "dmy" || kind == "dm" {
					matches = anchoredDates(kind, s, w, inWindow(an.digits, w), matches)
				} else {
					matches = anchoredDates(kind, s, w, months, matches)
				}
			}
		}
		for _, m := range matches {
			if overlapsDate(out, m[0]+start, m[1]+start) {
				continue
			}
			d, rel := dateOf(kind, s, m, ref)
			if d.IsZero() || d.Month > 12 || d.Day > 31 {
				continue
			}
			out = append(out, DateMention{start + m[0], start + m[1], d, rel})
		}
		if kind == "rel" {
			matches = nil // an.rel is not to be reused
		}
	}
	sortDates(out)
	return out
}

// dateOf is the date a match of the pattern kind denotes in s (m: its
// submatch indexes), resolved against ref; zero when it denotes none.
func dateOf(kind, s string, m []int, ref Date) (d Date, rel bool) {
	g := func(i int) string { return s[m[2*i]:m[2*i+1]] }
	switch kind {
	case "mdy":
		d = Date{atoi(g(3)), monthNum(g(1)), atoi(g(2)), Day}
	case "dmy":
		day := atoi(g(1))
		if first := rangeStartDay(s[:m[0]]); first > 0 && first < day {
			day = first // "3-4 May 2022": the first day
		}
		d = Date{atoi(g(3)), monthNum(g(2)), day, Day}
	case "iso":
		d = Date{atoi(g(1)), atoi(g(2)), atoi(g(3)), Day}
	case "my":
		d = Date{atoi(g(2)), monthNum(g(1)), 0, Month}
	case "md", "dm":
		// "November 18": the year is the document's, or the one
		// before if that would put the day after the document.
		if ref.IsZero() {
			return Date{}, false
		}
		mo, day := monthNum(g(1)), atoi(g(2))
		if kind == "dm" {
			mo, day = monthNum(g(2)), atoi(g(1))
		}
		y := ref.Year
		if ref.Prec >= Month && (mo > ref.Month || mo == ref.Month && ref.Prec == Day && day > ref.Day) {
			y--
		}
		d, rel = Date{y, mo, day, Day}, true
	case "y":
		// "resolution 74/247" or "A/RES/2019" are not years
		mid := m[0] >= 4 && strings.EqualFold(s[m[0]-4:m[0]], "mid-") // "in mid-2022"
		if m[0] > 0 && strings.ContainsRune("/-", rune(s[m[0]-1])) && !mid || m[1] < len(s) && strings.ContainsRune("/", rune(s[m[1]])) {
			return Date{}, false
		}
		d = Date{atoi(g(1)), 0, 0, Year}
	case "m":
		// "in April": of the document's year, or the year before if
		// that would put it after the document.
		if ref.Prec < Month {
			return Date{}, false
		}
		mo, y := monthNum(g(1)), ref.Year
		if mo > ref.Month {
			y--
		}
		if cy := coordinatedYear(s[m[1]:]); cy > 0 {
			// "in April and May 2015": the year of the month it is
			// coordinated with.
			return Date{cy, mo, 0, Month}, false
		}
		d, rel = Date{y, mo, 0, Month}, true
	case "rel":
		if ref.IsZero() {
			return Date{}, false
		}
		rel = true
		d = relativeDate(strings.ToLower(g(1)), ref)
	case "ago":
		n := agoCounts[strings.ToLower(g(1))]
		if n == 0 {
			n = atoi(g(1))
		}
		if ref.IsZero() || n == 0 {
			return Date{}, false
		}
		d, rel = Date{ref.Year - n, 0, 0, Year}, true
	}
	return d, rel
}

// overlapsDate reports whether the span [a, b) overlaps a date of out: a
// match claims its span, and an earlier pattern's is kept.
func overlapsDate(out []DateMention, a, b int) bool {
	for _, d := range out {
		if a < d.End && d.Start < b {
			return true
		}
	}
	return false
}

func sortDates(d []DateMention) {
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && d[j].Start < d[j-1].Start; j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func monthNum(s string) int { return months[strings.ToLower(strings.TrimSuffix(s, "."))] }
