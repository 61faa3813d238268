package extract

import "testing"

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
	_, got = extractFacts(t, "Chile stressed the need for legal and Peru backed the Programme of Action.")
	checkFacts(t, got, []string{"peru advocates programme-of-action"}, []string{"chile advocates programme-of-action"})
}
