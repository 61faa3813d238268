package rdfio

// Fuzz target for every writer (issue 9): a quad of arbitrary strings is
// either refused or written so that our reader reads back exactly one quad
// with the same literal. `go test -fuzz=FuzzWriters ./graph/rdfio`.

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// fuzzQuad builds a quad from the fuzzer's strings; kind picks the term
// types.
func fuzzQuad(s, p, o, extra, label string, kind uint8) quad.Quad {
	q := quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p)}
	if kind&1 != 0 {
		q.Subject = quad.BNode(s)
	}
	switch (kind >> 1) % 5 {
	case 0:
		q.Object = quad.IRI(o)
	case 1:
		q.Object = quad.BNode(o)
	case 2:
		q.Object = quad.String(o)
	case 3:
		q.Object = quad.LangString{Value: quad.String(o), Lang: extra}
	case 4:
		q.Object = quad.TypedString{Value: quad.String(o), Type: quad.IRI(extra)}
	}
	switch {
	case kind&0x20 != 0:
		q.Label = quad.IRI(label)
	case kind&0x40 != 0:
		q.Label = quad.BNode(label)
	}
	return q
}

// literalValue is the lexical form of a literal object, or "" and false.
func literalValue(v quad.Value) (string, bool) {
	switch v := v.(type) {
	case quad.String:
		return string(v), true
	case quad.LangString:
		return string(v.Value), true
	case quad.TypedString:
		return string(v.Value), true
	}
	return "", false
}

func FuzzWriters(f *testing.F) {
	f.Add("http://ex.org/s", "http://ex.org/p", "plain", "", "http://ex.org/g", uint8(4))
	f.Add("http://ex.org/s", "http://ex.org/p", "line\nbreak \"q\" \\ \x01 \u2028", "en-GB", "", uint8(6))
	f.Add("b1", "http://ex.org/p", "42", "http://www.w3.org/2001/XMLSchema#integer", "g", uint8(0x49))
	f.Add("http://ex.org/a b>", "http://ex.org/p", "http://ex.org/o\n<x>", "", "http://ex.org/g", uint8(0x20))
	f.Add("http://ex.org/s", "p", "x", "zh-Hant-TW", "", uint8(6))
	f.Add("http://ex.org/s#a.", "http://ex.org/ns#p(1)", "foo:bar", "", "", uint8(0))
	f.Add("", "", "", "", "", uint8(0))
	f.Add("http://ex.org/s", "http://ex.org/p", "caf\xe9", "", "", uint8(4))
	f.Add("_:x", "http://ex.org/p", "x", "http://ex.org/t>", "", uint8(8))
	f.Fuzz(func(t *testing.T, s, p, o, extra, label string, kind uint8) {
		q := fuzzQuad(s, p, o, extra, label, kind)
		for _, fm := range Formats() {
			var buf bytes.Buffer
			w := fm.NewWriter(&buf)
			err := w.WriteQuad(q)
			if err == nil {
				err = w.Close()
			}
			if err != nil {
				continue // refused: fine
			}
			out := buf.Bytes()
			if !utf8.Valid(out) {
				t.Fatalf("%s: output is not UTF-8: %q", fm.Name, out)
			}
			if fm.Name == "jsonld" && !json.Valid(out) {
				t.Fatalf("jsonld: output is not JSON: %s", out)
			}
			if fm.NewReader == nil {
				continue // no reader of ours (TriG, JSON-LD)
			}
			rd, err := NewReader(fm.Name, bytes.NewReader(out), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []quad.Quad
			for {
				rq, err := rd.ReadQuad()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: wrote %q for %q, reading it back: %v", fm.Name, out, q.NQuad(), err)
				}
				got = append(got, rq)
			}
			if len(got) != 1 {
				t.Fatalf("%s: wrote %q for one quad %q, read back %d", fm.Name, out, q.NQuad(), len(got))
			}
			if want, ok := literalValue(q.Object); ok {
				if have, _ := literalValue(got[0].Object); have != want {
					t.Fatalf("%s: literal %q read back as %q (output %q)", fm.Name, want, have, out)
				}
			}
			if iri, ok := q.Predicate.(quad.IRI); ok && got[0].Predicate != iri {
				t.Fatalf("%s: predicate %q read back as %v (output %q)", fm.Name, iri, got[0].Predicate, out)
			}
		}
	})
}

// absoluteIRIs reports whether every IRI of q has a scheme (RFC 3986:
// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":").
func absoluteIRIs(q quad.Quad) bool {
	for _, d := range quad.Directions {
		v := q.Get(d)
		if t, ok := v.(quad.TypedString); ok {
			v = t.Type
		}
		iri, ok := v.(quad.IRI)
		if !ok {
			continue
		}
		s := string(iri)
		i := 0
		for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' ||
			i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
			i++
		}
		if i == 0 || i >= len(s) || s[i] != ':' {
			return false
		}
	}
	return true
}
