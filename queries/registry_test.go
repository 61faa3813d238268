package queries

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
	"github.com/dipgraph/dipgraph/ontology"
)

func TestRegistry(t *testing.T) {
	qs, err := load()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"accusations", "actor", "contradictions", "events", "evidence", "format", "institutions", "positions", "timeline"}
	if got := strings.Join(Names(), " "); got != strings.Join(want, " ") {
		t.Errorf("saved queries %s, want %s", got, strings.Join(want, " "))
	}
	for _, q := range qs {
		if q.Question == "" || len(q.Columns) == 0 || q.Gizmo == "" || q.SPARQL == "" {
			t.Errorf("%s: incomplete", q.Name)
		}
		// The .rq declares the projected columns, in order.
		sel := q.SPARQL[strings.Index(q.SPARQL, "SELECT DISTINCT"):strings.Index(q.SPARQL, "WHERE")]
		var cols []string
		for _, c := range q.Columns {
			cols = append(cols, "?"+c.Name)
		}
		if got := strings.Join(strings.Fields(strings.TrimPrefix(sel, "SELECT DISTINCT")), " "); got != strings.Join(cols, " ") {
			t.Errorf("%s.rq selects %s, the header declares %s", q.Name, got, strings.Join(cols, " "))
		}
		if _, err := valuesLine(q); err != nil {
			t.Errorf("%s: %v", q.Name, err)
		}
	}
}

func TestHeaderErrors(t *testing.T) {
	good := "// name: x\n// question: what?\n// column: a text the a\nemit({});\n"
	goodRQ := "# name: x\n# question: what?\n# column: a text the a\nSELECT DISTINCT ?a WHERE {}\n"
	for name, fsys := range map[string]fstest.MapFS{
		"no twin":        {"x.gizmo.js": {Data: []byte(good)}},
		"headers differ": {"x.gizmo.js": {Data: []byte(good)}, "x.rq": {Data: []byte(strings.Replace(goodRQ, "what?", "why?", 1))}},
		"bad kind":       {"x.gizmo.js": {Data: []byte(strings.Replace(good, "a text", "a blob", 1))}, "x.rq": {Data: []byte(goodRQ)}},
		"no values line": {
			"x.gizmo.js": {Data: []byte(strings.Replace(good, "// column", "// param: p entity required a p\n// column", 1))},
			"x.rq":       {Data: []byte(strings.Replace(goodRQ, "# column", "# param: p entity required a p\n# column", 1))},
		},
	} {
		if _, err := loadFS(fsys); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	if _, err := loadFS(fstest.MapFS{"x.gizmo.js": {Data: []byte(good)}, "x.rq": {Data: []byte(goodRQ)}}); err != nil {
		t.Errorf("a good pair: %v", err)
	}
}

// TestEventClasses: the event classes the queries list are the subclasses
// of dip:Happening in the ontology.
func TestEventClasses(t *testing.T) {
	ttl, err := ontology.ReadData("dipgraph.ttl")
	if err != nil {
		t.Fatal(err)
	}
	r, err := rdfio.NewReader("turtle", bytes.NewReader(ttl), rdfio.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var classes []string
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if q.Predicate == quad.IRI(ontology.RDFS+"subClassOf") && q.Object == quad.IRI(ontology.DIP+"Happening") {
			classes = append(classes, strings.TrimPrefix(string(q.Subject.(quad.IRI)), ontology.DIP))
		}
	}
	if len(classes) == 0 {
		t.Fatal("no subclasses of dip:Happening in the ontology")
	}
	lib, _ := files.ReadFile("lib.js")
	for _, c := range classes {
		if !strings.Contains(string(lib), `"`+c+`"`) {
			t.Errorf("lib.js EVENT_CLASSES lacks %s", c)
		}
		for _, name := range []string{"events", "timeline", "actor"} {
			q, _ := Lookup(name)
			if !strings.Contains(q.SPARQL, "dip:"+c+" ") && !strings.Contains(q.SPARQL, "dip:"+c+"\n") {
				t.Errorf("%s.rq lacks dip:%s", name, c)
			}
		}
	}
}

func TestResolve(t *testing.T) {
	gaz, err := ontology.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Gazetteer: gaz}
	for _, name := range []string{"Moscow", "Russia", "RU", "russia", "the Russian Federation", "entities:russia", "<https://w3id.org/dipgraph/id/russia>"} {
		m, err := r.Resolve(name)
		if err != nil || m.IRI != ontology.Entities+"russia" {
			t.Errorf("%q resolves to %+v, %v; want russia", name, m, err)
		}
	}
	for name, slug := range map[string]string{
		"US": "united-states", "Washington": "united-states", "OEWG": "oewg-2021-2025",
		"Kremlin – White House": "kremlin-white-house-expert-group", "kremlin-white house expert group": "kremlin-white-house-expert-group",
	} {
		m, err := r.Resolve(name)
		if err != nil || m.IRI != ontology.Entities+slug {
			t.Errorf("%q resolves to %+v, %v; want %s", name, m, err, slug)
		}
	}
	if m, err := r.Resolve(`"); g.V()`); err != nil || m.IRI != "" {
		t.Errorf("an injection resolves to %+v, %v", m, err)
	}
}

func TestSPARQLString(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:       `"plain"`,
		`"); g.V()`:   `"\"); g.V()"`,
		"a\\b\nc'":    `"a\\b\nc\'"`,
		"nul\x00bell": `"nul\u0000bell"`,
	} {
		if got := sparqlString(in); got != want {
			t.Errorf("sparqlString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestResolveAmbiguous(t *testing.T) {
	r := &Resolver{Gazetteer: &ontology.Gazetteer{Entries: []*ontology.Entry{
		{ID: "north-group", Label: "Contact Group", Type: "BilateralFormat"},
		{ID: "south-group", Label: "Contact Group", Type: "BilateralFormat"},
		{ID: "east-group", Label: "East Group", Aliases: []string{"the contact group"}, Type: "BilateralFormat"},
	}}}
	if _, err := r.Resolve("contact group"); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("a label two entries share: %v, want an ambiguity error", err)
	}
	if m, err := r.Resolve("East  group"); err != nil || m.IRI != ontology.Entities+"east-group" {
		t.Errorf("East  group: %+v, %v", m, err)
	}
}
