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
