package rdfio

import (
	"io"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func readString(t *testing.T, format, doc string, opt ReadOptions) []quad.Quad {
	t.Helper()
	rd, err := NewReader(format, strings.NewReader(doc), opt)
	if err != nil {
		t.Fatal(err)
	}
	var out []quad.Quad
	for {
		q, err := rd.ReadQuad()
		if err == io.EOF {
			return out
		} else if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		out = append(out, q)
	}
}

// TestBlankCollision: knakk names [] _:b1, the same as a document's own
// _:b1; the reader must keep them apart.
func TestBlankCollision(t *testing.T) {
	doc := `@prefix ex: <http://example.org/> .
_:b1 ex:p "document's b1" .
[] ex:p "anonymous" .
ex:s ex:q ( 1 2 ) .
_:b1 ex:r "again" .`
	qs := readString(t, "turtle", doc, ReadOptions{BlankPrefix: "x_"})
	subj := map[string]quad.Value{}
	for _, q := range qs {
		if s, ok := q.Object.(quad.String); ok {
			subj[string(s)] = q.Subject
		}
	}
	if subj["document's b1"] == subj["anonymous"] {
		t.Errorf("document _:b1 and [] merged into %v", subj["anonymous"])
	}
	if subj["document's b1"] != subj["again"] {
		t.Errorf("document _:b1 split: %v, %v", subj["document's b1"], subj["again"])
	}
	if subj["document's b1"] != quad.BNode("x_db1") {
		t.Errorf("document _:b1 read as %v, want _:x_db1", subj["document's b1"])
	}

	// Two reads of the same document get distinct blank nodes by default.
	a := readString(t, "turtle", doc, ReadOptions{})
	b := readString(t, "turtle", doc, ReadOptions{})
	if a[0].Subject == b[0].Subject {
		t.Errorf("two reads share blank node %v", a[0].Subject)
	}
	nq := readString(t, "nquads", "_:b1 <http://e/p> _:b2 _:g .\n<http://e/s> <http://e/p> \"x\" .\n", ReadOptions{BlankPrefix: "n_"})
	if nq[0].Subject != quad.BNode("n_db1") || nq[0].Label != quad.BNode("n_dg") || nq[1].Label != nil {
		t.Errorf("N-Quads blank nodes / default graph: %v", nq)
	}
}

// TestBlankRenamerLeavesTextAlone: "_:" inside IRIs, strings, comments and
// prefixed names is not a blank node and must come through unchanged.
func TestBlankRenamerLeavesTextAlone(t *testing.T) {
	doc := `@prefix ex: <http://example.org/_:iri#> .
@prefix a_: <http://example.org/pfx/> .
# comment _:c
ex:s ex:p "str _:x \" _:y", '''long ' _:z ''', """a""_:w""" ;
  ex:q a_:local, ex:x_:y, "t"@en, _:n1 .
_:n1 ex:p ex:o.`
	qs := readString(t, "turtle", doc, ReadOptions{BlankPrefix: "p_"})
	var got []string
	for _, q := range qs {
		got = append(got, q.Object.String())
	}
	want := []string{`"str _:x \" _:y"`, `"long ' _:z "`, `"a\"\"_:w"`,
		"<http://example.org/pfx/local>", "<http://example.org/_:iri#x_:y>", `"t"@en`, "_:p_dn1",
		"<http://example.org/_:iri#o>"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if qs[len(qs)-1].Subject != quad.BNode("p_dn1") {
		t.Errorf("subject %v, want _:p_dn1", qs[len(qs)-1].Subject)
	}
}

func TestResolveIRI(t *testing.T) {
	// RFC 3986 section 5.4.
	base := "http://a/b/c/d;p?q"
	for ref, want := range map[string]string{
		"g:h": "g:h", "g": "http://a/b/c/g", "./g": "http://a/b/c/g", "g/": "http://a/b/c/g/",
		"/g": "http://a/g", "//g": "http://g", "?y": "http://a/b/c/d;p?y", "g?y": "http://a/b/c/g?y",
		"#s": "http://a/b/c/d;p?q#s", "g#s": "http://a/b/c/g#s", ";x": "http://a/b/c/;x",
		"": "http://a/b/c/d;p?q", ".": "http://a/b/c/", "./": "http://a/b/c/", "..": "http://a/b/",
		"../g": "http://a/b/g", "../..": "http://a/", "../../g": "http://a/g",
		"../../../g": "http://a/g", "/./g": "http://a/g", "/../g": "http://a/g", "g.": "http://a/b/c/g.",
		"..g": "http://a/b/c/..g", "./../g": "http://a/b/g", "g;x=1/../y": "http://a/b/c/y",
		"g#s/../x": "http://a/b/c/g#s/../x",
	} {
		if got := resolveIRI(base, ref); got != want {
			t.Errorf("resolve(%q) = %q, want %q", ref, got, want)
		}
	}
	if got := resolveIRI("http://a", "b"); got != "http://a/b" {
		t.Errorf("empty base path: %q", got)
	}
}

func TestRegistry(t *testing.T) {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
		if f.NewWriter == nil {
			t.Errorf("%s has no writer", f.Name)
		}
	}
	if got := strings.Join(names, " "); got != "jsonld nquads ntriples trig turtle" {
		t.Errorf("Formats() = %s", got)
	}
	if f, ok := FormatByExt("TTL"); !ok || f.Name != "turtle" {
		t.Errorf("FormatByExt(TTL) = %v, %v", f.Name, ok)
	}
	if f, ok := FormatByName("trig"); !ok || !f.Quads || f.NewReader != nil {
		t.Errorf("trig: %+v", f)
	}
	if f, ok := FormatByName("jsonld"); !ok || !f.Quads || f.NewReader != nil {
		t.Errorf("jsonld: %+v", f)
	}
}

// TestTrailingSemicolons: Turtle allows a ';' that ends a predicate-object
// list; knakk alone refuses it.
func TestTrailingSemicolons(t *testing.T) {
	in := `@prefix ex: <http://example.org/> .
ex:s ex:p [ ex:q "a;b" ; ] ; .
ex:t ex:p ex:o ; ; ex:r "x" ; .
`
	r, err := NewReader("turtle", strings.NewReader(in), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if q.Object.String() == `"a;b"` || strings.Contains(q.Object.String(), "a;b") {
			n += 10
		}
		n++
	}
	if n != 14 {
		t.Fatalf("read %d (want 4 triples, the string kept)", n)
	}
}
