package extract

import (
	"strings"
	"testing"
)

// TestRegretOpposes: who regrets another's advocacy of an instrument
// opposes it; the advocate still advocates it. Without a word of regret
// nobody opposes.
func TestRegretOpposes(t *testing.T) {
	_, got := extractFacts(t, "Peru expressed its deep disappointment at the decision of Chile to press forward with resolution 73/27.")
	checkFacts(t, got, []string{"peru opposes unga-res-73-27", "chile advocates unga-res-73-27"}, []string{"chile opposes"})
	_, got = extractFacts(t, "---\nspeaker_state: Peru\n---\nWe regret that Chile pressed ahead with resolution 73/27.")
	checkFacts(t, got, []string{"peru opposes unga-res-73-27", "chile advocates unga-res-73-27"}, nil)
	_, got = extractFacts(t, "---\nspeaker_state: Peru\n---\nWe note that Chile pressed ahead with resolution 73/27.")
	checkFacts(t, got, []string{"chile advocates unga-res-73-27"}, []string{"opposes"})
}

// TestNounAfterDeterminer: a verb trigger right after "the" and before
// "of" is a noun ("the sponsors of resolution 73/27"), no act of the
// sentence's subject; actors ("all Member States") are no new principle.
func TestNounAfterDeterminer(t *testing.T) {
	_, got := extractFacts(t, "Peru criticised the sponsors of resolution 73/27 for calling a vote.")
	checkFacts(t, got, nil, []string{"peru advocates"})
	_, got = extractFacts(t, "Peru urged all Member States to support the Programme of Action.")
	checkFacts(t, got, []string{"peru advocates programme-of-action"}, []string{"new-principle-all-member-states"})
}

// TestCoordinatedModifiers: adjectives joined by "and" before a name
// modify it ("a universal and comprehensive convention"); "the need to
// develop X" is the need for X; a clause after "and" keeps its own subject.
func TestCoordinatedModifiers(t *testing.T) {
	_, got := extractFacts(t, "Chile stressed the need for a universal and comprehensive convention on combating cybercrime.")
	checkFacts(t, got, []string{"chile advocates un-convention-against-cybercrime"}, nil)
	_, got = extractFacts(t, "Chile stressed the need to develop a comprehensive convention on combating cybercrime.")
	checkFacts(t, got, []string{"chile advocates un-convention-against-cybercrime"}, nil)
	_, got = extractFacts(t, "Chile called for the early entry into force of the UN Convention against Cybercrime.")
	checkFacts(t, got, []string{"chile advocates un-convention-against-cybercrime"}, nil)
	_, got = extractFacts(t, "Chile stressed the need for legal and Peru backed the Programme of Action.")
	checkFacts(t, got, []string{"peru advocates programme-of-action"}, []string{"chile advocates programme-of-action"})
}

// TestTellerPosition: "I told X that we need Y" is the position of the
// person who speaks, when the claimant is a person; with only a speaker
// state it stays the state's. "we need to have Y" reaches Y.
func TestTellerPosition(t *testing.T) {
	_, got := extractFacts(t, "---\nspeaker: Joe Biden\nspeaker_state: United States\n---\nI told President Putin that we need to have some basic rules of the road.")
	checkFacts(t, got, []string{"joe-biden advocates rules-of-the-road"}, []string{"united-states advocates rules-of-the-road", "vladimir-putin advocates"})
	_, got = extractFacts(t, "---\nspeaker_state: United States\n---\nI told President Putin that we need basic rules of the road.")
	checkFacts(t, got, []string{"united-states advocates rules-of-the-road"}, []string{"joe-biden advocates"})
	_, got = extractFacts(t, "---\nspeaker_state: United States\n---\nWe need confidence-building measures.")
	checkFacts(t, got, []string{"united-states advocates confidence-building-measures"}, nil)
}

// TestProposedAct: the act of a clause after a verb of proposing is not
// done ("I proposed that we establish a working group"); a past act after
// "that" is.
func TestProposedAct(t *testing.T) {
	_, got := extractFacts(t, "---\nspeaker_state: United States\n---\nI proposed to President Putin that we establish a bilateral working group on ransomware.")
	checkFacts(t, got, nil, []string{"establishedBy"})
	_, got = extractFacts(t, "---\nspeaker_state: United States\n---\nI noted that we established a bilateral working group on ransomware.")
	checkFacts(t, got, []string{"establishedBy united-states"}, nil)
}

// TestHallmarksAccuse: an incident bearing an actor's hallmarks in a
// statement is the speaker's accusation of the actor; "X holds Y
// responsible" is X's accusation, not the speaker's.
func TestHallmarksAccuse(t *testing.T) {
	_, got := extractFacts(t, "---\nspeaker_state: Chile\n---\nThe WannaCry attack bears the hallmarks of North Korea.")
	checkFacts(t, got, []string{"north-korea responsibleFor wannacry-2017", "chile accuses north-korea"}, nil)
	_, got = extractFacts(t, "---\nspeaker_state: Chile\n---\nPeru holds North Korea responsible for the WannaCry attack.")
	checkFacts(t, got, []string{"peru accuses north-korea"}, []string{"chile accuses"})
	_, got = extractFacts(t, "The Department of Justice announced charges against two GRU officers.")
	checkFacts(t, got, []string{"united-states-doj accuses russia-gru"}, nil)
}

// TestProposedSetUp: proposing to establish a format, or an initiative to
// establish it, advocates it and establishes nothing.
func TestProposedSetUp(t *testing.T) {
	_, got := extractFacts(t, "Peru criticised the French-Egyptian initiative to establish a Programme of Action.")
	checkFacts(t, got, []string{"france advocates programme-of-action", "egypt advocates programme-of-action"}, []string{"establishedBy"})
	_, got = extractFacts(t, "In 2020 Chile proposed to establish the Programme of Action.")
	checkFacts(t, got, []string{"chile advocates programme-of-action"}, []string{"establishedBy"})
	_, got = extractFacts(t, "In 2020 Chile decided to establish the Programme of Action.")
	checkFacts(t, got, nil, []string{"chile advocates", "establishedBy"})
}

// TestRefusedSupport: refusing support, now or in the future, opposes;
// "did not support" (perhaps an abstention) is only the denial.
func TestRefusedSupport(t *testing.T) {
	_, got := extractFacts(t, "Chile won't support the Programme of Action. Brazil cannot support the Budapest Convention.")
	checkFacts(t, got, []string{"chile opposes programme-of-action", "brazil opposes budapest-convention", "NOT chile advocates programme-of-action"}, nil)
	_, got = extractFacts(t, "Peru did not support the Budapest Convention.")
	checkFacts(t, got, []string{"NOT peru advocates budapest-convention"}, []string{"opposes"})
}

// TestConventionAnaphora: "that the convention" after "stressed" is the
// description "the convention" (the mention starts at "the"); a bare or
// "draft" convention after the committee drafting it is the convention the
// gazetteer links to the committee, not one a state named before is party
// to; the text joined by consensus is the one last approved.
func TestConventionAnaphora(t *testing.T) {
	r, got := extractFacts(t, "The Ad Hoc Committee met in Vienna. The delegations of the United States and Chile blocked the adoption of the draft convention. "+
		"Peru stressed that the convention must be adopted.")
	checkFacts(t, got, []string{"united-states opposes un-convention-against-cybercrime", "chile opposes un-convention-against-cybercrime"}, []string{"budapest-convention"})
	for _, m := range r.Mentions {
		if text := r.Doc.Text[m.Start:m.End]; text == "that the convention" {
			t.Errorf("mention %q starts at the complementizer", text)
		}
	}
	_, got = extractFacts(t, "The Ad Hoc Committee approved the draft text of the convention. The Committee was established by resolution 74/247. "+
		"Chile joined the consensus.")
	checkFacts(t, got, []string{"un-convention-against-cybercrime establishedBy un-ad-hoc-committee-cybercrime", "chile advocates un-convention-against-cybercrime"},
		[]string{"chile advocates unga-res-74-247"})
}

// TestCoordinatedVerbNoObjectName: "and" + verb shares the first verb's
// subject even when no name ends the first verb's object.
func TestCoordinatedVerbNoObjectName(t *testing.T) {
	_, got := extractFacts(t, "Chile supports the UN in playing a central role in global governance and put forward the Programme of Action.")
	checkFacts(t, got, []string{"chile advocates programme-of-action"}, []string{"united-nations advocates"})
}

// TestAccusedAffiliate: accusing "a hacking group linked to X" accuses X;
// the participle "linked to X" describes the group, it is no attribution by
// the speaker. "The hack was linked to X" still is one.
func TestAccusedAffiliate(t *testing.T) {
	_, got := extractFacts(t, "---\nspeaker_state: Peru\n---\nChile and Brazil accused a hacking group linked to the GRU of targeting their ministries.")
	checkFacts(t, got, []string{"chile accuses russia-gru", "brazil accuses russia-gru"}, []string{"peru accuses"})
	_, got = extractFacts(t, "---\nspeaker_state: Peru\n---\nThe hack was linked to the GRU.")
	checkFacts(t, got, []string{"peru accuses russia-gru"}, nil)
}

// TestOrganisationMembers: "Allies condemn X" opening a sentence of NATO's
// statement is NATO's accusation; a list after "including" in "in
// accordance with law, including the UN Charter" names no agents.
func TestOrganisationMembers(t *testing.T) {
	_, got := extractFacts(t, "---\ntitle: Communiqué issued by NATO Heads of State and Government\ntype: statement\n---\nAllies strongly condemn Russia's malicious cyber activities.")
	checkFacts(t, got, []string{"nato accuses russia"}, nil)
	_, got = extractFacts(t, "---\nsource: NATO\ntype: statement\n---\nWe act in accordance with international law, including the UN Charter, and the UN framework of responsible State behaviour in cyberspace.")
	checkFacts(t, got, nil, []string{"basedOn"})
}

// TestSourceOrganisationSpeaks: a statement whose source is an
// international organisation or body (and no speaker) is that body's:
// "The Council" is the source, and an attribution in the passive is its
// organisation's. An article from the same source only reports.
func TestSourceOrganisationSpeaks(t *testing.T) {
	_, got := extractFacts(t, "---\ntype: statement\nsource: Council of the European Union\n---\nThe Council today decided to impose restrictive measures against six individuals. "+
		"The cyber-attack against the OPCW was attributed to the GRU.")
	checkFacts(t, got, []string{"council-of-the-eu sanctions six individuals", "european-union accuses russia-gru"}, nil)
	_, got = extractFacts(t, "---\ntype: article\nsource: Council of the European Union\n---\nThe cyber-attack against the OPCW was attributed to the GRU.")
	checkFacts(t, got, nil, []string{"accuses russia-gru"})
}

// TestUnnamedRelative: the subject of "that created X" after an unnamed
// phrase ("a rival resolution") is that phrase, not a name further left; a
// named antecedent, even behind a date, is the subject.
func TestUnnamedRelative(t *testing.T) {
	_, got := extractFacts(t, "The United States sponsored a rival resolution that created a new GGE.")
	checkFacts(t, got, nil, []string{"establishedBy united-states"})
	_, got = extractFacts(t, "Chile and Peru signed the Budapest Convention in June 2013, which created a new GGE.")
	checkFacts(t, got, []string{"un-gge establishedBy budapest-convention"}, nil)
}

// TestProposalAndBodyAgreed: "the proposal" refers back to the document
// proposed; a body that "agreed by consensus to establish" X establishes it.
func TestProposalAndBodyAgreed(t *testing.T) {
	_, got := extractFacts(t, "Chile proposed the Programme of Action in 2020. Peru opposed the proposal.")
	checkFacts(t, got, []string{"peru opposes programme-of-action"}, nil)
	_, got = extractFacts(t, "In July 2025 the Open-ended Working Group agreed by consensus to establish a Global Mechanism on ICT security.")
	checkFacts(t, got, []string{"global-mechanism-ict establishedBy oewg-2021-2025 2025-07"}, nil)
}

// TestItDateFromBefore: "It was signed by X" takes the date the sentence
// before gives the same verb; without one it stays undated.
func TestItDateFromBefore(t *testing.T) {
	_, got := extractFacts(t, "The Budapest Convention is a treaty signed on 23 November 2001 in Budapest. It was signed by Colin Powell.")
	checkFacts(t, got, []string{"budapest-convention signedBy colin-powell 2001-11-23"}, nil)
	_, got = extractFacts(t, "The Budapest Convention is a treaty on cybercrime. It was signed by Colin Powell.")
	checkFacts(t, got, []string{"budapest-convention signedBy colin-powell"}, []string{"colin-powell 2"})
}

// TestMeetingCoverageSpeakers: "His delegation" opening the sentence after
// "The representative of X said ..." is X's; "Several delegations,
// including A and B, supported X" makes A and B the subjects.
func TestMeetingCoverageSpeakers(t *testing.T) {
	_, got := extractFacts(t, "The representative of Chile said that resolution 73/27 would undermine the Open-ended Working Group. His delegation would vote against it.")
	checkFacts(t, got, []string{"chile opposes unga-res-73-27"}, nil)
	_, got = extractFacts(t, "Several delegations, including Brazil and Peru, expressed support for the Open-ended Working Group.")
	checkFacts(t, got, []string{"brazil advocates oewg-2021-2025", "peru advocates oewg-2021-2025"}, nil)
}

// TestCoordinatedLongObject: "The Parties support the work of the OEWG as
// the main platform within the UN and welcome X": the name before "and"
// ends a long object; the Parties welcome X, not the UN.
func TestCoordinatedLongObject(t *testing.T) {
	_, got := extractFacts(t, "Chile and Peru support the work of the Open-ended Working Group as the main negotiating platform within the UN and welcome the establishment of the Ad Hoc Committee.")
	checkFacts(t, got, []string{"chile advocates un-ad-hoc-committee-cybercrime", "peru advocates un-ad-hoc-committee-cybercrime"}, []string{"united-nations advocates"})
}

// TestQAAsidesAndObjects: an aside of circumstance (", at Russia's
// initiative,") hides its names from the main verb and sets up nothing
// itself; a "by" agent is the phrase right after "by", not a name past a
// comma; "the final report of X" is no creation of X; "accused Western
// countries of X" accuses no name inside X; "proposed by" proposes, it
// establishes nothing.
func TestQAAsidesAndObjects(t *testing.T) {
	_, got := extractFacts(t, "Last year the UN General Assembly, at Russia's initiative, approved the final report of the Open-ended Working Group.")
	checkFacts(t, got, nil, []string{"establishedBy russia", "oewg-2021-2025 establishedBy"})
	_, got = extractFacts(t, "Chile stays committed to the framework of responsible state behavior in cyberspace, affirmed by all UN member states, including in the reports of the UN Group of Governmental Experts.")
	checkFacts(t, got, []string{"chile advocates framework-responsible-state-behaviour"}, []string{"un-gge advocates"})
	_, got = extractFacts(t, "Last year the General Assembly approved the annual report of the Ad Hoc Committee.")
	checkFacts(t, got, nil, []string{"un-ad-hoc-committee-cybercrime establishedBy"})
	_, got = extractFacts(t, "Peru accused Western countries of blocking the adoption of a UN code of conduct.")
	checkFacts(t, got, nil, []string{"accuses united-nations"})
	_, got = extractFacts(t, "The Programme of Action, proposed by France and Egypt in 2020, is a permanent mechanism.")
	checkFacts(t, got, []string{"france advocates programme-of-action"}, []string{"establishedBy"})
}

// TestQANames: a document symbol alone names a draft ("draft resolution
// L.23, submitted by X"); "a new Executive Order authorizing X to ..." is
// a new order (the gerund opens a clause about it), and what it authorizes
// is not done; condemning an act is no principle opposed.
func TestQANames(t *testing.T) {
	_, got := extractFacts(t, "Chile will vote against draft resolution L.23, submitted by Peru.")
	checkFacts(t, got, []string{"chile opposes new-document-draft-resolution-l-23", "peru advocates new-document-draft-resolution-l-23"}, nil)
	_, got = extractFacts(t, "President Biden signed a new Executive Order authorizing the Department of the Treasury to sanction the GRU.")
	checkFacts(t, got, []string{"new-document-new-executive-order signedBy joe-biden"}, []string{"sanctions"})
	_, got = extractFacts(t, "Chile and Peru condemned the occupation of Crimea.")
	checkFacts(t, got, nil, []string{"new-principle"})
}

// TestUnnamedSharedSubject: "the text welcomes the report of the OEWG and
// supports X": the shared subject names no entity, so the name before
// "and" (the first verb's object) is no agent.
func TestUnnamedSharedSubject(t *testing.T) {
	_, got := extractFacts(t, "He said the text welcomes the consensus report of the Open-ended Working Group and supports the Programme of Action.")
	checkFacts(t, got, nil, []string{"oewg-2021-2025 advocates"})
}

// TestPersonByRole: "The Russian diplomat also said" opening a sentence is
// the Russian person just named, who then speaks; a role of another state
// is not that person.
func TestPersonByRole(t *testing.T) {
	r, _ := extractFacts(t, "Russian Foreign Ministry Spokeswoman Maria Zakharova accused the United States of cyberattacks. "+
		"The Russian diplomat also said that Moscow supports the Ad Hoc Committee.")
	found := false
	for _, f := range r.Facts {
		if f.Relation == "advocates" && f.Claimant != nil && f.Claimant.ID == "maria-zakharova" {
			found = true
		}
	}
	if !found {
		t.Errorf("the advocacy is not Zakharova's claim: %v", factStrings(r))
	}
	r, _ = extractFacts(t, "Russian Foreign Ministry Spokeswoman Maria Zakharova accused the United States of cyberattacks. "+
		"The Chinese diplomat also said that Beijing supports the Ad Hoc Committee.")
	if mentionsEntity(r, "maria-zakharova") && len(r.Mentions) > 0 {
		for _, m := range r.Mentions {
			if r.Doc.Text[m.Start:m.End] == "The Chinese diplomat" {
				t.Errorf("a Chinese diplomat is taken for Zakharova")
			}
		}
	}
}

// TestBetweenSides: "talks between A and B" and "consultations between the
// Security Council of X and the National Security Council of Y" name both
// sides as participants, states or agencies, and the name runs through
// both sides, not into the verb after it.
func TestBetweenSides(t *testing.T) {
	_, got := extractFacts(t, "Talks between Chile and Peru on cybersecurity were held in Lima.")
	checkFacts(t, got, []string{"chile participatesIn new-event-talks-between-chile-and-peru-on-cybersecurity",
		"peru participatesIn new-event-talks-between-chile-and-peru-on-cybersecurity", "heldIn Lima"}, nil)
	r, got := extractFacts(t, "Consultations between the Security Council of the Russian Federation and the US National Security Council took place in Geneva.")
	checkFacts(t, got, []string{"russia-security-council participatesIn", "united-states-national-security-council participatesIn"}, nil)
	for _, m := range r.Mentions {
		if text := r.Doc.Text[m.Start:m.End]; strings.HasSuffix(text, "took place") {
			t.Errorf("the name runs into the verb: %q", text)
		}
	}
}

// TestCoordinatedClosestVerb: the verb a later verb after "and" shares its
// subject with is the closest one before "and" (triggers come right to
// left), past nouns and words of names ("Open-ended").
func TestCoordinatedClosestVerb(t *testing.T) {
	_, got := extractFacts(t, "The representative of Chile said his country supports the role of the United Nations as the main channel for negotiations and welcomed the Programme of Action.")
	checkFacts(t, got, []string{"chile advocates programme-of-action"}, []string{"united-nations advocates"})
	_, got = extractFacts(t, "Peru supports the Budapest Convention, and Chile supports the role of the United Nations in global governance and welcomed the Programme of Action.")
	checkFacts(t, got, []string{"chile advocates programme-of-action"}, []string{"united-nations advocates", "peru advocates programme-of-action"})
}

// TestConditionClause: an act in a clause opening with "If" is a
// condition, no fact; the main clause after the comma still counts.
func TestConditionClause(t *testing.T) {
	_, got := extractFacts(t, "If the EU imposes sanctions on China, Peru will oppose the Budapest Convention.")
	checkFacts(t, got, nil, []string{"sanctions"})
	_, got = extractFacts(t, "If asked, Peru opposes the Budapest Convention.")
	checkFacts(t, got, []string{"peru opposes budapest-convention"}, nil)
}

// TestAdvocatedIt: "support it" refers to the last thing of the
// advocacy's types named, whatever its type (the convention just named,
// not a principle named earlier).
func TestAdvocatedIt(t *testing.T) {
	_, got := extractFacts(t, "Chile insists on mutual respect. Chile is promoting the UN Convention against Cybercrime. Its partners in the OSCE support it.")
	checkFacts(t, got, []string{"osce advocates un-convention-against-cybercrime"}, []string{"osce advocates mutual"})
}

// TestThatClauseName: "We reaffirm that international law applies in
// cyberspace": the clause right after "that" is a known principle's name,
// the object of the verb; a clause whose subject is a name stays no object.
func TestThatClauseName(t *testing.T) {
	_, got := extractFacts(t, "Chile reaffirmed that international law applies in cyberspace.")
	checkFacts(t, got, []string{"chile advocates international-law-applies-to-cyberspace"}, nil)
	_, got = extractFacts(t, "Chile stressed that Peru supports the Programme of Action.")
	checkFacts(t, got, []string{"peru advocates programme-of-action"}, []string{"chile advocates"})
}
