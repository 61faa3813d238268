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
