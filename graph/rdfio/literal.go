package rdfio

import "unicode/utf8"

// appendLiteral appends the quoted form of a literal's lexical form s, as
// appendQuoted does without a language tag, checking on the way that s is
// valid UTF-8, which toTerm checks with utf8.ValidString before
// appendString escapes: one pass instead of two. It returns false, and
// dst with part of s appended, when s is not valid UTF-8. Runs of eight
// bytes that need neither escaping nor decoding (printable ASCII but " and
// \) are skipped eight at a time.
func appendLiteral(dst []byte, s string) ([]byte, bool) {
	dst = append(dst, '"')
	start, i := 0, 0
	for i < len(s) {
		if i+8 <= len(s) && plain8(s[i:i+8]) {
			i += 8
			continue
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

// plain8 reports whether the eight bytes of s are all printable ASCII
// (0x20..0x7E) other than " and \: bytes appendString copies unescaped and
// that are valid UTF-8 on their own.
func plain8(s string) bool {
	_ = s[7]
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	// A byte b has its high bit set in (b - n) &^ b & 0x80 exactly when
	// b < n (n <= 0x80), so with n = 1 of b ^ c when b == c; the borrows
	// this lets into higher bytes only come from a byte that is flagged.
	bad := x & highs                    // >= 0x80
	bad |= (x - 0x20*ones) &^ x & highs // < 0x20
	bad |= hasZero(x ^ 0x7F*ones)       // DEL
	bad |= hasZero(x ^ '"'*ones)        // "
	bad |= hasZero(x ^ '\\'*ones)       // \
	return bad == 0
}

func hasZero(v uint64) uint64 { return (v - ones) &^ v & highs }
