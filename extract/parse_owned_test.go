package extract

import (
	"reflect"
	"testing"

	"github.com/dipgraph/dipgraph/bench/corpus"
)

// TestParseOwned: ParseOwned reads the same document as Parse (its text is
// the bytes given rather than a copy of them), for generated documents, an
// HTML one, a UTF-16 one and an empty one.
func TestParseOwned(t *testing.T) {
	docs, err := corpus.Texts(3, 64<<10)
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{
		"page.html": []byte("<html><body><p>The UN met.</p></body></html>"),
		"utf16.txt": {0xff, 0xfe, 'H', 0, 'i', 0, '.', 0},
		"empty.txt": {},
	}
	for _, d := range docs {
		inputs[d.Name] = d.Body
	}
	for name, b := range inputs {
		want, werr := Parse(name, append([]byte(nil), b...))
		got, gerr := ParseOwned(name, append([]byte(nil), b...))
		if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
			t.Fatalf("%s: errors %v and %v", name, werr, gerr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: ParseOwned and Parse differ", name)
		}
	}
}
