package shacltest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ontology"
)

const ontologyIRI = "https://w3id.org/dipgraph/ontology"

// brokenCases lists every file of testdata/broken with the constraint components of the results it
// must produce, one entry per expected result (so the count of violations is len(constraints)).
var brokenCases = map[string][]string{
	"missing-preflabel.ttl":        {"sh:MinCountConstraintComponent"},
	"two-preflabels.ttl":           {"sh:MaxCountConstraintComponent"},
	"preflabel-no-language.ttl":    {"sh:LanguageInConstraintComponent"},
	"preflabel-wrong-language.ttl": {"sh:LanguageInConstraintComponent"},
	"entity-blank-node.ttl":        {"sh:NodeKindConstraintComponent"},
	"sameas-not-wikidata.ttl":      {"sh:PatternConstraintComponent"},
	"altlabel-integer.ttl":         {"sh:OrConstraintComponent"},
	"offsets-integer.ttl":          {"sh:DatatypeConstraintComponent", "sh:DatatypeConstraintComponent"},
	"offsets-reversed.ttl":         {"sh:LessThanConstraintComponent"},
	"missing-anchorof.ttl":         {"sh:MinCountConstraintComponent"},
	"mention-without-context.ttl":  {"sh:MinCountConstraintComponent"},
	"mention-bad-iri.ttl":          {"sh:PatternConstraintComponent", "sh:PatternConstraintComponent"},
	"claim-without-claimant.ttl":   {"sh:MinCountConstraintComponent"},
	"claim-without-rule.ttl":       {"sh:MinCountConstraintComponent"},
	"claim-without-source.ttl":     {"sh:MinCountConstraintComponent"},
	"claim-predicate-literal.ttl":  {"sh:NodeKindConstraintComponent", "sh:PatternConstraintComponent"},
	"claim-two-objects.ttl":        {"sh:MaxCountConstraintComponent"},
	"date-string.ttl":              {"sh:OrConstraintComponent"},
	"date-datetime.ttl":            {"sh:MaxCountConstraintComponent", "sh:OrConstraintComponent"},
	"certainty-too-high.ttl":       {"sh:MaxInclusiveConstraintComponent"},
	"certainty-string.ttl": {
		"sh:DatatypeConstraintComponent", "sh:MaxInclusiveConstraintComponent", "sh:MinInclusiveConstraintComponent",
	},
	"polarity-bad.ttl": {"sh:InConstraintComponent"},
}

// turtleFiles are all Turtle files of this test: the ontology, the shapes and the samples.
func turtleFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"../dipgraph.ttl", "../shapes.ttl", "testdata/valid.ttl"}
	broken, err := filepath.Glob("testdata/broken/*.ttl")
	if err != nil {
		t.Fatal(err)
	}
	return append(files, broken...)
}

func rapperPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"rapper", "/usr/bin/rapper"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	t.Skip("rapper (raptor2-utils) not found: install it with apt-get install raptor2-utils")
	return ""
}

func TestTurtleParsesWithRapper(t *testing.T) {
	rapper := rapperPath(t)
	for _, f := range turtleFiles(t) {
		out, err := exec.Command(rapper, "-q", "-i", "turtle", "-c", f).CombinedOutput()
		if err != nil {
			t.Errorf("rapper -i turtle -c %s: %v\n%s", f, err, out)
		}
	}
}

func TestTurtleParsesWithRDFLib(t *testing.T) {
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import rdflib").Run() == nil {
			python = path
			break
		}
	}
	if python == "" {
		t.Skip("no python3 with rdflib found: install it with apt-get install python3-rdflib")
	}
	const script = `import sys, rdflib
for f in sys.argv[1:]:
    try:
        g = rdflib.Graph().parse(f, format="turtle")
    except Exception as e:
        print(f + ": " + str(e))
        sys.exit(1)
    if len(g) == 0:
        print(f + ": no triples")
        sys.exit(1)
`
	args := append([]string{"-c", script}, turtleFiles(t)...)
	if out, err := exec.Command(python, args...).CombinedOutput(); err != nil {
		t.Fatalf("rdflib: %v\n%s", err, out)
	}
}

// triple is one N-Triples statement as printed by rapper: IRIs without angle brackets, literals
// and blank nodes as written.
type triple struct{ s, p, o string }

func ntriples(t *testing.T, path string) []triple {
	t.Helper()
	out, err := exec.Command(rapperPath(t), "-q", "-i", "turtle", "-o", "ntriples", path).Output()
	if err != nil {
		t.Fatalf("rapper %s: %v", path, err)
	}
	var ts []triple
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSuffix(strings.TrimSpace(line), " .")
		if line == "" {
			continue
		}
		parts := strings.SplitN(line, " ", 3)
		if len(parts) != 3 {
			t.Fatalf("rapper %s: cannot read %q", path, line)
		}
		unbracket := func(s string) string {
			if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
				return s[1 : len(s)-1]
			}
			return s
		}
		ts = append(ts, triple{unbracket(parts[0]), unbracket(parts[1]), unbracket(parts[2])})
	}
	return ts
}

// eventClasses are the typed event classes of the ontology (not in vocab.go).
var eventClasses = []string{
	"Happening", "Establishment", "Termination", "Suspension", "Resumption",
	"Accusation", "Sanction", "Summit", "Statement",
}

// TestOntologyDeclaresVocabulary checks that every dip: term of vocab.go (and the event classes) is
// declared in dipgraph.ttl, and that every dip: term declared there has an English label and
// comment and rdfs:isDefinedBy the ontology.
func TestOntologyDeclaresVocabulary(t *testing.T) {
	ts := ntriples(t, "../dipgraph.ttl")
	types := map[string]map[string]bool{}
	props := map[string]map[string][]string{}
	for _, tr := range ts {
		if !strings.HasPrefix(tr.s, ontology.DIP) {
			continue
		}
		if props[tr.s] == nil {
			props[tr.s] = map[string][]string{}
			types[tr.s] = map[string]bool{}
		}
		props[tr.s][tr.p] = append(props[tr.s][tr.p], tr.o)
		if tr.p == ontology.RDFType {
			types[tr.s][tr.o] = true
		}
	}

	classes := []string{
		ontology.ClassClaim, ontology.ClassMention, ontology.ClassSourceDocument,
	}
	for _, name := range ontology.EntityTypes {
		classes = append(classes, ontology.DIP+name)
	}
	for _, name := range eventClasses {
		classes = append(classes, ontology.DIP+name)
	}
	for _, c := range classes {
		if !types[c][ontology.OWL+"Class"] {
			t.Errorf("%s is not declared an owl:Class in dipgraph.ttl", c)
		}
	}
	properties := []string{
		ontology.PropClaimant, ontology.PropRule, ontology.PropDate, ontology.PropCertainty,
		ontology.PropPolarity, ontology.PropAgent, ontology.PropPatient, ontology.PropEvidence,
	}
	for _, name := range ontology.Relations {
		properties = append(properties, ontology.DIP+name)
	}
	for _, p := range properties {
		ty := types[p]
		if !ty[ontology.OWL+"ObjectProperty"] && !ty[ontology.OWL+"DatatypeProperty"] && !ty[ontology.RDF+"Property"] {
			t.Errorf("%s is not declared a property in dipgraph.ttl", p)
		}
	}
	if !contains(props[ontology.ClassClaim][ontology.RDFS+"subClassOf"], ontology.RDFStatement) {
		t.Errorf("dip:Claim is not a subclass of rdf:Statement")
	}

	for term, ps := range props {
		if len(ps[ontology.RDFType]) == 0 {
			t.Errorf("%s has no rdf:type", term)
		}
		for _, p := range []string{ontology.RDFSLabel, ontology.RDFSComment} {
			if !hasEnglish(ps[p]) {
				t.Errorf("%s has no %s in English", term, p)
			}
		}
		if !contains(ps[ontology.RDFS+"isDefinedBy"], ontologyIRI) {
			t.Errorf("%s has no rdfs:isDefinedBy <%s>", term, ontologyIRI)
		}
	}

	var header bool
	for _, tr := range ts {
		if tr.s == ontologyIRI && tr.p == ontology.RDFType && tr.o == ontology.OWL+"Ontology" {
			header = true
		}
	}
	if !header {
		t.Errorf("dipgraph.ttl does not declare <%s> an owl:Ontology", ontologyIRI)
	}
}

// TestShapesUseDeclaredTerms checks that every dip: term the shapes mention is declared in the
// ontology, so that a renamed term cannot leave a shape that targets nothing.
func TestShapesUseDeclaredTerms(t *testing.T) {
	declared := map[string]bool{}
	for _, tr := range ntriples(t, "../dipgraph.ttl") {
		declared[tr.s] = true
	}
	for _, tr := range ntriples(t, "../shapes.ttl") {
		for _, term := range []string{tr.s, tr.p, tr.o} {
			if strings.HasPrefix(term, ontology.DIP) && !declared[term] {
				t.Errorf("shapes.ttl uses %s, which dipgraph.ttl does not declare", term)
			}
		}
	}
}

func TestValidSampleConforms(t *testing.T) {
	skipUnlessAvailable(t)
	conforms, n, out, err := Validate("../shapes.ttl", "testdata/valid.ttl")
	if err != nil {
		t.Fatal(err)
	}
	if !conforms || n != 0 {
		t.Fatalf("testdata/valid.ttl: conforms=%v with %d violations, want conforms\n%s", conforms, n, out)
	}
}

func TestBrokenSamplesFail(t *testing.T) {
	skipUnlessAvailable(t)
	files, err := filepath.Glob("testdata/broken/*.ttl")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("%d broken samples, want at least 10", len(files))
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		seen[name] = true
		want, ok := brokenCases[name]
		if !ok {
			t.Errorf("%s: not listed in brokenCases; add it with the constraint components it must violate", f)
			continue
		}
		t.Run(strings.TrimSuffix(name, ".ttl"), func(t *testing.T) {
			conforms, n, out, err := Validate("../shapes.ttl", f)
			if err != nil {
				t.Fatal(err)
			}
			if conforms {
				t.Fatalf("%s conforms, want %d violations", f, len(want))
			}
			if n != len(want) {
				t.Errorf("%s: %d violations, want %d\n%s", f, n, len(want), out)
			}
			report, err := ParseReport(out)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range report.Results {
				got = append(got, r.Constraint)
				if r.Message == "" {
					t.Errorf("%s: result without message: %+v", f, r)
				}
			}
			sort.Strings(got)
			w := append([]string(nil), want...)
			sort.Strings(w)
			if strings.Join(got, " ") != strings.Join(w, " ") {
				t.Errorf("%s: constraints %v, want %v", f, got, w)
			}
		})
	}
	for name := range brokenCases {
		if !seen[name] {
			t.Errorf("brokenCases lists %s, which is not in testdata/broken", name)
		}
	}
}

// TestValidatorIsDeterministic checks that the same input prints the same bytes.
func TestValidatorIsDeterministic(t *testing.T) {
	skipUnlessAvailable(t)
	const f = "testdata/broken/certainty-string.ttl"
	_, _, a, err := Validate("../shapes.ttl", f)
	if err != nil {
		t.Fatal(err)
	}
	_, _, b, err := Validate("../shapes.ttl", f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two runs on %s differ:\n%s\n---\n%s", f, a, b)
	}
}

func TestValidateReportsErrors(t *testing.T) {
	skipUnlessAvailable(t)
	bad := filepath.Join(t.TempDir(), "bad.ttl")
	if err := os.WriteFile(bad, []byte("<a> <b> .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := Validate("../shapes.ttl", bad); err == nil {
		t.Errorf("Validate of unparsable Turtle gave no error")
	}
}

func TestToolDir(t *testing.T) {
	dir := ToolDir()
	if dir == "" {
		t.Fatal("ToolDir: module root not found")
	}
	if _, err := os.Stat(filepath.Join(dir, "validate.mjs")); err != nil {
		t.Errorf("ToolDir %s: %v", dir, err)
	}
	if _, err := os.Stat(ShapesPath()); err != nil {
		t.Errorf("ShapesPath: %v", err)
	}
}

func skipUnlessAvailable(t *testing.T) {
	t.Helper()
	if err := Available(); err != nil {
		t.Skip(err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasEnglish(literals []string) bool {
	for _, l := range literals {
		if strings.HasPrefix(l, `"`) && strings.HasSuffix(l, `"@en`) {
			return true
		}
	}
	return false
}
