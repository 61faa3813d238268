package extract_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/bench/corpus"
	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/rdfio"
)

// viaEncoder is what AppendLines stands for: the quads of EachQuad through
// rdfio's LineEncoder, appended to dst.
func viaEncoder(r *extract.Result, dst []byte, label quad.Value) ([]byte, error) {
	format := "ntriples"
	if label != nil {
		format = "nquads"
	}
	enc, _ := rdfio.NewLineEncoder(format)
	err := r.EachQuad(label, func(q quad.Quad) error {
		var err error
		dst, err = enc.AppendTerms(dst, q.Subject, q.Predicate, q.Object, q.Label)
		return err
	})
	return dst, err
}

func sameLines(t *testing.T, name string, r *extract.Result, label quad.Value) {
	t.Helper()
	prefix := []byte("kept\n")
	want, wantErr := viaEncoder(r, bytes.Clone(prefix), label)
	got, gotErr := r.AppendLines(bytes.Clone(prefix), label)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Errorf("%s, label %v: error %v, want %v", name, label, gotErr, wantErr)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		lo := max(0, i-80)
		t.Errorf("%s, label %v: %d bytes, want %d; first difference at %d:\n got %q\nwant %q",
			name, label, len(got), len(want), i, got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
	}
}

// AppendLines writes the bytes the LineEncoder writes for EachQuad's
// quads, as N-Triples and as N-Quads, on generated documents (every kind of
// line: mentions, new entities, claims, events, dates) and on documents
// whose terms the writers refuse, where it gives the encoder's lines
// before the refused quad and its error.
func TestAppendLinesSameAsEncoder(t *testing.T) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := corpus.Texts(3, 256<<10)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, d := range docs {
		doc, err := extract.Parse(d.Name, d.Body)
		if err != nil {
			t.Fatal(err)
		}
		r := x.Extract(doc)
		sameLines(t, d.Name, r, nil)
		sameLines(t, d.Name, r, extract.DocIRI(doc))
		out, _ := r.AppendLines(nil, nil)
		lines += bytes.Count(out, []byte("\n"))
	}
	if lines < 10000 {
		t.Errorf("only %d lines written", lines)
	}

	doc, err := extract.Parse("refused.md", []byte("---\ntitle: A title\n---\nRussia and the United States signed the agreement on 5 May 2021."))
	if err != nil {
		t.Fatal(err)
	}
	r := x.Extract(doc)
	doc.ID = "has space" // an IRI no writer takes: the first line fails
	sameLines(t, "id", r, nil)
	doc.ID = "refused"
	doc.Meta.Title = "bad \xff title" // not UTF-8: the lines before it are kept
	sameLines(t, "title", r, nil)
	sameLines(t, "title", r, quad.IRI("g"))
	doc.Meta.Title = "A title"
	sameLines(t, "label", r, quad.BNode("g")) // a label of another kind
	if _, err := r.AppendLines(nil, quad.String("g")); err == nil {
		t.Error("a literal graph label was written")
	}
}
