package extract

import "testing"

// TestPassiveByAgent: the agent of a passive "by" is the name right after
// it, not one behind another "by" ("rejected by a recorded vote a proposal
// by Chile": the vote rejected, Chile proposed).
func TestPassiveByAgent(t *testing.T) {
	_, got := extractFacts(t, "The Ad Hoc Committee rejected by a recorded vote a proposal by Chile to delete the article.")
	checkFacts(t, got, nil, []string{"chile opposes"})
	_, got = extractFacts(t, "The Budapest Convention was rejected by Chile.")
	checkFacts(t, got, []string{"chile opposes budapest-convention"}, nil)
}

// TestCoordinatedOverObject: a verb after "and" shares the subject of the
// verb before, even when the nearest name to its left is that verb's
// object ("supports the work of the OEWG and calls for X").
func TestCoordinatedOverObject(t *testing.T) {
	_, got := extractFacts(t, "Chile supports the work of the Open-ended Working Group and calls for the Programme of Action.")
	checkFacts(t, got, []string{"chile advocates programme-of-action"}, []string{"oewg-2021-2025 advocates"})
	// Not coordination: the second verb has a subject of its own.
	_, got = extractFacts(t, "Chile supports the Budapest Convention and Peru backs the Programme of Action.")
	checkFacts(t, got, []string{"peru advocates programme-of-action"}, []string{"chile advocates programme-of-action"})
}

// TestPersonOfState: "chaired by Ambassador X of Chile": the state is the
// chair's, not what "chaired by" is about.
func TestPersonOfState(t *testing.T) {
	_, got := extractFacts(t, "The Open-ended Working Group, chaired by Ambassador Burhan Gafoor of Singapore, met in New York.")
	checkFacts(t, got, nil, []string{"underAuspicesOf singapore"})
	// "Singapore's Burhan Roe", "Swiss ambassador Jürg Roe": the state is the person's.
	_, got = extractFacts(t, "The Open-ended Working Group, chaired by Singapore's Burhan Gafoor, met in New York.")
	checkFacts(t, got, []string{"burhan-gafoor participatesIn oewg-2021-2025"}, []string{"underAuspicesOf singapore"})
	_, got = extractFacts(t, "The Open-ended Working Group, chaired by Swiss ambassador Jürg Lauber, met in New York.")
	checkFacts(t, got, nil, []string{"underAuspicesOf switzerland", "switzerland participatesIn"})
	_, got = extractFacts(t, "The Open-ended Working Group, chaired by Singapore, met in New York.")
	checkFacts(t, got, []string{"oewg-2021-2025 underAuspicesOf singapore"}, nil)
}

// TestSupportedBodies: support for a body or a format is advocacy of it;
// "their support for" belongs to the clause's subject, not to the nearest
// name; a state and a body after ", and" are no list of agents; a name
// that is the subject of its own verb is not what a participle after it
// is about.
func TestSupportedBodies(t *testing.T) {
	_, got := extractFacts(t, "Chile and Peru supported the Open-ended Working Group.")
	checkFacts(t, got, []string{"chile advocates oewg-2021-2025", "peru advocates oewg-2021-2025"}, nil)
	_, got = extractFacts(t, "Chile stresses the key role of the United Nations and expresses its support for the Open-ended Working Group.")
	checkFacts(t, got, []string{"chile advocates oewg-2021-2025"}, []string{"united-nations advocates"})
	_, got = extractFacts(t, "There are two tracks: a new GGE, proposed by the United States, and the Open-ended Working Group.")
	checkFacts(t, got, []string{"united-states advocates un-gge"}, []string{"oewg-2021-2025 advocates"})
	_, got = extractFacts(t, "The First Committee approved one on responsible behaviour in cyberspace, sponsored by the United States.")
	checkFacts(t, got, nil, []string{"united-states advocates"})
}

// TestBridgingAnaphora: "the bilateral working group" after the 2013
// measures is the working group the gazetteer links to them, not the last
// format named (the NRRC); a bare "the group" is too little to bridge.
func TestBridgingAnaphora(t *testing.T) {
	_, got := extractFacts(t, "The 2013 US-Russia ICT confidence-building measures used the Nuclear Risk Reduction Centers. "+
		"The United States suspended the bilateral working group in 2014.")
	checkFacts(t, got, []string{"us-russia-ict-working-group-2013 terminatedBy united-states"}, []string{"nuclear-risk-reduction-centers terminatedBy"})
	_, got = extractFacts(t, "Chile discussed the 2013 US-Russia ICT confidence-building measures. The group was suspended by the United States.")
	checkFacts(t, got, nil, []string{"terminatedBy"})
}

// TestPeriodIsNoDate: a date after "for" (or a range after it) is the
// period of what was made, not the time it was made.
func TestPeriodIsNoDate(t *testing.T) {
	for _, text := range []string{
		"In December 2020 the General Assembly established a new Open-ended Working Group for 2021–2025.",
		"In December 2020 the General Assembly established a new Open-ended Working Group for the period 2021-2025.",
	} {
		r, _ := extractFacts(t, "---\ndate: 2024-01-01\n---\n"+text)
		n := 0
		for _, f := range r.Facts {
			if f.Relation == "establishedBy" {
				n++
				if f.Date.String() != "2020-12" {
					t.Errorf("%q: establishedBy dated %s, want 2020-12", text, f.Date)
				}
			}
		}
		if n == 0 {
			t.Errorf("%q: no establishedBy", text)
		}
	}
}

// TestHeShe: a sentence-opening "He" is the person named in the sentence
// before; a person named farther back is no antecedent.
func TestHeShe(t *testing.T) {
	_, got := extractFacts(t, "Deputy Foreign Minister Sergei Ryabkov spoke to reporters. He accused the United States of interference.")
	checkFacts(t, got, []string{"sergey-ryabkov accuses united-states"}, nil)
	_, got = extractFacts(t, "Deputy Foreign Minister Sergei Ryabkov spoke to reporters. The talks went on. The agenda was long. He accused the United States of interference.")
	checkFacts(t, got, nil, []string{"sergey-ryabkov accuses"})
	_, got = extractFacts(t, "Deputy Foreign Minister Sergei Ryabkov opened the meeting. The representative of Chile said the talks failed. He accused the United States of interference.")
	checkFacts(t, got, nil, []string{"sergey-ryabkov accuses"})
}

// TestOnHold: "put on hold by X" is a suspension by X, not X holding a
// meeting; a participle after the subject of "has been put" is no verb of
// its own.
func TestOnHold(t *testing.T) {
	r, got := extractFacts(t, "The strategic stability dialogue launched in Geneva in July 2021 has been put on hold by the United States.")
	checkFacts(t, got, []string{"us-russia-strategic-stability-dialogue terminatedBy united-states"}, nil)
	r, _ = extractFacts(t, "The strategic stability dialogue has been put on hold by the United States.")
	for _, f := range r.Facts {
		if f.Relation == "participatesIn" && f.Rule == "participate" {
			t.Errorf("participatesIn from %q", f.Rule)
		}
	}
}

// TestDescribedFormat: a description all of whose words are words of one
// known format's names, in a text naming all the format's parties, is that
// format; with a word the names lack, or a party not named, it is new.
func TestDescribedFormat(t *testing.T) {
	_, got := extractFacts(t, "Russia said the United States suspended the work of the expert group on cybersecurity.")
	checkFacts(t, got, []string{"kremlin-white-house-expert-group terminatedBy united-states"}, nil)
	_, got = extractFacts(t, "Chile said Peru suspended the work of the expert group on cybersecurity.")
	checkFacts(t, got, nil, []string{"kremlin-white-house-expert-group"})
	_, got = extractFacts(t, "Russia said the United States suspended the work of the maritime expert group on cybersecurity.")
	checkFacts(t, got, nil, []string{"kremlin-white-house-expert-group"})
}

// TestOrganisationModifier: an organisation's name right before a
// document's head names whose the document is, it is not an argument of
// its own ("co-sponsored a General Assembly resolution on X"); a described
// agreement all of whose words a known one's names hold is that one.
func TestOrganisationModifier(t *testing.T) {
	_, got := extractFacts(t, "Chile and Peru co-sponsored a General Assembly resolution on responsible behaviour in cyberspace.")
	checkFacts(t, got, []string{"chile advocates new-document-general-assembly-resolution"}, []string{"advocates un-general-assembly"})
	_, got = extractFacts(t, "Chile supported the United Nations convention against cybercrime.")
	checkFacts(t, got, []string{"chile advocates un-convention-against-cybercrime"}, nil)
}

// TestCreatedBy: "a resolution establishing X" in a text of the year the
// gazetteer's resolution establishing X was adopted is that resolution;
// without a year it stays a new document.
func TestCreatedBy(t *testing.T) {
	text := "The General Assembly adopted a resolution establishing the Open-ended Working Group. Chile voted against the resolution."
	_, got := extractFacts(t, "---\ndate: 2020-12-31\n---\n"+text)
	checkFacts(t, got, []string{"oewg-2021-2025 establishedBy unga-res-75-240", "chile opposes unga-res-75-240"}, nil)
	_, got = extractFacts(t, text)
	checkFacts(t, got, []string{"chile opposes new-document-resolution-establishing"}, []string{"unga-res-75-240"})
}

// TestNestedTitle: a document about a document names the inner one by its
// known title too, with "information and communication technologies"
// and "ICTs" one word.
func TestNestedTitle(t *testing.T) {
	_, got := extractFacts(t, "---\ndate: 2019-11-18\n---\nExplanation of Vote on a Third Committee Resolution on Countering the Use of Information and Communication Technologies for Criminal Purposes\n\n"+
		"Chile will vote no on this resolution.")
	checkFacts(t, got, []string{"chile opposes unga-res-74-247"}, nil)
}

// TestVerbOrNoun: a word that is a rule's verb and noun ("launch") is the
// noun after a determiner or before "of", else the verb; a trigger word
// inside a known name is no trigger.
func TestVerbOrNoun(t *testing.T) {
	_, got := extractFacts(t, "Chile and Peru agreed to launch the Strategic Stability Dialogue.")
	checkFacts(t, got, []string{"chile participatesIn us-russia-strategic-stability-dialogue"}, nil)
	_, got = extractFacts(t, "Chile welcomed the launch of the Strategic Stability Dialogue.")
	checkFacts(t, got, nil, []string{"establishedBy chile"})
	_, got = extractFacts(t, "Peru imposed sanctions on Chile, which had attacked the Office of Financial Sanctions Implementation.")
	checkFacts(t, got, []string{"peru sanctions chile"}, []string{"Implementation"})
}

// TestMissions: "the Russian Embassy in Washington" and "the US Embassy in
// Moscow" are new agencies named with their state (a sentence's "The" is
// no word of a name); staff counted "from" one make it the target.
func TestMissions(t *testing.T) {
	_, got := extractFacts(t, "Chile expelled ten diplomats from the Peruvian diplomatic mission in Santiago. The Chilean Embassy in Lima protested.")
	checkFacts(t, got, []string{"chile sanctions new-governmentagency-peruvian-diplomatic-mission-in-santiago"}, []string{"ten diplomats"})
	r, _ := extractFacts(t, "The Chilean Embassy in Lima protested.")
	if !mentionsEntity(r, "new-governmentagency-chilean-embassy-in-lima") {
		t.Errorf("no mention of the Chilean Embassy in Lima")
	}
}

// TestOrganisationStatement: a statement whose title names one
// organisation and no state, with no speaker in its front matter, speaks
// for the organisation: its "we" and "the member states" are it; welcoming
// a body is advocacy of it; "the proposal for X" is X; a "by" inside a
// passive's subject is not its patient.
func TestOrganisationStatement(t *testing.T) {
	_, got := extractFacts(t, "---\ntitle: Declaration of the Heads of State of the SCO Member States\n---\n"+
		"The member states welcome the establishment of the Open-ended Working Group. We support the proposal for a Programme of Action.")
	checkFacts(t, got, []string{"sco advocates oewg-2021-2025", "sco advocates programme-of-action"}, nil)
	_, got = extractFacts(t, "---\ntitle: Declaration of Chile and the SCO\n---\nWe support the Programme of Action.")
	checkFacts(t, got, nil, []string{"sco advocates"})
	_, got = extractFacts(t, "The creation of the Open-ended Working Group by the General Assembly was welcomed by Chile.")
	checkFacts(t, got, []string{"chile advocates oewg-2021-2025"}, []string{"chile advocates un-general-assembly"})
}

// TestICTCompound: "information and communication technology" is one
// compound inside a new principle, not two phrases joined by "and".
func TestICTCompound(t *testing.T) {
	_, got := extractFacts(t, "Chile opposes the militarization of the information and communication technology sphere.")
	checkFacts(t, got, []string{"chile opposes new-principle-militarization-of-the-information-and-communication-technology-sphere"}, nil)
}

// TestLeadersAgreed: leaders who agree to launch a format make their
// states take part in it.
func TestLeadersAgreed(t *testing.T) {
	_, got := extractFacts(t, "Joe Biden and Vladimir Putin agreed to launch expert consultations on cybersecurity.")
	checkFacts(t, got, []string{"united-states participatesIn kremlin-white-house-expert-group", "russia participatesIn kremlin-white-house-expert-group"},
		[]string{"joe-biden participatesIn kremlin"})
}

// TestPronounReporter: "..., she told a briefing" and "According to her"
// make the person named just before the claimant.
func TestPronounReporter(t *testing.T) {
	r, _ := extractFacts(t, "---\ndate: 2022-09-01\n---\nForeign Ministry Spokeswoman Maria Zakharova spoke on Thursday. "+
		"\"The American side froze the Strategic Stability Dialogue,\" she told a briefing. According to her, Chile supports the Programme of Action.")
	n := 0
	for _, f := range r.Facts {
		if f.Relation == "terminatedBy" || f.Relation == "advocates" {
			n++
			if f.Claimant == nil || f.Claimant.ID != "maria-zakharova" {
				t.Errorf("%s %s %s: claimant %v, want maria-zakharova", f.Subject.ID, f.Relation, f.Object.ID, f.Claimant)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d facts, want 2", n)
	}
}

// TestSourceAgency: a briefing whose front matter names no speaker but
// whose source is a known agency is the agency's: "we" is its state.
func TestSourceAgency(t *testing.T) {
	r, got := extractFacts(t, "---\nsource: U.S. Department of State\n---\nMR DOE: We have suspended the Strategic Stability Dialogue with Russia.")
	checkFacts(t, got, []string{"us-russia-strategic-stability-dialogue terminatedBy united-states"}, nil)
	if r.Speaker == nil || r.Speaker.ID != "united-states-state-department" {
		t.Errorf("speaker %v, want united-states-state-department", r.Speaker)
	}
	_, got = extractFacts(t, "---\nsource: https://www.state.gov/briefing\n---\nMR DOE: We have suspended the Strategic Stability Dialogue with Russia.")
	checkFacts(t, got, nil, []string{"terminatedBy united-states"})
}

// TestTurnSpeakerDate: a position a labelled turn speaker states in a
// transcript holds on the transcript's date, as the front-matter
// speaker's does.
func TestTurnSpeakerDate(t *testing.T) {
	r, _ := extractFacts(t, "---\ndate: 2021-06-16\nspeaker: Vladimir Putin\n---\nPRESIDENT BIDEN: We support the Budapest Convention.\n\nPRESIDENT PUTIN: We support the Strategic Stability Dialogue.")
	n := 0
	for _, f := range r.Facts {
		if f.Relation == "advocates" {
			n++
			if f.Date.String() != "2021-06-16" {
				t.Errorf("%s advocates %s dated %q, want 2021-06-16", f.Subject.ID, f.Object.ID, f.Date)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d advocates facts, want 2", n)
	}
}

// TestIncidentsAndMeetings: "carried out tens of thousands of attacks on
// X" makes a new incident of the attacks; "the meeting" never refers back
// to an incident, nor "the attack" to a summit.
func TestIncidentsAndMeetings(t *testing.T) {
	_, got := extractFacts(t, "---\nspeaker_state: Chile\n---\nThe GRU carried out tens of thousands of malicious cyberattacks on Peruvian targets.")
	checkFacts(t, got, []string{"russia-gru responsibleFor new-event-malicious-cyberattacks-on-peruvian-targets", "chile accuses russia-gru"}, nil)
	r, _ := extractFacts(t, "The GRU carried out malicious cyberattacks on Peruvian targets. The meeting was held in Lima.")
	for _, m := range r.Mentions {
		if r.Doc.Text[m.Start:m.End] == "The meeting" {
			t.Errorf("%q refers back to %s", "The meeting", m.Entities[0].ID)
		}
	}
}

// TestTwoLeaders: "the two leaders" are the dyad, which a text naming
// leaders but fewer than two states takes from the leaders' states.
func TestTwoLeaders(t *testing.T) {
	_, got := extractFacts(t, "Joe Biden met Vladimir Putin in Geneva. The two leaders agreed to launch the Strategic Stability Dialogue.")
	checkFacts(t, got, []string{"united-states participatesIn us-russia-strategic-stability-dialogue", "russia participatesIn us-russia-strategic-stability-dialogue"}, nil)
}

// TestOneOfDrafts: "approved one on X" after draft resolutions were spoken
// of is a draft resolution on X; "no one on the committee" is none.
func TestOneOfDrafts(t *testing.T) {
	_, got := extractFacts(t, "---\ndate: 2020-11-06\n---\nDelegates pointed at two competing draft resolutions. "+
		"The First Committee approved one on advancing responsible State behaviour in cyberspace in the context of international security, sponsored by Chile.")
	checkFacts(t, got, []string{"unga-res-75-32 establishedBy un-first-committee", "chile advocates unga-res-75-32"}, nil)
	_, got = extractFacts(t, "---\ndate: 2020-11-06\n---\nDelegates met in New York. "+
		"The First Committee approved one on advancing responsible State behaviour in cyberspace in the context of international security, sponsored by Chile.")
	checkFacts(t, got, nil, []string{"unga-res-75-32"})
	r, _ := extractFacts(t, "Delegates pointed at two competing draft resolutions. No one on the First Committee objected.")
	for _, e := range r.Mentions {
		if e.Entities[0].Type == "Document" {
			t.Errorf("a document: %q", r.Doc.Text[e.Start:e.End])
		}
	}
}

// TestNamedCulprit: who names an actor as the culprit accuses it; "pinned
// the blame on" accuses.
func TestNamedCulprit(t *testing.T) {
	_, got := extractFacts(t, "Germany named the GRU as the culprit behind the Bundestag hack. Chile pinned the blame on Peru for the attack.")
	checkFacts(t, got, []string{"germany accuses russia-gru", "chile accuses peru"}, nil)
}

// TestAside: a name inside an aside between the subject and its verb
// (", accusing Russia of interference,") is not the subject; "speaking for
// X" makes X the one acting.
func TestAside(t *testing.T) {
	_, got := extractFacts(t, "The European Union, accusing Russia of interference, imposed sanctions on the GRU.")
	checkFacts(t, got, []string{"european-union sanctions russia-gru", "european-union accuses russia"}, []string{"russia sanctions"})
	_, got = extractFacts(t, "Finland, speaking for the European Union, opposed the Budapest Convention.")
	checkFacts(t, got, []string{"european-union opposes budapest-convention"}, nil)
}

// TestGerundModifier: "the signing ceremony" names a ceremony; its
// "signing" is no verb with the host as its subject.
func TestGerundModifier(t *testing.T) {
	_, got := extractFacts(t, "Chile hosted the signing ceremony of the UN Convention against Cybercrime in Santiago.")
	checkFacts(t, got, nil, []string{"chile partyTo"})
	_, got = extractFacts(t, "Chile is signing the UN Convention against Cybercrime.")
	checkFacts(t, got, []string{"chile partyTo un-convention-against-cybercrime"}, nil)
}

// TestOrganisationEvent: "the 2004 SCO summit" (no gazetteer entry) is an
// event of its own, named with its year, not the organisation.
func TestOrganisationEvent(t *testing.T) {
	_, got := extractFacts(t, "The 2004 SCO summit took place in Tashkent.")
	checkFacts(t, got, []string{`new-event-2004-sco-summit heldIn Tashkent`}, []string{"sco heldIn"})
}

// TestItSubject: a sentence-opening "It" of a passive is the topic of the
// sentence before (its first name that fits, not a name that only
// modifies the next one); a date before "for" ... a range is no date of
// what follows.
func TestItSubject(t *testing.T) {
	_, got := extractFacts(t, "The Budapest Convention is a treaty of the Council of Europe. It was ratified by Chile in 2017.")
	checkFacts(t, got, []string{"chile partyTo budapest-convention 2017"}, nil)
	_, got = extractFacts(t, "What about the Budapest Convention? It was also ratified by Chile.")
	checkFacts(t, got, []string{"chile partyTo budapest-convention"}, nil)
	_, got = extractFacts(t, "The Council of Europe drafted the Budapest Convention. Chile met Peru. It was ratified by Chile in 2017.")
	checkFacts(t, got, nil, []string{"chile partyTo budapest-convention"})
}

// TestYesNoAnswer: a question the next turn answers "No." is the
// answerer's denial of the question's fact, "Yes, ..." its assertion; an
// unanswered question asserts nothing.
func TestYesNoAnswer(t *testing.T) {
	_, got := extractFacts(t, "---\nspeaker: Sergey Lavrov\n---\nQuestion: Does Chile support the Programme of Action?\n\nAnswer: No. Chile prefers a treaty.\n\n"+
		"Question: Does Peru support the Budapest Convention?\n\nAnswer: Yes, it does.\n\nQuestion: Does Peru support the Paris Call?\n\nAnswer: We shall see.")
	checkFacts(t, got, []string{"NOT chile advocates programme-of-action", "|peru advocates budapest-convention"}, []string{"paris-call"})
}

// TestAssessedAttribution: "X assesses that Y was almost certainly
// responsible for the attack on Z" makes Y responsible for a new incident
// and X its accuser.
func TestAssessedAttribution(t *testing.T) {
	_, got := extractFacts(t, "The NCSC assesses that the GRU was almost certainly responsible for the attack on Chilean satellites.")
	checkFacts(t, got, []string{"russia-gru responsibleFor new-event-attack-on-chilean-satellites", "accuses russia-gru"}, nil)
}

// TestVerbSeriesAndAttribution: a verb after a comma in a series shares
// the series' subject, not a name inside the previous verb's object; a
// quantity ends before the next verb's "and"; "officials attributed the
// hack to X" is a finite verb and "which officials have attributed to X"
// a perfect, neither a reduced relative.
func TestVerbSeriesAndAttribution(t *testing.T) {
	_, got := extractFacts(t, "Chile imposed sanctions on dozens of Peruvian entities, expelled 10 diplomats and closed a consulate.")
	checkFacts(t, got, []string{`chile sanctions 10 diplomats`}, []string{"peru sanctions", "diplomats and"})
	_, got = extractFacts(t, "Chilean officials attributed the hack to the SVR.")
	checkFacts(t, got, []string{"chile accuses russia-svr"}, nil)
	_, got = extractFacts(t, "The hack, which Chilean officials have attributed to the SVR, was serious.")
	checkFacts(t, got, []string{"chile accuses russia-svr"}, nil)
}
