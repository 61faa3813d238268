package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	validSample  = "../../ontology/shacltest/testdata/valid.ttl"
	brokenShared = "../../ontology/shacltest/testdata/broken"
)

// exitCode is the status dipgraph would exit with for err.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

func TestValidateConforms(t *testing.T) {
	out, _, err := runApp(t, "validate", validSample)
	if exitCode(err) != 0 {
		t.Fatalf("validate %s: %v\n%s", validSample, err, out)
	}
	if !strings.HasPrefix(out, "conforms: 42 triples of 1 file, ") {
		t.Errorf("output %q", out)
	}
}

func TestValidateViolations(t *testing.T) {
	out, _, err := runApp(t, "validate", filepath.Join(brokenShared, "claim-without-rule.ttl"), filepath.Join(brokenShared, "missing-preflabel.ttl"), "../../graph/shacl/testdata/broken/offsets-equal.ttl")
	if exitCode(err) != 1 {
		t.Fatalf("exit %d (%v), want 1\n%s", exitCode(err), err, out)
	}
	for _, want := range []string{
		"sh:Violation entities:russia skos:prefLabel: sh:MinCountConstraintComponent: An entity has exactly one skos:prefLabel, a string tagged @en.\n",
		`sh:Violation <https://w3id.org/dipgraph/doc/sample#char=19,19> nif:beginIndex: sh:LessThanConstraintComponent: A mention has exactly one nif:beginIndex, an xsd:nonNegativeInteger smaller than its nif:endIndex. (value "19"^^xsd:nonNegativeInteger)` + "\n",
		"does not conform: 3 results (1 sh:LessThanConstraintComponent, 2 sh:MinCountConstraintComponent) in ",
		" of 3 files, ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(err.Error(), "does not conform: 3 results") {
		t.Errorf("error %v", err)
	}
}

func TestValidateJSON(t *testing.T) {
	out, _, err := runApp(t, "validate", "--json", filepath.Join(brokenShared, "certainty-string.ttl"))
	if exitCode(err) != 1 {
		t.Fatalf("exit %d: %v", exitCode(err), err)
	}
	var rep struct {
		Conforms   bool `json:"conforms"`
		Violations int  `json:"violations"`
		Results    []struct {
			Focus, Constraint, Message, Severity string
			Path, Value                          *string
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Conforms || rep.Violations != 3 || len(rep.Results) != 3 {
		t.Fatalf("%+v", rep)
	}
	r := rep.Results[0]
	if r.Focus != "<https://w3id.org/dipgraph/doc/sample#claim-1>" || r.Path == nil || *r.Path != "<https://w3id.org/dipgraph/ontology#certainty>" ||
		r.Value == nil || *r.Value != `"likely"` || r.Severity != "sh:Violation" {
		t.Errorf("first result %+v", r)
	}
}

func TestValidateOwnShapes(t *testing.T) {
	core := "../../graph/shacl/testdata/core/class.ttl"
	out, _, err := runApp(t, "validate", "--shapes", core, core)
	if exitCode(err) != 1 || strings.Count(out, "sh:ClassConstraintComponent") != 4 { // 3 results + the summary
		t.Errorf("exit %d:\n%s", exitCode(err), out)
	}
	if !strings.Contains(out, " against "+core) {
		t.Errorf("summary does not name the shapes file:\n%s", out)
	}
	out, _, err = runApp(t, "validate", "--quiet", "--shapes", core, validSample)
	if exitCode(err) != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("exit %d:\n%s", exitCode(err), out)
	}
}

func TestValidateUsageAndReadErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.ttl")
	if err := os.WriteFile(bad, []byte("<a> <b> .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, "doc.md")
	if err := os.WriteFile(doc, []byte("Russia accused the United States.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"validate"}, "give RDF FILEs or --store PATH"},
		{[]string{"validate", "--store", "x.db", validSample}, "not both"},
		{[]string{"validate", filepath.Join(dir, "missing.ttl")}, "missing.ttl: no such file"},
		{[]string{"validate", bad}, "bad.ttl"},
		{[]string{"validate", doc}, "is a document, not RDF"},
		{[]string{"validate", "--shapes", filepath.Join(dir, "none.ttl"), validSample}, "shapes"},
		{[]string{"validate", "--input-format", "rdfxml", validSample}, "unknown --input-format"},
		{[]string{"validate", "--store", filepath.Join(dir, "none.db")}, "none.db: no such file"},
	} {
		_, _, err := runApp(t, c.args...)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), c.want) {
			t.Errorf("dipgraph %s: exit %d, %v; want exit 2 with %q", strings.Join(c.args, " "), exitCode(err), err, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("validate --store created a store")
	}
}

func TestValidateStore(t *testing.T) {
	doc := seedDoc(t)
	db := filepath.Join(t.TempDir(), "v.db")
	mustRun(t, "load", "--quiet", "--store", db, doc)
	out, _, err := runApp(t, "validate", "--store", db)
	if exitCode(err) != 0 || !strings.HasPrefix(out, "conforms: ") || !strings.Contains(out, "of the store "+db) {
		t.Fatalf("exit %d (%v):\n%s", exitCode(err), err, out)
	}
	// The same graph as a file gives the same numbers.
	nq := filepath.Join(t.TempDir(), "v.nq")
	mustRun(t, "export", "--store", db, "--format", "nquads", "-o", nq)
	fileOut, _, err := runApp(t, "validate", nq)
	if exitCode(err) != 0 {
		t.Fatal(err)
	}
	strip := func(s string) string { return s[:strings.Index(s, " of ")] }
	if strip(out) != strip(fileOut) {
		t.Errorf("store: %q, export: %q", out, fileOut)
	}
}
