package extract

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// TestRuneStarts: runeStarts counts as utf8.RuneStart does, byte by byte,
// on valid and invalid UTF-8 of every length around its eight-byte steps.
func TestRuneStarts(t *testing.T) {
	pieces := []string{"a", "Z", " ", "é", "–", "𝄞", "\x80", "\xbf", "\xc0", "\xff", "\xe2\x80"}
	rng := rand.New(rand.NewSource(3))
	for range 5000 {
		var b []byte
		for range rng.Intn(30) {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		s := string(b)
		want := 0
		for i := 0; i < len(s); i++ {
			if utf8.RuneStart(s[i]) {
				want++
			}
		}
		if got := runeStarts(s); got != want {
			t.Fatalf("runeStarts(%q) = %d, want %d", s, got, want)
		}
	}
}
