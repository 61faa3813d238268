package extract

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func TestParseErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":        "  \n\n",
		"only a BOM":   "\xff\xfe",
		"utf8 BOM":     "\xef\xbb\xbf \n",
		"binary":       "abc\x00def",
		"invalid utf8": "ok\n\xff\xfe",
		"unclosed":     "---\ntitle: x\nno end",
		"bad yaml":     "---\ntitle: [x\n---\nbody",
		"bad date":     "---\ndate: 2022-13-45\n---\nbody",
	} {
		if _, err := Parse(name+".md", []byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.Contains(err.Error(), name+".md") {
			t.Errorf("%s: error does not name the file: %v", name, err)
		}
	}
}

func TestTurnsAndSentences(t *testing.T) {
	in := "---\ntitle: T\nspeaker_state: Canada\n---\n\nQuestion: Is it so? Yes.\r\n\r\nAnswer: The U.S. delegation met Mr. Smith in Geneva. Then it left.\n\nTHE MINISTER: Thank you.\n"
	d, err := Parse("t.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.Title != "T" || d.Meta.SpeakerState != "Canada" {
		t.Fatalf("meta %+v", d.Meta)
	}
	var roles []string
	for _, tr := range d.Turns {
		roles = append(roles, tr.Label+"="+tr.Role)
	}
	if got := strings.Join(roles, ","); got != "Question=interviewer,Answer=speaker,THE MINISTER=other" {
		t.Fatalf("turns %s", got)
	}
	var sents []string
	for _, s := range d.Sentences {
		sents = append(sents, d.Text[s.Start:s.End])
	}
	want := []string{"Is it so?", "Yes.", "The U.S. delegation met Mr. Smith in Geneva.", "Then it left.", "Thank you."}
	if strings.Join(sents, "|") != strings.Join(want, "|") {
		t.Fatalf("sentences %q", sents)
	}
}

func TestFindDates(t *testing.T) {
	text := "In March 2022 and on May 25, 1972, then 3 June 2019, resolution 74/247 of 2019, last year."
	ds := FindDates(text, 0, len(text), Date{2022, 11, 3, Day})
	var got []string
	for _, d := range ds {
		got = append(got, d.Date.String())
	}
	want := "2022-03,1972-05-25,2019-06-03,2019,2021"
	if strings.Join(got, ",") != want {
		t.Fatalf("dates %v, want %s", got, want)
	}
}

func TestInflect(t *testing.T) {
	got := map[string]bool{}
	for _, f := range inflect("wrap up", nil) {
		got[f.text] = true
	}
	for _, w := range []string{"wrap up", "wraps up", "wrapped up", "wrapping up"} {
		if !got[w] {
			t.Errorf("missing %q in %v", w, got)
		}
	}
	irr := map[string][]string{"freeze": {"froze", "frozen"}}
	got = map[string]bool{}
	for _, f := range inflect("freeze", irr) {
		got[f.text] = true
	}
	if !got["frozen"] || !got["froze"] || !got["freezes"] || !got["freezing"] {
		t.Errorf("freeze forms %v", got)
	}
}

func TestUTF16WithBOM(t *testing.T) {
	text := "Canada suspended the Strategic Stability Dialogue in 2020. Ünïcode ✓"
	var b []byte
	b = append(b, 0xFF, 0xFE)
	for _, r := range utf16.Encode([]rune(text)) {
		b = append(b, byte(r), byte(r>>8))
	}
	d, err := Parse("le.txt", b)
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != text {
		t.Fatalf("decoded %q", d.Text)
	}
	if _, err := Parse("odd.txt", append([]byte{0xFE, 0xFF}, 0x00, 0x41, 0x00)); err == nil {
		t.Error("odd-length UTF-16 accepted")
	}
}

func TestCRLFOffsets(t *testing.T) {
	d, err := Parse("crlf.md", []byte("---\r\ntitle: T\r\n---\r\n\r\nQuestion: Is it?\r\n\r\nAnswer: Canada froze the Strategic Stability Dialogue.\r\nMixed line\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.Title != "T" {
		t.Errorf("title %q", d.Meta.Title)
	}
	for _, s := range d.Sentences {
		if strings.ContainsAny(d.Text[s.Start:s.End], "\r\n") {
			t.Errorf("sentence %q holds a line break", d.Text[s.Start:s.End])
		}
	}
}
