package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	sharedOnce sync.Once
	sharedX    *Extractor
	sharedErr  error
)

// testExtractor compiles the built-in knowledge once for all tests.
func testExtractor(t testing.TB) *Extractor {
	t.Helper()
	sharedOnce.Do(func() { sharedX, sharedErr = New(Options{}) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedX
}

// corpusDir locates ../shared/corpus from the module root.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, _ := filepath.Abs("../../shared/corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpus absent (%s): these tests read the real documents there", dir)
	}
	return dir
}

// factStrings renders facts as "subject relation object [date]".
func factStrings(r *Result) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range r.Facts {
		obj := f.Literal
		if f.Object != nil {
			obj = f.Object.ID
		}
		s := f.Subject.ID + " " + f.Relation + " " + obj
		if f.Negative {
			s = "NOT " + s
		}
		if !f.Date.IsZero() {
			s += " " + f.Date.String()
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// TestRuleExamples runs every rule's examples: each written sentence must
// yield the facts its rule lists (and those of the same relation only).
func TestRuleExamples(t *testing.T) {
	x := testExtractor(t)
	n := 0
	for _, r := range x.Rules {
		if len(r.Examples) == 0 {
			t.Errorf("rule %s has no example sentence", r.ID)
		}
		for i, ex := range r.Examples {
			n++
			t.Run(fmt.Sprintf("%s/%d", r.ID, i), func(t *testing.T) {
				d, err := Parse("example.txt", []byte(ex.Text))
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, f := range factStrings(x.Extract(d)) {
					if strings.Fields(strings.TrimPrefix(f, "NOT "))[1] == r.Relation {
						got = append(got, f)
					}
				}
				want := append([]string{}, ex.Expect...)
				sort.Strings(want)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%q\n got: %q\nwant: %q", ex.Text, got, want)
				}
			})
		}
	}
	if n < 15 {
		t.Errorf("only %d rule examples; every rule needs examples", n)
	}
}

// TestMentionOffsets: on every corpus document, each mention's code-point
// span of the file equals its text.
func TestMentionOffsets(t *testing.T) {
	x := testExtractor(t)
	files, _ := filepath.Glob(filepath.Join(corpusDir(t), "*.md"))
	if len(files) == 0 {
		t.Fatal("no corpus documents")
	}
	for _, f := range files {
		d, err := ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune(d.Text)
		r := x.Extract(d)
		if len(r.Mentions) < 5 {
			t.Errorf("%s: only %d mentions", f, len(r.Mentions))
		}
		for _, m := range r.Mentions {
			b, e := d.RuneOffset(m.Start), d.RuneOffset(m.End)
			if string(runes[b:e]) != d.Text[m.Start:m.End] {
				t.Errorf("%s: mention %q at %d,%d reads %q", f, d.Text[m.Start:m.End], b, e, string(runes[b:e]))
			}
		}
	}
}

func TestRuneOffset(t *testing.T) {
	d, err := Parse("x.txt", []byte("Ab “Kremlin – White House” é x"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Text {
		if want := utf8.RuneCountInString(d.Text[:i]); d.RuneOffset(i) != want {
			t.Fatalf("RuneOffset(%d) = %d, want %d", i, d.RuneOffset(i), want)
		}
	}
	if d.RuneLen() != utf8.RuneCountInString(d.Text) {
		t.Fatalf("RuneLen %d", d.RuneLen())
	}
}

func TestDeterministic(t *testing.T) {
	x := testExtractor(t)
	d1, err := ReadFile(filepath.Join(corpusDir(t), "00_seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	d2, _ := ReadFile(filepath.Join(corpusDir(t), "00_seed.md"))
	a, b := x.Extract(d1).Quads(nil), x.Extract(d2).Quads(nil)
	if len(a) != len(b) {
		t.Fatalf("%d vs %d quads", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("quad %d differs: %v vs %v", i, a[i], b[i])
		}
	}
}
