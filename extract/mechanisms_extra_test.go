package extract

import (
	"strings"
	"testing"
)

// TestTitleLinking: a document named by its topic is the gazetteer's
// instrument of that title and of the document's year; without a year, or
// with a topic too short to pick one title, it stays a new entity.
func TestTitleLinking(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"document date picks the year", "---\ndate: 2020-11-06\n---\n\nChile voted in favour of the draft resolution on developments in the field of information and telecommunications.",
			[]string{"chile advocates unga-res-75-240"}, []string{"new-document"}},
		{"another year, another resolution", "---\ndate: 2018-11-08\n---\n\nChile voted in favour of the draft resolution on developments in the field of information and telecommunications.",
			[]string{"chile advocates unga-res-73-27"}, []string{"unga-res-75-240"}},
		{"a UN session names the year", "Seventy-fifth session, 14th meeting\n\nChile voted in favour of the draft resolution on advancing responsible State behaviour in cyberspace in the context of international security.",
			[]string{"chile advocates unga-res-75-32"}, []string{"new-document"}},
		{"no year: a new entity", "Chile voted in favour of the draft resolution on developments in the field of information and telecommunications.",
			[]string{"chile advocates new-document-draft-resolution-on-developments-in-the-field"}, []string{"unga-res"}},
		{"a short topic is too generic", "---\ndate: 2020-11-06\n---\n\nChile voted in favour of the draft resolution on developments.",
			nil, []string{"unga-res"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := extractFacts(t, tc.text)
			checkFacts(t, got, tc.want, tc.not)
		})
	}
}

func TestOrdinalAndSession(t *testing.T) {
	for s, want := range map[string]int{"seventy-fifth": 75, "seventy fifth": 75, "sixtieth": 60, "78th": 78, "seventy": 0, "first": 0} {
		if got := ordinal(s); got != want {
			t.Errorf("ordinal(%q) = %d, want %d", s, got, want)
		}
	}
	if got := unSession("General Assembly\nSeventy-Eighth Session, 20th Meeting"); got != 78 {
		t.Errorf("unSession = %d, want 78", got)
	}
	if got := unSession("The first session of the committee"); got != 0 {
		t.Errorf("unSession of a committee's first session = %d, want 0", got)
	}
}

// TestHeadNounAnaphora: "the Committee" is the last committee named, not
// the body of another kind named since.
func TestHeadNounAnaphora(t *testing.T) {
	_, got := extractFacts(t, "The First Committee met on Monday. Chile spoke about the Open-ended Working Group. The Committee then approved a draft resolution on a programme of action.")
	if !strings.Contains(got, "new-document-draft-resolution-on-a-programme-of-action establishedBy un-first-committee") {
		t.Errorf("the Committee is not the First Committee: %s", got)
	}
	if strings.Contains(got, "establishedBy oewg") {
		t.Errorf("the Committee taken for the working group: %s", got)
	}
}

// TestLocalNames: "Treasury" is the agency of the speaker's state, and no
// agency in a text that names no speaker's state.
func TestLocalNames(t *testing.T) {
	for _, tc := range []struct{ state, want string }{
		{"United States", "united-states-treasury sanctions"},
		{"United Kingdom", "united-kingdom-hm-treasury sanctions"},
		{"", ""},
	} {
		fm := ""
		if tc.state != "" {
			fm = "---\nspeaker_state: " + tc.state + "\n---\n\n"
		}
		_, got := extractFacts(t, fm+"Treasury sanctioned the GRU.")
		if tc.want == "" {
			if strings.Contains(got, "treasury") {
				t.Errorf("no speaker's state: got %s", got)
			}
			continue
		}
		if !strings.Contains(got, tc.want+" russia-gru") {
			t.Errorf("speaker_state %s: want %q in %s", tc.state, tc.want, got)
		}
	}
}

// TestRecurringNames: a name several summits share is the one of the year
// the sentence names, else the latest up to the document's date.
func TestRecurringNames(t *testing.T) {
	for _, tc := range []struct{ date, sentence, want string }{
		{"2022-01-10", "Russia took part in the Geneva summit.", "russia participatesIn geneva-summit-2021"},
		{"1986-03-01", "Russia took part in the Geneva summit.", "russia participatesIn geneva-summit-1985"},
		{"2022-01-10", "In November 1985, Russia took part in the Geneva summit.", "russia participatesIn geneva-summit-1985"},
		{"1990-01-10", "Russia took part in the Moscow summit.", "russia participatesIn moscow-summit-1988"},
		{"1990-01-10", "In May 1972, Russia took part in the Moscow summit.", "russia participatesIn moscow-summit-1972"},
	} {
		_, got := extractFacts(t, "---\ndate: "+tc.date+"\n---\n\n"+tc.sentence)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s (%s): want %q in %s", tc.sentence, tc.date, tc.want, got)
		}
	}
}

// TestDateOfAnotherClause: a date after a verb of its own dates that
// clause, not the fact before it.
func TestDateOfAnotherClause(t *testing.T) {
	_, got := extractFacts(t, "---\ndate: 2019-11-22\n---\n\nWork on the Budapest Convention sponsored by Brazil will begin in 2021.")
	if !strings.Contains(got, "brazil advocates budapest-convention") || strings.Contains(got, "2021") {
		t.Errorf("want brazil advocates budapest-convention, not dated 2021: %s", got)
	}
	_, got = extractFacts(t, "---\ndate: 2019-11-22\n---\n\nBrazil suspended the Strategic Stability Dialogue in 2014.")
	if !strings.Contains(got, "us-russia-strategic-stability-dialogue terminatedBy brazil 2014") {
		t.Errorf("the fact lost its own date: %s", got)
	}
}

// TestKnowledgeFactDates: a knowledge-base fact takes the date the text
// gives the same founding, and an event's place the date text and
// knowledge base agree on.
func TestKnowledgeFactDates(t *testing.T) {
	_, got := extractFacts(t, "The General Assembly created the IEG in 2010. Resolution 65/230 set out its mandate.")
	if !strings.Contains(got, "ieg-cybercrime establishedBy unga-res-65-230 2010") {
		t.Errorf("the link to the resolution is not dated by the text: %s", got)
	}
	_, got = extractFacts(t, "The agreement was signed during the Moscow Summit on May 25, 1972.")
	if !strings.Contains(got, "moscow-summit-1972 heldIn Moscow 1972-05") {
		t.Errorf("want the summit held in Moscow in 1972-05: %s", got)
	}
}

// TestDatelinePlace: "Geneva, Switzerland" on a line of its own is where
// the text was given, not a state acting in it.
func TestDatelinePlace(t *testing.T) {
	r, _ := extractFacts(t, "Geneva, Switzerland\n\nSwitzerland joined the Paris Call.")
	n := 0
	for _, m := range r.Mentions {
		for _, e := range m.Entities {
			if e.ID == "switzerland" {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("want one mention of Switzerland (the sentence, not the dateline), got %d", n)
	}
}

// TestLongTopic: a UN title of 19 words after "on" is read whole.
func TestLongTopic(t *testing.T) {
	r, _ := extractFacts(t, "Iran voted against the draft resolution on a programme of action to advance responsible State behaviour in the use of information and communications technologies.")
	for _, f := range r.Facts {
		if f.Relation == "opposes" && strings.HasSuffix(f.Object.Label, "information and communications technologies") {
			return
		}
	}
	t.Errorf("no opposes fact with the whole title: %v", factStrings(r))
}

// TestNameTurns: in an interview, a turn labelled with the speaker's name
// ("Lavrov:") is the speaker's, so "we" there is the speaker's state; a
// label naming nobody of the front matter opens no turn.
func TestNameTurns(t *testing.T) {
	fm := "---\nspeaker: Sergey V. Lavrov\nspeaker_state: Russia\ninterviewer: Izvestia\n---\n\n"
	text := fm + "Izvestia: Does Moscow back the Programme of Action?\n\nSergey Lavrov: We support the Programme of Action.\n\nKey points: we support nothing else.\n"
	r, got := extractFacts(t, text)
	if !strings.Contains(got, "russia advocates programme-of-action") {
		t.Errorf("the speaker's turn is not read as theirs: %s", got)
	}
	var labels []string
	for _, tn := range r.Doc.Turns {
		labels = append(labels, tn.Label+"="+tn.Role)
	}
	if want := "Izvestia=interviewer Sergey Lavrov=speaker"; strings.Join(labels, " ") != want {
		t.Errorf("turns %q, want %q", labels, want)
	}
}

// TestHeadingNamesDocument: a heading that opens with a kind of document
// names one; a heading that names a topic does not.
func TestHeadingNamesDocument(t *testing.T) {
	_, got := extractFacts(t, "Executive Order Targeting Malicious Cyber Activities\n\nBrazil opposes the order.")
	if want := "brazil opposes new-document-executive-order-targeting-malicious-cyber-activities"; !strings.Contains(got, want) {
		t.Errorf("missing %q in %s", want, got)
	}
	r, _ := extractFacts(t, "Imposing Costs for Malicious Cyber Activities\n\nBrazil spoke.")
	for _, m := range r.Mentions {
		if m.Entities[0].Type == "Document" {
			t.Errorf("a topic heading named a document: %q", r.Doc.Text[m.Start:m.End])
		}
	}
}

// TestPossessorInName: a person named as the possessive inside a longer
// name ("Biden's press conference") is mentioned, so the gazetteer's link
// between the two counts as stated.
func TestPossessorInName(t *testing.T) {
	r, got := extractFacts(t, "---\ndate: 2021-06-16\n---\n\nReporters watched Biden's press conference.")
	if want := "biden-geneva-press-conference-2021 speaker joe-biden"; !strings.Contains(got, want) {
		t.Errorf("missing %q in %s", want, got)
	}
	for _, m := range r.Mentions {
		if r.Doc.Text[m.Start:m.End] == "Biden" && m.Entities[0].ID == "joe-biden" {
			return
		}
	}
	t.Error("no mention of Biden")
}

// TestBarePluralAnaphora: "Talks were held ..." opening a sentence refers
// back to talks named before, and only to an entity named so.
func TestBarePluralAnaphora(t *testing.T) {
	_, got := extractFacts(t, "Chile proposed talks on cyber norms. Talks were held in Lima in 2020.")
	if want := "new-event-talks-on-cyber-norms heldIn Lima 2020"; !strings.Contains(got, want) {
		t.Errorf("missing %q in %s", want, got)
	}
	_, got = extractFacts(t, "Chile and Peru attended the Lima summit on cyber norms. Talks were held in Lima in 2020.")
	if strings.Contains(got, "heldIn Lima 2020") {
		t.Errorf("bare 'Talks' referred to an entity not named with it: %s", got)
	}
}

// TestKnowledgeSkipByEntry: a link the lexicon skips by entry (the General
// Assembly is part of the United Nations) is not stated; other links of
// the same shape are.
func TestKnowledgeSkipByEntry(t *testing.T) {
	_, got := extractFacts(t, "The United Nations General Assembly and the UN Open-ended Working Group on ICTs met.")
	if strings.Contains(got, "un-general-assembly partOf united-nations") {
		t.Errorf("a skipped link is stated: %s", got)
	}
	if !strings.Contains(got, "partOf united-nations") {
		t.Errorf("a link of the same shape is not stated: %s", got)
	}
}

// TestAgreedToSetUp: states that agree to launch a format take part in
// it; the format is not established yet, and a plan is no agreement.
func TestAgreedToSetUp(t *testing.T) {
	_, got := extractFacts(t, "The United States and Russia agreed today to establish a hotline on cybersecurity.")
	checkFacts(t, got, []string{"russia participatesIn new-bilateralformat-hotline-on-cybersecurity", "united-states participatesIn new-bilateralformat-hotline-on-cybersecurity"},
		[]string{"establishedBy"})
	_, got = extractFacts(t, "The United States and Russia plan to establish a hotline on cybersecurity.")
	checkFacts(t, got, nil, []string{"participatesIn", "establishedBy"})
}

// TestPeoplePlural: "the Chileans" stands for Chile; "Chileans" alone are
// people, not the state.
func TestPeoplePlural(t *testing.T) {
	_, got := extractFacts(t, "The Chileans have suspended the Strategic Stability Dialogue.")
	checkFacts(t, got, []string{"us-russia-strategic-stability-dialogue terminatedBy chile"}, nil)
	_, got = extractFacts(t, "Two Chileans suspended the Strategic Stability Dialogue.")
	checkFacts(t, got, nil, []string{"chile"})
	for d, want := range map[string]string{"American": "Americans", "Israeli": "Israelis", "Chinese": "Chinese", "British": "British", "Czech": "", "North Korean": ""} {
		if got := peoplePlural(d); got != want {
			t.Errorf("peoplePlural(%q) = %q, want %q", d, got, want)
		}
	}
}

// TestAccusedAct: an accusation that names the act makes the accused
// responsible for it (denied with it); an act not accused of stays apart.
func TestAccusedAct(t *testing.T) {
	for text, want := range map[string]string{
		"The United Kingdom blamed Russia for the NotPetya attack.":          "russia responsibleFor notpetya-2017",
		"The United States attributed the SolarWinds compromise to the SVR.": "russia-svr responsibleFor solarwinds-2020",
		"Canada did not accuse the GRU of the NotPetya attack.":              "NOT russia-gru responsibleFor notpetya-2017",
		"Canada accused the GRU of lying and of the NotPetya attack.":        "russia-gru responsibleFor notpetya-2017",
	} {
		_, got := extractFacts(t, text)
		checkFacts(t, got, []string{want}, nil)
	}
	_, got := extractFacts(t, "Canada accused the GRU of lying about the NotPetya attack.")
	checkFacts(t, got, []string{"canada accuses russia-gru"}, []string{"responsibleFor"})
}
