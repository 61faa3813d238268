package rdfio

import (
	"bytes"
	"io"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/dipgraph/dipgraph/ontology"
)

const ex = "http://example.org/"

// hostileQuads are terms built to break serializers: every character that
// needs escaping somewhere, local names that need PN_LOCAL escapes or
// cannot be prefixed names at all, odd blank-node labels, named graphs.
func hostileQuads() []quad.Quad {
	p := quad.IRI(ex + "p")
	dip := func(local string) quad.IRI { return quad.IRI(ontology.DIP + local) }
	lits := []quad.Value{
		quad.String(`quote " and backslash \ and \" both`),
		quad.String("newline\nCR\rtab\tbackspace\bformfeed\f"),
		quad.String("controls \x00\x01\x1f\x7f end"),
		quad.String(`'single' and """triple""" and ''' `),
		quad.String("non-ASCII: é ñ 中文 Ελληνικά \u00a0 \u2028 \ufeff emoji 😀🇺🇳"),
		quad.String(""),
		quad.String("<>{}|^`"),
		quad.LangString{Value: "繁體", Lang: "zh-Hant-TW"},
		quad.LangString{Value: "Cheers", Lang: "en-GB"},
		quad.TypedString{Value: "2022-03", Type: quad.IRI(ontology.XSD + "gYearMonth")},
		quad.TypedString{Value: "x\"y", Type: quad.IRI(ex + "odd-type")},
		quad.TypedString{Value: "7", Type: "xsd:nonNegativeInteger"},
		quad.Int(-42), quad.Float(1.5), quad.Float(1e300), quad.Bool(false),
		quad.Time(time.Date(2022, 3, 1, 12, 30, 0, 5, time.FixedZone("", 3600))),
	}
	iris := []quad.Value{
		quad.IRI(ex + "ünïcödé/日本?q=1&r=[2]#frag"), quad.IRI("urn:isbn:0451450523"),
		quad.IRI(ex + "emoji😀"), quad.IRI(ex + "trailing."),
		dip("foo(bar)"), dip("trailing."), dip(".leading"), dip("-leading"),
		dip("pct%41"), dip("pct%zz"), dip("tilde~x"), dip("a/b?c#d@e"),
		dip("semi;colon,comma=eq!bang$&'*+"), dip(""), dip("_under"), dip("9digit"),
		dip("colon:inside"), dip("dot.inside"), dip("%"),
		quad.IRI(ontology.Docs + "doc1#char=10,20"),
	}
	bnodes := []quad.Value{
		quad.BNode("b1"), quad.BNode("with space"), quad.BNode("dot."), quad.BNode(".dot"),
		quad.BNode("a.b"), quad.BNode("hx_00"), quad.BNode(""), quad.BNode("ünï"),
	}
	var qs []quad.Quad
	s := quad.IRI(ex + "s")
	for _, o := range lits {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o})
	}
	for i, v := range iris {
		qs = append(qs,
			quad.Quad{Subject: v, Predicate: p, Object: v},
			quad.Quad{Subject: s, Predicate: v, Object: lits[i%len(lits)]})
	}
	for i, b := range bnodes {
		qs = append(qs, quad.Quad{Subject: b, Predicate: p, Object: bnodes[(i+1)%len(bnodes)]})
	}
	qs = append(qs,
		quad.Quad{Subject: s, Predicate: quad.IRI(ontology.RDFType), Object: dip("State")},
		quad.Quad{Subject: s, Predicate: p, Object: lits[0], Label: quad.IRI(ex + "graph(1)")},
		quad.Quad{Subject: bnodes[1], Predicate: p, Object: iris[0], Label: quad.IRI(ex + "graph(1)")},
		quad.Quad{Subject: s, Predicate: p, Object: lits[1], Label: dip("g(2)")},
	)
	return qs
}

// TestHostileTerms writes hostileQuads in every format and has rdflib and
// rapper read each file back: same number of quads, same values (up to
// blank-node renaming). Our own reader reads the triple formats back too.
func TestHostileTerms(t *testing.T) {
	needPython(t)
	qs := hostileQuads()
	// raptor truncates literals at U+0000 (C strings): rapper gets the same
	// data without that one literal.
	var tame []quad.Quad
	for _, q := range qs {
		if !strings.ContainsRune(q.Object.String(), 0) {
			tame = append(tame, q)
		}
	}
	dir := t.TempDir()
	var jobs []job
	for _, f := range Formats() {
		project := func(qs []quad.Quad) []quad.Quad {
			if f.Quads {
				return qs
			}
			var out []quad.Quad
			for _, q := range qs {
				q.Label = nil
				out = append(out, q)
			}
			return out
		}
		path, err := writeFile(dir, "hostile", f.Name, qs)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		jobs = append(jobs, job{ID: f.Name, Expected: jsonQuads(t, project(qs)),
			Files: []jFile{{Path: path, Format: f.Name, Checkers: []string{"rdflib"}}}})
		if _, rapper := tools(); rapper && f.Name != "jsonld" { // raptor reads no JSON-LD
			path, err := writeFile(dir, "tame", f.Name, tame)
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			jobs = append(jobs, job{ID: f.Name + " without U+0000", Expected: jsonQuads(t, project(tame)),
				Files: []jFile{{Path: path, Format: f.Name, Checkers: []string{"rapper"}}}})
		}
		if f.NewReader != nil {
			back := readAll(t, f, path)
			rpath, err := writeFile(dir, "reread-"+f.Name, "nquads", back)
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, job{ID: "knakk reader on " + f.Name, Expected: jsonQuads(t, project(qs)),
				Files: []jFile{{Path: rpath, Format: "nquads", Checkers: []string{"rdflib"}}}})
		}
	}
	res := runIsocheck(t, jobs)
	for _, r := range res {
		if !r.OK {
			t.Errorf("%s read back by %s: %s\n  file: %s", r.ID, r.Checker, r.Error, r.File)
		}
	}
	if len(res) < 8 {
		t.Errorf("only %d checks ran", len(res))
	}
}

func readAll(t *testing.T, f Format, path string) []quad.Quad {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	rd := f.NewReader(file)
	var out []quad.Quad
	for {
		q, err := rd.ReadQuad()
		if err == io.EOF {
			return out
		} else if err != nil {
			t.Fatalf("%s reader on our own output: %v", f.Name, err)
		}
		out = append(out, q)
	}
}

func write(t *testing.T, format string, qs []quad.Quad) string {
	t.Helper()
	f, ok := FormatByName(format)
	if !ok {
		t.Fatalf("no format %s", format)
	}
	var buf bytes.Buffer
	w := f.NewWriter(&buf)
	for _, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestDeterministic(t *testing.T) {
	qs := hostileQuads()
	qs = append(qs, qs[:10]...) // duplicates are dropped
	for _, format := range []string{"turtle", "trig"} {
		want := write(t, format, qs)
		rng := rand.New(rand.NewSource(1))
		for i := 0; i < 20; i++ {
			rng.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
			if got := write(t, format, qs); got != want {
				t.Fatalf("%s: output depends on input order:\n%s\n---\n%s", format, want, got)
			}
		}
	}
}

// TestChunkMerge makes the Turtle writer's chunks of buffered quads tiny,
// so that Close merges many sorted chunks holding duplicates: the output
// must be that of one chunk.
func TestChunkMerge(t *testing.T) {
	qs := hostileQuads()
	qs = append(qs, qs[:20]...)
	rng := rand.New(rand.NewSource(2))
	for _, format := range []string{"turtle", "trig"} {
		want := write(t, format, qs)
		for _, n := range []int{1, 2, 3, 7} {
			func() {
				defer func(old int) { stmtChunk = old }(stmtChunk)
				stmtChunk = n
				rng.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
				if got := write(t, format, qs); got != want {
					t.Fatalf("%s, chunks of %d: output differs:\n%s\n---\n%s", format, n, want, got)
				}
			}()
		}
	}
}

func TestNatives(t *testing.T) {
	s, p := quad.IRI(ex+"s"), quad.IRI(ex+"p")
	tm := time.Date(2024, 2, 29, 23, 59, 58, 0, time.UTC)
	cases := []struct {
		v          quad.Value
		nt, turtle string
	}{
		{quad.Int(5), `"5"^^<http://www.w3.org/2001/XMLSchema#integer>`, `"5"^^xsd:integer`},
		{quad.Bool(true), `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`, `"true"^^xsd:boolean`},
		{quad.Bool(false), `"false"^^<http://www.w3.org/2001/XMLSchema#boolean>`, `"false"^^xsd:boolean`},
		{quad.Float(2), `"2.0E0"^^<http://www.w3.org/2001/XMLSchema#double>`, `"2.0E0"^^xsd:double`},
		{quad.Float(-1.25e-7), `"-1.25E-7"^^<http://www.w3.org/2001/XMLSchema#double>`, `"-1.25E-7"^^xsd:double`},
		{quad.Time(tm), `"2024-02-29T23:59:58Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>`, `"2024-02-29T23:59:58Z"^^xsd:dateTime`},
		{quad.TypedString{Value: "3", Type: "xsd:integer"}, `"3"^^<http://www.w3.org/2001/XMLSchema#integer>`, `"3"^^xsd:integer`},
		{quad.TypedString{Value: "x", Type: ontology.XSD + "string"}, `"x"`, `"x"`},
	}
	for _, c := range cases {
		q := quad.Quad{Subject: s, Predicate: p, Object: c.v}
		nt := write(t, "ntriples", []quad.Quad{q})
		if want := "<" + ex + "s> <" + ex + "p> " + c.nt + " .\n"; nt != want {
			t.Errorf("%#v: N-Triples %q, want %q", c.v, nt, want)
		}
		if ttl := write(t, "turtle", []quad.Quad{q}); !strings.Contains(ttl, " "+c.turtle+" .\n") {
			t.Errorf("%#v: Turtle lacks %s:\n%s", c.v, c.turtle, ttl)
		}
	}
}

// TestRejects checks that terms which cannot be written faithfully give
// an error naming the problem, and that nothing is written for them.
func TestRejects(t *testing.T) {
	s, p := quad.IRI(ex+"s"), quad.IRI(ex+"p")
	bad := "bad \xff utf8"
	cases := []struct {
		q    quad.Quad
		want string
	}{
		{quad.Quad{Subject: s, Predicate: p, Object: quad.String(bad)}, "UTF-8"},
		{quad.Quad{Subject: quad.IRI(ex + bad), Predicate: p, Object: s}, "UTF-8"},
		{quad.Quad{Subject: s, Predicate: quad.IRI(bad), Object: s}, "UTF-8"},
		{quad.Quad{Subject: quad.BNode(bad), Predicate: p, Object: s}, "UTF-8"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: quad.String(bad), Lang: "en"}}, "UTF-8"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "x", Type: quad.IRI(bad)}}, "UTF-8"},
		{quad.Quad{Subject: s, Predicate: p, Object: s, Label: quad.IRI(bad)}, "UTF-8"},
		{quad.Quad{Subject: quad.IRI(""), Predicate: p, Object: s}, "empty IRI"},
		{quad.Quad{Subject: s, Predicate: quad.IRI(""), Object: s}, "empty IRI"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.IRI("")}, "empty IRI"},
		{quad.Quad{Subject: s, Predicate: p, Object: s, Label: quad.IRI("")}, "empty IRI"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "x"}}, "empty datatype"},
		{quad.Quad{Subject: quad.IRI(ex + "with space"), Predicate: p, Object: s}, "IRIs cannot contain"},
		{quad.Quad{Subject: s, Predicate: quad.IRI(ex + "a<b"), Object: s}, "IRIs cannot contain"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.IRI(ex + "a>b")}, "IRIs cannot contain"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.IRI(ex + "new\nline")}, "IRIs cannot contain"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.IRI(ex + "{x}|^`\"\\")}, "IRIs cannot contain"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "x", Type: ex + "a b"}}, "IRIs cannot contain"},
		{quad.Quad{Subject: s, Predicate: p, Object: s, Label: quad.IRI(ex + "g\x00")}, "IRIs cannot contain"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "x", Lang: "en US"}}, "language tag"},
		{quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "x", Lang: ""}}, "language tag"},
		{quad.Quad{Subject: quad.String("lit"), Predicate: p, Object: s}, "subject"},
		{quad.Quad{Subject: s, Predicate: quad.BNode("b"), Object: s}, "predicate"},
		{quad.Quad{Subject: s, Predicate: p, Object: s, Label: quad.String("g")}, "graph label"},
		{quad.Quad{Subject: s, Predicate: p}, "missing"},
	}
	for _, f := range Formats() {
		for _, c := range cases {
			var buf bytes.Buffer
			w := f.NewWriter(&buf)
			err := w.WriteQuad(c.q)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v: error %v, want one mentioning %q", f.Name, c.q, err, c.want)
			}
			w.Close()
			if strings.Contains(buf.String(), ex) {
				t.Errorf("%s: rejected quad written:\n%s", f.Name, buf.String())
			}
		}
	}
}

func TestBlankLabelsStayDistinct(t *testing.T) {
	labels := []string{"a", "a b", "a_b", "hx_", "hx_00", "hx_6120", "a.b", "a.", ".a", "-a",
		"", " ", "ü", "u", "a:b", "b1", "r1_b1"}
	seen := map[string]string{}
	for _, l := range labels {
		got := blankLabel(l)
		if prev, dup := seen[got]; dup {
			t.Errorf("labels %q and %q both map to %q", prev, l, got)
		}
		seen[got] = l
		if !isPlainLabel(got) {
			t.Errorf("label %q maps to invalid %q", l, got)
		}
	}
}

func TestTurtleLayout(t *testing.T) {
	s := quad.IRI(ontology.Entities + "ukraine")
	qs := []quad.Quad{
		{Subject: s, Predicate: quad.IRI(ontology.SKOSPrefLabel), Object: quad.LangString{Value: "Ukraine", Lang: "en"}},
		{Subject: s, Predicate: quad.IRI(ontology.RDFType), Object: quad.IRI(ontology.DIP + "State")},
		{Subject: s, Predicate: quad.IRI(ontology.SKOSAltLabel), Object: quad.LangString{Value: "UA", Lang: "en"}},
		{Subject: s, Predicate: quad.IRI(ontology.SKOSAltLabel), Object: quad.LangString{Value: "Ukr.", Lang: "en"}},
		{Subject: s, Predicate: quad.IRI(ontology.DIP + "memberOf"), Object: quad.IRI(ontology.Entities + "un"), Label: quad.IRI(ontology.Docs + "d1")},
	}
	var prefixes strings.Builder
	for _, p := range ontology.Prefixes {
		prefixes.WriteString("@prefix " + p.Name + ": <" + p.IRI + "> .\n")
	}
	// Predicates sort by N-Triples form: <http://...skos...> before <https://...dip...>.
	body := "\nentities:ukraine a dip:State ;\n" +
		"    skos:altLabel \"UA\"@en, \"Ukr.\"@en ;\n" +
		"    skos:prefLabel \"Ukraine\"@en .\n"
	if got, want := write(t, "trig", qs), prefixes.String()+body+
		"\ndocuments:d1 {\n    entities:ukraine dip:memberOf entities:un .\n}\n"; got != want {
		t.Errorf("TriG:\n%s\nwant:\n%s", got, want)
	}
	if got := write(t, "turtle", qs); !strings.HasSuffix(got, "    skos:prefLabel \"Ukraine\"@en ;\n    dip:memberOf entities:un .\n") {
		t.Errorf("Turtle:\n%s", got)
	}
}

func TestPNLocal(t *testing.T) {
	for in, want := range map[string]string{
		"foo(bar)": `foo\(bar\)`, "trailing.": "", "a..": "", "a.b.c": "a.b.c", ".x": `\.x`, "a.b": "a.b", "-x": `\-x`, "x-": "x-",
		"pct%41": "pct%41", "pct%zz": `pct\%zz`, "~": `\~`, "": "", "9": "9", "a:b": "a:b",
		"char=10,20": `char\=10\,20`, "with space": "", "a<b": "", "é": "é",
	} {
		got, ok := pnLocal(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("pnLocal(%q) = %q, want %q", in, got, want)
		}
	}
}
