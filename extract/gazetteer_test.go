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

// TestStateAliasKinds: over a sample of states from every region, a text
// naming the state by its capital (as a government), its demonym (as a
// modifier) or an alias finds the state. The sample and the surface forms
// come from the gazetteer itself; the test checks the matching, region by
// region.
func TestStateAliasKinds(t *testing.T) {
	x := testExtractor(t)
	kinds := map[string]int{}
	states := 0
	for _, e := range x.Gazetteer.Entries {
		if e.Type != "State" || states >= 120 {
			continue
		}
		states++
		forms := map[string][]string{"capital": e.Metonyms, "demonym": e.Modifiers, "alias": e.Aliases}
		for kind, list := range forms {
			for _, f := range list {
				if len(x.Matcher.Lookup(f)) > 1 && x.Matcher.Lookup(f)[0].entry != e {
					continue // shared form: the stronger entry wins, by design
				}
				var text string
				switch kind {
				case "capital":
					text = fmt.Sprintf("Officials said %s rejected the proposal.", f)
				case "demonym":
					text = fmt.Sprintf("The %s delegation rejected the proposal.", f)
				default:
					text = fmt.Sprintf("Officials said that %s rejected the proposal.", f)
				}
				if !statesFound(t, x, text)[e.ID] {
					t.Errorf("%s %q of %s not found in %q", kind, f, e.ID, text)
					continue
				}
				kinds[kind]++
				break
			}
		}
	}
	for _, k := range []string{"capital", "demonym", "alias"} {
		if kinds[k] < 30 {
			t.Errorf("only %d states found by %s (want >= 30)", kinds[k], k)
		}
	}
	t.Logf("states found by capital %d, demonym %d, alias %d (of %d sampled)", kinds["capital"], kinds["demonym"], kinds["alias"], states)
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
	found := false
	for _, m := range r.Mentions {
		for _, e := range m.Entities {
			found = found || e.ID == "ottawa-cyber-forum"
		}
	}
	if !found {
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
