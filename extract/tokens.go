package extract

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Token is a word or a punctuation mark with its byte span in the document.
type Token struct {
	Start, End int
	Text       string // as written
	Key        string // lower-cased, dashes and quotes normalised: the match key
}

// IsWord reports whether the token is a word or number, not punctuation.
func (t Token) IsWord() bool {
	if t.Text != "" && t.Text[0] < utf8.RuneSelf {
		return asciiClass[t.Text[0]] >= clWord
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Classes of ASCII bytes for the tokenizer.
const (
	clPunct = iota // a token of its own
	clSpace
	clWord  // lower-case letter or digit
	clUpper // upper-case letter
)

var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for b := range c {
		r := rune(b)
		switch {
		case unicode.IsSpace(r):
			c[b] = clSpace
		case unicode.IsUpper(r):
			c[b] = clUpper
		case isWordRune(r):
			c[b] = clWord
		}
	}
	return c
}()

// Tokenize splits text[start:end] into tokens. Words are runs of letters,
// digits and marks; every other non-space rune is a token of its own, so
// "U.S." is U . S . and "Russia’s" is Russia ’ s, both for labels and text.
func Tokenize(text string, start, end int) []Token {
	return appendTokens(make([]Token, 0, (end-start)/5+1), text, start, end)
}

// appendTokens appends the tokens of text[start:end] to out.
func appendTokens(out []Token, text string, start, end int) []Token {
	return appendTokensLower(out, text, "", start, end)
}

// appendTokensLower is appendTokens given lower, lowerASCII(text) (or ""
// to lower the span when a capital needs it): the keys of capitalised
// words are cut from it.
func appendTokensLower(out []Token, text, lower string, start, end int) []Token {
	lowerOff := 0 // the offset in text of lower[0]
	for i := start; i < end; {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case clSpace:
				i++
				continue
			case clPunct:
				w := text[i : i+1]
				k := w
				switch c {
				case '`':
					k = "'"
				case '&':
					k = "and"
				}
				out = appendToken(out, i, i+1, w, k)
				i++
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:end])
			if unicode.IsSpace(r) || r == '\u00a0' {
				i += n
				continue
			}
			if !isWordRune(r) {
				w := text[i : i+n]
				out = appendToken(out, i, i+n, w, normPunctText(r, w))
				i += n
				continue
			}
		}
		// A word: ASCII letters and digits, and any other letters,
		// digits and marks.
		j := i
		upper, ascii := false, true
		for j < end {
			if j+8 <= end {
				// Eight bytes at a time: the ASCII letters and digits
				// of a word (most of them) are found without a branch
				// a byte.
				word, capitals := asciiWordBytes(le64(text[j : j+8]))
				if word == 1<<64-1 {
					upper = upper || capitals != 0
					j += 8
					continue
				}
				k := bits.TrailingZeros64(^word) >> 3 // the bytes of the word
				upper = upper || capitals&(1<<(8*k)-1) != 0
				if j += k; text[j] < utf8.RuneSelf {
					break // punctuation or a space
				}
				r, m := utf8.DecodeRuneInString(text[j:end])
				if !isWordRune(r) {
					break
				}
				ascii = false
				j += m
				continue
			}
			if b := text[j]; b < utf8.RuneSelf {
				cl := asciiClass[b]
				if cl < clWord {
					break
				}
				upper = upper || cl == clUpper
				j++
				continue
			}
			r, m := utf8.DecodeRuneInString(text[j:end])
			if !isWordRune(r) {
				break
			}
			ascii = false
			j += m
		}
		w := text[i:j]
		k := w
		switch {
		case !ascii:
			k = strings.ToLower(w)
		case upper:
			if lower == "" {
				lower, lowerOff = lowerASCII(text[start:end]), start
			}
			k = lower[i-lowerOff : j-lowerOff]
		}
		out = appendToken(out, i, j, w, k)
		i = j
	}
	return out
}

// asciiWordBytes returns, for the eight bytes of x (the first in the low
// byte), 0xff in word for each ASCII letter or digit and 0x80 in capitals
// for each ASCII capital. A byte gets its high bit set by adding 0x80-lo
// to its low seven bits when it is at least lo, and by adding 0x7f-hi
// when it is above hi; no such sum carries into the next byte (as in
// lowerASCII), and bytes with the high bit set (not ASCII) are none of
// these.
func asciiWordBytes(x uint64) (word, capitals uint64) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	low := x &^ highs
	capitals = (low + (0x80-'A')*ones) &^ (low + (0x7f-'Z')*ones)
	lower := (low + (0x80-'a')*ones) &^ (low + (0x7f-'z')*ones)
	digits := (low + (0x80-'0')*ones) &^ (low + (0x7f-'9')*ones)
	capitals &^= x
	capitals &= highs
	word = (capitals | lower&^x | digits&^x) & highs
	return (word >> 7) * 0xff, capitals
}

// appendToken appends the token start, end, text, key to out, storing its
// fields in place: appending a Token literal built it on the stack and
// copied it sixteen bytes at a time, a load the processor cannot forward
// from the eight-byte stores just made (a third of the tokenizer's time
// waited on it).
func appendToken(out []Token, start, end int, text, key string) []Token {
	if len(out) == cap(out) {
		out = slices.Grow(out, 1)
	}
	out = out[:len(out)+1]
	t := &out[len(out)-1]
	t.Start, t.End, t.Text, t.Key = start, end, text, key
	return out
}

// lowerASCII lowers the ASCII capitals of s, leaving every other byte (and
// so every offset) as it is.
func lowerASCII(s string) string {
	b := make([]byte, len(s))
	i := 0
	// Eight bytes at a time (it lowers whole documents): a byte gets 0x20
	// added when it is ASCII (bit 7 clear) and its low seven bits, plus
	// 0x80-'A', carry into bit 7 while plus 0x7f-'Z' does not; no sum
	// of two bytes below 0x80 carries into the next byte.
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		const ones, highs = 0x0101010101010101, 0x8080808080808080
		low := x &^ highs
		upper := (low + (0x80-'A')*ones) &^ (low + (0x7f-'Z')*ones) &^ x & highs
		x |= upper >> 2
		c := b[i : i+8]
		c[0], c[1], c[2], c[3] = byte(x), byte(x>>8), byte(x>>16), byte(x>>24)
		c[4], c[5], c[6], c[7] = byte(x>>32), byte(x>>40), byte(x>>48), byte(x>>56)
	}
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
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

// normPunctText is normPunct of the rune r written w in the text, without
// making a new string for a rune it keeps.
func normPunctText(r rune, w string) string {
	switch r {
	case '‐', '‑', '‒', '–', '—', '―', '−', '“', '”', '„', '«', '»', '″', '‘', '’', '‚', '′', '`', '&', utf8.RuneError:
		return normPunct(r)
	}
	return w
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
