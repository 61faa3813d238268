package rdfio

import "unicode/utf8"

// appendLiteral appends the quoted form of a literal's lexical form s, as
// appendQuoted does without a language tag, checking on the way that s is
// valid UTF-8, which toTerm checks with utf8.ValidString before
// appendString escapes: one pass instead of two. It returns false, and
// dst with part of s appended, when s is not valid UTF-8. Runs of eight
// bytes that need neither escaping nor decoding (printable ASCII but " and
// \) are skipped eight at a time (plainWord).
func appendLiteral(dst []byte, s string) ([]byte, bool) {
	dst = append(dst, '"')
	start, i := 0, 0
	for i < len(s) {
		for i+8 <= len(s) { // eight bytes at a time, no call for each
			w := s[i : i+8]
			x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
			if !plainWord(x) {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		switch e := strEsc[c]; {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				return dst, false
			}
			i += n
		case e == 0:
			i++
		default:
			dst = append(dst, s[start:i]...)
			if e == 'u' {
				dst = appendUCHAR(dst, c)
			} else {
				dst = append(dst, '\\', e)
			}
			i++
			start = i
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"'), true
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainWord reports whether the eight bytes of x (the first in the low
// byte) are all printable ASCII (0x20..0x7E) other than " and \: bytes
// appendString copies unescaped and that are valid UTF-8 on their own. A
// byte b has its high bit set in (b - n) &^ b & 0x80 exactly when b < n
// (n <= 0x80), so with n = 1 of b ^ c when b == c; the borrows this lets
// into higher bytes only come from a byte that is flagged.
func plainWord(x uint64) bool {
	del, quote, bslash := x^0x7F*ones, x^'"'*ones, x^'\\'*ones
	bad := x | (x-0x20*ones)&^x // >= 0x80, < 0x20
	bad |= (del-ones)&^del | (quote-ones)&^quote | (bslash-ones)&^bslash
	return bad&highs == 0
}
