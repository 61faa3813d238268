package extract

// Fuzz targets for reading documents (issue 9). `go test` runs the seeds;
// `go test -fuzz=FuzzParse ./extract` (one target at a time) explores.

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// fuzzSeeds are inputs that reach the front matter, UTF-16, HTML, turn and
// sentence code paths.
var fuzzSeeds = []string{
	"Russia and China signed the agreement.",
	"---\ntitle: T\ndate: 2021-06-16\nspeaker_state: Russia\n---\nRussia and the United States established the group.\n",
	"---\r\ntitle: T\r\n---\r\nQuestion: Why?\r\nAnswer: We accuse the U.S. of attacks. Mr. Smith agreed!\r\n",
	"\ufeff---\ntitle: x\n---\nTHE PRESIDENT: China advocates non-interference? Yes.\n",
	"---\ntitle: [unclosed\n---\nx\n",
	"---\ndate: 16 June 2021\n---\nx\n",
	"---\ntitle: x\n",
	"---\nspeakers:\n  MS. PSAKI: Jen Psaki\n---\nMS. PSAKI: The United States sanctions Russia.\n",
	"\xff\xfeR\x00u\x00s\x00s\x00i\x00a\x00",
	"\xfe\xff\x00R\x00u",
	"<html><body><p>Russia &amp; China met.</p><script>x</script></body></html>",
	"A: \u201cRussia,\u201d he said. \u2019Quoted.\u2019 e.g. U.S. Gen. X.",
	"Q Russia?\n\n\nA: Yes.\r\rNo.",
	"\x00",
	"caf\xe9",
	" \n\t",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
}

// checkDocument holds for every document Parse accepts.
func checkDocument(t *testing.T, d *Document) {
	if !utf8.ValidString(d.Text) {
		t.Fatalf("Text is not valid UTF-8: %q", d.Text)
	}
	if d.BodyStart < 0 || d.BodyStart > len(d.Text) || !utf8.RuneStart(at(d.Text, d.BodyStart)) {
		t.Fatalf("BodyStart %d outside the text (%d bytes) or inside a character", d.BodyStart, len(d.Text))
	}
	if d.Meta.Date != "" {
		if _, err := ParseISODate(d.Meta.Date); err != nil {
			t.Fatalf("accepted date %q: %v", d.Meta.Date, err)
		}
	}
	if strings.ContainsAny(d.ID, "<>\"{}|^`\\ \n\r\t/#?") || d.ID == "" {
		t.Fatalf("unsafe document id %q", d.ID)
	}
	end := d.BodyStart
	for i, s := range d.Sentences {
		if s.Start < end || s.End <= s.Start || s.End > len(d.Text) {
			t.Fatalf("sentence %d [%d,%d) out of order or outside [%d,%d]", i, s.Start, s.End, end, len(d.Text))
		}
		if !utf8.RuneStart(at(d.Text, s.Start)) || !utf8.RuneStart(at(d.Text, s.End)) {
			t.Fatalf("sentence %d [%d,%d) splits a character", i, s.Start, s.End)
		}
		if s.Turn < -1 || s.Turn >= len(d.Turns) {
			t.Fatalf("sentence %d has turn %d of %d", i, s.Turn, len(d.Turns))
		}
		end = s.End
	}
	for i, tu := range d.Turns {
		if tu.Start < d.BodyStart || tu.End < tu.Start || tu.End > len(d.Text) {
			t.Fatalf("turn %d [%d,%d) outside the body", i, tu.Start, tu.End)
		}
	}
	if n := d.RuneLen(); n != utf8.RuneCountInString(d.Text) {
		t.Fatalf("RuneLen %d, want %d", n, utf8.RuneCountInString(d.Text))
	}
}

// at is the byte at i, or a rune start past the end.
func at(s string, i int) byte {
	if i >= len(s) {
		return 'x'
	}
	return s[i]
}

// FuzzParse: the front-matter parser and the decoders never panic, and what
// they accept is a well-formed Document.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse("fuzz.md", b)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.md") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		checkDocument(t, d)
	})
}

// FuzzSegment: the segmenter's turns and sentences are in order, inside
// the body, on character boundaries, and re-segmenting gives the same.
func FuzzSegment(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) {
			return
		}
		d := &Document{Path: "fuzz.txt", Text: string(b), ID: "fuzz"}
		d.segment()
		checkDocument(t, d)
		again := &Document{Path: "fuzz.txt", Text: string(b), ID: "fuzz"}
		again.segment()
		if len(again.Sentences) != len(d.Sentences) || len(again.Turns) != len(d.Turns) {
			t.Fatal("segmenting twice differs")
		}
	})
}

var (
	fuzzX    *Extractor
	fuzzXErr error
	fuzzOnce sync.Once
)

// FuzzExtract: extraction never panics, every mention's span is a valid
// piece of its sentence's text, and every quad is whole with safe IRIs.
func FuzzExtract(f *testing.F) {
	addSeeds(f)
	fuzzOnce.Do(func() { fuzzX, fuzzXErr = New(Options{}) })
	if fuzzXErr != nil {
		f.Fatal(fuzzXErr)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse("fuzz.md", b)
		if err != nil {
			return
		}
		r := fuzzX.Extract(d)
		for i, m := range r.Mentions {
			if m.Start < d.BodyStart || m.End <= m.Start || m.End > len(d.Text) {
				t.Fatalf("mention %d [%d,%d) outside the body [%d,%d)", i, m.Start, m.End, d.BodyStart, len(d.Text))
			}
			if !utf8.RuneStart(at(d.Text, m.Start)) || !utf8.RuneStart(at(d.Text, m.End)) {
				t.Fatalf("mention %d [%d,%d) splits a character", i, m.Start, m.End)
			}
			if m.Sentence >= 0 && m.Sentence < len(d.Sentences) {
				s := d.Sentences[m.Sentence]
				if m.Start < s.Start || m.End > s.End {
					t.Fatalf("mention %d [%d,%d) outside its sentence [%d,%d)", i, m.Start, m.End, s.Start, s.End)
				}
			}
			if rb, re := d.RuneOffset(m.Start), d.RuneOffset(m.End); rb >= re || re > d.RuneLen() {
				t.Fatalf("mention %d code points [%d,%d) of %d", i, rb, re, d.RuneLen())
			}
		}
		for _, q := range r.Quads(DocIRI(d)) {
			for _, dir := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
				v := q.Get(dir)
				if v == nil {
					t.Fatalf("quad %v has no %s", q, dir)
				}
				if iri, ok := v.(quad.IRI); ok && (iri == "" || strings.ContainsAny(string(iri), "<>\"{}|^`\\ \n\r\t")) {
					t.Fatalf("unsafe IRI %q", iri)
				}
				if s, ok := v.(quad.String); ok && !utf8.ValidString(string(s)) {
					t.Fatalf("invalid UTF-8 literal %q", s)
				}
			}
		}
	})
}

// TestRuneLenAtStride is FuzzParse's first find: a document whose length
// is a multiple of runeStride (256 bytes) had RuneLen 0, so its context IRI
// read #char=0,0 and its nif:endIndex 0.
func TestRuneLenAtStride(t *testing.T) {
	for _, n := range []int{runeStride - 1, runeStride, runeStride + 1, 4 * runeStride} {
		text := strings.Repeat("é", n/2) + strings.Repeat("0", n%2)
		d, err := Parse("stride.md", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := d.RuneLen(), utf8.RuneCountInString(text); got != want {
			t.Errorf("%d bytes: RuneLen %d, want %d", len(text), got, want)
		}
		if got, want := d.RuneOffset(len(text)), utf8.RuneCountInString(text); got != want {
			t.Errorf("%d bytes: RuneOffset(end) %d, want %d", len(text), got, want)
		}
	}
}
