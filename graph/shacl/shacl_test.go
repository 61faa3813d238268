package shacl_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/shacl"
)

// wantResults gives, for every broken and core sample, the constraint
// components of its results (without "sh:" and "ConstraintComponent",
// sorted). The shipped samples' expectations are those of
// ontology/shacltest/shapes_test.go; all of them are checked against
// rdf-validate-shacl by the agreement tests.
var wantResults = map[string]string{
	// ontology/shacltest/testdata/broken
	"missing-preflabel.ttl":        "MinCount",
	"two-preflabels.ttl":           "MaxCount",
	"preflabel-no-language.ttl":    "LanguageIn",
	"preflabel-wrong-language.ttl": "LanguageIn",
	"entity-blank-node.ttl":        "NodeKind",
	"sameas-not-wikidata.ttl":      "Pattern",
	"altlabel-integer.ttl":         "Or",
	"offsets-integer.ttl":          "Datatype Datatype",
	"offsets-reversed.ttl":         "LessThan",
	"missing-anchorof.ttl":         "MinCount",
	"mention-without-context.ttl":  "MinCount",
	"mention-bad-iri.ttl":          "Pattern Pattern",
	"claim-without-claimant.ttl":   "MinCount",
	"claim-without-rule.ttl":       "MinCount",
	"claim-without-source.ttl":     "MinCount",
	"claim-predicate-literal.ttl":  "NodeKind Pattern",
	"claim-two-objects.ttl":        "MaxCount",
	"date-string.ttl":              "Or",
	"date-datetime.ttl":            "MaxCount Or",
	"certainty-too-high.ttl":       "MaxInclusive",
	"certainty-string.ttl":         "Datatype MaxInclusive MinInclusive",
	"polarity-bad.ttl":             "In",
	// testdata/broken
	"altlabel-iri.ttl":                          "Or",
	"anchor-language-tagged.ttl":                "Datatype",
	"certainty-negative-and-polarity-twice.ttl": "MaxCount MinInclusive",
	"claim-claimant-literal.ttl":                "NodeKind NodeKind",
	"claim-empty-rule.ttl":                      "MinLength",
	"claim-no-claimant-two-rules.ttl":           "MaxCount MinCount",
	"claim-source-not-mention.ttl":              "Pattern",
	"context-not-iri.ttl":                       "MinCount NodeKind",
	"date-gyear-two-digits.ttl":                 "Or",
	"date-integer.ttl":                          "Or",
	"denotedby-blank-node.ttl":                  "MinCount MinCount MinCount MinCount NodeKind NodeKind Pattern Pattern",
	"offsets-decimal-and-two-begins.ttl":        "Datatype MaxCount",
	"offsets-equal.ttl":                         "LessThan",
	"offsets-missing-end.ttl":                   "MinCount",
	"person-missing-preflabel.ttl":              "MinCount",
	"sameas-literal.ttl":                        "NodeKind Pattern",
	"two-classes-missing-preflabel.ttl":         "MinCount",
	// testdata/core (shapes and data in one file)
	"class.ttl":     "Class Class Class",
	"closed.ttl":    "Closed Closed Closed Datatype MinCount MinCount",
	"logical.ttl":   "And And And And Node Not Not Or Xone Xone Xone",
	"pairs.ttl":     "Disjoint Equals Equals LessThan LessThan LessThanOrEquals",
	"paths.ttl":     "MaxCount MaxCount MaxCount MaxCount MaxCount MinCount MinCount MinCount MinCount NodeKind NodeKind",
	"qualified.ttl": "QualifiedMinCount",
	"ranges.ttl":    "MaxExclusive MaxExclusive MaxExclusive MaxInclusive MinExclusive MinExclusive MinExclusive MinExclusive MinInclusive",
	"severity.ttl":  "MinCount Pattern Pattern",
	"values.ttl":    "HasValue In In In LanguageIn MaxLength MinLength UniqueLang",
}

func components(r *shacl.Report) string {
	var c []string
	for _, x := range r.Results {
		c = append(c, strings.TrimSuffix(strings.TrimPrefix(x.Constraint, "sh:"), "ConstraintComponent"))
	}
	sort.Strings(c)
	return strings.Join(c, " ")
}

func TestSamples(t *testing.T) {
	core, err := filepath.Glob("testdata/core/*.ttl")
	if err != nil {
		t.Fatal(err)
	}
	files := append(brokenFiles(t), core...)
	if n := len(brokenFiles(t)); n < 32 {
		t.Errorf("%d broken samples, want the 22 of ontology/shacltest and at least 10 more", n)
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		seen[name] = true
		want, ok := wantResults[name]
		if !ok {
			t.Errorf("%s: not in wantResults", f)
			continue
		}
		shapes := shapesFile
		if strings.Contains(f, "core") {
			shapes = f
		}
		r := ours(t, shapes, f)
		if got := components(r); got != want || r.Conforms {
			t.Errorf("%s: conforms=%v, results %q, want %q", f, r.Conforms, got, want)
		}
		for _, x := range r.Results {
			if x.Message == "" || x.Focus == nil || x.Severity == "" || x.Shape == nil {
				t.Errorf("%s: incomplete result %+v", f, x)
			}
		}
	}
	for name := range wantResults {
		if !seen[name] {
			t.Errorf("wantResults lists %s, which is no sample", name)
		}
	}
}

func TestValidSampleConforms(t *testing.T) {
	r := ours(t, shapesFile, "../../ontology/shacltest/testdata/valid.ttl")
	if !r.Conforms || len(r.Results) != 0 {
		t.Fatalf("valid.ttl: %+v", r.Results)
	}
	if r.Triples != 42 || r.FocusNodes == 0 {
		t.Errorf("valid.ttl: %d triples, %d focus nodes", r.Triples, r.FocusNodes)
	}
}

func TestDefaultShapesAreTheShippedFile(t *testing.T) {
	embedded, err := shacl.DefaultShapes()
	if err != nil {
		t.Fatal(err)
	}
	file, err := shacl.ReadShapes(shapesFile)
	if err != nil {
		t.Fatal(err)
	}
	if embedded.Len() != file.Len() || embedded.Len() < 20 {
		t.Errorf("embedded shapes: %d, %s: %d", embedded.Len(), shapesFile, file.Len())
	}
	data := shacl.NewGraph()
	if err := data.ReadFile("testdata/broken/denotedby-blank-node.ttl", ""); err != nil {
		t.Fatal(err)
	}
	if a, b := components(embedded.Validate(data)), components(file.Validate(data)); a != b {
		t.Errorf("embedded shapes give %q, the file %q", a, b)
	}
}

// TestResultFields checks one result in full, with the messages of the
// shapes and the compact forms the command prints.
func TestResultFields(t *testing.T) {
	r := ours(t, shapesFile, "testdata/broken/offsets-equal.ttl")
	if len(r.Results) != 1 {
		t.Fatalf("%+v", r.Results)
	}
	x := r.Results[0]
	checks := []struct{ got, want string }{
		{shacl.Compact(x.Focus), "<https://w3id.org/dipgraph/doc/sample#char=19,19>"},
		{x.Path.Compact(), "nif:beginIndex"},
		{x.Path.String(), "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex>"},
		{x.Constraint, "sh:LessThanConstraintComponent"},
		{x.Severity, "sh:Violation"},
		{shacl.Compact(x.Value), `"19"^^xsd:nonNegativeInteger`},
		{shacl.Compact(x.Shape), "<https://w3id.org/dipgraph/shapes#MentionBeginIndex>"},
		{x.Message, "A mention has exactly one nif:beginIndex, an xsd:nonNegativeInteger smaller than its nif:endIndex."},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

func TestMessages(t *testing.T) {
	r := ours(t, "testdata/core/severity.ttl", "testdata/core/severity.ttl")
	sev := map[string]int{}
	for _, x := range r.Results {
		sev[x.Severity]++
		if x.Constraint == "sh:PatternConstraintComponent" && x.Message != "lower-case address at example.org" {
			t.Errorf("pattern result message %q, want the English sh:message", x.Message)
		}
		if x.Constraint == "sh:MinCountConstraintComponent" && x.Message != "Less than 1 values" {
			t.Errorf("default message %q", x.Message)
		}
	}
	if sev["sh:Warning"] != 2 || sev["sh:Info"] != 1 || r.Conforms {
		t.Errorf("severities %v, conforms %v", sev, r.Conforms)
	}
}

func TestDeterministic(t *testing.T) {
	var graphs []*shacl.Graph
	var shapes []*shacl.Shapes
	for _, f := range []string{"testdata/core/paths.ttl", "testdata/core/logical.ttl", "testdata/core/closed.ttl"} {
		s, err := shacl.ReadShapes(f)
		if err != nil {
			t.Fatal(err)
		}
		g := shacl.NewGraph()
		if err := g.ReadFile(f, ""); err != nil {
			t.Fatal(err)
		}
		graphs, shapes = append(graphs, g), append(shapes, s)
	}
	run := func() string {
		var b bytes.Buffer
		for i := range graphs {
			for _, x := range shapes[i].Validate(graphs[i]).Results {
				fmt.Fprintf(&b, "%v %s %s %v %s\n", x.Focus, x.Path, x.Constraint, x.Value, x.Message)
			}
		}
		return b.String()
	}
	a := run()
	for i := 0; i < 5; i++ {
		if b := run(); a != b {
			t.Fatalf("two runs differ:\n%s\n---\n%s", a, b)
		}
	}
}

func readShapesString(t *testing.T, ttl string) (*shacl.Shapes, error) {
	t.Helper()
	g := shacl.NewGraph()
	if err := g.Read("shapes", "turtle", strings.NewReader(ttl), ""); err != nil {
		t.Fatal(err)
	}
	return shacl.NewShapes(g)
}

const prefixes = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . `

func TestShapeErrors(t *testing.T) {
	for _, c := range []struct{ ttl, want string }{
		{`ex:S sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE {}" ] .`, "not SHACL Core"},
		{`ex:S sh:targetNode ex:a ; sh:property [ sh:minCount 1 ] .`, "no sh:path"},
		{`ex:S sh:targetNode ex:a ; sh:property [ sh:path "p" ] .`, "literal"},
		{`ex:S sh:targetNode ex:a ; sh:minCount "one" .`, "integer"},
		{`ex:S sh:targetNode ex:a ; sh:pattern "(" .`, "pattern"},
		{`ex:S sh:targetNode ex:a ; sh:nodeKind ex:Thing .`, "node kind"},
		{`ex:S sh:targetNode ex:a ; sh:in ex:notAList .`, "RDF list"},
		{`ex:S sh:targetNode ex:a ; sh:property [ sh:path [ sh:alternativePath ( ex:p ) ] ] .`, "at least 2"},
	} {
		_, err := readShapesString(t, prefixes+c.ttl)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.ttl, err, c.want)
		}
	}
}

// TestTrailingSemicolons reads the Turtle styles that knakk/rdf refuses on
// its own: a ';' before ']' or before another ';'.
func TestTrailingSemicolons(t *testing.T) {
	ttl := prefixes + `
ex:S sh:targetNode ex:a ;
	sh:property [ sh:path ex:p ; sh:minCount 2 ; ] ; ;
	sh:property [ sh:path ex:q ; sh:hasValue "a ; ] b" ; # comment ; ]
	] ;
	.
ex:a ex:p "x" .`
	g := shacl.NewGraph()
	if err := g.Read("t", "turtle", strings.NewReader(ttl), ""); err != nil {
		t.Fatal(err)
	}
	if g.Len() != 8 {
		t.Errorf("%d triples, want 8", g.Len())
	}
	s, err := shacl.NewShapes(g)
	if err != nil {
		t.Fatal(err)
	}
	if got := components(s.Validate(g)); got != "HasValue MinCount" {
		t.Errorf("results %q", got)
	}
}

func TestNativeValues(t *testing.T) {
	s, err := readShapesString(t, prefixes+`
ex:S sh:targetSubjectsOf ex:n ;
	sh:property [ sh:path ex:n ; sh:datatype <http://www.w3.org/2001/XMLSchema#integer> ; sh:maxInclusive 10 ] .`)
	if err != nil {
		t.Fatal(err)
	}
	data := shacl.NewGraph()
	for _, v := range []quad.Value{quad.Int(3), quad.Int(11), quad.Float(2.5), quad.TypedString{Value: "7", Type: "xsd:integer"}} {
		if err := data.Add(quad.Make(quad.IRI("http://example.org/a"), quad.IRI("http://example.org/n"), v, nil)); err != nil {
			t.Fatal(err)
		}
	}
	if got := components(s.Validate(data)); got != "Datatype MaxInclusive" {
		t.Errorf("results %q, want Datatype (2.5) and MaxInclusive (11)", got)
	}
	if err := data.Add(quad.Make(quad.String("lit"), quad.IRI("http://example.org/n"), quad.Int(1), nil)); err == nil {
		t.Error("a literal subject was accepted")
	}
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]string{"a.ttl": "turtle", "b.NT": "ntriples", "c.nq": "nquads"} {
		if got, err := shacl.FormatOf(path); got != want || err != nil {
			t.Errorf("FormatOf(%s) = %s, %v", path, got, err)
		}
	}
	for _, path := range []string{"a.trig", "a.md", "a"} {
		if _, err := shacl.FormatOf(path); err == nil {
			t.Errorf("FormatOf(%s): no error", path)
		}
	}
}

func TestUnionOfNamedGraphs(t *testing.T) {
	data := shacl.NewGraph()
	nq := `<http://example.org/a> <http://example.org/p> "x" <http://example.org/g1> .
<http://example.org/a> <http://example.org/p> "x" <http://example.org/g2> .
<http://example.org/a> <http://example.org/p> "y" .
`
	if err := data.Read("nq", "nquads", strings.NewReader(nq), ""); err != nil {
		t.Fatal(err)
	}
	if data.Len() != 2 {
		t.Errorf("%d triples, want 2 (one triple in two graphs counts once)", data.Len())
	}
}
