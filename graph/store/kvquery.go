package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"unsafe"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
)

// ErrNotKV is returned by OpenKVQuery for a store that is not a bolt or
// leveldb store (memory, PostgreSQL, a wrapper it cannot see through).
var ErrNotKV = errors.New("not a bolt or leveldb store")

// KVQuery answers the lookups of native query plans (package queries) from
// Cayley's kv layout directly, in one read transaction: the edges out of a
// node (the subject index), the subjects with an edge into a node (the
// object index), the edges of one predicate (the predicate index, when the
// store has one), and values by node id or node ids by value (the value
// hash buckets), as Cayley's kv store finds them. A quad counts when its
// log record is not marked deleted, as Cayley's iterators count it. It is
// not safe for concurrent use; Close ends the transaction.
type KVQuery struct {
	r    *kvReader
	subj kv.QuadIndex // the index Cayley reads a subject's quads from
	obj  kv.QuadIndex // ... an object's
	pred kv.QuadIndex // ... a predicate's; no Dirs when it scans the log
	p    prim
	key  [24]byte
	st   KVQueryStats
	ctx  context.Context // its end stops the reads
	// forked: made by Fork, on another KVQuery's transaction
	forked bool
}

// KVQueryStats counts what a KVQuery read: a measure of a plan's work
// that does not depend on the machine.
type KVQueryStats struct {
	Records int // quad records read from the log
	Values  int // node values read from the log
	Keys    int // index entries read
}

// Stats returns what q has read so far.
func (q *KVQuery) Stats() KVQueryStats { return q.st }

// OpenKVQuery opens a read transaction on the kv database under qs, a
// bolt or leveldb store as Open makes them (qs is Store.QuadStore()).
// Reads fail with ctx's error once ctx ends.
func OpenKVQuery(ctx context.Context, qs graph.QuadStore) (*KVQuery, error) {
	db := kvOf(qs)
	if db == nil {
		return nil, ErrNotKV
	}
	if w, ok := db.(*txKV); ok {
		db = w.KV
	}
	var raw rawTx
	if b, ok := db.(*hbolt.DB); ok {
		tx, err := b.DB().Begin(false)
		if err != nil {
			return nil, err
		}
		raw = &boltTx{tx: tx, log: tx.Bucket(bucketLog)}
	} else {
		tx, err := db.Tx(ctx, false)
		if err != nil {
			return nil, err
		}
		raw = genericTx{ctx: ctx, tx: tx}
	}
	r := &kvReader{raw: raw, cache: newValueCache(valueCacheSize), quads: raw.logFinder(), nodes: raw.logFinder()}
	if err := r.init(); err != nil {
		raw.close()
		return nil, err
	}
	if t, ok := raw.(*boltTx); ok && t.log != nil {
		// Reads of sorted ids step forward further than the export's.
		r.quads = &logCursor{c: t.log.Cursor()}
		r.nodes = &logCursor{c: t.log.Cursor()}
	}
	q := &KVQuery{r: r, ctx: ctx}
	q.subj = q.lead(quad.Subject)
	q.obj = q.lead(quad.Object)
	q.pred = q.lead(quad.Predicate)
	return q, nil
}

// logCursor finds log records with a cursor that steps forward to the
// next id when it is at most logCursorSteps ids ahead (within the leaf
// page it is on, or the next) and seeks otherwise: reading ascending ids
// touches each page once instead of searching the tree from its root for
// each. Stepping further costs more than a seek: it touches pages that
// hold nothing wanted (on the 1.5M-quad bench store 32 steps took 0.8-0.9x
// the CPU time of 256).
type logCursor struct {
	c    *bolt.Cursor
	k, v []byte
	key  [8]byte
}

const logCursorSteps = 32

func (l *logCursor) find(id uint64) ([]byte, error) {
	if len(l.k) == 8 {
		if kid := binary.BigEndian.Uint64(l.k); kid <= id && id-kid <= logCursorSteps {
			for len(l.k) == 8 && binary.BigEndian.Uint64(l.k) < id {
				l.k, l.v = l.c.Next()
			}
			if len(l.k) == 8 && binary.BigEndian.Uint64(l.k) == id {
				return l.v, nil
			}
			return nil, nil
		}
	}
	binary.BigEndian.PutUint64(l.key[:], id)
	l.k, l.v = l.c.Seek(l.key[:])
	if string(l.k) != string(l.key[:]) {
		return nil, nil
	}
	return l.v, nil
}

// kvOf finds the kv database of a Cayley kv store. Cayley keeps it in an
// unexported field and offers no accessor; nil when qs is no kv store or
// the field is not what this version of Cayley has.
func kvOf(qs graph.QuadStore) hkv.KV {
	k, ok := graph.Unwrap(qs).(*kv.QuadStore)
	if !ok || k == nil {
		return nil
	}
	f := reflect.ValueOf(k).Elem().FieldByName("db")
	if !f.IsValid() || f.Type() != reflect.TypeFor[hkv.KV]() {
		return nil
	}
	return *(*hkv.KV)(unsafe.Pointer(f.UnsafeAddr()))
}

// lead is the index Cayley's QuadIterator(d, node) scans: the first whose
// leading direction is d (no Dirs when there is none).
func (q *KVQuery) lead(d quad.Direction) kv.QuadIndex {
	for _, ind := range q.r.indexes {
		if len(ind.Dirs) > 0 && ind.Dirs[0] == d {
			return ind
		}
	}
	return kv.QuadIndex{}
}

// Close ends the read transaction (a fork's does nothing).
func (q *KVQuery) Close() error {
	if q.forked {
		return nil
	}
	return q.r.raw.close()
}

// Fork returns a KVQuery on q's read transaction with readers and
// statistics of its own, for use on another goroutine while q is used on
// this one (a bbolt read-only transaction may be read by several cursors
// at once, as the batch reads do: kvquery_par.go); nil on leveldb. Its
// Close does nothing: q's ends the transaction, after the fork's last use.
func (q *KVQuery) Fork() *KVQuery {
	t, ok := q.r.raw.(*boltTx)
	if !ok || t.log == nil {
		return nil
	}
	r := &kvReader{raw: t, horizon: q.r.horizon, indexes: q.r.indexes, cache: newValueCache(valueCacheSize),
		quads: &logCursor{c: t.log.Cursor()}, nodes: &logCursor{c: t.log.Cursor()}}
	return &KVQuery{r: r, subj: q.subj, obj: q.obj, pred: q.pred, ctx: q.ctx, forked: true}
}

// HasPredicateIndex reports whether Predicate reads an index (else it
// scans the whole log).
func (q *KVQuery) HasPredicateIndex() bool { return len(q.pred.Dirs) > 0 }

// ID returns the node id of v, 0 when the store does not hold it.
func (q *KVQuery) ID(v quad.Value) (uint64, error) {
	if v == nil {
		return 0, nil
	}
	return q.r.nodeID(v)
}

// Value returns the value of node id, as Cayley's NameOf gives it.
func (q *KVQuery) Value(id uint64) (quad.Value, error) {
	if id == 0 {
		return nil, nil
	}
	q.st.Values++
	var p prim
	found, err := q.record(q.r.nodes, id, &p)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("value %d is missing from the quad log", id)
	}
	v, err := decodeValue(p.value)
	if err != nil {
		return nil, fmt.Errorf("value %d: %w", id, err)
	}
	return v, nil
}

func indexName(ind kv.QuadIndex) []byte {
	name := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		name[i] = d.Prefix()
	}
	return name
}

// live reads the record of quad id into q.p: false when there is none or
// it is deleted.
func (q *KVQuery) live(id uint64) (bool, error) {
	q.st.Records++
	if q.st.Records&4095 == 0 {
		if err := q.ctx.Err(); err != nil {
			return false, err
		}
	}
	found, err := q.record(q.r.quads, id, &q.p)
	return found && !q.p.deleted && !q.p.isNode(), err
}

// quads calls fn with each live quad (in q.p) whose direction lead is the
// node a and, when b is not 0, whose direction next is b: from the index
// that leads with lead (by its first two directions when its second is
// next), else from the log.
func (q *KVQuery) quads(ind kv.QuadIndex, lead, next quad.Direction, a, b uint64, fn func(p *prim) error) error {
	match := func(p *prim) bool { return p.dir(lead) == a && (b == 0 || p.dir(next) == b) }
	if len(ind.Dirs) == 0 {
		return q.r.scanLog(context.Background(), scan{want: match, fn: func(e *entry) error { return fn(&e.p) }})
	}
	binary.BigEndian.PutUint64(q.key[:8], a)
	prefix := q.key[:8]
	if b != 0 && len(ind.Dirs) > 1 && ind.Dirs[1] == next {
		binary.BigEndian.PutUint64(q.key[8:16], b)
		prefix = q.key[:16]
	}
	prefix = append([]byte(nil), prefix...)
	name := indexName(ind)
	return q.r.raw.scan(context.Background(), name, prefix, func(k, v []byte) error {
		q.st.Keys++
		return postings(name, k, v, func(_, id uint64) error {
			ok, err := q.live(id)
			if err != nil || !ok || !match(&q.p) {
				return err
			}
			return fn(&q.p)
		})
	})
}

// Out calls fn with the predicate and object of every live quad with
// subject s (and predicate p, if p is not 0), once per quad.
func (q *KVQuery) Out(s, p uint64, fn func(p, o uint64) error) error {
	if s == 0 {
		return nil
	}
	return q.quads(q.subj, quad.Subject, quad.Predicate, s, p, func(r *prim) error { return fn(r.p, r.o) })
}

// In calls fn with the subject of the live quads with object o and
// predicate p: once per subject when the object index holds the subject
// in its keys (object, predicate, subject: Cayley's default), else once
// per quad.
func (q *KVQuery) In(o, p uint64, fn func(s uint64) error) error {
	if o == 0 || p == 0 {
		return nil
	}
	ind := q.obj
	if len(ind.Dirs) == 3 && ind.Dirs[1] == quad.Predicate && ind.Dirs[2] == quad.Subject {
		binary.BigEndian.PutUint64(q.key[:8], o)
		binary.BigEndian.PutUint64(q.key[8:16], p)
		prefix := append([]byte(nil), q.key[:16]...)
		name := indexName(ind)
		return q.r.raw.scan(context.Background(), name, prefix, func(k, v []byte) error {
			q.st.Keys++
			if len(k) < 24 {
				return fmt.Errorf("index %s: short key", name)
			}
			// One live quad is enough: the key names the subject.
			var found bool
			err := postings(name, k, v, func(_, id uint64) error {
				ok, err := q.live(id)
				if err == nil && ok {
					found = true
					return errStop
				}
				return err
			})
			if err != nil && !errors.Is(err, errStop) {
				return err
			}
			if found {
				return fn(binary.BigEndian.Uint64(k[16:24]))
			}
			return nil
		})
	}
	return q.quads(ind, quad.Object, quad.Predicate, o, p, func(r *prim) error { return fn(r.s) })
}

// Predicate calls fn with the subject and object of every live quad with
// predicate p, once per quad: a prefix scan of the predicate index, or a
// scan of the whole log without one.
func (q *KVQuery) Predicate(p uint64, fn func(s, o uint64) error) error {
	if p == 0 {
		return nil
	}
	return q.quads(q.pred, quad.Predicate, quad.Object, p, 0, func(r *prim) error { return fn(r.s, r.o) })
}

// prefixCursor scans the keys of one index bucket under a series of
// ascending prefixes: on bolt one cursor steps forward to the next prefix
// when it is near and seeks when it is not, so that reading the nodes of
// a sorted list touches each page of the index once.
type prefixCursor struct {
	raw  rawTx
	name []byte
	c    interface {
		Seek([]byte) ([]byte, []byte)
		Next() ([]byte, []byte)
	}
	k, v []byte
	st   *KVQueryStats
}

// prefixSteps is how many keys scan steps over before it seeks.
const prefixSteps = 16

func (q *KVQuery) prefixCursor(name []byte) *prefixCursor {
	pc := &prefixCursor{raw: q.r.raw, name: name, st: &q.st}
	if t, ok := q.r.raw.(*boltTx); ok {
		if b := t.bucket(name); b != nil {
			pc.c = b.Cursor()
		}
	}
	return pc
}

// scan calls fn with each key under prefix and its value; prefixes must
// come in ascending order.
func (pc *prefixCursor) scan(prefix []byte, fn func(k, v []byte) error) error {
	if pc.c == nil {
		if _, bolt := pc.raw.(*boltTx); bolt {
			return nil // no such bucket
		}
		return pc.raw.scan(context.Background(), pc.name, prefix, func(k, v []byte) error {
			pc.st.Keys++
			return fn(k, v)
		})
	}
	steps := 0
	for pc.k != nil && string(pc.k) < string(prefix) && steps < prefixSteps {
		pc.k, pc.v = pc.c.Next()
		steps++
	}
	if pc.k == nil || string(pc.k) < string(prefix) {
		pc.k, pc.v = pc.c.Seek(prefix)
	}
	for ; pc.k != nil && hasPrefix(pc.k, prefix); pc.k, pc.v = pc.c.Next() {
		if pc.v == nil {
			continue
		}
		pc.st.Keys++
		if err := fn(pc.k, pc.v); err != nil {
			return err
		}
	}
	return nil
}

// OutAll calls fn with every live quad out of each of the subjects (in
// ascending order of their quads' ids): their index entries read in one
// forward pass over the subject index, then their log records in id
// order.
func (q *KVQuery) OutAll(subjects []uint64, fn func(s, p, o uint64) error) error {
	if len(subjects) == 0 {
		return nil
	}
	if len(q.subj.Dirs) == 0 {
		for _, s := range subjects {
			if err := q.Out(s, 0, func(p, o uint64) error { return fn(s, p, o) }); err != nil {
				return err
			}
		}
		return nil
	}
	subs := uniqueSorted(append([]uint64(nil), subjects...))
	ids, err := q.postingsOf(indexName(q.subj), subs, func(b []byte, s uint64) []byte {
		return binary.BigEndian.AppendUint64(b, s)
	})
	if err != nil {
		return err
	}
	recs, err := q.records(ids)
	if err != nil {
		return err
	}
	want := make(map[uint64]bool, len(subs))
	for _, s := range subs {
		want[s] = true
	}
	for _, r := range recs {
		if r.live && want[r.s] {
			if err := fn(r.s, r.p, r.o); err != nil {
				return err
			}
		}
	}
	return nil
}

// Values calls fn with the value of each node id, read in id order.
func (q *KVQuery) Values(ids []uint64, fn func(id uint64, v quad.Value) error) error {
	return ValuesWith(q, ids, func(v quad.Value) quad.Value { return v }, fn)
}

// OutEach calls fn with the subject and object of every live quad with
// predicate p out of each of the subjects: their index entries read in
// one forward pass over the subject index (by subject and predicate),
// then their log records in id order.
func (q *KVQuery) OutEach(subjects []uint64, p uint64, fn func(s, o uint64) error) error {
	if len(subjects) == 0 || p == 0 {
		return nil
	}
	if len(q.subj.Dirs) < 2 || q.subj.Dirs[1] != quad.Predicate {
		for _, s := range subjects {
			if err := q.Out(s, p, func(_, o uint64) error { return fn(s, o) }); err != nil {
				return err
			}
		}
		return nil
	}
	subs := uniqueSorted(append([]uint64(nil), subjects...))
	ids, err := q.postingsOf(indexName(q.subj), subs, func(b []byte, s uint64) []byte {
		return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(b, s), p)
	})
	if err != nil {
		return err
	}
	recs, err := q.records(ids)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if r.live && r.p == p {
			if err := fn(r.s, r.o); err != nil {
				return err
			}
		}
	}
	return nil
}

// InIDs lists the node ids In(o, p) gives, without decoding them.
func (q *KVQuery) InIDs(o, p uint64) ([]uint64, error) {
	var ids []uint64
	err := q.In(o, p, func(s uint64) error { ids = append(ids, s); return nil })
	return ids, err
}

// InEach calls fn with each object of objects and the subjects of the
// live quads with that object and predicate p (once per subject when the
// object index holds the subject in its keys, else once per quad): one
// forward pass over the object index.
func (q *KVQuery) InEach(objects []uint64, p uint64, fn func(o, s uint64) error) error {
	ind := q.obj
	if len(objects) == 0 || p == 0 {
		return nil
	}
	if len(ind.Dirs) != 3 || ind.Dirs[1] != quad.Predicate || ind.Dirs[2] != quad.Subject {
		for _, o := range objects {
			if err := q.In(o, p, func(s uint64) error { return fn(o, s) }); err != nil {
				return err
			}
		}
		return nil
	}
	// The entries in one forward pass, then the first quad's record of
	// each in id order (records, in parts): an entry counts when one of
	// its quads is live, the others read only when the first is not.
	objs := uniqueSorted(append([]uint64(nil), objects...))
	name := indexName(ind)
	pc := q.prefixCursor(name)
	var prefix [16]byte
	binary.BigEndian.PutUint64(prefix[8:], p)
	type entry struct {
		o, s   uint64
		lo, hi int // its quads: ids[lo:hi]
	}
	var entries []entry
	var ids, firsts []uint64
	for _, o := range objs {
		binary.BigEndian.PutUint64(prefix[:8], o)
		err := pc.scan(prefix[:], func(k, v []byte) error {
			if len(k) < 24 {
				return fmt.Errorf("index %s: short key", name)
			}
			e := entry{o: o, s: binary.BigEndian.Uint64(k[16:24]), lo: len(ids)}
			err := postings(name, k, v, func(_, id uint64) error { ids = append(ids, id); return nil })
			if e.hi = len(ids); e.hi > e.lo {
				firsts = append(firsts, ids[e.lo])
			}
			entries = append(entries, e)
			return err
		})
		if err != nil {
			return err
		}
	}
	firsts = uniqueSorted(firsts)
	recs, err := q.records(firsts)
	if err != nil {
		return err
	}
	live := make(map[uint64]bool, len(firsts))
	for i, r := range recs {
		if r.live {
			live[firsts[i]] = true
		}
	}
	for _, e := range entries {
		found := e.hi > e.lo && live[ids[e.lo]]
		for _, id := range ids[min(e.lo+1, e.hi):e.hi] {
			if found {
				break
			}
			if found, err = q.live(id); err != nil {
				return err
			}
		}
		if found {
			if err := fn(e.o, e.s); err != nil {
				return err
			}
		}
	}
	return nil
}

// InPostings lists the subjects of the object index's entries for object
// o and predicate p (in the index's order: ascending) with the quad ids of
// each (quads[i] are subjects[i]'s), without reading the quads: some may
// be deleted (AnyLive tells). It needs Cayley's object, predicate,
// subject index; ok is false without it.
func (q *KVQuery) InPostings(o, p uint64) (subjects []uint64, quads [][]uint64, ok bool, err error) {
	ind := q.obj
	if len(ind.Dirs) != 3 || ind.Dirs[1] != quad.Predicate || ind.Dirs[2] != quad.Subject {
		return nil, nil, false, nil
	}
	binary.BigEndian.PutUint64(q.key[:8], o)
	binary.BigEndian.PutUint64(q.key[8:16], p)
	prefix := append([]byte(nil), q.key[:16]...)
	name := indexName(ind)
	var ids []uint64
	var ends []int
	err = q.r.raw.scan(context.Background(), name, prefix, func(k, v []byte) error {
		q.st.Keys++
		if len(k) < 24 {
			return fmt.Errorf("index %s: short key", name)
		}
		subjects = append(subjects, binary.BigEndian.Uint64(k[16:24]))
		err := postings(name, k, v, func(_, id uint64) error { ids = append(ids, id); return nil })
		ends = append(ends, len(ids))
		return err
	})
	quads = make([][]uint64, len(subjects))
	for i, end := range ends {
		lo := 0
		if i > 0 {
			lo = ends[i-1]
		}
		quads[i] = ids[lo:end:end]
	}
	return subjects, quads, true, err
}

// AnyLive reports whether one of the quads is live.
func (q *KVQuery) AnyLive(quads []uint64) (bool, error) {
	for _, id := range quads {
		if ok, err := q.live(id); err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

// InUnchecked calls fn with each object of objects and each subject the
// object index lists for it and predicate p, without reading the quads:
// some may be deleted. A caller that reads the subjects' quads anyway
// (OutAll) checks there that the quad subject p object is live. With
// another object index it is InEach (checked).
func (q *KVQuery) InUnchecked(objects []uint64, p uint64, fn func(o, s uint64) error) error {
	ind := q.obj
	if len(ind.Dirs) != 3 || ind.Dirs[1] != quad.Predicate || ind.Dirs[2] != quad.Subject {
		return q.InEach(objects, p, fn)
	}
	if len(objects) == 0 || p == 0 {
		return nil
	}
	objs := append([]uint64(nil), objects...)
	slices.Sort(objs)
	name := indexName(ind)
	pc := q.prefixCursor(name)
	var prefix [16]byte
	binary.BigEndian.PutUint64(prefix[8:], p)
	for i, o := range objs {
		if i > 0 && o == objs[i-1] {
			continue
		}
		binary.BigEndian.PutUint64(prefix[:8], o)
		err := pc.scan(prefix[:], func(k, v []byte) error {
			if len(k) < 24 {
				return fmt.Errorf("index %s: short key", name)
			}
			return fn(o, binary.BigEndian.Uint64(k[16:24]))
		})
		if err != nil {
			return err
		}
	}
	return nil
}
