package extract

import (
	"strings"
	"testing"
)

// TestMeetingHeader: the meeting a UN meetings coverage names in its header
// is an event, part of the body its text names first; a meeting named in
// running text is not.
func TestMeetingHeader(t *testing.T) {
	head := "Seventy-eighth Session,\n12th Meeting (AM)\nGA/DIS/3720\n\n"
	_, got := extractFacts(t, head+"The First Committee today approved a draft resolution on cyber norms.")
	if want := "new-event-un-general-assembly-first-committee-12th-meeting-78th-session partOf un-first-committee"; !strings.Contains(got, want) {
		t.Errorf("missing %q in %s", want, got)
	}
	_, got = extractFacts(t, "Seventy-fifth Session,\n37th Plenary Meeting (PM)\n\nThe General Assembly today adopted 38 texts.")
	if want := "new-event-un-general-assembly-37th-meeting-75th-session partOf un-general-assembly"; !strings.Contains(got, want) {
		t.Errorf("plenary: missing %q in %s", want, got)
	}
	_, got = extractFacts(t, "At its 12th meeting, the First Committee approved a draft resolution on cyber norms.")
	if strings.Contains(got, "new-event") {
		t.Errorf("a meeting in running text made an event: %s", got)
	}
	if s := ordinalSuffix(12) + ordinalSuffix(21) + ordinalSuffix(102) + ordinalSuffix(113); s != "thstndth" {
		t.Errorf("ordinal suffixes %q", s)
	}
}
