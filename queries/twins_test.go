package queries_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/rdfio"
	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
	"github.com/dipgraph/dipgraph/queries"
	"github.com/dipgraph/dipgraph/queries/sparqltest"
)

// corpusDir is the shared corpus, beside the repository.
const corpusDir = "../../shared/corpus"

// injections are parameter values that must stay values: no rows, no error.
var injections = []string{
	`"); g.V().All(); ("`,
	`"); g.V()`,
	`'); g.V(); //`,
	`{"@id": "https://w3id.org/dipgraph/id/russia"}`,
	`} UNION { ?s ?p ?o } #`,
	`<https://w3id.org/dipgraph/id/russia> } #`,
	"\"\\\"\n\u2028});\nthrow 1;//",
}

// cases lists parameter sets for every saved query: each query runs with
// each set on the store, and its .rq twin on the exported graph.
func cases(t *testing.T) map[string][]map[string]string {
	c := map[string][]map[string]string{
		"events": {
			{}, {"type": "Termination"}, {"type": "dip:Accusation"}, {"actor": "Russia"}, {"actor": "Moscow", "type": "Establishment"},
			{"from": "2021"}, {"from": "2021-05", "to": "2021"}, {"to": "2020"},
		},
		"timeline": {
			{}, {"actor": "US"}, {"format": "Kremlin-White House expert group"}, {"format": "test-hotline"},
		},
		"institutions": {{}},
		"format": {
			{"format": "Kremlin–White House expert group"}, {"format": "OEWG"}, {"format": "the hotline"},
		},
		"positions":   {{}, {"actor": "RU"}, {"object": "sovereign equality"}},
		"accusations": {{}, {"accuser": "Russia"}, {"accused": "United States"}},
		"actor":       {{"actor": "Russia"}, {"actor": "United States"}, {"actor": "Artur Lyukmanov"}},
		"evidence": {
			{"subject": "kremlin-white-house-expert-group", "relation": "terminatedBy", "object": "US"},
			{"subject": "2021 Geneva summit", "relation": "heldIn", "object": "Geneva"},
			{"subject": "test-hotline", "relation": "dip:terminatedBy", "object": "United States"},
		},
		"contradictions": {{}},
	}
	for _, q := range queries.All() {
		if len(c[q.Name]) == 0 {
			t.Errorf("saved query %s has no test case", q.Name)
		}
		// Every parameter, filled with each injection, gives no rows.
		for _, p := range q.Params {
			if p.Type == queries.ParamDate {
				continue // dates are checked: an injection is a usage error (TestInjection)
			}
			for _, inj := range injections[:2] { // all of them: TestInjection
				set := map[string]string{p.Name: inj}
				for _, other := range q.Params {
					if other.Required && other.Name != p.Name {
						set[other.Name] = requiredExample(other)
					}
				}
				c[q.Name] = append(c[q.Name], set)
			}
		}
	}
	return c
}

func requiredExample(p queries.Param) string {
	switch p.Type {
	case queries.ParamRelation:
		return "terminatedBy"
	default:
		return "kremlin-white-house-expert-group"
	}
}

// eachCase binds every saved query's test cases (cases) with r and hands
// each one that binds to fn, named by query and parameters.
func eachCase(t *testing.T, r *queries.Resolver, fn func(name string, q *queries.Query, raw map[string]string, b *queries.Binding)) {
	t.Helper()
	all := cases(t)
	for _, q := range queries.All() {
		for _, raw := range all[q.Name] {
			name := q.Name + " " + describe(raw)
			b, err := q.Bind(raw, r)
			if err != nil {
				t.Errorf("%s: bind: %v", name, err)
				continue
			}
			fn(name, q, raw, b)
		}
	}
}

// corpusDocs lists the shared corpus's documents, or skips t (saying why)
// when the folder is absent.
func corpusDocs(t *testing.T, skipping string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.md"))
	var docs []string
	for _, f := range files {
		if filepath.Base(f) != "README.md" {
			docs = append(docs, f)
		}
	}
	if len(docs) == 0 {
		t.Skipf("the shared corpus is not at %s: %s", corpusDir, skipping)
	}
	return docs
}

// loadCorpus extracts the shared corpus into a fresh bolt store, one graph
// per document, as `dipgraph load` does.
func loadCorpus(t *testing.T) *store.Store {
	t.Helper()
	docs := corpusDocs(t, "skipping the corpus comparison")
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(t.TempDir(), "corpus.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, f := range docs {
		d, err := extract.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		label := extract.DocIRI(d)
		if _, _, err := s.ReplaceGraph(label, x.Extract(d).Quads(label)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return s
}

// fixtureQuads reads testdata/NAME.ttl as the quads of graph NAME.
func fixtureQuads(t *testing.T, name string) (quad.IRI, []quad.Quad) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name+".ttl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := rdfio.NewReader("turtle", f, rdfio.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	label := quad.IRI(ontology.Docs + name)
	var qs []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("%s: %v", name, err)
			}
			return label, qs
		}
		q.Label = label
		qs = append(qs, q)
	}
}

// loadFixture loads testdata/fixture-*.ttl, each file its own graph, into a
// memory store.
func loadFixture(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open("memory", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, name := range []string{"fixture-a", "fixture-b"} {
		label, qs := fixtureQuads(t, name)
		if _, _, err := s.ReplaceGraph(label, qs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// exportTurtle writes the store's triples (one per triple, whatever its
// graphs), as `dipgraph export --format turtle` does.
func exportTurtle(t *testing.T, s *store.Store) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "graph.ttl")
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	bw := bufio.NewWriter(fh)
	w := rdfio.NewTurtleWriter(bw)
	seen := map[[3]string]bool{}
	err = s.Quads(context.Background(), func(q quad.Quad) error {
		k := [3]string{q.Subject.String(), q.Predicate.String(), q.Object.String()}
		if seen[k] {
			return nil
		}
		seen[k] = true
		q.Label = nil
		return w.WriteQuad(q)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	return path
}

// rowsOf gives canonical, sorted, distinct rows of a SPARQL result in the
// query's columns.
func sparqlRows(res *sparqltest.Result, cols []queries.Column) []string {
	set := map[string]bool{}
	for _, sol := range res.Rows {
		row := make([]quad.Value, len(cols))
		for i, c := range cols {
			row[i] = sol[c.Name]
		}
		set[queries.RowKey(row)] = true
	}
	return sortedSet(set)
}

func gizmoRows(res *queries.Result) []string {
	set := map[string]bool{}
	for _, row := range res.Rows {
		set[queries.RowKey(row)] = true
	}
	return sortedSet(set)
}

func sortedSet(set map[string]bool) []string {
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func readable(row string) string {
	return strings.ReplaceAll(strings.TrimSuffix(row, "\x00"), "\x00", " | ")
}

// compareTwins runs every saved query with every case on the store and its
// .rq twin with oxigraph on the exported Turtle, and compares the rows.
func compareTwins(t *testing.T, s *store.Store, ttl string) (total int) {
	gaz, err := ontology.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := &queries.Resolver{Gazetteer: gaz, Store: s.QuadStore()}
	ctx := context.Background()
	type run struct {
		name string
		q    *queries.Query
		raw  map[string]string
		got  []string
	}
	var runs []run
	var texts []string
	eachCase(t, r, func(name string, q *queries.Query, raw map[string]string, b *queries.Binding) {
		got, err := queries.RunSaved(ctx, s.QuadStore(), q, b, queries.Options{Timeout: time.Minute})
		if err != nil {
			t.Errorf("%s: gizmo: %v", name, err)
			return
		}
		text, err := q.SPARQLText(b)
		if err != nil {
			t.Errorf("%s: sparql text: %v", name, err)
			return
		}
		runs = append(runs, run{name, q, raw, gizmoRows(got)})
		texts = append(texts, text)
	})
	results, errs, err := sparqltest.SelectBatch(ctx, texts, ttl)
	if err != nil {
		t.Fatal(err)
	}
	for i, rn := range runs {
		if errs[i] != nil {
			t.Errorf("%s: %v", rn.name, errs[i])
			continue
		}
		g, w := rn.got, sparqlRows(results[i], rn.q.Columns)
		total += len(g)
		if isInjection(rn.raw) && len(g) != 0 {
			t.Errorf("%s: an injected value gave %d rows", rn.name, len(g))
		}
		if strings.Join(g, "\n") == strings.Join(w, "\n") {
			continue
		}
		t.Errorf("%s: Gizmo gives %d rows, SPARQL %d", rn.name, len(g), len(w))
		logDiff(t, g, w)
	}
	return total
}

func logDiff(t *testing.T, g, w []string) {
	gs, ws := map[string]bool{}, map[string]bool{}
	for _, x := range g {
		gs[x] = true
	}
	for _, x := range w {
		ws[x] = true
	}
	n := 0
	for _, x := range g {
		if !ws[x] && n < 5 {
			t.Logf("  only Gizmo:  %s", readable(x))
			n++
		}
	}
	n = 0
	for _, x := range w {
		if !gs[x] && n < 5 {
			t.Logf("  only SPARQL: %s", readable(x))
			n++
		}
	}
}

func isInjection(raw map[string]string) bool {
	for _, v := range raw {
		for _, inj := range injections {
			if v == inj {
				return true
			}
		}
	}
	return false
}

func describe(raw map[string]string) string {
	var parts []string
	for k, v := range raw {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return "{" + strings.Join(parts, ", ") + "}"
}

func TestTwinsOnCorpus(t *testing.T) {
	if err := sparqltest.Available(); err != nil {
		t.Skip(err)
	}
	s := loadCorpus(t)
	n := compareTwins(t, s, exportTurtle(t, s))
	t.Logf("corpus: %d rows compared", n)
}

func TestTwinsOnFixture(t *testing.T) {
	if err := sparqltest.Available(); err != nil {
		t.Skip(err)
	}
	s := loadFixture(t)
	n := compareTwins(t, s, exportTurtle(t, s))
	t.Logf("fixture: %d rows compared", n)
}
