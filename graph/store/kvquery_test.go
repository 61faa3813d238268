package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestKVQueryMatchesQuads: KVQuery's lookups give the live quads Quads
// lists (a graph replaced, so that the log and the indexes hold deleted
// quads), with and without the predicate index, on bolt and leveldb, one
// by one and batched, the batches read in one part and in several.
func TestKVQueryMatchesQuads(t *testing.T) {
	defer func(n, procs int) { parMin = n; runtime.GOMAXPROCS(procs) }(parMin, runtime.GOMAXPROCS(4))
	for _, min := range []int{1024, 1} {
		parMin = min
		t.Run(fmt.Sprint("parMin=", min), testKVQueryMatchesQuads)
	}
}

func testKVQueryMatchesQuads(t *testing.T) {
	for i, pindex := range []bool{false, true, false} {
		spec := filepath.Join(t.TempDir(), "q.db")
		if i == 2 {
			spec = "leveldb:" + filepath.Join(t.TempDir(), "q.ldb")
		}
		s, err := Open(spec, Options{PredicateIndex: pindex})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		iri := func(f string, i int) quad.IRI { return quad.IRI(fmt.Sprintf("http://ex.org/%s%d", f, i)) }
		var first, second, third []quad.Quad
		for i := 0; i < 60; i++ {
			q := quad.Quad{Subject: iri("s", i%7), Predicate: iri("p", i%3), Object: iri("o", i%11), Label: iri("g", 0)}
			if i%5 == 0 {
				q.Object = quad.String(fmt.Sprint("lit", i%4))
			}
			first = append(first, q)
			if i%4 != 0 {
				second = append(second, q)
			}
			if i%4 != 1 {
				third = append(third, q) // some back: a deleted quad, then a live one
			}
		}
		if _, _, err := s.ReplaceGraph(iri("g", 0), first); err != nil {
			t.Fatal(err)
		}
		for _, qs := range [][]quad.Quad{second, third} {
			if _, _, err := s.ReplaceGraph(iri("g", 0), qs); err != nil {
				t.Fatal(err)
			}
		}
		ctx := context.Background()
		var live []quad.Quad
		if err := s.Quads(ctx, func(q quad.Quad) error { live = append(live, q); return nil }); err != nil {
			t.Fatal(err)
		}
		kq, err := OpenKVQuery(ctx, s.QuadStore())
		if err != nil {
			t.Fatal(err)
		}
		defer kq.Close()
		if kq.HasPredicateIndex() != pindex {
			t.Errorf("HasPredicateIndex %v, want %v", kq.HasPredicateIndex(), pindex)
		}
		id := func(v quad.Value) uint64 {
			n, err := kq.ID(v)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		name := func(n uint64) string {
			v, err := kq.Value(n)
			if err != nil {
				t.Fatal(err)
			}
			return quad.StringOf(v)
		}
		sorted := func(l []string) []string { slices.Sort(l); return slices.Compact(l) }
		var subjects, objects []uint64
		for _, q := range live {
			subjects = append(subjects, id(q.Subject))
			objects = append(objects, id(q.Object))
		}
		got, want := map[string][]string{}, map[string][]string{}
		for _, q := range live {
			s, p, o := quad.StringOf(q.Subject), quad.StringOf(q.Predicate), quad.StringOf(q.Object)
			want["out "+s] = append(want["out "+s], p+" "+o)
			want["outp "+s+" "+p] = append(want["outp "+s+" "+p], o)
			want["in "+o+" "+p] = append(want["in "+o+" "+p], s)
			want["pred "+p] = append(want["pred "+p], s+" "+o)
		}
		for _, q := range live {
			s, p, o := id(q.Subject), id(q.Predicate), id(q.Object)
			ks, kp, ko := name(s), name(p), name(o)
			var l []string
			kq.Out(s, 0, func(p, o uint64) error { l = append(l, name(p)+" "+name(o)); return nil })
			got["out "+ks] = l
			l = nil
			kq.Out(s, p, func(_, o uint64) error { l = append(l, name(o)); return nil })
			got["outp "+ks+" "+kp] = l
			l = nil
			kq.In(o, p, func(s uint64) error { l = append(l, name(s)); return nil })
			got["in "+ko+" "+kp] = l
			// InPostings and AnyLive: the same subjects.
			if subs, quads, ok, err := kq.InPostings(o, p); err != nil || !ok || len(subs) != len(quads) {
				t.Errorf("pindex %v: InPostings %v %v %v", pindex, subs, ok, err)
			} else {
				var lp []string
				for i, s := range subs {
					if live, err := kq.AnyLive(quads[i]); err != nil || live {
						lp = append(lp, name(s))
					}
				}
				if !slices.Equal(sorted(lp), sorted(slices.Clone(l))) {
					t.Errorf("pindex %v: InPostings live %v, In %v", pindex, lp, l)
				}
			}
			l = nil
			kq.Predicate(p, func(s, o uint64) error { l = append(l, name(s)+" "+name(o)); return nil })
			got["pred "+kp] = l
		}
		batch := map[string][]string{}
		kq.OutAll(subjects, func(s, p, o uint64) error {
			batch["out "+name(s)] = append(batch["out "+name(s)], name(p)+" "+name(o))
			return nil
		})
		for i := 0; i < 3; i++ {
			p := id(iri("p", i))
			kq.OutEach(subjects, p, func(s, o uint64) error {
				batch["outp "+name(s)+" "+name(p)] = append(batch["outp "+name(s)+" "+name(p)], name(o))
				return nil
			})
			kq.InEach(objects, p, func(o, s uint64) error {
				batch["in "+name(o)+" "+name(p)] = append(batch["in "+name(o)+" "+name(p)], name(s))
				return nil
			})
		}
		// A fork (bolt only) reads what its parent reads, from another
		// goroutine, and its Close leaves the transaction open.
		if f := kq.Fork(); (f != nil) != (i < 2) {
			t.Errorf("pindex %v, store %d: Fork %v", pindex, i, f)
		} else if f != nil {
			done := make(chan map[string][]string)
			go func() {
				m := map[string][]string{}
				f.OutAll(subjects, func(s, p, o uint64) error {
					m["out "+name(s)] = append(m["out "+name(s)], name(p)+" "+name(o))
					return nil
				})
				done <- m
			}()
			m := <-done
			f.Close()
			for k, w := range batch {
				if k[:4] == "out " && !slices.Equal(sorted(m[k]), sorted(slices.Clone(w))) {
					t.Errorf("pindex %v: fork %s: %v, want %v", pindex, k, m[k], w)
				}
			}
		}
		var ids []uint64
		for _, q := range live {
			ids = append(ids, id(q.Subject), id(q.Predicate), id(q.Object))
		}
		// OutAllWith: OutAll's quads, and the values of the subjects that
		// are nodes, asked of every id up to past the last (quads' ids,
		// deleted nodes' too).
		var every []uint64
		for n := uint64(1); n <= 2*slices.Max(ids); n++ {
			every = append(every, n)
		}
		var withQuads, allQuads []string
		vals := map[uint64]string{}
		err = OutAllWith(kq, every, quad.StringOf, func(n uint64, v string) error {
			if _, dup := vals[n]; dup {
				t.Errorf("pindex %v: OutAllWith gave value %d twice", pindex, n)
			}
			vals[n] = v
			return nil
		}, func(s, p, o uint64) error {
			withQuads = append(withQuads, fmt.Sprint(s, p, o))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		kq.OutAll(every, func(s, p, o uint64) error { allQuads = append(allQuads, fmt.Sprint(s, p, o)); return nil })
		if len(allQuads) < len(live) || !slices.Equal(withQuads, allQuads) {
			t.Errorf("pindex %v: OutAllWith quads %d %v, OutAll %d %v (%d live)", pindex, len(withQuads), withQuads, len(allQuads), allQuads, len(live))
		}
		for n, v := range vals {
			if w := name(n); v != w {
				t.Errorf("pindex %v: OutAllWith value %d %q, want %q", pindex, n, v, w)
			}
		}
		for _, n := range ids {
			if _, ok := vals[n]; !ok {
				t.Errorf("pindex %v: OutAllWith gave no value for node %d (%s)", pindex, n, name(n))
			}
		}
		ids = append(ids, 0, ids[0])
		var gotVals, wantVals []string
		kq.Values(ids, func(n uint64, v quad.Value) error {
			gotVals = append(gotVals, fmt.Sprint(n, " ", quad.StringOf(v)))
			return nil
		})
		for _, n := range sortedIDs(ids) {
			wantVals = append(wantVals, fmt.Sprint(n, " ", name(n)))
		}
		if !slices.Equal(gotVals, wantVals) {
			t.Errorf("pindex %v: Values %v, want %v", pindex, gotVals, wantVals)
		}
		for k, w := range want {
			w = sorted(w)
			if g := sorted(got[k]); !slices.Equal(g, w) {
				t.Errorf("pindex %v: %s: %v, want %v", pindex, k, g, w)
			}
			if k[:4] == "pred" {
				continue
			}
			if g := sorted(batch[k]); !slices.Equal(g, w) {
				t.Errorf("pindex %v: batched %s: %v, want %v", pindex, k, g, w)
			}
		}
		if st := kq.Stats(); st.Records == 0 || st.Values == 0 || st.Keys == 0 {
			t.Errorf("stats %+v", st)
		}
	}
}

// sortedIDs is ids in ascending order, once each, without 0.
func sortedIDs(ids []uint64) []uint64 {
	l := slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(l) > 0 && l[0] == 0 {
		l = l[1:]
	}
	return l
}

// TestSortIDs: sortIDs sorts short and long lists, of small and large ids.
func TestSortIDs(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 5, 2047, 2048, 5000, 70000} {
		for _, max := range []uint64{1, 300, 1 << 20, 1 << 40, 1<<64 - 1} {
			ids := make([]uint64, n)
			for i := range ids {
				ids[i] = rng.Uint64() % max
				if max == 1<<64-1 {
					ids[i] = rng.Uint64()
				}
			}
			want := slices.Clone(ids)
			slices.Sort(want)
			sortIDs(ids)
			if !slices.Equal(ids, want) {
				t.Fatalf("%d ids below %d: not sorted", n, max)
			}
		}
	}
}

// TestDecodePrimFast: decodePrimFast decodes the records Cayley writes as
// decodePrim does, and refuses what it does not know (decodePrim then
// decodes it); random records and random bytes.
func TestDecodePrimFast(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	varint := func(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }
	common := func() []byte {
		var b []byte
		for _, f := range []uint64{1, 2, 3, 4, 5, 7} {
			b = varint(varint(b, f<<3), uint64(rng.Int63())>>uint(rng.Intn(64)))
		}
		if rng.Intn(2) == 0 {
			b = varint(varint(b, 8<<3|2), 5)
			b = append(b, "value"...)
		}
		if rng.Intn(4) == 0 {
			b = varint(varint(b, 9<<3), 1)
		}
		return b
	}
	for i := 0; i < 20000; i++ {
		var b []byte
		switch i % 4 {
		case 0:
			b = common()
			var fast prim
			if !decodePrimFast(b, &fast) {
				t.Fatalf("% x: a common record refused", b)
			}
		case 1: // a common record, cut or with a byte changed
			b = common()
			if rng.Intn(2) == 0 {
				b = b[:rng.Intn(len(b))]
			} else {
				b[rng.Intn(len(b))] = byte(rng.Intn(256))
			}
		case 2: // other fields and wire types
			b = common()
			switch rng.Intn(4) {
			case 0:
				b = varint(varint(b, 6<<3), 7)
			case 1:
				b = append(varint(b, 10<<3|1), make([]byte, 8)...)
			case 2:
				b = append(varint(b, 11<<3|5), 1, 2, 3, 4)
			case 3:
				b = varint(varint(b, 200<<3), 1) // a two-byte tag
			}
			if i%8 == 2 { // a varint of more than 64 bits
				b = append(varint(b, 2<<3), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, byte(2+rng.Intn(2)*126))
			}
		default:
			b = make([]byte, rng.Intn(40))
			rng.Read(b)
		}
		var fast, slow prim
		ok := decodePrimFast(b, &fast)
		err := decodePrim(b, &slow)
		if ok && (err != nil || fast.id != slow.id || fast.s != slow.s || fast.p != slow.p || fast.o != slow.o ||
			fast.l != slow.l || fast.deleted != slow.deleted || string(fast.value) != string(slow.value) ||
			len(fast.value) != len(slow.value) || cap(fast.value) != cap(slow.value)) {
			t.Fatalf("% x: fast %+v, decodePrim %+v (%v)", b, fast, slow, err)
		}
	}
}
