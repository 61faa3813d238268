package extract

import (
	"strings"
	"time"
)

// Dates a text gives relative to its own (today, last year, on Tuesday,
// in April, two years ago) and the words of the patterns that need no
// digit.

// relativeByInitial are the alternatives of the rel pattern (today|
// yesterday|this year|last year|next year|this month|last month|the days of
// the week) by their first letter.
var relativeByInitial = [256][]string{
	't': {"today", "this year", "this month", "tuesday", "thursday"},
	'y': {"yesterday"},
	'l': {"last year", "last month"},
	'n': {"next year"},
	'm': {"monday"},
	'w': {"wednesday"},
	'f': {"friday"},
	's': {"saturday", "sunday"},
}

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
