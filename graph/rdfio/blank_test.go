package rdfio

import (
	"bytes"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestBlankLabelDots: a blank node label with two dots in a row (found by
// FuzzWriters) is written so that the N-Quads reader reads the same quad
// back; single dots inside a label stay as they are.
func TestBlankLabelDots(t *testing.T) {
	if got := blankLabel("a.b"); got != "a.b" {
		t.Errorf("blankLabel(a.b) = %q, want it kept", got)
	}
	q := quad.Quad{Subject: quad.BNode("0"), Predicate: quad.IRI("A:"), Object: quad.BNode("0"), Label: quad.BNode("0..AA")}
	var buf bytes.Buffer
	w := NewNQuadsWriter(&buf)
	if err := w.WriteQuad(q); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rd, err := NewReader("nquads", bytes.NewReader(buf.Bytes()), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := rd.ReadQuad()
	if err != nil {
		t.Fatalf("reading back %q: %v", buf.Bytes(), err)
	}
	if got.Label == nil || got.Subject == nil {
		t.Errorf("read back %v from %q", got, buf.Bytes())
	}
}
