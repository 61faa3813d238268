package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
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

// TestDecodeValue checks the hand-written value decoder against pquads on
// every kind of value, and on encodings it must leave to pquads.
func TestDecodeValue(t *testing.T) {
	vals := []quad.Value{
		iri("x"), quad.IRI(""), quad.BNode("b1"), quad.String(""), quad.String("Россия \"q\"\n"),
		quad.TypedString{Value: "3", Type: "http://www.w3.org/2001/XMLSchema#integer"},
		quad.TypedString{Value: "", Type: ""}, quad.LangString{Value: "x", Lang: "zh-Hant-TW"},
		quad.LangString{Value: "", Lang: ""}, quad.Int(-7), quad.Float(2.5), quad.Bool(true),
		quad.Time(time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC)),
	}
	var encs [][]byte
	for _, v := range vals {
		b, err := pquads.MarshalValue(v)
		if err != nil {
			t.Fatal(err)
		}
		encs = append(encs, b)
	}
	fast := 0
	encs = append(encs,
		[]byte{0x1a, 0x02, 0xff, 0xfe},                       // an IRI of invalid UTF-8
		[]byte{0x1a, 0x01, 'a', 0x22, 0x01, 'b'},             // two fields: the last wins
		[]byte{0x2a, 0x06, 0x0a, 0x01, 'v', 0x1a, 0x01, 'x'}, // unknown nested field
		[]byte{0x0a, 0x03, '<', 'a', '>'},                    // raw
	)
	for _, b := range encs {
		want, werr := pquads.UnmarshalValue(b)
		got, err := decodeValue(b)
		if (err != nil) != (werr != nil) || err == nil && (got == nil) != (want == nil) ||
			err == nil && got != nil && (got.String() != want.String() || fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want)) {
			t.Errorf("%x: decodeValue %#v, %v; pquads %#v, %v", b, got, err, want, werr)
		}
		if _, ok := decodeValueFast(b); ok {
			fast++
		}
	}
	if fast < 8 {
		t.Errorf("only %d values decoded by hand", fast)
	}
}
