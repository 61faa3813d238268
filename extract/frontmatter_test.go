package extract

import (
	"math/rand"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestSimpleFrontMatterAsYAML: every block simpleFrontMatter accepts reads
// as yaml.Unmarshal reads it, on hand-picked blocks and on random ones
// made of pieces YAML treats specially.
func TestSimpleFrontMatterAsYAML(t *testing.T) {
	blocks := []string{
		"",
		"title: Speech of Xi Jinping on arms control\ndate: 2011-06-28\ntype: speech\n",
		"title: \"Fact sheet: Imposing Costs\"\nsource: \"https://tass.com/world/1091919\"\n",
		"speaker_state: United States\nspeaker_organization: The White House\n",
		"title: null\n", "title: ~\n", "title: a: b\n", "title: a #c\n", "title: a#c\n", "title: x:\n",
		"title: 'single'\n", "title: \"esc\\\"aped\"\n", "title: a\ntitle: b\n", "other: x\n",
		"title: true\n", "title: 0x1F\n", "title: 2001-12-14t21:59:43.10-05:00\n", "title:  two spaces\n",
		"speakers:\n  Q: Someone\n", "title: trailing \n", "title: tab\there\n", "title: cr\r\n",
		"title: \"\"\n", "title: \"\n", "title: \"a\" b\n", "title: Russia\u2013US\n", "title: a\u2028b\n",
		"title: \ufeffbom\n", "title: &anchor x\n", "title: *alias\n", "title: !tag x\n", "title: |\n",
		"title: [a, b]\n", "title: {a: b}\n", "title: a, b [c] {d}\n", "# comment\ntitle: x\n", "\ntitle: x\n",
	}
	pieces := []string{"a", "Z", "0", "9", " ", ":", ": ", "#", " #", "\"", "'", "\\", "-", "[", "]", "{", "}",
		",", "&", "*", "!", "|", ">", "%", "@", "`", "\t", "\r", "null", "true", "~", "é", "\u2028", "\u0085", "\ufeff", "\x7f"}
	firsts := []string{"a", "Z", "0", "9", "\"", "null", "-"}
	keys := []string{"title", "date", "type", "source", "speaker", "speaker_organization", "speaker_state", "interviewer", "speakers", "x"}
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.Intn(3) {
			b.WriteString(keys[rng.Intn(len(keys))])
			b.WriteString(": ")
			b.WriteString(firsts[rng.Intn(len(firsts))]) // mostly a start the fast path takes
			for range rng.Intn(5) {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			b.WriteString("\n")
		}
		blocks = append(blocks, b.String())
	}
	accepted := 0
	for _, block := range blocks {
		got, ok := simpleFrontMatter(block)
		if !ok {
			continue
		}
		accepted++
		var want Meta
		if err := yaml.Unmarshal([]byte(block), &want); err != nil {
			t.Fatalf("%q: accepted, but YAML says %v", block, err)
		}
		if got.Title != want.Title || got.Date != want.Date || got.Type != want.Type || got.Source != want.Source ||
			got.Speaker != want.Speaker || got.SpeakerOrganization != want.SpeakerOrganization ||
			got.SpeakerState != want.SpeakerState || got.Interviewer != want.Interviewer || want.Speakers != nil {
			t.Fatalf("%q: read as %+v, YAML reads %+v", block, got, want)
		}
	}
	if accepted < 1000 {
		t.Fatalf("only %d of %d blocks accepted: the test no longer exercises the fast path", accepted, len(blocks))
	}
}

// TestLenientFrontMatter: a title with ": " in it, which YAML rejects, is
// read line by line with a warning; front matter that is not key: value
// lines stays an error.
func TestLenientFrontMatter(t *testing.T) {
	d, err := Parse("a.md", []byte("---\ntitle: Analysis: what next for the dialogue?\ndate: 2022-05-03\nauthor: Staff\nspeaker: \"Jane Roe\"\n---\nRussia spoke.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.Title != "Analysis: what next for the dialogue?" || d.Meta.Date != "2022-05-03" || d.Meta.Speaker != "Jane Roe" {
		t.Errorf("meta %+v", d.Meta)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "a.md: front matter is not valid YAML") {
		t.Errorf("warnings %q", d.Warnings)
	}
	for _, bad := range []string{
		"---\ntitle: [unclosed\n---\nx\n",
		"---\ntitle: A: b\n  nested: c\n---\nx\n",
		"---\ntitle: A: b\ntitle: C\n---\nx\n",
		"---\ntitle: A: b\ndate: 2022-13-45\n---\nx\n",
	} {
		if _, err := Parse("b.md", []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	d, err = Parse("c.md", []byte("---\ntitle: \"Plain: quoted\"\n---\nx\n"))
	if err != nil || len(d.Warnings) != 0 || d.Meta.Title != "Plain: quoted" {
		t.Errorf("valid YAML: %v %q %+v", err, d.Warnings, d.Meta)
	}
}
