package extract

import (
	"strings"
	"testing"
)

// TestSharedSubject: a verb coordinated with another, or a participle
// opening the sentence, takes the subject of the other clause; a negation
// of the first verb does not deny the second.
func TestSharedSubject(t *testing.T) {
	for _, tc := range []struct {
		text      string
		want, not []string
	}{
		{"Egypt supports the Programme of Action but also backs the Budapest Convention.",
			[]string{"egypt advocates budapest-convention", "egypt advocates programme-of-action"}, nil},
		{"Introducing the Programme of Action, the representative of France said the text was balanced.",
			[]string{"france advocates programme-of-action"}, nil},
		{"After introducing the Programme of Action, the delegate of Chile thanked the co-sponsors.",
			[]string{"chile advocates programme-of-action"}, nil},
		{"Chile does not support the Programme of Action and backs the Budapest Convention.",
			[]string{"NOT chile advocates programme-of-action", "chile advocates budapest-convention"}, []string{"NOT chile advocates budapest-convention"}},
		{"Chile did not sign or ratify the Budapest Convention.",
			[]string{"NOT chile partyTo budapest-convention"}, []string{"|chile partyTo budapest-convention"}},
		// No coordination: the second clause has a subject of its own.
		{"Egypt supports the Programme of Action, which Peru opposes.",
			nil, []string{"egypt opposes"}},
	} {
		_, got := extractFacts(t, tc.text)
		checkFacts(t, "|"+got, tc.want, tc.not)
	}
}

// TestOpenDescription: "a draft resolution establishing X" is a document
// of its own that establishes X; a later "the text" refers back to it, not
// forward to a name later in its sentence; "UN member states" do not make
// the UN an actor; a known minister's "we" is the minister's state.
func TestOpenDescription(t *testing.T) {
	_, got := extractFacts(t, "The Committee approved a draft resolution establishing the Open-ended Working Group by a recorded vote of 150 in favour to 2 against (Chile, Peru). "+
		"Norway voted against the text, which undermines resolution 73/27.")
	checkFacts(t, got, []string{
		"oewg-2021-2025 establishedBy new-document-draft-resolution-establishing-the-open-ended-working-group",
		"chile opposes new-document-draft-resolution-establishing",
		"peru opposes new-document-draft-resolution-establishing",
		"norway opposes new-document-draft-resolution-establishing",
	}, []string{"norway opposes unga-res-73-27", "chile opposes oewg"})

	_, got = extractFacts(t, "Chile remains committed to the framework of responsible state behaviour in cyberspace endorsed by all UN member states.")
	checkFacts(t, got, nil, []string{"united-nations advocates"})

	_, got = extractFacts(t, "---\nspeaker: Sergey Lavrov\n---\nWe support the Global Data Security Initiative.")
	checkFacts(t, got, []string{"russia advocates"}, nil)
}

// TestSpeakerOrganisationAndVerbDate: "the Council" in a statement of the
// Council of the EU is the speaker; "today" right before the verb dates
// the fact, not the date of the attack in its object.
func TestSpeakerOrganisationAndVerbDate(t *testing.T) {
	r, got := extractFacts(t, "---\ndate: 2020-10-22\nspeaker_organization: Council of the European Union\n---\n"+
		"The Council today imposed restrictive measures on two individuals responsible for the attack on the parliament in April and May 2015.")
	checkFacts(t, got, []string{"council-of-the-eu sanctions two individuals"}, nil)
	for _, f := range r.Facts {
		if f.Relation == "sanctions" && f.Date.String() != "2020-10-22" {
			t.Errorf("sanctions dated %s, want 2020-10-22", f.Date)
		}
	}
}

// TestSentenceCaseTitles: UN coverage quotes resolution titles in sentence
// case; the quoted title names the resolution ("the resolution" before it
// is no anaphor), and "today adopted" is a finite verb, not a reduced
// relative reaching a later "by".
func TestSentenceCaseTitles(t *testing.T) {
	_, got := extractFacts(t, "---\ndate: 2020-12-07\n---\n"+
		"The General Assembly today adopted 38 texts recommended by its First Committee. The Assembly again adopted 12 texts recommended by its Sixth Committee. "+
		"The Assembly adopted the resolution \"Developments in the field of information and telecommunications in the context of international security\". "+
		"The Assembly also adopted the resolution \"Advancing responsible State behaviour in cyberspace in the context of international security\".")
	checkFacts(t, got, []string{"unga-res-75-240 establishedBy un-general-assembly", "unga-res-75-32 establishedBy un-general-assembly"},
		[]string{"un-general-assembly establishedBy"})
	// Quoted speech is no title.
	_, got = extractFacts(t, "Peru said the resolution \"Would undermine the work. It is premature.\" Chile agreed.")
	checkFacts(t, got, nil, []string{"new-document"})
}

// TestKnowledgeEnded: a text written while a format still ran is not
// reminded that it was ended later (gazetteer ended).
func TestKnowledgeEnded(t *testing.T) {
	text := "The Kremlin–White House expert group met again; the United States took part.\n"
	_, before := extractFacts(t, "---\ndate: 2021-07-09\n---\n"+text)
	_, after := extractFacts(t, "---\ndate: 2022-11-03\n---\n"+text)
	checkFacts(t, before, nil, []string{"kremlin-white-house-expert-group terminatedBy united-states"})
	checkFacts(t, after, []string{"kremlin-white-house-expert-group terminatedBy united-states"}, nil)
}

// TestAcceptedProposal: "X proposed talks, and Y accepted" makes both take
// part; a proposal nobody accepts, or an acceptance of something else, does
// not.
func TestAcceptedProposal(t *testing.T) {
	_, got := extractFacts(t, "In 1985, Chile proposed talks on fisheries, and Peru agreed.")
	checkFacts(t, got, []string{"chile participatesIn new-event-talks-on-fisheries", "peru participatesIn new-event-talks-on-fisheries"}, nil)
	_, got = extractFacts(t, "In 1985, Chile proposed talks on fisheries. Peru accepted the terms of the loan.")
	checkFacts(t, got, nil, []string{"participatesIn"})
}

// TestPossessedPrinciple: "our sovereignty" is a state's own, not the
// principle; "the sovereignty of states" is the principle.
func TestPossessedPrinciple(t *testing.T) {
	r, _ := extractFacts(t, "We will not tolerate attempts to violate our democratic sovereignty. Chile defends the principle of sovereignty.")
	n := 0
	for _, m := range r.Mentions {
		for _, e := range m.Entities {
			if e.ID == "sovereignty" {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("%d mentions of the principle of sovereignty, want 1 (the second sentence's)", n)
	}
}

// TestBodyDate: a document without a front-matter date takes the date a
// line of its own near the top prints; a date inside a sentence is none.
func TestBodyDate(t *testing.T) {
	r, _ := extractFacts(t, "Statement on the dialogue\n\nThursday, March 3, 2022\n\nThe United States today suspended the Strategic Stability Dialogue.\n")
	if len(r.Facts) == 0 || r.Facts[0].Date.String() != "2022-03-03" {
		t.Errorf("facts %+v, want one dated 2022-03-03", r.Facts)
	}
	r, _ = extractFacts(t, "Statement on the dialogue\n\nOn March 3, 2022 the talks ended.\n\nThe United States today suspended the Strategic Stability Dialogue.\n")
	for _, f := range r.Facts {
		if f.Relation == "terminatedBy" && !f.Date.IsZero() {
			t.Errorf("dated %s from a date inside a sentence", f.Date)
		}
	}
}

// TestAgreementTopic: an agreement described by its topic and year is the
// gazetteer's agreement of that year on that topic; another year is not.
func TestAgreementTopic(t *testing.T) {
	_, got := extractFacts(t, "---\ndate: 2023-05-18\n---\nIn 2015, Russia and China signed an agreement on cooperation in ensuring international information security.")
	checkFacts(t, got, []string{"russia partyTo russia-china-ics-agreement-2015"}, []string{"new-agreement"})
	_, got = extractFacts(t, "---\ndate: 2023-05-18\nspeaker_state: Russia\n---\nThey reaffirmed their commitment to the 2015 intergovernmental agreement on cooperation in ensuring international information security and agreed to meet.")
	checkFacts(t, got, []string{"russia-china-ics-agreement-2015"}, []string{"new-agreement"})
	_, got = extractFacts(t, "---\ndate: 2023-05-18\n---\nIn 2019, Chile and Peru signed an agreement on cooperation in ensuring international information security.")
	checkFacts(t, got, []string{"new-agreement"}, []string{"russia-china-ics-agreement-2015"})
}

// TestTheyAfterTheSides: "They" opening the sentence after one that opened
// with the dyad is the dyad; after another subject it is nobody.
func TestTheyAfterTheSides(t *testing.T) {
	fm := "---\ndate: 2023-05-18\n---\nRussia and China held consultations in Beijing. "
	_, got := extractFacts(t, fm+"The sides exchanged views. They reaffirmed their commitment to the Budapest Convention.")
	checkFacts(t, got, []string{"russia advocates budapest-convention", "china advocates budapest-convention"}, nil)
	_, got = extractFacts(t, fm+"The experts exchanged views. They reaffirmed their commitment to the Budapest Convention.")
	checkFacts(t, got, nil, []string{"advocates budapest-convention"})
}

// TestDocumentCoreference: "a new sanctions executive order" in a text
// headed by an executive order is that order; without one it is new.
func TestDocumentCoreference(t *testing.T) {
	_, got := extractFacts(t, "Executive Order on Improving the Nation's Cybersecurity\n\nToday, President Obama signed a new executive order.\n")
	checkFacts(t, got, []string{"signedBy barack-obama"}, []string{"new-document-new-executive-order"})
	_, got = extractFacts(t, "Today, President Obama signed a new executive order.\n")
	checkFacts(t, got, []string{"new-document-new-executive-order signedBy barack-obama"}, nil)
}

// TestRoleMentioned: "the Security Council" in a sentence about the
// Russian delegation, after the Russian Security Council was named, is
// Russia's; in a sentence about the UN it stays the UN Security Council.
func TestRoleMentioned(t *testing.T) {
	fm := "---\ndate: 2021-10-05\n---\nThe Russian Security Council said talks were held. "
	_, got := extractFacts(t, fm+"The Russian delegation was led by Director of the Security Council Ivan Doroshev.")
	checkFacts(t, got, []string{"new-person-ivan-doroshev affiliatedWith russia-security-council"}, []string{"un-security-council"})
	_, got = extractFacts(t, fm+"Chile takes part in the Security Council.")
	checkFacts(t, got, []string{"chile participatesIn un-security-council"}, nil)
}

// TestReportedCulprit: a state or agency that says who is responsible for
// an act accuses them; a denial, or a culprit said by nobody, accuses none.
func TestReportedCulprit(t *testing.T) {
	for text, want := range map[string]string{
		"Canada said the GRU was behind the NotPetya attack.":                       "canada accuses russia-gru",
		"According to the United Kingdom, the GRU carried out the NotPetya attack.": "united-kingdom accuses russia-gru",
	} {
		_, got := extractFacts(t, text)
		checkFacts(t, got, []string{want}, nil)
	}
	_, got := extractFacts(t, "The GRU carried out the NotPetya attack. Canada said the GRU was not behind the WannaCry attack.")
	checkFacts(t, got, nil, []string{"accuses"})
}

// TestTurnSpeakers: transcript labels naming known persons ("PRESIDENT
// PUTIN:") make them the claimants of their turns, and each one's "we" is
// their own state; a culprit named in one's own voice is their state's
// accusation.
func TestTurnSpeakers(t *testing.T) {
	r, got := extractFacts(t, "---\ndate: 2021-06-16\ntype: transcript\n---\n\n"+
		"PRESIDENT PUTIN: We support the Budapest Convention.\n\n"+
		"PRESIDENT BIDEN: We support the Paris Call. The SVR was behind the SolarWinds hack.\n")
	checkFacts(t, got, []string{"russia advocates budapest-convention", "united-states advocates paris-call",
		"united-states accuses russia-svr"}, []string{"united-states advocates budapest-convention", "russia advocates paris-call"})
	for _, f := range r.Facts {
		if f.Relation == "advocates" && f.Claimant != nil && f.Claimant.ID != map[string]string{"russia": "vladimir-putin", "united-states": "joe-biden"}[f.Subject.ID] {
			t.Errorf("%s advocates %s claimed by %s", f.Subject.ID, f.Object.ID, f.Claimant.ID)
		}
	}
}

// TestOrganisationWe: "we" in a speech of a body of the EU is the EU; an
// attribution's object may hold a preposition ("the attack against X").
func TestOrganisationWe(t *testing.T) {
	_, got := extractFacts(t, "---\ndate: 2022-05-10\nspeaker_organization: European External Action Service\n---\n"+
		"We support the Budapest Convention. On 10 May, Chile attributed the attack against the satellite network to Russia.")
	checkFacts(t, got, []string{"european-union advocates budapest-convention", "chile accuses russia"}, []string{"opposes"})
}

// TestComplementEnds: a description ends before a time ("next month") and
// before a participle that opens a clause ("launched in Geneva").
func TestComplementEnds(t *testing.T) {
	r, _ := extractFacts(t, "Chile and Peru will hold talks on ransomware next month. Washington froze the dialogue on cybersecurity launched in Geneva.")
	for _, m := range r.Mentions {
		for _, e := range m.Entities {
			if strings.Contains(e.Label, "next month") || strings.Contains(e.Label, "launched") {
				t.Errorf("label %q", e.Label)
			}
		}
	}
}

// TestEventNamedIn: an unnamed act described by a clause that names a known
// incident ("the campaign that exploited the NotPetya malware") is that
// incident; with no such incident named before, it is a new event.
func TestEventNamedIn(t *testing.T) {
	_, got := extractFacts(t, "The NotPetya attack hit Ukraine. France named the GRU as the perpetrator of the broad-scope cyber espionage campaign that spread the NotPetya malware.")
	checkFacts(t, got, []string{"russia-gru responsibleFor notpetya-2017"}, []string{"new-event"})
	_, got = extractFacts(t, "France named the GRU as the perpetrator of the broad-scope cyber espionage campaign that hit Ukraine.")
	checkFacts(t, got, []string{"russia-gru responsibleFor new-event-broad-scope-cyber-espionage-campaign"}, nil)
}
