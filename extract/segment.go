package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// turnMarker matches the start of a transcript turn at the start of a line:
// "Question:", "Answer:", "Q:", "A:", "Q " (press transcripts) or an
// upper-case label such as "THE PRESIDENT:" or "MS. PSAKI:".
var turnMarker = regexp.MustCompile(`^(?:(Question|Answer|Q|A)\s*:|(Q)[ \t]+|([A-Z][A-Z.'’\- ]{1,40}[A-Z.]):)[ \t]*`)

// segment splits the body into turns, paragraphs and sentences.
func (d *Document) segment() {
	body := d.Text[d.BodyStart:]
	// Room for the sentences at once (texts have about one a hundred
	// bytes) rather than growing the slice from nothing.
	d.Sentences = make([]Sentence, 0, len(body)/64+1)
	para := 0
	off := d.BodyStart
	turn := -1
	inPara := false
	for body != "" {
		// The next line, with its "\n" (strings.SplitAfter without the
		// slice of all lines).
		line := body
		if k := strings.IndexByte(body, '\n'); k >= 0 {
			line = body[:k+1]
		}
		body = body[len(line):]
		lineStart := off
		off += len(line)
		content := strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(content) == "" {
			if inPara {
				para++
				inPara = false
			}
			continue
		}
		textStart := lineStart
		m := findTurnMarker(content)
		role := ""
		if m == nil {
			m, role = d.nameMarker(content)
		}
		if m != nil {
			label := ""
			for g := 1; g <= 3; g++ {
				if m[2*g] >= 0 {
					label = content[m[2*g]:m[2*g+1]]
				}
			}
			if turn >= 0 {
				d.Turns[turn].End = lineStart
			}
			if role == "" {
				role = turnRole(label)
			}
			d.Turns = append(d.Turns, Turn{Start: lineStart, End: len(d.Text), Label: label, Role: role})
			turn = len(d.Turns) - 1
			textStart = lineStart + m[1]
		}
		inPara = true
		d.splitSentences(textStart, lineStart+len(content), turn, para)
	}
}

// findTurnMarker is turnMarker.FindStringSubmatchIndex(line), skipping the
// regular expression for lines that cannot match: a marker starts with a
// capital, and a capital followed by a lower-case letter can only start
// "Question" or "Answer".
func findTurnMarker(line string) []int {
	if line == "" || line[0] < 'A' || line[0] > 'Z' {
		return nil
	}
	if len(line) > 1 && 'a' <= line[1] && line[1] <= 'z' && !strings.HasPrefix(line, "Question") && !strings.HasPrefix(line, "Answer") {
		return nil
	}
	return turnMarker.FindStringSubmatchIndex(line)
}

// nameLabel is a turn label written as a name ("Sergey Lavrov:", "Maria
// Zakharova:", "Kommersant:"): one to four capitalised words.
var nameLabel = regexp.MustCompile(`^()()([A-Z][\p{L}'’.\-]*(?: [A-Z][\p{L}'’.\-]*){0,3}):[ \t]*`)

// nameMarker is a turn marker written as a name, only for a name the front
// matter gives: the speaker's (by surname: "Lavrov:" or "Sergey Lavrov:"
// for "Sergey V. Lavrov") or the interviewer's. Any other "Capitalised
// Words:" opens a heading or a list ("Key points: ..."), not a turn. It
// returns the marker's submatch indexes, in turnMarker's groups, and the
// turn's role.
func (d *Document) nameMarker(line string) ([]int, string) {
	if line == "" || line[0] < 'A' || line[0] > 'Z' || !strings.Contains(line, ":") {
		return nil, ""
	}
	m := nameLabel.FindStringSubmatchIndex(line)
	if m == nil {
		return nil, ""
	}
	label := line[m[6]:m[7]]
	if iv := strings.TrimSpace(d.Meta.Interviewer); iv != "" && strings.EqualFold(label, iv) {
		return m, "interviewer"
	}
	if surname := lastWord(d.Meta.Speaker); surname != "" && lastWord(label) == surname {
		return m, "speaker"
	}
	if strings.HasSuffix(strings.TrimRight(line, " \t\r\n\"”»"), "?") && !strings.EqualFold(label, d.Meta.Speaker) {
		// "Reuters: The US accused X. What's China's response?": a press
		// conference's question, labelled with the asker's outlet.
		return m, "interviewer"
	}
	return nil, ""
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func turnRole(label string) string {
	switch label {
	case "Question", "Q":
		return "interviewer"
	case "Answer", "A":
		return "speaker"
	}
	return "other"
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "jr": true, "sr": true, "no": true, "art": true, "vol": true,
	"vs": true, "etc": true, "e.g": true, "i.e": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "inc": true, "ltd": true, "co": true, "corp": true, "amb": true,
	"prof": true, "lt": true, "col": true, "capt": true, "adm": true, "para": true, "pp": true,
}

// maxAbbreviation is the most runes of an abbreviation (lowering keeps
// the number of runes).
var maxAbbreviation = func() int {
	n := 0
	for a := range abbreviations {
		n = max(n, utf8.RuneCountInString(a))
	}
	return n
}()

// splitSentences appends the sentences of the line text[start:end].
func (d *Document) splitSentences(start, end, turn, para int) {
	t := d.Text
	s := start
	for s < end && isSpace(t[s]) {
		s++
	}
	// The next '.', '!' and '?' at or after i (end when none): only they
	// end a sentence, and they are ASCII, so a byte equal to one of them is
	// that rune. Each is found with IndexByte, which passes the bytes in
	// between many at a time.
	var next [3]int
	for k := range next {
		next[k] = -1
	}
	for i := s; i < end; {
		for k, c := range [3]byte{'.', '!', '?'} {
			if next[k] < i {
				if n := strings.IndexByte(t[i:end], c); n >= 0 {
					next[k] = i + n
				} else {
					next[k] = end
				}
			}
		}
		i = min(next[0], next[1], next[2])
		if i >= end {
			break
		}
		r, n := rune(t[i]), 1
		if r == '.' || r == '!' || r == '?' {
			j := i + n
			for j < end && strings.ContainsRune(`.!?”"’')]»`, rune(t[j])) || (j < end && strings.HasPrefix(t[j:end], "”")) || (j < end && strings.HasPrefix(t[j:end], "’")) {
				_, m := utf8.DecodeRuneInString(t[j:end])
				j += m
			}
			if j >= end {
				break
			}
			if !isSpace(t[j]) {
				i += n
				continue
			}
			k := j
			for k < end && isSpace(t[k]) {
				k++
			}
			if k < end && r == '.' && !startsSentence(t[k:end]) {
				i = k
				continue
			}
			if r == '.' && endsWithAbbreviation(t[s:i]) && !opensSentence(t[k:end]) {
				i = k
				continue
			}
			d.addSentence(s, j, turn, para)
			s = k
			i = k
			continue
		}
		i += n
	}
	if s < end {
		d.addSentence(s, end, turn, para)
	}
}

// maxSentence bounds a sentence's length in bytes: real sentences are far
// shorter, and text without full stops (a table, a dump on one line) would
// otherwise make one sentence whose rules cost time quadratic in its size.
// Longer runs are cut at a space.
const maxSentence = 4096

func (d *Document) addSentence(s, e, turn, para int) {
	for e > s && isSpace(d.Text[e-1]) {
		e--
	}
	for e-s > maxSentence {
		cut := s + maxSentence
		for cut > s+maxSentence/2 && !isSpace(d.Text[cut]) {
			cut--
		}
		for cut < e && !utf8.RuneStart(d.Text[cut]) {
			cut++
		}
		d.addSentence(s, cut, turn, para)
		s = cut
		for s < e && isSpace(d.Text[s]) {
			s++
		}
	}
	if e > s {
		d.Sentences = append(d.Sentences, Sentence{Start: s, End: e, Turn: turn, Paragraph: para})
	}
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// startsSentence: the next sentence begins with a capital, a digit or an
// opening quote or bracket.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“‘'([`, r)
}

// sentenceOpeners are words that follow an abbreviation's period only when
// a new sentence starts ("signed in Washington, D.C. It was ..."), never
// inside a name ("U.S. President").
var sentenceOpeners = map[string]bool{"It": true, "The": true, "This": true, "These": true, "Those": true, "He": true,
	"She": true, "They": true, "We": true, "In": true, "On": true, "But": true, "However": true, "Its": true, "Their": true}

// opensSentence reports whether s starts with one of the sentenceOpeners.
func opensSentence(s string) bool {
	w := s
	if k := strings.IndexAny(s, " \t\r\n,;:"); k >= 0 {
		w = s[:k]
	}
	return sentenceOpeners[w]
}

// endsWithAbbreviation reports whether the text before a period ends in an
// abbreviation or a single capital letter (as in "U.S." or "J. Smith").
func endsWithAbbreviation(before string) bool {
	i := len(before)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:i])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		i -= n
	}
	w := before[i:]
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
		return true
	}
	if strings.Contains(w, ".") { // U.S, e.g
		return true
	}
	if len(w) > maxAbbreviation && utf8.RuneCountInString(w) > maxAbbreviation {
		return false // most words before a full stop: not lowered to be looked up
	}
	return abbreviations[strings.ToLower(w)]
}
