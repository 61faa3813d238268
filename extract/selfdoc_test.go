package extract

import (
	"strings"
	"testing"
)

// TestTitleDocument: a statement whose body opens with its own title, read
// as a kind of document, is a dip:Document its speaker issued that day; a
// heading that names a topic, a document without a speaker, or a title
// only in the front matter names no such document.
func TestTitleDocument(t *testing.T) {
	const eov = "Explanation of Vote on a Draft Resolution on Norms for Submarine Cables"
	self := "new-document-explanation-of-vote-on-a-draft-resolution-on-norms-for-submarine-cables speaker united-states-mission-to-the-un 2022-11-02"
	fm := func(title, org string) string {
		s := "---\ntitle: " + title + "\ndate: 2022-11-02\n"
		if org != "" {
			s += "speaker_organization: " + org + "\n"
		}
		return s + "---\n\n"
	}
	body := eov + "\n\nChile voted against this resolution."
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"explanation of vote", fm(eov, "U.S. Mission to the United Nations") + body,
			// The inner description is the resolution "this resolution" means.
			[]string{self, "chile opposes new-document-draft-resolution-on-norms-for-submarine-cables"}, nil},
		{"a heading that is a topic", fm(`"Fact sheet: Norms for Submarine Cables"`, "U.S. Mission to the United Nations") +
			"FACT SHEET: Norms for Submarine Cables\n\nChile voted against the draft resolution on norms for submarine cables.", nil, []string{" speaker "}},
		{"no speaker", fm(eov, "") + body, nil, []string{" speaker "}},
		{"a comment", fm("Comment by the Press Office on Submarine Cables", "U.S. Mission to the United Nations") +
			"Comment by the Press Office on Submarine Cables\n\nChile voted against it.",
			[]string{"new-document-comment-by-the-press-office-on-submarine-cables speaker united-states-mission-to-the-un 2022-11-02"}, nil},
		{"title only in the front matter", fm(eov, "U.S. Mission to the United Nations") + "Chile voted against the draft resolution on norms for submarine cables.", nil, []string{" speaker "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := extractFacts(t, tc.text)
			checkFacts(t, got, tc.want, tc.not)
		})
	}
}

func TestSameTitle(t *testing.T) {
	a := titleWords("Explanation of Vote on a Resolution on Countering the use of ICTs for criminal purposes")
	if !sameTitle(a, titleWords("Explanation of Vote on a Resolution on Countering the use of information and communication technologies for criminal purposes")) {
		t.Error("a title that spells out an abbreviation is not the same")
	}
	if sameTitle(a, titleWords("The United States voted against the resolution on countering criminal purposes")) {
		t.Error("a sentence sharing some words is the title")
	}
}

// TestNewPersonSpeaker: a speaker the gazetteer lacks is a new person when
// the front matter gives a person's name, and "I" in the text is them; a
// title or an office stays a plain agent.
func TestNewPersonSpeaker(t *testing.T) {
	r, got := extractFacts(t, "---\nspeaker: Marta K. Kowalczyk\nspeaker_state: Poland\n---\n\nI support the UN Charter. Kowalczyk thanked Chile.")
	if r.Speaker == nil || r.Speaker.ID != "new-person-marta-k-kowalczyk" || r.Speaker.Type != "Person" {
		t.Fatalf("speaker %+v", r.Speaker)
	}
	if !strings.Contains(got, "new-person-marta-k-kowalczyk advocates un-charter") {
		t.Errorf("'I' is not the new person: %s", got)
	}
	surname := false
	for _, m := range r.Mentions {
		surname = surname || r.Doc.Text[m.Start:m.End] == "Kowalczyk" && m.Entities[0] == r.Speaker
	}
	if !surname {
		t.Error("the surname does not name the speaker")
	}
	for _, name := range []string{"Press Secretary Jen Psaki", "Ministry of Foreign Affairs", "Spokesperson", "USUN Delegation"} {
		r, _ := extractFacts(t, "---\nspeaker: "+name+"\n---\n\nHello.")
		if r.Speaker == nil || r.Speaker.Type != AgentType {
			t.Errorf("speaker %q: %+v, want an agent", name, r.Speaker)
		}
	}
}

// TestFactEndsDescribed: the speaker of a statement's own title, named only
// in the front matter, is still written as a typed, labelled entity.
func TestFactEndsDescribed(t *testing.T) {
	const eov = "Explanation of Vote on a Draft Resolution on Norms for Submarine Cables"
	r, _ := extractFacts(t, "---\ntitle: "+eov+"\nspeaker_organization: U.S. Mission to the United Nations\n---\n\n"+eov+"\n\nChile voted against it.")
	want := map[string]bool{"type": false, "prefLabel": false}
	for _, q := range r.Quads(nil) {
		if q.Subject.String() != "<https://w3id.org/dipgraph/id/united-states-mission-to-the-un>" {
			continue
		}
		switch q.Predicate.String() {
		case "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>":
			want["type"] = true
		case "<http://www.w3.org/2004/02/skos/core#prefLabel>":
			want["prefLabel"] = true
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("the speaker has no %s", k)
		}
	}
}
