package extract

import "testing"

// TestPairParticipants: the two states a format or event is named after
// take part in it; one state's adjective or two states apart do not.
func TestPairParticipants(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"adjectives", "Russian-American consultations on cyber issues were held in Geneva.",
			[]string{"russia participatesIn new-bilateralformat-consultations-on-cyber-issues", "united-states participatesIn new-bilateralformat-consultations-on-cyber-issues"}, nil},
		{"names", "The US–China talks on cybersecurity ended.",
			[]string{"china participatesIn new-event-talks-on-cybersecurity", "united-states participatesIn new-event-talks-on-cybersecurity"}, nil},
		{"bilateral in a text about two states", "Chile and Peru are neighbours. Chile and Peru held bilateral consultations on cyber issues.",
			[]string{"chile participatesIn new-bilateralformat-consultations-on-cyber-issues", "peru participatesIn new-bilateralformat-consultations-on-cyber-issues"}, nil},
		{"between", "The hotline between Santiago and Lima was set up in 1990.",
			[]string{"chile participatesIn new-bilateralformat-hotline-between-santiago-and-lima", "peru participatesIn new-bilateralformat-hotline-between-santiago-and-lima"}, nil},
		{"one state", "Russian consultations on cyber issues were held in Geneva.", nil, []string{"participatesIn"}},
		{"spaced apart", "Russia - consultations on cyber issues were held in Geneva.", nil, []string{"participatesIn"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := extractFacts(t, tc.text)
			checkFacts(t, got, tc.want, tc.not)
		})
	}
}
