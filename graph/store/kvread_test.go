package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"google.golang.org/protobuf/proto"
)

// readAll renders, in the order each method gives them, the quads of every
// read method that has a kv version, and Stats.
func readAll(t *testing.T, s *Store, labels []quad.Value) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	line := func(q quad.Quad) error { fmt.Fprintln(&b, q.NQuad()); return nil }
	b.WriteString("Quads\n")
	if err := s.Quads(ctx, line); err != nil {
		t.Fatal(err)
	}
	b.WriteString("Dump\n")
	if err := s.Dump(ctx, line); err != nil {
		t.Fatal(err)
	}
	b.WriteString("Triples\n")
	if err := s.Triples(ctx, line); err != nil {
		t.Fatal(err)
	}
	for _, l := range labels {
		fmt.Fprintf(&b, "QuadsIn %s\n", l)
		if err := s.QuadsIn(ctx, l, line); err != nil {
			t.Fatal(err)
		}
	}
	gs, err := s.Graphs()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "Graphs %v\n", gs)
	sum, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "Stats %d %d %d %v %v\n", sum.Quads, sum.Triples, sum.Graphs, sum.Classes, sum.Predicates)
	return b.String()
}

// TestKVReadMatchesCayley compares the direct kv read paths with Cayley's
// iterators (the path memory stores take) on bolt and leveldb stores
// that went through replacements and removals (deleted quads and nodes in
// the log and in the posting lists), with completeness records, triples
// stated by several graphs and unlabelled quads: same quads, same order.
func TestKVReadMatchesCayley(t *testing.T) {
	for _, b := range backends[1:3] {
		t.Run(b.name, func(t *testing.T) {
			s := mustOpen(t, b.spec(t))
			dumpFixture(t, s)
			var labels []quad.Value
			for i := 0; i < 6; i++ {
				l := iri(fmt.Sprintf("doc%d", i))
				labels = append(labels, l)
				qs := docQuads(fmt.Sprintf("doc%d", i), 40+i)
				qs = append(qs, quad.Quad{Subject: iri("s1"), Predicate: rdfType, Object: iri(fmt.Sprintf("C%d", i%2)), Label: l},
					quad.Quad{Subject: iri("shared"), Predicate: iri("n"), Object: quad.Int(i % 3), Label: l})
				if _, _, err := s.ReplaceGraph(l, qs); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := s.ReplaceGraph(labels[1], shrinkQuads("doc1")); err != nil {
				t.Fatal(err)
			}
			if _, err := s.RemoveGraph(labels[2]); err != nil {
				t.Fatal(err)
			}
			labels = append(labels, iri("a"), iri("b"), iri("missing"))
			fast := readAll(t, s, labels)
			kvdb := s.kv
			s.kv = nil // Cayley's iterators
			slow := readAll(t, s, labels)
			s.kv = kvdb
			if fast != slow {
				t.Errorf("kv read paths differ from Cayley's:\n--- kv\n%s--- cayley\n%s", fast, slow)
			}
			if !strings.Contains(fast, "doc1") || strings.Contains(fast, "/doc2> .") || strings.Contains(fast, "documents>") {
				t.Errorf("unexpected contents:\n%s", fast)
			}
		})
	}
}

// TestKVReadNoIndexes reads a store whose metadata lists other indexes
// than dipgraph's (no subject or label index first): the kv paths fall
// back to the log, or to Cayley, in Cayley's order.
func TestKVReadNoIndexes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "oi.db")
	indexesMu.Lock()
	saved := kv.DefaultQuadIndexes
	kv.DefaultQuadIndexes = []kv.QuadIndex{{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}}}
	indexesMu.Unlock()
	hold := LabelIndex
	LabelIndex = kv.QuadIndex{Dirs: []quad.Direction{quad.Predicate}}
	s, err := Open(p, Options{})
	indexesMu.Lock()
	kv.DefaultQuadIndexes = saved
	indexesMu.Unlock()
	LabelIndex = hold
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dumpFixture(t, s)
	if _, _, err := s.ReplaceGraph(iri("d"), docQuads("d", 20)); err != nil {
		t.Fatal(err)
	}
	labels := []quad.Value{iri("a"), iri("b"), iri("d")}
	fast := readAll(t, s, labels)
	kvdb := s.kv
	s.kv = nil
	slow := readAll(t, s, labels)
	s.kv = kvdb
	if fast != slow {
		t.Errorf("kv read paths differ from Cayley's:\n--- kv\n%s--- cayley\n%s", fast, slow)
	}
}

// TestDecodePrim checks the hand-written Primitive decoder on records
// written by Cayley: every log record decodes as protobuf reads it.
func TestDecodePrim(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "p.db"))
	dumpFixture(t, s)
	n := 0
	err := s.kvView(context.Background(), func(r *kvReader) error {
		return r.raw.scan(context.Background(), bucketLog, nil, func(k, v []byte) error {
			var p prim
			if err := decodePrim(v, &p); err != nil {
				return err
			}
			var want cproto.Primitive
			if err := proto.Unmarshal(v, &want); err != nil {
				return err
			}
			if p.id != want.ID || p.s != want.Subject || p.p != want.Predicate || p.o != want.Object ||
				p.l != want.Label || string(p.value) != string(want.Value) || p.deleted != want.Deleted {
				t.Errorf("record %x: decoded %+v, protobuf %v", k, p, &want)
			}
			n++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("only %d log records", n)
	}
	for _, bad := range [][]byte{{0x08}, {0x42, 0x05, 'a'}, {0x0b}} {
		if err := decodePrim(bad, &prim{}); err == nil {
			t.Errorf("decodePrim(%x) accepted a malformed record", bad)
		}
	}
}
