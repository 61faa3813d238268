package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word or a punctuation mark with its byte span in the document.
type Token struct {
	Start, End int
	Text       string // as written
	Key        string // lower-cased, dashes and quotes normalised: the match key
}

// IsWord reports whether the token is a word or number, not punctuation.
func (t Token) IsWord() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Tokenize splits text[start:end] into tokens. Words are runs of letters,
// digits and marks; every other non-space rune is a token of its own, so
// "U.S." is U . S . and "Russia’s" is Russia ’ s, both for labels and text.
func Tokenize(text string, start, end int) []Token {
	var out []Token
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			i += n
		case isWordRune(r):
			j := i + n
			for j < end {
				r2, m := utf8.DecodeRuneInString(text[j:end])
				if !isWordRune(r2) {
					break
				}
				j += m
			}
			w := text[i:j]
			out = append(out, Token{i, j, w, strings.ToLower(w)})
			i = j
		default:
			w := text[i : i+n]
			out = append(out, Token{i, i + n, w, normPunct(r)})
			i += n
		}
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// normPunct folds the many dashes and quotes of real texts to ASCII.
func normPunct(r rune) string {
	switch r {
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return "-"
	case '“', '”', '„', '«', '»', '″':
		return `"`
	case '‘', '’', '‚', '′', '`':
		return "'"
	case '&':
		return "and"
	}
	return string(r)
}

// TokenizeString tokenizes a whole string (labels, triggers).
func TokenizeString(s string) []Token { return Tokenize(s, 0, len(s)) }

// keys returns the match keys of tokens.
func keys(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Key
	}
	return out
}

// caseFits applies the case rule of the gazetteer: a label token in
// capitals ("US") needs the same capitals, a capitalised one ("Russia")
// the same or all capitals, a lower-case one any case.
func caseFits(label, text string) bool {
	if label == text {
		return true
	}
	hasUpper := false
	allUpper := true
	for _, r := range label {
		if unicode.IsUpper(r) {
			hasUpper = true
		} else if unicode.IsLower(r) {
			allUpper = false
		}
	}
	switch {
	case !hasUpper:
		return true
	case allUpper:
		return false
	default:
		return text == strings.ToUpper(label)
	}
}
