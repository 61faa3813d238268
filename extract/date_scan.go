package extract

// One pass over the words of a sentence finds where the date patterns can
// start: month names, numbers, the relative words. The patterns are then
// tried there only, not at every byte once per pattern (which, with a
// prefilter per pattern, was most of the time dates took).

// dateAnchors are the places in a sentence where a date pattern can start.
type dateAnchors struct {
	months []int   // word starts where a month name (monthNames) begins
	digits []int   // word starts that are digits (\b before a digit)
	rel    [][]int // the matches of the rel pattern, when asked for
	ago    bool    // a word "ago" (any case) after a space: the ago pattern may match
}

// Classes of the bytes that start the words scanDateAnchors looks at.
const (
	dcWord  = 1 << iota // a byte of \w
	dcDigit             // a digit
	dcMonth             // the first letter of a month name
	dcRel               // the first letter of a relative word (either case)
	dcAgo               // a or A
)

var dateClasses = func() (t [256]uint8) {
	for b := range t {
		if wordBytes[b] {
			t[b] |= dcWord
		}
		if isDigit(byte(b)) {
			t[b] |= dcDigit
		}
		if len(relativeByInitial[b|0x20]) > 0 {
			t[b] |= dcRel
		}
	}
	for _, m := range monthNames {
		t[m[0]] |= dcMonth
	}
	t['a'] |= dcAgo
	t['A'] |= dcAgo
	return t
}()

// scanDateAnchors appends the anchors of s to a's lists; the relative
// words only if relative. Every anchor is the start of a run of word bytes,
// the only place where \b holds before a word byte.
func scanDateAnchors(s string, relative bool, a dateAnchors) dateAnchors {
	for i := 0; i < len(s); i++ {
		c := dateClasses[s[i]]
		if c&dcWord == 0 {
			continue
		}
		switch {
		case c&dcDigit != 0:
			a.digits = append(a.digits, i)
		case c&dcMonth != 0:
			if monthAt(s, i) >= 0 {
				a.months = append(a.months, i)
			}
		}
		j := i + 1 // the end of the run
		for j < len(s) && wordBytes[s[j]] {
			j++
		}
		if relative && c&dcRel != 0 {
			if n := relativeAt(s, i, j-i); n > 0 {
				a.rel = append(a.rel, []int{i, i + n, i, i + n})
			}
		}
		if relative && c&dcAgo != 0 && j-i == 3 && i > 0 && s[i-1] == ' ' && foldedPrefix(s[i:], "ago") {
			a.ago = true
		}
		// A match of rel ends at \b: none starts inside the run.
		i = j - 1
	}
	return a
}

// monthGroups are monthNames by their first three letters, in the order
// of monthNames (the full name before its abbreviations): the first name
// of monthNames that starts a text is the first of its group that does.
var monthGroups = func() (g []struct {
	prefix string
	names  []string
}) {
	for _, m := range monthNames {
		k := 0
		for k < len(g) && g[k].prefix != m[:3] {
			k++
		}
		if k == len(g) {
			g = append(g, struct {
				prefix string
				names  []string
			}{prefix: m[:3]})
		}
		g[k].names = append(g[k].names, m)
	}
	return g
}()

// monthAt returns the end of the month name at i, or -1.
func monthAt(s string, i int) int {
	if i+3 > len(s) || dateClasses[s[i]]&dcMonth == 0 {
		return -1
	}
	p := s[i : i+3]
	for _, g := range monthGroups {
		if g.prefix != p {
			continue
		}
		for _, m := range g.names {
			if len(s)-i >= len(m) && s[i:i+len(m)] == m {
				return i + len(m)
			}
		}
		return -1
	}
	return -1
}

// relativeAt returns the length of the rel pattern's match at i, the start
// of a run of word bytes of length run, or 0. Its (?i) also lets a long s (U+017F) stand
// for s, but such a match has no date (relativeDate knows none of them)
// and cannot overlap another one, so it makes no difference that only
// ASCII case is folded here.
func relativeAt(s string, i, run int) int {
	for _, w := range relativeByInitial[s[i]|0x20] {
		// Its first word is the whole run of word bytes at i.
		if len(w) < run || len(w) > run && w[run] != ' ' {
			continue
		}
		if foldedPrefix(s[i:], w) && boundaryAt(s, i+len(w)) {
			return len(w)
		}
	}
	return 0
}

// inWindow returns the anchors of a sorted list that lie in window w.
func inWindow(anchors []int, w [2]int) []int {
	a := 0
	for a < len(anchors) && anchors[a] < w[0] {
		a++
	}
	b := a
	for b < len(anchors) && anchors[b] < w[1] {
		b++
	}
	return anchors[a:b]
}

// anchoredDates appends the matches of the pattern kind (a month pattern,
// "y" or "iso") in the window w of s that start at one of anchors (those
// in w, sorted), leftmost first and not overlapping, as regexp's
// FindAllStringSubmatchIndex on s[w[0]:w[1]] finds them: every match
// starts at a word start, of a month name or a number as the pattern has.
func anchoredDates(kind, s string, w [2]int, anchors []int, out [][]int) [][]int {
	t := s[w[0]:w[1]]
	next := 0 // the end of the last match, in t
	for _, p := range anchors {
		i := p - w[0]
		if i < next {
			continue
		}
		var m []int
		switch kind {
		case "y":
			m = yearMatchAt(t, i)
		case "iso":
			m = isoMatchAt(t, i)
		default:
			m = monthDateAt(kind, t, i)
		}
		if m == nil {
			continue
		}
		next = m[1]
		for k := range m {
			m[k] += w[0]
		}
		out = append(out, m)
	}
	return out
}

// yearMatchAt is the "y" pattern, \b(1[89]\d\d|20\d\d)\b, at i, the
// start of a run of word bytes: its submatch indexes, or nil.
func yearMatchAt(s string, i int) []int {
	if i+4 <= len(s) && isDigit(s[i+2]) && isDigit(s[i+3]) &&
		(s[i] == '1' && (s[i+1] == '8' || s[i+1] == '9') || s[i] == '2' && s[i+1] == '0') && boundaryAt(s, i+4) {
		return []int{i, i + 4, i, i + 4}
	}
	return nil
}

// isoMatchAt is the "iso" pattern, \b(\d{4})-(\d{2})-(\d{2})\b, at i,
// the start of a run of word bytes: its submatch indexes, or nil.
func isoMatchAt(s string, i int) []int {
	if i+10 > len(s) {
		return nil
	}
	t := s[i : i+10]
	if isDigit(t[0]) && isDigit(t[1]) && isDigit(t[2]) && isDigit(t[3]) && t[4] == '-' && isDigit(t[5]) && isDigit(t[6]) &&
		t[7] == '-' && isDigit(t[8]) && isDigit(t[9]) && boundaryAt(s, i+10) {
		return []int{i, i + 10, i, i + 4, i + 5, i + 7, i + 8, i + 10}
	}
	return nil
}

// monthOnlyDates appends the matches of the "m" pattern in s: a full month
// name (at one of months, the month names' starts) after one of
// monthOnlyBefore, a whole word, and spaces ("in April", "since March").
// No two can overlap: a month name is none of those words.
func monthOnlyDates(s string, months []int, out [][]int) [][]int {
	for _, k := range months {
		e := -1
		for _, name := range monthNames[:12] {
			if len(s)-k >= len(name) && s[k:k+len(name)] == name {
				if boundaryAt(s, k+len(name)) {
					e = k + len(name)
				}
				break // no full name starts another
			}
		}
		if e < 0 {
			continue
		}
		j := k // back over the spaces (\s) and the word before them
		for j > 0 && isRESpace(s[j-1]) {
			j--
		}
		if j == k {
			continue
		}
		i := j
		for i > 0 && isWordByte(s[i-1]) {
			i--
		}
		for _, w := range monthOnlyBefore {
			if s[i:j] == w {
				out = append(out, []int{i, e, k, e})
				break
			}
		}
	}
	return out
}

// isRESpace is a byte of \s: [\t\n\f\r ].
func isRESpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }
