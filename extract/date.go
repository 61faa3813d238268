package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"
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
// They are matched by hand (see findMonthDates, findRelative): regular
// expressions were the costliest step of extraction.
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

// findRelative is the rel pattern over s. Its (?i) also lets a long s
// (U+017F) stand for s, but such a match has no date (relativeDate knows
// none of them) and cannot overlap another one, so it makes no difference
// that only ASCII case is folded here.
func findRelative(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isWordByte(c) {
			continue
		}
		// i starts a run of word bytes: the only place in it where \b
		// holds before a letter. The run is passed whole below unless a
		// match ends inside it, which \b after the match rules out.
		var words []string
		switch c | 0x20 {
		case 't':
			words = relativeT
		case 'y':
			words = relativeY
		case 'l':
			words = relativeL
		case 'n':
			words = relativeN
		case 'm':
			words = relativeM
		case 'w':
			words = relativeW
		case 'f':
			words = relativeF
		case 's':
			words = relativeS
		}
		for _, w := range words {
			if foldedPrefix(s[i:], w) && boundaryAt(s, i+len(w)) {
				out = append(out, []int{i, i + len(w), i, i + len(w)})
				i += len(w)
				break
			}
		}
		for i < len(s) && isWordByte(s[i]) {
			i++
		}
	}
	return out
}

// relativeNeedles are words one of which every match of the rel pattern
// holds, lower-cased.
var relativeNeedles = []string{"year", "month", "day"}

// mayBeRelative reports whether the lower-cased text holds a word of
// relativeNeedles; if not, the rel pattern has no match in it.
func mayBeRelative(lower string) bool {
	for _, w := range relativeNeedles {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// The alternatives of the rel pattern (today|yesterday|this year|last
// year|next year|this month|last month|the days of the week) by their first
// letter.
var (
	relativeT = []string{"today", "this year", "this month", "tuesday", "thursday"}
	relativeY = []string{"yesterday"}
	relativeL = []string{"last year", "last month"}
	relativeN = []string{"next year"}
	relativeM = []string{"monday"}
	relativeW = []string{"wednesday"}
	relativeF = []string{"friday"}
	relativeS = []string{"saturday", "sunday"}
)

// foldedPrefix reports whether s starts with w (lower-case ASCII) when
// its ASCII capitals are lowered.
func foldedPrefix(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for k := 0; k < len(w); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[k] {
			return false
		}
	}
	return true
}

// hasMonthStart reports whether s contains the first three letters of a
// month name as the month patterns spell them ("Jan", ..., "Dec"): none of
// them can match without.
func hasMonthStart(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		switch s[i] {
		case 'J':
			if s[i+1] == 'a' && s[i+2] == 'n' || s[i+1] == 'u' && (s[i+2] == 'n' || s[i+2] == 'l') {
				return true
			}
		case 'F':
			if s[i+1] == 'e' && s[i+2] == 'b' {
				return true
			}
		case 'M':
			if s[i+1] == 'a' && (s[i+2] == 'r' || s[i+2] == 'y') {
				return true
			}
		case 'A':
			if s[i+1] == 'p' && s[i+2] == 'r' || s[i+1] == 'u' && s[i+2] == 'g' {
				return true
			}
		case 'S':
			if s[i+1] == 'e' && s[i+2] == 'p' {
				return true
			}
		case 'O':
			if s[i+1] == 'c' && s[i+2] == 't' {
				return true
			}
		case 'N':
			if s[i+1] == 'o' && s[i+2] == 'v' {
				return true
			}
		case 'D':
			if s[i+1] == 'e' && s[i+2] == 'c' {
				return true
			}
		}
	}
	return false
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

// findYears is the "y" pattern, \b(1[89]\d\d|20\d\d)\b, over s: the
// submatch indexes of every match, as regexp's FindAllStringSubmatchIndex.
func findYears(s string, off int, out [][]int) [][]int {
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i]) || !boundaryAt(s, i) {
			continue
		}
		if isDigit(s[i+2]) && isDigit(s[i+3]) && (s[i] == '1' && (s[i+1] == '8' || s[i+1] == '9') || s[i] == '2' && s[i+1] == '0') &&
			boundaryAt(s, i+4) {
			out = append(out, []int{off + i, off + i + 4, off + i, off + i + 4})
			i += 3
		}
	}
	return out
}

// findISO is the "iso" pattern, \b(\d{4})-(\d{2})-(\d{2})\b, over s.
func findISO(s string, off int, out [][]int) [][]int {
	for i := 0; i+10 <= len(s); i++ {
		if !isDigit(s[i]) || !boundaryAt(s, i) {
			continue
		}
		t := s[i : i+10]
		if isDigit(t[1]) && isDigit(t[2]) && isDigit(t[3]) && t[4] == '-' && isDigit(t[5]) && isDigit(t[6]) && t[7] == '-' &&
			isDigit(t[8]) && isDigit(t[9]) && boundaryAt(s, i+10) {
			o := off + i
			out = append(out, []int{o, o + 10, o, o + 4, o + 5, o + 7, o + 8, o + 10})
			i += 9
		}
	}
	return out
}

// spacesAt returns the end of the run of \s ([\t\n\f\r ]) at i.
func spacesAt(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// monthAt returns the end of the month name at i, or -1.
func monthAt(s string, i int) int {
	if i >= len(s) || strings.IndexByte("JFMASOND", s[i]) < 0 {
		return -1
	}
	for _, m := range monthNames {
		if strings.HasPrefix(s[i:], m) {
			return i + len(m)
		}
	}
	return -1
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

// findMonthDates appends the matches of a month pattern in s, leftmost
// first and not overlapping (as regexp's FindAllStringSubmatchIndex),
// shifted by off.
func findMonthDates(kind, s string, off int, out [][]int) [][]int {
	digitFirst := kind == "dmy" || kind == "dm"
	for i := 0; i < len(s); {
		if isDigit(s[i]) != digitFirst {
			i++
			continue
		}
		m := monthDateAt(kind, s, i)
		if m == nil {
			i++
			continue
		}
		i = m[1]
		for k := range m {
			m[k] += off
		}
		out = append(out, m)
	}
	return out
}

// rangeStartDay is the first day of a range of days ending where before
// ends ("3-" or "3–" before "4 May 2022"), or 0.
func rangeStartDay(before string) int {
	b := strings.TrimSuffix(strings.TrimSuffix(before, "-"), "–")
	if len(b) == len(before) {
		return 0
	}
	i := len(b)
	for i > 0 && b[i-1] >= '0' && b[i-1] <= '9' && len(b)-i < 2 {
		i--
	}
	if i == len(b) || i > 0 && isWordByte(b[i-1]) {
		return 0
	}
	return atoi(b[i:])
}

// coordinatedYear is the year of a month and year coordinated with a
// month name just read: rest starts " and May 2015", " to June, 2016",
// "–July 2014"; 0 if it does not.
func coordinatedYear(rest string) int {
	r := strings.TrimLeft(rest, " ")
	switch {
	case strings.HasPrefix(r, "and "), strings.HasPrefix(r, "or "), strings.HasPrefix(r, "to "):
		r = r[strings.IndexByte(r, ' ')+1:]
	case strings.HasPrefix(r, "-"):
		r = r[1:]
	case strings.HasPrefix(r, "–"):
		r = r[len("–"):]
	default:
		return 0
	}
	r = strings.TrimLeft(r, " ")
	for _, name := range monthNames[:12] {
		if !strings.HasPrefix(r, name) {
			continue
		}
		r = strings.TrimLeft(strings.TrimPrefix(r[len(name):], ","), " ")
		if len(r) >= 4 && isNumber(r[:4]) && (len(r) == 4 || !isWordByte(r[4])) && (r[0] == '1' || r[0] == '2') {
			return atoi(r[:4])
		}
		return 0
	}
	return 0
}

// monthOnlyBefore are the words that make a month name alone a date.
var monthOnlyBefore = []string{"in", "In", "since", "Since", "early", "Early", "late", "Late", "until", "Until", "by", "By", "last", "Last"}

// findMonthOnly is the "m" pattern over s: a full month name after one of
// monthOnlyBefore and spaces ("in April", "since March").
func findMonthOnly(s string, out [][]int) [][]int {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for _, w := range monthOnlyBefore {
			if !strings.HasPrefix(s[i:], w) {
				continue
			}
			j := i + len(w)
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] >= '\t' && s[k] <= '\r' && s[k] != '\v') { // \s
				k++
			}
			if k == j {
				break
			}
			for _, name := range monthNames[:12] {
				if strings.HasPrefix(s[k:], name) && boundaryAt(s, k+len(name)) {
					out = append(out, []int{i, k + len(name), k, k + len(name)})
					i = k + len(name) - 1
					break
				}
			}
			break
		}
	}
	return out
}

// FindDates returns the date expressions in text[start:end], resolved
// against the document date ref (zero if unknown: relative ones are then
// dropped).
func FindDates(text string, start, end int, ref Date) []DateMention {
	return findDates(text, "", start, end, ref, hasDigit(text[start:end]))
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

// findDates is FindDates given lower, lowerASCII(text) (or "" if not at
// hand), which lets it pass over the relative words' pattern in most
// sentences: every match of it holds one of relativeNeedles; and digits,
// hasDigit(text[start:end]).
func findDates(text, lower string, start, end int, ref Date, digits bool) []DateMention {
	s := text[start:end]
	// Every pattern but the relative words needs a digit: most sentences
	// have none, and the regular expressions are the costliest step.
	// Without a document date the relative words are dropped unread.
	relative := !ref.IsZero()
	if !digits && !relative {
		return nil
	}
	var taken []bool
	var out []DateMention
	var windows [][2]int
	if digits {
		windows = digitWindows(s)
	}
	var matches [][]int
	for _, kind := range dateKinds {
		matches = matches[:0]
		switch kind {
		case "rel":
			if relative && (lower == "" || mayBeRelative(lower[start:end])) {
				matches = findRelative(s)
			}
		case "ago":
			if relative && strings.Contains(s, " ago") {
				matches = findAgo(s, matches)
			}
		case "y":
			for _, w := range windows {
				matches = findYears(s[w[0]:w[1]], w[0], matches)
			}
		case "iso":
			for _, w := range windows {
				matches = findISO(s[w[0]:w[1]], w[0], matches)
			}
		case "m":
			if ref.Prec >= Month && hasMonthStart(s) {
				matches = findMonthOnly(s, matches)
			}
		default: // the patterns with a month name
			if (kind == "md" || kind == "dm") && ref.IsZero() {
				break // dropped unread, as below
			}
			for _, w := range windows {
				if hasMonthStart(s[w[0]:w[1]]) {
					matches = findMonthDates(kind, s[w[0]:w[1]], w[0], matches)
				}
			}
		}
		if len(matches) > 0 && taken == nil {
			taken = make([]bool, len(s))
		}
		for _, m := range matches {
			if anyTaken(taken, m[0], m[1]) {
				continue
			}
			d, rel := dateOf(kind, s, m, ref)
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

// agoCounts are the number words of the ago pattern.
var agoCounts = map[string]int{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10}

// findAgo is the ago pattern over s: a count, "year" or "years", "ago",
// each one space apart, whole words, any case.
func findAgo(s string, out [][]int) [][]int {
	for i := 0; i+4 <= len(s); i++ {
		if !strings.EqualFold(s[i:i+4], " ago") || !boundaryAt(s, i+4) {
			continue
		}
		// back over "years" or "year" and one space
		j := i
		switch {
		case j >= 6 && strings.EqualFold(s[j-6:j], " years"):
			j -= 6
		case j >= 5 && strings.EqualFold(s[j-5:j], " year"):
			j -= 5
		default:
			continue
		}
		k := j
		for k > 0 && isWordByte(s[k-1]) {
			k--
		}
		w := strings.ToLower(s[k:j])
		if agoCounts[w] == 0 && !(len(w) >= 1 && len(w) <= 2 && isNumber(w)) {
			continue
		}
		out = append(out, []int{k, i + 4, k, j})
	}
	return out
}

// weekdayNames are the days of the week the rel pattern names.
var weekdayNames = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

// relativeDate is the date a relative word names, seen from the document's
// date ref (zero when ref is too coarse to tell).
func relativeDate(w string, ref Date) Date {
	if wd, ok := weekdayNames[w]; ok {
		// "said on Tuesday": the last such day up to the document's.
		if ref.Prec != Day {
			return Date{}
		}
		t := time.Date(ref.Year, time.Month(ref.Month), ref.Day, 12, 0, 0, 0, time.UTC)
		t = t.AddDate(0, 0, -((int(t.Weekday()) - int(wd) + 7) % 7))
		return Date{t.Year(), int(t.Month()), t.Day(), Day}
	}
	switch w {
	case "today":
		return ref
	case "yesterday":
		if ref.Prec == Day && ref.Day > 1 {
			return Date{ref.Year, ref.Month, ref.Day - 1, Day}
		}
	case "this year":
		return Date{ref.Year, 0, 0, Year}
	case "last year":
		return Date{ref.Year - 1, 0, 0, Year}
	case "next year":
		return Date{ref.Year + 1, 0, 0, Year}
	case "this month":
		if ref.Prec >= Month {
			return Date{ref.Year, ref.Month, 0, Month}
		}
	case "last month":
		if ref.Prec >= Month {
			if ref.Month == 1 {
				return Date{ref.Year - 1, 12, 0, Month}
			}
			return Date{ref.Year, ref.Month - 1, 0, Month}
		}
	}
	return Date{}
}

func anyTaken(t []bool, a, b int) bool {
	for i := a; i < b; i++ {
		if t[i] {
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
