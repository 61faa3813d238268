package extract

import (
	"strings"
	"time"
)

// Dates a text gives relative to its own (today, last year, on Tuesday,
// in April, two years ago) and the hand-written finders of the patterns
// that need no digit.
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
