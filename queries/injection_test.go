package queries_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
	"github.com/dipgraph/dipgraph/queries"
	"github.com/dipgraph/dipgraph/queries/sparqltest"
)

// TestInjection fills every parameter of every saved query with values that
// would break out of a query text if they were spliced into it: Gizmo runs
// without error and finds no rows, the SPARQL text stays one VALUES line,
// and oxigraph reads each value back unchanged.
func TestInjection(t *testing.T) {
	s := loadFixture(t)
	gaz, err := ontology.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := &queries.Resolver{Gazetteer: gaz, Store: s.QuadStore()}
	ctx := context.Background()
	n := 0
	for _, q := range queries.All() {
		for _, p := range q.Params {
			for _, inj := range injections {
				raw := map[string]string{p.Name: inj}
				for _, other := range q.Params {
					if other.Required && other.Name != p.Name {
						raw[other.Name] = requiredExample(other)
					}
				}
				name := fmt.Sprintf("%s %s=%q", q.Name, p.Name, inj)
				b, err := q.Bind(raw, r)
				if p.Type == queries.ParamDate {
					var ue *queries.UsageError
					if !errors.As(err, &ue) {
						t.Errorf("%s: a malformed date gives %v, want a usage error", name, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s: bind: %v", name, err)
					continue
				}
				if v, ok := b.Values[p.Name].(quad.String); !ok || string(v) != inj {
					t.Errorf("%s: bound to %#v, want the plain literal", name, b.Values[p.Name])
				}
				res, err := queries.RunSaved(ctx, s.QuadStore(), q, b, queries.Options{Timeout: time.Minute})
				if err != nil {
					t.Errorf("%s: gizmo: %v", name, err)
					continue
				}
				if len(res.Rows) != 0 {
					t.Errorf("%s: %d rows, want none", name, len(res.Rows))
				}
				text, err := q.SPARQLText(b)
				if err != nil {
					t.Errorf("%s: sparql: %v", name, err)
					continue
				}
				if strings.Count(text, "\n") != strings.Count(q.SPARQL, "\n") {
					t.Errorf("%s: the bound SPARQL text has other lines than the .rq", name)
				}
				n++
			}
		}
	}
	t.Logf("%d injected runs", n)

	// The escaped literals mean exactly the values, to an independent parser.
	if err := sparqltest.Available(); err != nil {
		t.Skip(err)
	}
	q := &queries.Query{Name: "echo", Params: []queries.Param{{Name: "x", Type: queries.ParamText}},
		Columns: []queries.Column{{Name: "x", Kind: queries.KindText}},
		SPARQL:  "SELECT ?x WHERE {\n  VALUES (?x) { (UNDEF) } # dipgraph:params\n}\n"}
	var texts []string
	values := append(append([]string{}, injections...), `\u0022`, `a\\b`, "tab\tcr\rnul\x01", "'single' \"double\"")
	for _, v := range values {
		text, err := q.SPARQLText(&queries.Binding{Values: map[string]quad.Value{"x": quad.String(v)}})
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, text)
	}
	results, errs, err := sparqltest.SelectBatch(ctx, texts, "testdata/fixture-a.ttl")
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range values {
		if errs[i] != nil {
			t.Errorf("%q: %v\n%s", v, errs[i], texts[i])
			continue
		}
		if len(results[i].Rows) != 1 || results[i].Rows[0]["x"] != quad.String(v) {
			t.Errorf("%q: oxigraph reads %v", v, results[i].Rows)
		}
	}
}
