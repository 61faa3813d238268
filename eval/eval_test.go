package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// A made-up document: fictional states sign a fictional treaty.
const testGold = `# test gold, invented for the tests
# out-of-scope mentions (not in the closed type set): Atlantis, Port Nowhere (town), Capital, DC
E	Freedonia	State	Freedonia|Fredonian Republic
E	Sylvania	State	Sylvania
E	Treaty of Examplia	Agreement	Examplia Treaty|the “Examplia” treaty
E	Rufus T. Firefly	Person	Firefly
E	Examplia conference	Event	Examplia conference
R	Freedonia	partyTo	Treaty of Examplia	1933	ev
R	Sylvania	partyTo	Treaty of Examplia	1933-11	ev
R	Treaty of Examplia	signedBy	Rufus T. Firefly	1933-11-17	ev
R	Rufus T. Firefly	affiliatedWith	Freedonia		ev
R	Examplia conference	heldIn	lit:Marxburg	1933-11	ev
R	Treaty of Examplia	establishedBy	Examplia conference		ev
`

func readTestGold(t *testing.T) *Gold {
	t.Helper()
	g, err := ReadGold(strings.NewReader(testGold), "test.gold.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// doc builds the output of one document the way the contract describes it.
type doc struct {
	qs     []quad.Quad
	nextID int
}

const docIRI = ontology.Docs + "test"

func (d *doc) add(s quad.Value, p string, o quad.Value) {
	d.qs = append(d.qs, quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o})
}

// ent adds an entity of a dip: class with a prefLabel and mentions.
func (d *doc) ent(slug, class, label string, mentions ...string) quad.IRI {
	e := quad.IRI(ontology.Entities + slug)
	d.add(e, ontology.RDFType, quad.IRI(ontology.DIP+class))
	d.add(e, ontology.SKOSPrefLabel, quad.LangString{Value: quad.String(label), Lang: "en"})
	for _, m := range mentions {
		d.nextID += 10
		mi := quad.IRI(docIRI + "#char=" + strconv.Itoa(d.nextID) + "," + strconv.Itoa(d.nextID+len(m)))
		d.add(e, ontology.GAFDenotedBy, mi)
		d.add(mi, ontology.NIFAnchorOf, quad.String(m))
	}
	return e
}

// rel adds a relation triple and its claim; dt is the datatype IRI of date.
func (d *doc) rel(s quad.Value, rel string, o quad.Value, date, dt string) {
	d.add(s, ontology.DIP+rel, o)
	d.nextID++
	c := quad.BNode("claim" + strconv.Itoa(d.nextID))
	d.add(c, ontology.RDFType, quad.IRI(ontology.ClassClaim))
	d.add(c, ontology.RDFSubject, s)
	d.add(c, ontology.RDFPredicate, quad.IRI(ontology.DIP+rel))
	d.add(c, ontology.RDFObject, o)
	if date != "" {
		d.add(c, ontology.PropDate, quad.TypedString{Value: quad.String(date), Type: quad.IRI(dt)})
	}
}

// perfect returns a doc that agrees with testGold everywhere; the options
// let each test spoil one thing.
type opts struct {
	sylvaniaClass string     // default State
	skipAffil     bool       // drop Firefly affiliatedWith Freedonia
	place         quad.Value // object of heldIn; default "Marxburg"@en
	partyDate     string     // date of Freedonia partyTo; default 1933
	partyDT       string     // its datatype; default xsd:gYear
}

func build(o opts) *doc {
	d := &doc{}
	if o.sylvaniaClass == "" {
		o.sylvaniaClass = "State"
	}
	if o.place == nil {
		o.place = quad.LangString{Value: "Marxburg", Lang: "en"}
	}
	if o.partyDate == "" {
		o.partyDate = "1933"
	}
	if o.partyDT == "" {
		o.partyDT = ontology.XSDGYear
	}
	fr := d.ent("freedonia", "State", "Freedonia", "Freedonia", "Fredonian Republic")
	sy := d.ent("sylvania", o.sylvaniaClass, "Sylvania", "Sylvania")
	// ASCII quotes and a double space: norm must make it agree with the gold form.
	tr := d.ent("examplia-treaty", "Agreement", "Treaty of Examplia", `the "Examplia"  treaty`)
	rf := d.ent("firefly", "Person", "Rufus T. Firefly", "Firefly")
	co := d.ent("examplia-conference", "Event", "Examplia conference", "Examplia conference")
	d.rel(fr, "partyTo", tr, o.partyDate, o.partyDT)
	d.rel(sy, "partyTo", tr, "1933-11", ontology.XSDGYearMonth)
	d.rel(tr, "signedBy", rf, "1933-11-17", ontology.XSDDate)
	if !o.skipAffil {
		d.rel(rf, "affiliatedWith", fr, "", "")
	}
	d.rel(co, "heldIn", o.place, "1933-11", ontology.XSDGYearMonth)
	d.rel(tr, "establishedBy", co, "", "")
	return d
}

func wantCounts(t *testing.T, what string, got, want Counts) {
	t.Helper()
	if got != want {
		t.Errorf("%s counts = %+v, want %+v", what, got, want)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestPerfect(t *testing.T) {
	r := Score(readTestGold(t), build(opts{}).qs)
	wantCounts(t, "entities", r.Entities, Counts{TP: 5})
	wantCounts(t, "relations", r.Relations, Counts{TP: 6})
	for _, c := range []Counts{r.Entities, r.Relations} {
		if c.Precision() != 1 || c.Recall() != 1 || c.F1() != 1 {
			t.Errorf("P/R/F1 = %v/%v/%v, want 1", c.Precision(), c.Recall(), c.F1())
		}
	}
	if r.DatesRight != 4 || r.DatesTotal != 4 {
		t.Errorf("dates %d/%d, want 4/4", r.DatesRight, r.DatesTotal)
	}
}

func TestWrongTypeDoesNotMatch(t *testing.T) {
	r := Score(readTestGold(t), build(opts{sylvaniaClass: "Person"}).qs)
	wantCounts(t, "entities", r.Entities, Counts{TP: 4, FP: 1, FN: 1})
	// Sylvania partyTo … cannot be found without Sylvania, and the output triple is false.
	wantCounts(t, "relations", r.Relations, Counts{TP: 5, FP: 1, FN: 1})
	if len(r.FalseEntities) != 1 || r.FalseEntities[0] != "Sylvania (Person)" {
		t.Errorf("FalseEntities = %q", r.FalseEntities)
	}
	if len(r.MissedEntities) != 1 || r.MissedEntities[0] != "Sylvania (State)" {
		t.Errorf("MissedEntities = %q", r.MissedEntities)
	}
}

func TestMissingRelation(t *testing.T) {
	r := Score(readTestGold(t), build(opts{skipAffil: true}).qs)
	wantCounts(t, "relations", r.Relations, Counts{TP: 5, FN: 1})
	if !near(r.Relations.Recall(), 5.0/6) || r.Relations.Precision() != 1 {
		t.Errorf("P %v R %v, want 1 and 5/6", r.Relations.Precision(), r.Relations.Recall())
	}
	if !near(r.Relations.F1(), 2*(5.0/6)/(1+5.0/6)) {
		t.Errorf("F1 %v", r.Relations.F1())
	}
	if len(r.MissedRelations) != 1 || r.MissedRelations[0] != "Rufus T. Firefly affiliatedWith Freedonia" {
		t.Errorf("MissedRelations = %q", r.MissedRelations)
	}
}

func TestLiteralObjects(t *testing.T) {
	g := readTestGold(t)
	for _, tc := range []struct {
		name  string
		place func(d *doc) quad.Value
		rel   Counts
	}{
		{"plain string", func(*doc) quad.Value { return quad.String(" Marxburg ") }, Counts{TP: 6}},
		{"typed string", func(*doc) quad.Value {
			return quad.TypedString{Value: "Marxburg", Type: quad.IRI(ontology.XSDString)}
		}, Counts{TP: 6}},
		{"other text", func(*doc) quad.Value { return quad.String("Marxville") }, Counts{TP: 5, FP: 1, FN: 1}},
		{"typed place", func(d *doc) quad.Value {
			return d.ent("marxburg", "State", "Marxburg", "Marxburg")
		}, Counts{TP: 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			extra := &doc{nextID: 1000} // quads of a typed place
			place := tc.place(extra)
			r := Score(g, append(build(opts{place: place}).qs, extra.qs...))
			wantCounts(t, "relations", r.Relations, tc.rel)
		})
	}
}

func TestDates(t *testing.T) {
	g := readTestGold(t)
	for _, tc := range []struct {
		name, date, dt string
		right          int
	}{
		{"right", "1933", ontology.XSDGYear, 4},
		{"wrong year", "1934", ontology.XSDGYear, 3},
		{"more precise than the text", "1933-01-01", ontology.XSDDate, 3},
		{"wrong datatype", "1933", ontology.XSDDate, 3},
		{"plain string", "1933", ontology.XSDString, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Score(g, build(opts{partyDate: tc.date, partyDT: tc.dt}).qs)
			if r.DatesRight != tc.right || r.DatesTotal != 4 {
				t.Errorf("dates %d/%d, want %d/4 (%q)", r.DatesRight, r.DatesTotal, tc.right, r.WrongDates)
			}
		})
	}
	// No claim at all: the relation is found, its date is not.
	d := build(opts{})
	fr := quad.IRI(ontology.Entities + "freedonia")
	var claim quad.Value
	for _, q := range d.qs {
		if q.Predicate == quad.IRI(ontology.RDFSubject) && q.Object == fr {
			claim = q.Subject // the claim of Freedonia partyTo …, the only one about Freedonia
		}
	}
	var qs []quad.Quad
	for _, q := range d.qs {
		if q.Subject != claim {
			qs = append(qs, q)
		}
	}
	r := Score(g, qs)
	if r.Relations.TP != 6 || r.DatesRight != 3 || r.DatesTotal != 4 {
		t.Errorf("without claim: TP %d, dates %d/%d, want 6, 3/4", r.Relations.TP, r.DatesRight, r.DatesTotal)
	}
	if len(r.WrongDates) != 1 || !strings.Contains(r.WrongDates[0], "no claim") {
		t.Errorf("WrongDates = %q", r.WrongDates)
	}
}

func TestOutOfScopeIgnored(t *testing.T) {
	d := build(opts{})
	at := d.ent("atlantis", "State", "Atlantis", "Atlantis")
	pn := d.ent("port-nowhere", "GovernmentAgency", "Port Nowhere", "Port Nowhere") // note "(town)" stripped
	wdc := d.ent("capital-dc", "State", "Capital, DC", "Capital, DC")               // a comma inside a name
	fr := quad.IRI(ontology.Entities + "freedonia")
	d.rel(fr, "sanctions", at, "", "")
	d.rel(pn, "memberOf", at, "", "")
	d.rel(wdc, "opposes", fr, "", "")
	r := Score(readTestGold(t), d.qs)
	wantCounts(t, "entities", r.Entities, Counts{TP: 5})
	wantCounts(t, "relations", r.Relations, Counts{TP: 6})

	// A name that is not out of scope is penalised, and so is its relation.
	oz := d.ent("oz", "State", "Oz", "Oz")
	d.rel(fr, "sanctions", oz, "", "")
	r = Score(readTestGold(t), d.qs)
	wantCounts(t, "entities", r.Entities, Counts{TP: 5, FP: 1})
	wantCounts(t, "relations", r.Relations, Counts{TP: 6, FP: 1})
	if len(r.FalseRelations) != 1 || r.FalseRelations[0] != "Freedonia sanctions Oz" {
		t.Errorf("FalseRelations = %q (want prefLabels, not IRIs)", r.FalseRelations)
	}
}

func TestDuplicatesCountOnce(t *testing.T) {
	d := build(opts{})
	// The same triple again, once in a named graph.
	fr, sy := quad.IRI(ontology.Entities+"freedonia"), quad.IRI(ontology.Entities+"sylvania")
	d.rel(fr, "partyTo", quad.IRI(ontology.Entities+"examplia-treaty"), "1933", ontology.XSDGYear)
	d.qs = append(d.qs, quad.Quad{Subject: fr, Predicate: quad.IRI(ontology.DIP + "opposes"), Object: sy, Label: quad.IRI(docIRI)})
	d.qs = append(d.qs, quad.Quad{Subject: fr, Predicate: quad.IRI(ontology.DIP + "opposes"), Object: sy})
	r := Score(readTestGold(t), d.qs)
	wantCounts(t, "relations", r.Relations, Counts{TP: 6, FP: 1})
}

// Two gold entities share a surface form. The matching must be maximum (a
// greedy one gives "a" North Council, its best, and leaves "b" unmatched),
// yet keep the strongest pairs when that costs nothing.
func TestSharedFormMaximumMatching(t *testing.T) {
	g, err := ReadGold(strings.NewReader(
		"E\tNorth Council\tGovernmentAgency\tthe two councils|North Council\n"+
			"E\tSouth Council\tGovernmentAgency\tthe two councils\n"), "shared")
	if err != nil {
		t.Fatal(err)
	}
	d := &doc{}
	d.ent("a", "GovernmentAgency", "the two councils", "the two councils", "North Council")
	d.ent("b", "GovernmentAgency", "North Council")
	r := Score(g, d.qs)
	wantCounts(t, "entities", r.Entities, Counts{TP: 2})

	// Both sizes equal: "a" keeps North Council (2 forms agree), "b" gets South.
	a := &outEntity{key: "a", types: map[string]bool{"GovernmentAgency": true}, forms: []string{"the two councils", "North Council"}}
	b := &outEntity{key: "b", types: map[string]bool{"GovernmentAgency": true}, forms: []string{"the two councils"}}
	if mo, _ := matchEntities(g.Entities, []*outEntity{a, b}); mo[0] != 0 || mo[1] != 1 {
		t.Errorf("matching = %v, want [0 1]", mo)
	}

	// One output entity cannot stand for both.
	d = &doc{}
	d.ent("a", "GovernmentAgency", "the two councils", "the two councils")
	r = Score(g, d.qs)
	wantCounts(t, "entities", r.Entities, Counts{TP: 1, FN: 1})
}

func TestNorm(t *testing.T) {
	for in, want := range map[string]string{
		"  Kremlin – White\u00a0House ":   "Kremlin - White House",
		"“rules-based order”":             `"rules-based order"`,
		"Open\u2011Ended  Working\tGroup": "Open-Ended Working Group",
		"Russia’s":                        "Russia's",
		"US":                              "US",
	} {
		if got := norm(in); got != want {
			t.Errorf("norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadGold(t *testing.T) {
	g := readTestGold(t)
	if len(g.Entities) != 5 || len(g.Relations) != 6 {
		t.Fatalf("%d entities, %d relations", len(g.Entities), len(g.Relations))
	}
	e := g.Entities[2]
	if e.Name != "Treaty of Examplia" || e.Type != "Agreement" || len(e.Forms) != 2 || e.Line != 5 {
		t.Errorf("entity = %+v", e)
	}
	r := g.Relations[4]
	if lit, ok := r.Literal(); !ok || lit != "Marxburg" || r.Date != "1933-11" || r.Evidence != "ev" {
		t.Errorf("relation = %+v", r)
	}
	for _, want := range []string{"Atlantis", "Port Nowhere", "Capital, DC"} {
		found := false
		for _, n := range g.OutOfScope {
			found = found || n == want
		}
		if !found {
			t.Errorf("out of scope %q missing from %q", want, g.OutOfScope)
		}
	}
}

func TestReadGoldErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"E\tX\tCountry\tX\n", "g:1: unknown entity type"},
		{"E\tX\tState\tX\nE\tX\tState\tX\n", "g:2: duplicate canonical name"},
		{"E\tX\tState\n", "g:1: E line has 3 fields"},
		{"#\n\nE\tX\tState\tX\nR\tX\tlikes\tX\t\tev\n", "g:4: unknown relation"},
		{"E\tX\tState\tX\nR\tX\tmemberOf\tY\t\tev\n", "g:2: object \"Y\" is no E line"},
		{"R\tY\tmemberOf\tlit:Z\t\tev\n", "g:1: subject \"Y\" is no E line"},
		{"E\tX\tState\tX\nR\tX\theldIn\tlit:Z\t17 May 1972\tev\n", "g:2: date"},
		{"X\tfoo\n", "g:1: line starts with \"X\""},
	} {
		_, err := ReadGold(strings.NewReader(tc.in), "g")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadGold(%q) error %v, want %q", tc.in, err, tc.want)
		}
	}
}

// TestCorpusGold parses every gold file of the development corpus and
// checks the E and R lines against a plain line count.
func TestCorpusGold(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(dir, "*.gold.tsv"))
	if len(files) == 0 {
		t.Skipf("no gold files in %s (the shared corpus is not checked out next to the module)", dir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		g, err := ReadGold(bytes.NewReader(data), filepath.Base(f))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		var nE, nR int
		for _, l := range strings.Split(string(data), "\n") {
			switch {
			case strings.HasPrefix(l, "E\t"):
				nE++
			case strings.HasPrefix(l, "R\t"):
				nR++
			}
		}
		if len(g.Entities) != nE || len(g.Relations) != nR {
			t.Errorf("%s: %d E and %d R read, file has %d and %d", f, len(g.Entities), len(g.Relations), nE, nR)
		}
	}
}

func TestMicroAndText(t *testing.T) {
	g := readTestGold(t)
	a := Score(g, build(opts{}).qs)
	b := Score(g, build(opts{skipAffil: true, sylvaniaClass: "Person"}).qs)
	m := Micro([]*Report{a, b})
	wantCounts(t, "entities", m.Entities, Counts{TP: 9, FP: 1, FN: 1})
	wantCounts(t, "relations", m.Relations, Counts{TP: 10, FP: 1, FN: 2})
	if m.DatesRight != 7 || m.DatesTotal != 7 {
		t.Errorf("micro dates %d/%d", m.DatesRight, m.DatesTotal)
	}

	var buf bytes.Buffer
	m.WriteText(&buf, false)
	out := buf.String()
	for _, want := range []string{"entities", "P 0.900  R 0.900  F1 0.900  (TP 9, FP 1, FN 1)", "dates      1.000  (7 of 7"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "missed") {
		t.Errorf("non-verbose text lists misses:\n%s", out)
	}
	buf.Reset()
	m.WriteText(&buf, true)
	out = buf.String()
	for _, want := range []string{"missed entities (1)", "Sylvania (State)", "false relations (1)", "Sylvania partyTo Treaty of Examplia"} {
		if !strings.Contains(out, want) {
			t.Errorf("verbose text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "https://") {
		t.Errorf("verbose text shows raw IRIs:\n%s", out)
	}
	if c := (Counts{}); c.Precision() != 0 || c.Recall() != 0 || c.F1() != 0 {
		t.Errorf("empty counts not 0")
	}
}
