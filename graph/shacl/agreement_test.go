package shacl_test

// Agreement with an independent SHACL engine: rdf-validate-shacl on node
// (tools/shacl, run through ontology/shacltest). Both validators see the same
// files; they must agree on conforms, on the number of results and on the
// results themselves (focus node, path, constraint component and value;
// blank nodes are compared as "_:" since each parser names them its own way).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/rdfio"
	"github.com/dipgraph/dipgraph/graph/shacl"
	"github.com/dipgraph/dipgraph/ontology/shacltest"
)

const (
	corpusDir  = "../../../shared/corpus" // /work/shared/corpus from graph/shacl
	shapesFile = "../../ontology/shapes.ttl"
)

func needNodeValidator(t *testing.T) {
	t.Helper()
	if err := shacltest.Available(); err != nil {
		t.Skip(err)
	}
}

// key is one result as both validators can print it.
func key(focus, path, constraint, value string) string {
	return strings.Join([]string{focus, path, constraint, value}, " | ")
}

func showTerm(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:"
	case quad.String:
		return jsonString(string(v)) + "^^<http://www.w3.org/2001/XMLSchema#string>"
	case quad.LangString:
		return jsonString(string(v.Value)) + "@" + strings.ToLower(v.Lang)
	case quad.TypedString:
		return jsonString(string(v.Value)) + "^^<" + string(v.Type) + ">"
	}
	return fmt.Sprint(v)
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}

// ours validates dataPath against shapesPath with graph/shacl.
func ours(t *testing.T, shapesPath, dataPath string) *shacl.Report {
	t.Helper()
	shapes, err := shacl.ReadShapes(shapesPath)
	if err != nil {
		t.Fatal(err)
	}
	data := shacl.NewGraph()
	if err := data.ReadFile(dataPath, ""); err != nil {
		t.Fatal(err)
	}
	return shapes.Validate(data)
}

func ourKeys(r *shacl.Report) []string {
	var out []string
	for _, x := range r.Results {
		path := ""
		if x.Path != nil {
			path = "_:"
			if iri, ok := x.Path.IRI(); ok {
				path = string(iri)
			}
		}
		out = append(out, key(showTerm(x.Focus), path, x.Constraint, showTerm(x.Value)))
	}
	sort.Strings(out)
	return out
}

func theirKeys(rep shacltest.Report) []string {
	blank := func(s string) string {
		if strings.HasPrefix(s, "_:") {
			return "_:"
		}
		if i := strings.LastIndex(s, `"@`); i >= 0 && !strings.Contains(s[i:], "^^") {
			return s[:i] + strings.ToLower(s[i:])
		}
		return s
	}
	var out []string
	for _, x := range rep.Results {
		out = append(out, key(blank(x.Focus), blank(x.Path), x.Constraint, blank(x.Value)))
	}
	sort.Strings(out)
	return out
}

// agree validates with both engines and fails on any difference. It
// returns the number of results.
func agree(t *testing.T, shapesPath, dataPath string) int {
	t.Helper()
	mine := ours(t, shapesPath, dataPath)
	conforms, n, out, err := shacltest.Validate(shapesPath, dataPath)
	if err != nil {
		t.Fatalf("rdf-validate-shacl: %v", err)
	}
	rep, err := shacltest.ParseReport(out)
	if err != nil {
		t.Fatal(err)
	}
	if mine.Conforms != conforms || len(mine.Results) != n {
		t.Errorf("%s: graph/shacl conforms=%v with %d results, rdf-validate-shacl conforms=%v with %d", dataPath, mine.Conforms, len(mine.Results), conforms, n)
	}
	a, b := ourKeys(mine), theirKeys(rep)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("%s: results differ\ngraph/shacl:\n  %s\nrdf-validate-shacl:\n  %s", dataPath, strings.Join(a, "\n  "), strings.Join(b, "\n  "))
	}
	return len(mine.Results)
}

func brokenFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"../../ontology/shacltest/testdata/broken", "testdata/broken"} {
		fs, err := filepath.Glob(filepath.Join(dir, "*.ttl"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	return files
}

// TestAgreementOnSamples runs both validators over the valid sample and
// every broken file (ontology/shacltest's and this package's).
func TestAgreementOnSamples(t *testing.T) {
	needNodeValidator(t)
	files := append([]string{"../../ontology/shacltest/testdata/valid.ttl"}, brokenFiles(t)...)
	total, nonConforming := 0, 0
	for _, f := range files {
		n := agree(t, shapesFile, f)
		total += n
		if n > 0 {
			nonConforming++
		}
	}
	t.Logf("%d files (%d not conforming), %d results, the same from both validators", len(files), nonConforming, total)
}

// TestAgreementOnCoreFeatures runs both validators over testdata/core:
// shapes with the SHACL Core features ontology/shapes.ttl does not use.
// Each file holds its shapes and its data.
func TestAgreementOnCoreFeatures(t *testing.T) {
	needNodeValidator(t)
	files, err := filepath.Glob("testdata/core/*.ttl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/core files: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".ttl"), func(t *testing.T) {
			if n := agree(t, f, f); n == 0 {
				t.Errorf("%s conforms; every core sample has violations", f)
			}
		})
	}
}

// corpusOutputs extracts every document of the shared corpus into one
// N-Triples file each (in dir) and returns the files.
func corpusOutputs(t *testing.T, dir string) []string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(corpusDir, "README.md")); err != nil {
		t.Skipf("shared corpus not found at %s (graph/shacl/%s): %v", filepath.Clean(corpusDir), corpusDir, err)
	}
	docs, err := filepath.Glob(filepath.Join(corpusDir, "[0-9]*.md"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no documents in %s: %v", corpusDir, err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nt, _ := rdfio.FormatByName("ntriples")
	var out []string
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		d, err := extract.Parse(doc, b)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w := nt.NewWriter(&buf)
		for _, q := range x.Extract(d).Quads(nil) {
			if err := w.WriteQuad(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, strings.TrimSuffix(filepath.Base(doc), ".md")+".nt")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, path)
	}
	return out
}

// mutations break a whole corpus output at once, line by line, so that the
// validators are compared on hundreds of results.
var mutations = map[string]func(line string) string{
	"no-preflabels": func(l string) string {
		if strings.Contains(l, "<http://www.w3.org/2004/02/skos/core#prefLabel>") {
			return ""
		}
		return l
	},
	"no-claimants": func(l string) string {
		if strings.Contains(l, "<https://w3id.org/dipgraph/ontology#claimant>") {
			return ""
		}
		return l
	},
	"integer-offsets": func(l string) string {
		return strings.ReplaceAll(l, "<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>", "<http://www.w3.org/2001/XMLSchema#integer>")
	},
	"swapped-offsets": func(l string) string {
		const b, e = "nif-core#beginIndex>", "nif-core#endIndex>"
		switch {
		case strings.Contains(l, b):
			return strings.Replace(l, b, e, 1)
		case strings.Contains(l, e):
			return strings.Replace(l, e, b, 1)
		}
		return l
	},
	"string-dates": func(l string) string {
		if !strings.Contains(l, "<https://w3id.org/dipgraph/ontology#date>") {
			return l
		}
		if i := strings.Index(l, `"^^<`); i >= 0 {
			return l[:i+1] + " ."
		}
		return l
	},
	"russian-preflabels": func(l string) string {
		if strings.Contains(l, "<http://www.w3.org/2004/02/skos/core#prefLabel>") {
			return strings.Replace(l, `"@en .`, `"@ru .`, 1)
		}
		return l
	},
}

// TestAgreementOnCorpus extracts the shared corpus, checks that both
// validators find every output conforming, then breaks the outputs in the
// ways of mutations and compares again.
func TestAgreementOnCorpus(t *testing.T) {
	needNodeValidator(t)
	dir := t.TempDir()
	files := corpusOutputs(t, dir)
	for _, f := range files {
		if n := agree(t, shapesFile, f); n != 0 {
			t.Errorf("%s: %d violations in the extractor's own output", f, n)
		}
	}
	t.Logf("%d corpus outputs conform, according to both validators", len(files))
	names := make([]string, 0, len(mutations))
	for name := range mutations {
		names = append(names, name)
	}
	sort.Strings(names)
	// The mutations run on the union of the outputs: one node run each.
	var all []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, strings.Split(strings.TrimSpace(string(b)), "\n")...)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			var out []string
			for _, l := range all {
				if m := mutations[name](l); m != "" {
					out = append(out, m)
				}
			}
			mf := filepath.Join(dir, name+".nt")
			if err := os.WriteFile(mf, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			n := agree(t, shapesFile, mf)
			if n == 0 {
				t.Errorf("mutation %s broke nothing", name)
			}
			t.Logf("%s: %d results over the %d outputs, the same from both validators", name, n, len(files))
		})
	}
}

// TestStricterThanNode documents where graph/shacl is stricter than
// rdf-validate-shacl, and why (see the package documentation): each file
// gives results here that rdf-validate-shacl does not.
func TestStricterThanNode(t *testing.T) {
	needNodeValidator(t)
	for _, c := range []struct {
		shapes, data string
		want         []string // constraint components of the results only graph/shacl gives
		why          string
	}{
		{shapesFile, "testdata/stricter/date-month-13.ttl", []string{"sh:OrConstraintComponent"},
			"2022-13 is no valid xsd:gYearMonth; rdf-validate-datatype only counts digits"},
		{"testdata/stricter/range-gyear-vs-date.ttl", "testdata/stricter/range-gyear-vs-date.ttl",
			[]string{"sh:MaxInclusiveConstraintComponent", "sh:MinInclusiveConstraintComponent"},
			"an xsd:gYear does not compare with xsd:date bounds in XPath, so sh:minInclusive and sh:maxInclusive fail"},
	} {
		mine := ours(t, c.shapes, c.data)
		_, n, _, err := shacltest.Validate(c.shapes, c.data)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range mine.Results {
			got = append(got, r.Constraint)
		}
		sort.Strings(got)
		if n != 0 || strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: graph/shacl %v, rdf-validate-shacl %d results; want %v more here (%s)", c.data, got, n, c.want, c.why)
		}
	}
}
