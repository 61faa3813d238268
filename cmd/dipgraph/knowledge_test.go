package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGazetteerExport: the knowledge base as Turtle parses in rapper and
// holds every UN member and observer state, the agencies and the bodies,
// each with one prefLabel.
func TestGazetteerExport(t *testing.T) {
	needRapper(t)
	out, _ := mustRun(t, "gazetteer", "export")
	p := filepath.Join(t.TempDir(), "kb.ttl")
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	nt, err := exec.Command(rapperBin, "-q", "-i", "turtle", "-o", "ntriples", p, "https://example.org/").Output()
	if err != nil {
		t.Fatalf("rapper rejected the gazetteer export: %v", err)
	}
	types := map[string]int{}
	labels := map[string]int{}
	for _, line := range strings.Split(string(nt), "\n") {
		f := strings.SplitN(line, " ", 3)
		if len(f) < 3 {
			continue
		}
		switch f[1] {
		case "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>":
			types[strings.TrimSuffix(f[2], " .")]++
		case "<http://www.w3.org/2004/02/skos/core#prefLabel>":
			labels[f[0]]++
		}
	}
	dip := "<https://w3id.org/dipgraph/ontology#"
	if n := types[dip+"State>"]; n < 195 {
		t.Errorf("%d states, want >= 195", n)
	}
	if n := types[dip+"GovernmentAgency>"]; n < 150 {
		t.Errorf("%d agencies, want >= 150", n)
	}
	if n := types[dip+"InternationalOrganization>"] + types[dip+"IntergovernmentalBody>"]; n < 80 {
		t.Errorf("%d organisations and bodies, want >= 80", n)
	}
	total := 0
	for _, n := range types {
		total += n
	}
	if len(labels) != total {
		t.Errorf("%d typed entries but %d with a prefLabel", total, len(labels))
	}
	for s, n := range labels {
		if n != 1 {
			t.Errorf("%s has %d prefLabels", s, n)
		}
	}
	t.Logf("gazetteer: %d entries %v", total, types)
}

func TestGazetteerLookup(t *testing.T) {
	out, _ := mustRun(t, "gazetteer", "lookup", "the Kremlin")
	if !strings.Contains(out, "russia (State") || !strings.Contains(out, "metonym") {
		t.Errorf("lookup of the Kremlin: %s", out)
	}
	if _, _, err := runApp(t, "gazetteer", "lookup", "Xyzzyland"); err == nil {
		t.Error("an unknown name is not an error")
	}
}

func TestOntologyCommand(t *testing.T) {
	owl, _ := mustRun(t, "ontology")
	shapes, _ := mustRun(t, "ontology", "--shapes")
	if !strings.Contains(owl, "owl:Ontology") || !strings.Contains(shapes, "sh:NodeShape") {
		t.Errorf("ontology or shapes output is not what is shipped")
	}
}

// TestUserGazetteerCLI: an entity in a user's file is found by extract.
func TestUserGazetteerCLI(t *testing.T) {
	dir := t.TempDir()
	g := filepath.Join(dir, "extra.yaml")
	doc := filepath.Join(dir, "note.txt")
	os.WriteFile(g, []byte("- id: ottawa-cyber-forum\n  type: BilateralFormat\n  label: Ottawa Cyber Forum\n"), 0o644)
	os.WriteFile(doc, []byte("In May 2024, Canada froze the Ottawa Cyber Forum.\n"), 0o644)
	p := filepath.Join(dir, "out.nt")
	mustRun(t, "extract", "--gazetteer", g, "--format", "ntriples", "-o", p, doc)
	b, _ := os.ReadFile(p)
	if !strings.Contains(string(b), "<https://w3id.org/dipgraph/id/ottawa-cyber-forum> <https://w3id.org/dipgraph/ontology#terminatedBy> <https://w3id.org/dipgraph/id/canada>") {
		t.Errorf("the user's entity and its fact are missing:\n%s", b)
	}
}
