package store

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/quad"
)

// The batch reads of KVQuery (OutAll, OutEach, InEach, Values) split a
// sorted list of ids into contiguous parts, read side by side by a few
// goroutines on the one read transaction: a bbolt read-only transaction
// writes nothing as cursors walk it (no page or node caches, atomic
// statistics), so cursors of their own may read it at once; a second
// transaction could see another snapshot, and could deadlock behind a
// writer waiting to remap the file. There are more parts than goroutines,
// each goroutine taking the next part when done with one, so that a
// goroutine the machine's other work holds up leaves its share to the
// others. The results are handed over in the order of the ids, on the
// caller's goroutine, so that callers see what a single pass would give.
// On leveldb (hidalgo's generic transaction) the reads stay in one
// goroutine.

// parMin is the fewest ids a part gets: below it, a part costs more than
// it saves (a variable for the tests).
var parMin = 1024

// parMax bounds the goroutines of one batch; parPer is how many parts
// each gets at most.
const (
	parMax = 4
	parPer = 4
)

// parWorkers is how many goroutines read a batch's parts.
func parWorkers() int { return min(runtime.GOMAXPROCS(0), parMax) }

// parts splits n ordered items into contiguous ranges [lo, hi): one range
// when the transaction cannot be shared or n is small.
func (q *KVQuery) parts(n int) [][2]int {
	k := min(parWorkers()*parPer, n/parMin)
	if t, ok := q.r.raw.(*boltTx); !ok || t.log == nil || k < 2 || parWorkers() < 2 {
		return [][2]int{{0, n}}
	}
	out := make([][2]int, k)
	for i := range out {
		out[i] = [2]int{i * n / k, (i + 1) * n / k}
	}
	return out
}

// eachPart runs fn for each part, on this goroutine and a few others,
// each part with statistics of its own (added to q's at the end); it
// returns the first error (by part).
func (q *KVQuery) eachPart(parts [][2]int, fn func(i int, st *KVQueryStats) error) error {
	if len(parts) == 1 {
		return fn(0, &q.st)
	}
	stats := make([]KVQueryStats, len(parts))
	errs := make([]error, len(parts))
	var next atomic.Int32
	work := func() {
		for {
			i := int(next.Add(1)) - 1
			if i >= len(parts) {
				return
			}
			errs[i] = fn(i, &stats[i])
		}
	}
	var wg sync.WaitGroup
	for range min(parWorkers(), len(parts)) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	for _, s := range stats {
		q.st.Records += s.Records
		q.st.Values += s.Values
		q.st.Keys += s.Keys
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// logReader is a reader of log records for one part: q's own for the
// first part (its locality kept; one goroutine reads a part), a new
// cursor for the others.
func (q *KVQuery) logReader(i int, nodes bool) logFinder {
	if i == 0 {
		if nodes {
			return q.r.nodes
		}
		return q.r.quads
	}
	t := q.r.raw.(*boltTx)
	return &logCursor{c: t.log.Cursor()}
}

// spoRec is a quad record as a batch read it: live false when the quad is
// missing, deleted or a node.
type spoRec struct {
	s, p, o uint64
	live    bool
}

// uniqueSorted sorts ids and drops repeats, in place.
func uniqueSorted(ids []uint64) []uint64 {
	sortIDs(ids)
	return slices.Compact(ids)
}

// sortIDs sorts ids: a long list by a least-significant-digit radix sort
// on the bytes its largest id has (node and quad ids are small numbers: a
// 1.5M-quad store's take 3 bytes), in three or four counting passes
// instead of a comparison sort's log2(n).
func sortIDs(ids []uint64) {
	if len(ids) < 2048 {
		slices.Sort(ids)
		return
	}
	top := slices.Max(ids)
	tmp := make([]uint64, len(ids))
	src, dst := ids, tmp
	for shift := uint(0); shift < 64 && top>>shift != 0; shift += 8 {
		var counts [257]int
		for _, id := range src {
			counts[(id>>shift)&0xff+1]++
		}
		if counts[(src[0]>>shift)&0xff+1] == len(src) {
			continue // one value of this byte: nothing moves
		}
		for i := 1; i < len(counts); i++ {
			counts[i] += counts[i-1]
		}
		for _, id := range src {
			b := (id >> shift) & 0xff
			dst[counts[b]] = id
			counts[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &ids[0] {
		copy(ids, src)
	}
}

// records reads the quad records of ids (sorted, distinct), in parts.
func (q *KVQuery) records(ids []uint64) ([]spoRec, error) {
	out := make([]spoRec, len(ids))
	parts := q.parts(len(ids))
	err := q.eachPart(parts, func(i int, st *KVQueryStats) error {
		f := q.logReader(i, false)
		var p prim
		for j := parts[i][0]; j < parts[i][1]; j++ {
			st.Records++
			if st.Records&4095 == 0 {
				if err := q.ctx.Err(); err != nil {
					return err
				}
			}
			found, err := q.record(f, ids[j], &p)
			if err != nil {
				return err
			}
			if found && !p.deleted && !p.isNode() {
				out[j] = spoRec{p.s, p.p, p.o, true}
			}
		}
		return nil
	})
	return out, err
}

// postingsOf lists the quad ids of the index entries under each prefix
// key(x) for the x of keys (sorted; repeats skipped), sorted and
// distinct: the keys read in parts, each one forward pass.
func (q *KVQuery) postingsOf(name []byte, keys []uint64, prefix func(buf []byte, x uint64) []byte) ([]uint64, error) {
	parts := q.parts(len(keys))
	got := make([][]uint64, len(parts))
	err := q.eachPart(parts, func(i int, st *KVQueryStats) error {
		pc := q.prefixCursor(name)
		pc.st = st
		var buf [24]byte
		var ids []uint64
		add := func(_, id uint64) error { ids = append(ids, id); return nil }
		entry := func(k, v []byte) error { return postings(name, k, v, add) } // made once, not per key
		for j := parts[i][0]; j < parts[i][1]; j++ {
			if j > 0 && keys[j] == keys[j-1] {
				continue
			}
			if err := pc.scan(prefix(buf[:0], keys[j]), entry); err != nil {
				return err
			}
		}
		got[i] = ids
		return nil
	})
	if err != nil {
		return nil, err
	}
	return uniqueSorted(slices.Concat(got...)), nil
}

// ValuesWith calls fn with conv of the value of each node id, in id
// order; the values are read and conv runs in parts, side by side (conv
// must be safe for concurrent use).
func ValuesWith[T any](q *KVQuery, ids []uint64, conv func(quad.Value) T, fn func(id uint64, t T) error) error {
	sorted := uniqueSorted(append([]uint64(nil), ids...))
	if len(sorted) > 0 && sorted[0] == 0 {
		sorted = sorted[1:]
	}
	out := make([]T, len(sorted))
	parts := q.parts(len(sorted))
	err := q.eachPart(parts, func(i int, st *KVQueryStats) error {
		f := q.logReader(i, true)
		var p prim
		for j := parts[i][0]; j < parts[i][1]; j++ {
			id := sorted[j]
			st.Values++
			found, err := q.record(f, id, &p)
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("value %d is missing from the quad log", id)
			}
			v, err := decodeValue(p.value)
			if err != nil {
				return fmt.Errorf("value %d: %w", id, err)
			}
			out[j] = conv(v)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for j, id := range sorted {
		if err := fn(id, out[j]); err != nil {
			return err
		}
	}
	return nil
}

// OutAllWith is OutAll that also reads the subjects' values, in the same
// forward pass over the log as their quads (a node's record sits among
// the quads written with it): node gets conv of the value of each subject
// that has one (in id order; conv runs in parts side by side, so it must
// be safe for concurrent use; a subject whose node record is gone, as
// when its last quad was deleted, is skipped), then fn gets the quads, as
// OutAll gives them.
func OutAllWith[T any](q *KVQuery, subjects []uint64, conv func(quad.Value) T, node func(id uint64, t T) error, fn func(s, p, o uint64) error) error {
	if len(subjects) == 0 {
		return nil
	}
	subs := uniqueSorted(append([]uint64(nil), subjects...))
	if len(subs) > 0 && subs[0] == 0 {
		subs = subs[1:]
	}
	if len(q.subj.Dirs) == 0 {
		if err := ValuesWith(q, subs, conv, node); err != nil {
			return err
		}
		return q.OutAll(subs, fn)
	}
	ids, err := q.postingsOf(indexName(q.subj), subs, func(b []byte, s uint64) []byte {
		return binary.BigEndian.AppendUint64(b, s)
	})
	if err != nil {
		return err
	}
	// The quads' ids and the subjects' in one ascending list.
	// at is each one's place among the subjects, -1 for a quad.
	all := make([]uint64, 0, len(ids)+len(subs))
	at := make([]int32, 0, len(ids)+len(subs))
	for i, j := 0, 0; i < len(ids) || j < len(subs); {
		if j < len(subs) && (i == len(ids) || subs[j] < ids[i]) {
			all, at = append(all, subs[j]), append(at, int32(j))
			j++
			continue
		}
		if j < len(subs) && subs[j] == ids[i] {
			j++ // a quad's id named as a subject: a quad, no node's value
		}
		all, at = append(all, ids[i]), append(at, -1)
		i++
	}
	recs := make([]spoRec, len(all))
	vals := make([]T, len(subs))
	have := make([]bool, len(subs))
	parts := q.parts(len(all))
	err = q.eachPart(parts, func(i int, st *KVQueryStats) error {
		f := q.logReader(i, false)
		var p prim
		for j := parts[i][0]; j < parts[i][1]; j++ {
			id, node := all[j], at[j] >= 0
			if node {
				st.Values++
			} else {
				st.Records++
			}
			if (st.Records+st.Values)&4095 == 0 {
				if err := q.ctx.Err(); err != nil {
					return err
				}
			}
			found, err := q.record(f, id, &p)
			if err != nil {
				return err
			}
			if node {
				if found && p.isNode() {
					v, err := decodeValue(p.value)
					if err != nil {
						return fmt.Errorf("value %d: %w", id, err)
					}
					vals[at[j]], have[at[j]] = conv(v), true
				}
			} else if found && !p.deleted && !p.isNode() {
				recs[j] = spoRec{p.s, p.p, p.o, true}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for j, s := range subs {
		if !have[j] {
			continue
		}
		if err := node(s, vals[j]); err != nil {
			return err
		}
	}
	want := make(map[uint64]bool, len(subs))
	for _, s := range subs {
		want[s] = true
	}
	var lastS uint64 // a subject's quads mostly come one after another
	for j, r := range recs {
		if at[j] < 0 && r.live && (r.s == lastS && lastS != 0 || want[r.s]) {
			lastS = r.s
			if err := fn(r.s, r.p, r.o); err != nil {
				return err
			}
		}
	}
	return nil
}

// record reads the log record of id into p, as kvReader.logRecord does:
// the common record (one-byte tags: ids, timestamp, value, deleted)
// decoded by decodePrimFast, any other by decodePrim.
func (q *KVQuery) record(f logFinder, id uint64, p *prim) (bool, error) {
	b, err := f.find(id)
	if err != nil || b == nil {
		return false, err
	}
	if decodePrimFast(b, p) {
		return true, nil
	}
	if err := decodePrim(b, p); err != nil {
		return false, fmt.Errorf("log record %d: %w", id, err)
	}
	return true, nil
}

// decodePrimFast decodes b as decodePrim does when b holds only fields 1-7
// and 9 as varints and field 8 as bytes, each with a one-byte tag (the
// records Cayley writes); false for anything else, p then undefined. It
// reads a varint in a loop of its own instead of binary.Uvarint's (a
// quarter of the instructions a query spent decoding records).
func decodePrimFast(b []byte, p *prim) bool {
	*p = prim{}
	for i := 0; i < len(b); {
		tag := b[i]
		i++
		var v uint64
		for s := uint(0); ; s += 7 {
			if i == len(b) || s == 63 && b[i] > 1 {
				return false // short, or more than 64 bits
			}
			c := b[i]
			i++
			v |= uint64(c&0x7f) << s
			if c < 0x80 {
				break
			}
		}
		switch tag {
		case 1<<3 | 0:
			p.id = v
		case 2<<3 | 0:
			p.s = v
		case 3<<3 | 0:
			p.p = v
		case 4<<3 | 0:
			p.o = v
		case 5<<3 | 0:
			p.l = v
		case 6<<3 | 0, 7<<3 | 0:
		case 9<<3 | 0:
			p.deleted = v != 0
		case 8<<3 | 2:
			if v > uint64(len(b)-i) {
				return false
			}
			p.value = b[i : i+int(v) : i+int(v)]
			i += int(v)
		default:
			return false
		}
	}
	return true
}
