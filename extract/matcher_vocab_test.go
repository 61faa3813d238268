package extract

import (
	"testing"

	"github.com/dipgraph/dipgraph/bench/corpus"
)

// The vocabulary table gives every token the number the map gives it (0
// for a key no trie has), on generated text and on keys of every length
// around the table's sixteen-byte limit.
func TestVocabTableSameAsMap(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := x.Matcher.vocab
	for k, id := range v.ids {
		if got := v.table.get(k); got != id && k != "" {
			t.Fatalf("key %q: %d, want %d", k, got, id)
		}
	}
	docs, err := corpus.Texts(5, 128<<10)
	if err != nil {
		t.Fatal(err)
	}
	known, n := 0, 0
	check := func(k string) {
		n++
		want := v.ids[k]
		if want != 0 {
			known++
		}
		if got := v.table.get(k); got != want {
			t.Fatalf("token %q: %d, want %d", k, got, want)
		}
	}
	for _, d := range docs {
		for _, tok := range TokenizeString(string(d.Body)) {
			check(tok.Key)
		}
	}
	long := "internationalisation-of-cyberspace"
	for i := 1; i <= len(long); i++ {
		check(long[:i])
		check(long[len(long)-i:])
	}
	if known < n/4 || known == n {
		t.Errorf("%d of %d tokens known: not a test of both cases", known, n)
	}
}
