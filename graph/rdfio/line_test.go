package rdfio

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// TestAppendLiteral checks the one-pass literal encoder against the two
// passes it replaces (utf8.ValidString, then appendQuoted) for every byte
// at every offset of strings up to two eight-byte blocks long, and for
// multi-byte sequences valid and not.
func TestAppendLiteral(t *testing.T) {
	check := func(s string) {
		t.Helper()
		got, ok := appendLiteral([]byte("x"), s)
		if want := utf8.ValidString(s); ok != want {
			t.Fatalf("appendLiteral(%q): ok %v, want %v", s, ok, want)
		}
		if !ok {
			return
		}
		lit := term{kind: kindLiteral, val: s}
		if want := lit.appendQuoted([]byte("x")); !bytes.Equal(got, want) {
			t.Fatalf("appendLiteral(%q) = %q, want %q", s, got, want)
		}
	}
	const base = "abcdefghijklmnopq"
	for n := 0; n <= len(base); n++ {
		check(base[:n])
		for p := 0; p < n; p++ {
			for c := 0; c < 256; c++ {
				b := []byte(base[:n])
				b[p] = byte(c)
				check(string(b))
			}
		}
	}
	for _, s := range []string{"é", "中文", "😀", "\ufffd", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xc3", "abcdefg\xc3", "abcdefg\xc3\xa9", "abcdefgh\xe4\xb8", "\xc0\xaf", "ab\x7fcdefgh"} {
		check(s)
		check(base + s + base)
	}
}

// TestLineEncoder checks that the encoder's fast paths give the lines and
// errors of the general path (quadTerms, then appendNT), both on first
// sight of each term and with the caches warm, and that a rejected quad
// leaves the caller's bytes as they were.
func TestLineEncoder(t *testing.T) {
	s, p := quad.IRI(ex+"s"), quad.IRI(ex+"p")
	bad := "bad \xff utf8"
	dt := quad.IRI(ontology.XSD + "nonNegativeInteger")
	qs := append(hostileQuads(),
		quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "12", Type: dt}},
		quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: quad.String(bad), Type: dt}},
		quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "x", Type: "xsd:string"}},
		quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "x", Type: ex + "a b"}},
		quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "x"}},
		quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: quad.String(bad), Lang: "en"}},
		quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "x", Lang: "en US"}},
		quad.Quad{Subject: s, Predicate: p, Object: quad.String(bad)},
		quad.Quad{Subject: s, Predicate: p, Object: quad.String("long enough to take whole blocks \"quoted\"\n")},
		quad.Quad{Subject: quad.String("lit"), Predicate: p, Object: s},
		quad.Quad{Subject: s, Predicate: quad.String("lit"), Object: s},
		quad.Quad{Subject: s, Predicate: quad.BNode("b"), Object: s},
		quad.Quad{Subject: s, Predicate: p, Object: s, Label: quad.String("g")},
		quad.Quad{Subject: s, Predicate: p, Object: s, Label: s},
		quad.Quad{Subject: p, Predicate: s, Object: p, Label: quad.IRI("")},
		quad.Quad{Subject: s, Predicate: p},
	)
	for _, labels := range []bool{false, true} {
		e := &LineEncoder{labels: labels}
		for pass := 0; pass < 2; pass++ {
			for _, q := range qs {
				want, wantErr := refLine(q, labels)
				prefix := []byte("kept\n")
				got, err := e.AppendQuad(prefix, q)
				if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
					t.Fatalf("labels %v pass %d: %v: error %v, want %v", labels, pass, q, err, wantErr)
				}
				if err != nil {
					want = ""
				}
				if string(got) != "kept\n"+want {
					t.Fatalf("labels %v pass %d: %v: got %q, want %q", labels, pass, q, got, "kept\n"+want)
				}
			}
		}
	}
}

// refLine is the line of q by the general path.
func refLine(q quad.Quad, labels bool) (string, error) {
	s, p, o, g, err := quadTerms(q)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(s.nt() + " " + p.nt() + " " + o.nt())
	if labels && g.kind != 0 {
		b.WriteString(" " + g.nt())
	}
	b.WriteString(" .\n")
	return b.String(), nil
}

func TestNewLineEncoder(t *testing.T) {
	for _, f := range Formats() {
		e, ok := NewLineEncoder(f.Name)
		if want := f.Name == "ntriples" || f.Name == "nquads"; ok != want || ok && e.labels != f.Quads {
			t.Errorf("NewLineEncoder(%q) = %v, %v", f.Name, e, ok)
		}
	}
}
