package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIsAllCapsSameAsToUpper: isAllCaps, which reads ASCII words without
// strings.ToUpper, says what comparing with it says.
func TestIsAllCapsSameAsToUpper(t *testing.T) {
	parts := []string{"A", "b", "Z", "z", "US", "Us", "É", "é", "ß", "ǅ", "ǈ", "\xff", "\xc3", "\uFFFD", "1", "-", ".", "'", "ſ", "İ", "ı", "Σ", "σ"}
	r := rand.New(rand.NewPCG(7, 8))
	falses, trues := 0, 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		want := len(s) > 1 && strings.ToUpper(s) == s
		if got := isAllCaps(s); got != want {
			t.Fatalf("isAllCaps(%q) = %v, want %v", s, got, want)
		}
		if want {
			trues++
		} else {
			falses++
		}
	}
	if trues < 100 || falses < 100 {
		t.Fatalf("%d true, %d false: the test is too one-sided", trues, falses)
	}
}
