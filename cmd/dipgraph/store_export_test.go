package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
)

// TestExportSortedByTerms: the Turtle and TriG exports of a bolt store,
// written from numbered terms (store.DumpTerms), are the bytes the writers
// give for Dump's quads; a term the writer refuses makes the export fail
// with WriteQuad's message, which names it.
func TestExportSortedByTerms(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := func(s string) quad.IRI { return quad.IRI(ontology.Entities + s) }
	p := quad.IRI(ontology.DIP + "p")
	rdfType := quad.IRI(ontology.RDFType)
	for i, doc := range []string{"a", "b", "c"} {
		g := quad.IRI(ontology.Docs + doc)
		qs := []quad.Quad{
			{Subject: e("x"), Predicate: rdfType, Object: e("State"), Label: g},
			{Subject: e("x"), Predicate: p, Object: quad.Int(i), Label: g},
			{Subject: e("x"), Predicate: p, Object: quad.LangString{Value: "Россия", Lang: "ru"}, Label: g},
			{Subject: e(doc), Predicate: p, Object: e("x"), Label: g},
		}
		if _, _, err := s.ReplaceGraph(g, qs); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.ReplaceGraph(quad.IRI(ontology.Docs+"b"), nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, format := range []string{"turtle", "trig"} {
		f, _ := rdfio.FormatByName(format)
		var buf bytes.Buffer
		w := f.NewWriter(&buf)
		err := s.Dump(context.Background(), func(q quad.Quad) error {
			if !f.Quads {
				q.Label = nil
			}
			return w.WriteQuad(q)
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		want[format] = buf.String()
	}
	// A literal subject, which no writer takes.
	bad := quad.Quad{Subject: quad.String("lit"), Predicate: p, Object: e("x"), Label: quad.IRI(ontology.Docs + "d")}
	s.Close()
	for format, w := range want {
		if got, _ := mustRun(t, "export", "--store", db, "--format", format); got != w {
			t.Errorf("%s export:\n%s\nwant:\n%s", format, got, w)
		}
	}
	if s, err = store.Open(db, store.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load([]quad.Quad{bad}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for format := range want {
		_, _, err := runApp(t, "export", "--store", db, "--format", format)
		if err == nil || !strings.Contains(err.Error(), `subject "lit" is a literal`) {
			t.Errorf("%s export of a literal subject: %v", format, err)
		}
	}
}
