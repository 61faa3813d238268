package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
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

// TestDumpTermsNodeAfterQuad moves a node to the end of the log, after the
// quads that use it (Cayley never writes that, a hand-made store might):
// DumpTerms looks it up ahead and gives Dump's quads still.
func TestDumpTermsNodeAfterQuad(t *testing.T) {
	path, db := fixtureBolt(t, "moved.db")
	var err error
	moved := quad.String("Doc A")
	err = db.Update(func(tx *bolt.Tx) error {
		log, meta := tx.Bucket(bucketLog), tx.Bucket(bucketMeta)
		horizon := binary.LittleEndian.Uint64(meta.Get([]byte("horizon")))
		node := &cproto.Primitive{}
		var users []*cproto.Primitive
		err := log.ForEach(func(k, v []byte) error {
			p := &cproto.Primitive{}
			if err := proto.Unmarshal(v, p); err != nil {
				return err
			}
			if len(p.Value) > 0 {
				if val, _ := pquads.UnmarshalValue(p.Value); val == moved {
					node = p
				}
			} else if node.ID != 0 && p.Object == node.ID {
				users = append(users, p)
			}
			return nil
		})
		if err != nil || node.ID == 0 || len(users) == 0 {
			return fmt.Errorf("node %v and its quads not found (%v)", moved, err)
		}
		key := func(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }
		put := func(p *cproto.Primitive) error {
			b, err := proto.Marshal(p)
			if err != nil {
				return err
			}
			return log.Put(key(p.ID), b)
		}
		if err := log.Delete(key(node.ID)); err != nil {
			return err
		}
		node.ID = horizon + 1
		if err := put(node); err != nil {
			return err
		}
		for _, p := range users {
			p.Object = node.ID
			if err := put(p); err != nil {
				return err
			}
		}
		return meta.Put([]byte("horizon"), binary.LittleEndian.AppendUint64(nil, node.ID))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, path)
	want := dumpAll(t, s)
	if !strings.Contains(strings.Join(nquads(want), "\n"), moved.String()) {
		t.Fatalf("Dump lost the moved value %v", moved)
	}
	sink := newRecordSink()
	if _, err := s.DumpTerms(context.Background(), true, sink); err != nil {
		t.Fatal(err)
	}
	equalLines(t, "DumpTerms", nquads(sink.quads), nquads(want))
}

// TestTriplesBadValue: a value that does not decode makes the tables of
// Triples give up, and the lookups report it, naming the value.
func TestTriplesBadValue(t *testing.T) {
	path, db := fixtureBolt(t, "bad.db")
	var err error
	var bad uint64
	err = db.Update(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketLog)
		return log.ForEach(func(k, v []byte) error {
			p := &cproto.Primitive{}
			if err := proto.Unmarshal(v, p); err != nil {
				return err
			}
			if val, _ := pquads.UnmarshalValue(p.Value); bad == 0 && val == quad.String("Doc A") {
				bad = p.ID
				p.Value = []byte{0x12, 0x05, 'x'} // a string field longer than its bytes
				b, err := proto.Marshal(p)
				if err != nil {
					return err
				}
				return log.Put(k, b)
			}
			return nil
		})
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil || bad == 0 {
		t.Fatalf("value not replaced: %v", err)
	}
	s := mustOpen(t, path)
	err = s.Triples(context.Background(), func(quad.Quad) error { return nil })
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("value %d", bad)) {
		t.Errorf("Triples with a bad value %d: %v", bad, err)
	}
}

// TestTriplesOverBudget: a store whose tables would pass tableBudget is
// read with the lookups, with the same triples in the same order.
func TestTriplesOverBudget(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "budget.db"))
	dumpFixture(t, s)
	if _, _, err := s.ReplaceGraph(iri("b"), docQuads("b", 40)[20:]); err != nil {
		t.Fatal(err)
	}
	triples := func() []string {
		var out []string
		err := s.Triples(context.Background(), func(q quad.Quad) error { out = append(out, q.NQuad()); return nil })
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := triples()
	defer func(b uint64) { tableBudget = b }(tableBudget)
	tableBudget = 0
	got := triples()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Triples over budget:\n%s\nwithin:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) < 20 {
		t.Fatalf("only %d triples", len(want))
	}
}

// fixtureBolt writes dumpFixture into a new bolt store file and reopens
// the file with bbolt alone, for a test to alter what Cayley wrote.
func fixtureBolt(t *testing.T, name string) (string, *bolt.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	s := mustOpen(t, path)
	dumpFixture(t, s)
	s.Close()
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	return path, db
}
