package store

import (
	"context"
	"errors"
	"testing"

	"github.com/cayleygraph/quad"
)

// recordSink numbers values as a TermSink and records the quads it gets
// back as values.
type recordSink struct {
	nums   map[string]uint32
	vals   []quad.Value // by number; 0 unused
	quads  []quad.Quad
	refuse func(v quad.Value) bool
}

func newRecordSink() *recordSink {
	return &recordSink{nums: map[string]uint32{}, vals: []quad.Value{nil}}
}

func (r *recordSink) Term(v quad.Value) (uint32, error) {
	if r.refuse != nil && r.refuse(v) {
		return 0, errors.New("refused")
	}
	k := quad.StringOf(v)
	if n, ok := r.nums[k]; ok {
		return n, nil
	}
	n := uint32(len(r.vals))
	r.nums[k] = n
	r.vals = append(r.vals, v)
	return n, nil
}

func (r *recordSink) WriteTerms(s, p, o, g uint32) error {
	q := quad.Quad{Subject: r.vals[s], Predicate: r.vals[p], Object: r.vals[o]}
	if g != 0 {
		q.Label = r.vals[g]
	}
	r.quads = append(r.quads, q)
	return nil
}

func dumpAll(t *testing.T, s *Store) []quad.Quad {
	t.Helper()
	var out []quad.Quad
	if err := s.Dump(context.Background(), func(q quad.Quad) error { out = append(out, q); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDumpTerms(t *testing.T) {
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		dumpFixture(t, s)
		// Deleted quads and nodes, and completeness records, which
		// Dump leaves out.
		if _, _, err := s.ReplaceGraph(iri("c"), docQuads("c", 12)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ReplaceGraph(iri("c"), docQuads("c", 5)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ReplaceGraph(iri("b"), docQuads("b", 40)[20:]); err != nil {
			t.Fatal(err)
		}
		want := dumpAll(t, s)
		sink := newRecordSink()
		ok, err := s.DumpTerms(context.Background(), true, sink)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			if s.kind == "bolt" {
				t.Fatal("DumpTerms: no path on a bolt store")
			}
			if len(sink.quads) != 0 {
				t.Fatal("DumpTerms handed quads over and said it had no path")
			}
			return
		}
		// quad.StringOf folds native values onto their string form, as
		// the writers do.
		equalLines(t, "DumpTerms", nquads(sink.quads), nquads(want))

		sink = newRecordSink()
		if _, err := s.DumpTerms(context.Background(), false, sink); err != nil {
			t.Fatal(err)
		}
		for i := range want {
			want[i].Label = nil
		}
		equalLines(t, "DumpTerms without labels", nquads(sink.quads), nquads(want))

		// A value the sink refuses fails the dump only when a quad uses
		// it.
		sink = newRecordSink()
		sink.refuse = func(v quad.Value) bool { return v == iri("c") }
		if _, err := s.DumpTerms(context.Background(), false, sink); err != nil {
			t.Errorf("refused label of an unlabelled dump: %v", err)
		}
		sink.refuse = func(v quad.Value) bool { return v == iri("c") }
		sink.quads = nil
		if _, err := s.DumpTerms(context.Background(), true, sink); err == nil {
			t.Error("refused label: no error")
		}
	})
}
