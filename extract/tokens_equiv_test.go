package extract

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refTokenize is Tokenize as it was before its ASCII fast path: one
// rune at a time, every capitalised word lowered on its own.
func refTokenize(text string, start, end int) []Token {
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

var tokenFragments = []string{
	"Russia", "russia", "US", "U.S.", "UN", "Ms.", "McDonald", "the", "of", "2021", "74/247", "A/RES/", "x",
	" ", " ", "  ", "\t", "\n", "\r\n", "\v", "\u00a0", "\u0085", "\u2003", ",", ".", "-", "_", "&", "`", "'", "\"", "(", ")",
	"’", "‘", "“", "”", "—", "–", "−", "«", "»", "″", "′", "„", "‚", "‐", "‑", "‒", "―",
	"Éire", "ÉTAT", "Straße", "İstanbul", "Ωmega", "e\u0301", "\u0301", "Россия", "МИД", "中国", "٣", "Ǆ", "ǅ", "ﬁ",
	"\xff", "\xe2\x80", "\ufffd", "€", "§", "☃",
}

func TestTokenizeSameAsRuneByRune(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(20) {
			b.WriteString(tokenFragments[r.IntN(len(tokenFragments))])
		}
		s := b.String()
		start, end := r.IntN(len(s)+1), len(s)
		if r.IntN(2) == 0 {
			start = 0
		}
		if r.IntN(3) == 0 {
			end = start + r.IntN(len(s)-start+1)
		}
		got, want := Tokenize(s, start, end), refTokenize(s, start, end)
		if !slices.Equal(got, want) {
			t.Fatalf("Tokenize(%q, %d, %d)\n got %v\nwant %v", s, start, end, got, want)
		}
		for _, tk := range got {
			if tk.IsWord() != refIsWord(tk) {
				t.Fatalf("IsWord(%q) = %v", tk.Text, tk.IsWord())
			}
		}
	}
}

func refIsWord(t Token) bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
