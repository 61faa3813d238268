package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// statesFound extracts a sentence and returns the slugs of the states
// mentioned in it.
func statesFound(t *testing.T, x *Extractor, text string) map[string]bool {
	t.Helper()
	d, err := Parse("t.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, m := range x.Extract(d).Mentions {
		for _, e := range m.Entities {
			if e.Type == "State" {
				got[e.ID] = true
			}
		}
	}
	return got
}

// TestStateAliasKinds: over a sample of states from every region (six per
// region), a text naming the state by its capital (as a government), its
// demonym (as a modifier) or an alias finds the state. The surface forms
// come from the gazetteer; the test checks that matching finds them in
// running text, kind by kind and region by region.
func TestStateAliasKinds(t *testing.T) {
	x := testExtractor(t)
	perRegion := map[string]int{}
	found := map[string]map[string]int{} // kind -> region -> states found
	sampled := 0
	for _, e := range x.Gazetteer.Entries {
		if e.Type != "State" || e.Region == "" || perRegion[e.Region] >= 6 {
			continue
		}
		perRegion[e.Region]++
		sampled++
		forms := map[string][]string{"capital": e.Metonyms, "demonym": e.Modifiers, "alias": e.Aliases}
		for kind, list := range forms {
			for _, f := range list {
				if c := x.Matcher.Lookup(f); len(c) == 0 || c[0].entry != e {
					continue // a form another entry owns more strongly
				}
				text := map[string]string{
					"capital": "Officials said %s rejected the proposal.",
					"demonym": "The %s delegation rejected the proposal.",
					"alias":   "Officials said that %s rejected the proposal.",
				}[kind]
				text = fmt.Sprintf(text, f)
				if !statesFound(t, x, text)[e.ID] {
					t.Errorf("%s %q of %s not found in %q", kind, f, e.ID, text)
					break
				}
				if found[kind] == nil {
					found[kind] = map[string]int{}
				}
				found[kind][e.Region]++
				break
			}
		}
	}
	if len(perRegion) < 6 || sampled < 30 {
		t.Fatalf("sample of %d states over %d regions; want >= 30 over 6", sampled, len(perRegion))
	}
	for _, k := range []string{"capital", "demonym", "alias"} {
		n := 0
		for region := range perRegion {
			if found[k][region] == 0 {
				t.Errorf("no state of %s found by its %s", region, k)
			}
			n += found[k][region]
		}
		if n < 30 {
			t.Errorf("only %d states found by %s (want >= 30)", n, k)
		}
		t.Logf("%s: %d of %d sampled states found (%v)", k, n, sampled, found[k])
	}
}

func TestCaseRule(t *testing.T) {
	x := testExtractor(t)
	if got := statesFound(t, x, "Let us talk about it."); got["united-states"] {
		t.Error(`"us" the pronoun matched the United States`)
	}
	if got := statesFound(t, x, "The US and the U.S.A. disagreed."); !got["united-states"] {
		t.Error(`"US" did not match the United States`)
	}
}

func TestCapitalAsPlace(t *testing.T) {
	x := testExtractor(t)
	if got := statesFound(t, x, "Talks were held in Moscow last week."); got["russia"] {
		t.Error(`"in Moscow" (a place) was read as the Russian state`)
	}
	if got := statesFound(t, x, "Moscow and Washington disagree."); !got["russia"] || !got["united-states"] {
		t.Errorf(`"Moscow and Washington" (governments) not read as states: %v`, got)
	}
}

// TestUserGazetteer: an entity in a user's file is found by extract.
func TestUserGazetteer(t *testing.T) {
	f := filepath.Join(t.TempDir(), "extra.yaml")
	os.WriteFile(f, []byte("- id: ottawa-cyber-forum\n  type: BilateralFormat\n  label: Ottawa Cyber Forum\n  aliases: [OCF]\n"), 0o644)
	x, err := New(Options{Gazetteers: []string{f}})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := Parse("t.txt", []byte("Canada froze the Ottawa Cyber Forum in May 2024."))
	r := x.Extract(d)
	if !mentionsEntity(r, "ottawa-cyber-forum") {
		t.Fatal("the user's entity was not found")
	}
	if got := strings.Join(factStrings(r), "|"); !strings.Contains(got, "ottawa-cyber-forum terminatedBy canada 2024-05") {
		t.Errorf("facts %s", got)
	}
	// A conflicting type for a built-in slug is an error naming both files.
	os.WriteFile(f, []byte("- id: russia\n  type: Person\n  label: Russia\n"), 0o644)
	if _, err := New(Options{Gazetteers: []string{f}}); err == nil || !strings.Contains(err.Error(), "states.yaml") {
		t.Errorf("conflict not reported clearly: %v", err)
	}
}

func TestGazetteerCounts(t *testing.T) {
	x := testExtractor(t)
	n := map[string]int{}
	for _, e := range x.Gazetteer.Entries {
		n[e.Type]++
	}
	if n["State"] < 195 || n["GovernmentAgency"] < 150 || n["InternationalOrganization"]+n["IntergovernmentalBody"] < 80 {
		t.Errorf("gazetteer counts %v", n)
	}
}
