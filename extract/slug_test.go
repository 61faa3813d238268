package extract

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// TestSlugOf: slugOf is the regular expression it replaced.
func TestSlugOf(t *testing.T) {
	re := regexp.MustCompile(`[^a-z0-9]+`)
	pieces := []string{"a", "Z", "9", " ", "-", "--", "é", "İ", "\xff", "ß", "K", "_", ".", "Ω", "'", "ſ"}
	rng := rand.New(rand.NewSource(2))
	for range 5000 {
		var b strings.Builder
		for range rng.Intn(8) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := slugOf(s), strings.Trim(re.ReplaceAllString(strings.ToLower(s), "-"), "-"); got != want {
			t.Fatalf("slugOf(%q) = %q, want %q", s, got, want)
		}
	}
}
