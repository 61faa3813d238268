package extract

import (
	"math/rand"
	"strings"
	"testing"
)

// TestHasDigit: the eight-bytes-at-a-time hasDigit agrees with
// strings.ContainsAny on strings of every length, with a digit or a
// neighbour of the digits ('/', ':', and bytes whose high bit is set) at
// every place.
func TestHasDigit(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []byte("ab /:;.\x80\xff\xb0\xb9 0123456789")
	for n := 0; n < 40; n++ {
		for k := 0; k < 200; k++ {
			b := make([]byte, n)
			for i := range b {
				b[i] = alphabet[r.Intn(len(alphabet)-10)] // no digit
			}
			if k%2 == 1 && n > 0 {
				b[r.Intn(n)] = alphabet[len(alphabet)-1-r.Intn(10)]
			}
			s := string(b)
			if got, want := hasDigit(s), strings.ContainsAny(s, "0123456789"); got != want {
				t.Fatalf("hasDigit(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

// TestLowerASCII: lowerASCII, eight bytes at a time, lowers exactly the
// ASCII capitals of strings of every length and leaves every other byte
// (the bytes around 'A' and 'Z', non-ASCII bytes whose low seven bits are
// capitals) as it is.
func TestLowerASCII(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	alphabet := []byte("@AMZ[`amz{\xc1\xda\xc0\xdb\x80\xff 0")
	for n := 0; n < 40; n++ {
		for k := 0; k < 200; k++ {
			b := make([]byte, n)
			for i := range b {
				b[i] = alphabet[r.Intn(len(alphabet))]
			}
			want := make([]byte, n)
			for i, c := range b {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				want[i] = c
			}
			if got := lowerASCII(string(b)); got != string(want) {
				t.Fatalf("lowerASCII(%q) = %q, want %q", b, got, want)
			}
		}
	}
}

// TestASCIIWordBytes: asciiWordBytes marks exactly the ASCII letters and
// digits, and the capitals among them, of eight bytes, whatever the bytes
// around the ranges' ends and the non-ASCII bytes whose low seven bits
// fall in them.
func TestASCIIWordBytes(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	alphabet := []byte("@AMZ[`amz{/09:_ -\x00\x7f\x80\xc1\xda\xe1\xfa\xb0\xb9\xff")
	for range 100000 {
		var b [8]byte
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		x := uint64(0)
		var word, capitals uint64
		for i, c := range b {
			x |= uint64(c) << (8 * i)
			if 'A' <= c && c <= 'Z' {
				capitals |= 0x80 << (8 * i)
			}
			if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				word |= 0xff << (8 * i)
			}
		}
		if w, c := asciiWordBytes(x); w != word || c != capitals {
			t.Fatalf("asciiWordBytes(%q) = %#x, %#x; want %#x, %#x", b, w, c, word, capitals)
		}
	}
}
