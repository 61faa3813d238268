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
