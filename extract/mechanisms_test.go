package extract

import (
	"strings"
	"testing"
)

// extractFacts runs the built-in extractor over a text written for the
// test and returns its facts as "subject relation object [date]".
func extractFacts(t *testing.T, text string) (*Result, string) {
	t.Helper()
	d, err := Parse("t.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r := testExtractor(t).Extract(d)
	return r, strings.Join(factStrings(r), "|")
}

// checkFacts fails t for each wanted fact string missing from got and each
// unwanted one in it (substrings of factStrings' joined output).
func checkFacts(t *testing.T, got string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in %s", w, got)
		}
	}
	for _, n := range not {
		if strings.Contains(got, n) {
			t.Errorf("unexpected %q in %s", n, got)
		}
	}
}

// TestMechanisms: each general mechanism of issue 4 on a sentence written
// for it. want lists facts that must be there, not those that must not.
func TestMechanisms(t *testing.T) {
	fm := "---\ndate: 2023-06-01\nspeaker_state: Brazil\n---\n\n"
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"passive participle", "The Open-ended Working Group, established by Russia, met again.", []string{"oewg-2021-2025 establishedBy russia"}, nil},
		{"negation is a denial", "Canada did not suspend the Strategic Stability Dialogue.", []string{"NOT us-russia-strategic-stability-dialogue terminatedBy canada"}, []string{"us-russia-strategic-stability-dialogue terminatedBy"}},
		{"question", "Did Canada suspend the Strategic Stability Dialogue?", nil, []string{"us-russia-strategic-stability-dialogue terminatedBy", "NOT us-russia"}},
		{"hypothetical", "France would suspend the Strategic Stability Dialogue.", nil, []string{"us-russia-strategic-stability-dialogue terminatedBy"}},
		{"prevented from", "Disputes prevented Moscow and Washington from establishing the Strategic Stability Dialogue.", nil, []string{"us-russia-strategic-stability-dialogue establishedBy"}},
		{"coordination", "The UK, France, Denmark, and Estonia took part in the Open-ended Working Group.",
			[]string{"united-kingdom participatesIn oewg-2021-2025", "france participatesIn oewg-2021-2025", "denmark participatesIn oewg-2021-2025", "estonia participatesIn oewg-2021-2025"}, nil},
		{"cleft", "It is the United States that is responsible for the SolarWinds compromise.", []string{"united-states responsibleFor solarwinds-2020"}, nil},
		{"relative clause", "The Kremlin–White House expert group, which operated under the auspices of the US National Security Council, met twice.",
			[]string{"kremlin-white-house-expert-group underAuspicesOf united-states-national-security-council"}, nil},
		{"anaphora", "Estonia joined the Budapest Convention in 2004. Japan later ratified the convention.", []string{"japan partyTo budapest-convention"}, nil},
		{"we is the speaker's state", fm + "Answer: We insist on the principle of non-interference in internal affairs.", []string{"brazil advocates non-interference 2023-06-01"}, nil},
		{"dyad and reciprocity", fm + "Relations between France and Germany are tense: the two countries exchanged accusations against one another.",
			[]string{"france accuses germany 2023-06-01", "germany accuses france 2023-06-01"}, nil},
		{"metonymy", "Moscow and Washington froze the Strategic Stability Dialogue.", []string{"us-russia-strategic-stability-dialogue terminatedBy russia", "us-russia-strategic-stability-dialogue terminatedBy united-states"}, nil},
		{"relative date", fm + "Today Canada suspended the Strategic Stability Dialogue.", []string{"us-russia-strategic-stability-dialogue terminatedBy canada 2023-06-01"}, nil},
		{"event year", "The expert group worked in pursuance of the 2021 Geneva summit agreements; the Kremlin–White House expert group was based on the 2021 Geneva summit.", []string{"kremlin-white-house-expert-group basedOn geneva-summit-2021 2021"}, nil},
		{"object relative clause", "Russia called for the resumption of the Strategic Stability Dialogue, which Washington had suspended in 2014.",
			[]string{"us-russia-strategic-stability-dialogue terminatedBy united-states 2014"}, nil},
		{"literal target", "The Council of the European Union sanctioned six individuals and three entities responsible for cyberattacks.",
			[]string{"council-of-the-eu sanctions six individuals and three entities"}, []string{"council-of-the-eu responsibleFor"}},
		{"object stops at a clause", "---\nspeaker_state: Brazil\n---\n\nWe oppose the militarization of cyberspace and call on all parties to respect the sovereignty of states.",
			[]string{"brazil opposes new-principle-militarization-of-cyberspace"}, []string{"brazil opposes sovereign"}},
		{"document symbol and pronoun preference", "Chile voted in favour of draft resolution L.60 on developments in the field of telecommunications. The draft resolution on a programme of action duplicates the work of the Open-ended Working Group. Chile voted against it.",
			[]string{"chile opposes new-document-draft-resolution-on-a-programme-of-action", "chile advocates new-document-draft-resolution-l-60-on-developments-in-the-field-of-telecommunications"},
			[]string{"chile opposes oewg"}},
		{"described agreement, parties, signatory, dateline", "MOSCOW, May 8. Brazil and India signed an agreement on cooperation in ensuring information security on Friday. The agreement was signed by Sergey Lavrov.",
			[]string{"brazil partyTo new-agreement-agreement-on-cooperation-in-ensuring-information-security", "india partyTo new-agreement-agreement-on-cooperation-in-ensuring-information-security",
				"new-agreement-agreement-on-cooperation-in-ensuring-information-security signedBy sergey-lavrov"}, []string{"russia partyTo"}},
		{"attribution to an agency", "---\nspeaker_state: Canada\n---\n\nWe attributed it to the GRU.", []string{"canada accuses russia-gru"}, nil},
		{"a call is no fact", "Russia called on Canada to resume the Open-ended Working Group.", nil,
			[]string{"canada participatesIn oewg-2021-2025"}},
		{"resumption", "Canada resumed the Open-ended Working Group.", []string{"canada participatesIn oewg-2021-2025"}, nil},
		{"acronym introduced in parentheses", "Canada founded the Ottawa expert group on cyber norms (OEGC). In 2020, France suspended the OEGC.",
			[]string{"new-intergovernmentalbody-expert-group-on-cyber-norms terminatedBy france 2020"}, nil},
		{"description, pronoun and including list", "The First Committee approved a draft resolution on cyber norms. 40 states voted against it, including Canada and Georgia.",
			[]string{"canada opposes new-document-draft-resolution-on-cyber-norms", "georgia opposes new-document-draft-resolution-on-cyber-norms",
				"new-document-draft-resolution-on-cyber-norms establishedBy un-first-committee"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := extractFacts(t, tc.text)
			for _, w := range tc.want {
				if !strings.Contains("|"+got+"|", "|"+w+"|") {
					t.Errorf("missing %q\n in %s", w, got)
				}
			}
			for _, n := range tc.not { // a fact, or the start of one ("X relation")
				if strings.Contains("|"+got, "|"+n) {
					t.Errorf("asserted %q in %s", n, got)
				}
			}
		})
	}
}

func TestHedgeLowersCertainty(t *testing.T) {
	r, _ := extractFacts(t, "---\nspeaker_state: Brazil\n---\n\nThe impression is that France is seeking a confrontation.")
	found := false
	for _, f := range r.Facts {
		if f.Relation == "accuses" {
			found = true
			if f.Certainty == 0 || f.Certainty >= 1 {
				t.Errorf("hedged fact has certainty %v", f.Certainty)
			}
		}
	}
	if !found {
		t.Fatal("no accusation found")
	}
}

func TestReportedSpeechClaimant(t *testing.T) {
	r, _ := extractFacts(t, "Canada suspended the Strategic Stability Dialogue, the Russian Foreign Ministry said.")
	for _, f := range r.Facts {
		if f.Relation == "terminatedBy" {
			if f.Claimant == nil || f.Claimant.ID != "russia-foreign-ministry" {
				t.Errorf("claimant %+v, want the ministry", f.Claimant)
			}
			return
		}
	}
	t.Fatal("no fact")
}

func TestInterviewerIsClaimant(t *testing.T) {
	r, _ := extractFacts(t, "---\ninterviewer: Demo Weekly\nspeaker_state: Brazil\n---\n\nQuestion: Canada suspended the Strategic Stability Dialogue.\n\nAnswer: Yes.\n")
	for _, f := range r.Facts {
		if f.Relation == "terminatedBy" {
			if f.Claimant == nil || f.Claimant.Label != "Demo Weekly" || f.Claimant.Type != AgentType {
				t.Errorf("claimant %+v, want the interviewer", f.Claimant)
			}
			return
		}
	}
	t.Fatal("no fact")
}

// mentionsEntity reports whether a mention of r denotes the entity id.
func mentionsEntity(r *Result, id string) bool {
	for _, m := range r.Mentions {
		for _, e := range m.Entities {
			if e.ID == id {
				return true
			}
		}
	}
	return false
}
