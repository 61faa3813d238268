package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
)

// valueCache maps node ids to values, bounded: two generations of at most
// max entries each; a hit in the old one moves the entry to the new one.
// Predicates, classes and the subjects being read stay cached; one-off
// literals age out. A small direct-mapped table in front answers the
// most frequent ids (predicates, the subject being read) without a map
// lookup. It holds live nodes only.
type valueCache struct {
	front    [1024]cached
	cur, old map[uint64]quad.Value
	max      int
}

type cached struct {
	id uint64
	v  quad.Value
}

func newValueCache(max int) valueCache {
	return valueCache{cur: make(map[uint64]quad.Value, max), max: max}
}

func (c *valueCache) get(id uint64) (quad.Value, bool) {
	f := &c.front[id%uint64(len(c.front))]
	if f.id == id && id != 0 {
		return f.v, true
	}
	v, ok := c.cur[id]
	if !ok {
		if v, ok = c.old[id]; ok {
			c.put(id, v)
		}
	}
	if ok {
		*f = cached{id, v}
	}
	return v, ok
}

func (c *valueCache) put(id uint64, v quad.Value) {
	if len(c.cur) >= c.max {
		c.old, c.cur = c.cur, make(map[uint64]quad.Value, c.max)
	}
	c.cur[id] = v
}

// valueCacheSize is a generation of the value cache (two at most are
// held: ~20 MB with dipgraph's values).
const valueCacheSize = 1 << 16

// chunkSize is how many quads a scan reads ahead: their records and then
// their values are read in id order, which turns most lookups into steps
// of a cursor (the quads and values of one document have neighbouring
// ids), then handed over in the scan's order.
const chunkSize = 4096

// entry is one quad of a chunk.
type entry struct {
	key  uint64 // the first id of its index key (the subject in "sp")
	id   uint64 // its record's id
	p    prim
	vals [4]quad.Value // subject, predicate, object, label, once resolved
	err  error         // why a value could not be resolved
	live bool          // a record was found and is not deleted
}

// quad returns the entry's quad; withLabel false leaves the label nil.
func (e *entry) quad(withLabel bool) (quad.Quad, error) {
	q := quad.Quad{Subject: e.vals[0], Predicate: e.vals[1], Object: e.vals[2]}
	if withLabel {
		q.Label = e.vals[3]
	}
	return q, e.err
}

// kvReader reads one transaction of a bolt or leveldb store.
type kvReader struct {
	raw     rawTx
	horizon uint64
	indexes []kv.QuadIndex
	cache   valueCache
	// Two readers of the log, so that each keeps its locality: quad
	// records and nodes (values).
	quads, nodes logFinder
	spare        []entry // a chunk's buffer, reused
	need         []uint64
	order        []idPos
}

type idPos struct {
	id  uint64
	pos int
}

// kvView runs fn with a reader over one read transaction of the store's kv
// database. Called with s.mu held; s.kv must not be nil.
func (s *Store) kvView(ctx context.Context, fn func(r *kvReader) error) error {
	var raw rawTx
	if db, ok := s.kv.KV.(*hbolt.DB); ok {
		tx, err := db.DB().Begin(false)
		if err != nil {
			return err
		}
		raw = &boltTx{tx: tx, log: tx.Bucket(bucketLog)}
	} else {
		tx, err := s.kv.KV.Tx(ctx, false)
		if err != nil {
			return err
		}
		raw = genericTx{ctx: ctx, tx: tx}
	}
	r := &kvReader{raw: raw, cache: newValueCache(valueCacheSize), quads: raw.logFinder(), nodes: raw.logFinder()}
	err := r.init()
	if err == nil {
		err = fn(r)
	}
	if cerr := raw.close(); err == nil {
		err = cerr
	}
	return err
}

func (r *kvReader) init() error {
	h, err := r.raw.get(bucketMeta, []byte("horizon"))
	if err != nil {
		return err
	}
	switch len(h) {
	case 0:
	case 8:
		r.horizon = binary.LittleEndian.Uint64(h)
	default:
		return fmt.Errorf("store horizon has %d bytes, not 8", len(h))
	}
	data, err := r.raw.get(bucketMeta, []byte("indexes"))
	if err != nil {
		return err
	}
	if len(data) > 0 {
		if err := json.Unmarshal(data, &r.indexes); err != nil {
			return fmt.Errorf("cannot decode indexes: %w", err)
		}
	}
	if len(r.indexes) == 0 {
		r.indexes = legacyIndexes
	}
	return nil
}

// index returns the index Cayley's QuadIterator(d, node) scans: the first
// whose leading direction is d (kv bestIndexes); false means Cayley scans
// the whole log.
func (r *kvReader) index(d quad.Direction) ([]byte, bool) {
	for _, ind := range r.indexes {
		if len(ind.Dirs) > 0 && ind.Dirs[0] == d {
			name := make([]byte, len(ind.Dirs))
			for i, d := range ind.Dirs {
				name[i] = d.Prefix()
			}
			return name, true
		}
	}
	return nil, false
}

// logRecord reads the record of id with f into p; false when there is
// none.
func (r *kvReader) logRecord(f logFinder, id uint64, p *prim) (bool, error) {
	b, err := f.find(id)
	if err != nil || b == nil {
		return false, err
	}
	if err := decodePrim(b, p); err != nil {
		return false, fmt.Errorf("log record %d: %w", id, err)
	}
	return true, nil
}

// load reads node id from the log: its value as Cayley's NameOf gives it,
// whether there is a record, and whether Cayley lists it as a node. Live
// nodes are cached.
func (r *kvReader) load(id uint64) (v quad.Value, found, live bool, err error) {
	var p prim
	if found, err = r.logRecord(r.nodes, id, &p); !found || err != nil {
		return nil, found, false, err
	}
	if v, err = decodeValue(p.value); err != nil {
		return nil, true, false, fmt.Errorf("value %d: %w", id, err)
	}
	live = p.isNode() && !p.deleted && id <= r.horizon
	if live {
		r.cache.put(id, v)
	}
	return v, true, live, nil
}

// valueOf returns the value of node id (nil for 0), as Cayley's NameOf.
func (r *kvReader) valueOf(id uint64) (quad.Value, error) {
	if id == 0 {
		return nil, nil
	}
	if v, ok := r.cache.get(id); ok {
		return v, nil
	}
	v, found, _, err := r.load(id)
	if err == nil && !found {
		err = fmt.Errorf("value %d is missing from the quad log", id)
	}
	return v, err
}

// isLive reports whether Cayley's NodesAllIterator lists node id.
func (r *kvReader) isLive(id uint64) (bool, error) {
	if id > r.horizon {
		return false, nil
	}
	if _, ok := r.cache.get(id); ok {
		return true, nil
	}
	_, _, live, err := r.load(id)
	return live, err
}

// nodeID returns the id of value v, 0 when the store does not hold it.
func (r *kvReader) nodeID(v quad.Value) (uint64, error) {
	h := refs.HashOf(v)
	b, err := r.raw.get([]byte{'v', h[0], h[1]}, h[:])
	if err != nil || len(b) == 0 {
		return 0, err
	}
	id, _ := binary.Uvarint(b)
	return id, nil
}

// scan is what a scan hands over and how: want (if not nil) picks the
// live quads to resolve and pass to fn; dirs is how many of subject,
// predicate, object, label to resolve (0: none).
type scan struct {
	want func(p *prim) bool
	dirs int
	fn   func(e *entry) error
}

// chunk collects entries and hands them over chunkSize at a time.
type chunk struct {
	r       *kvReader
	sc      scan
	es      []entry
	fetched bool // records are read already (a log scan)
}

func (r *kvReader) newChunk(sc scan, fetched bool) *chunk {
	es := r.spare
	r.spare = nil
	if es == nil {
		es = make([]entry, 0, chunkSize)
	}
	return &chunk{r: r, sc: sc, es: es[:0], fetched: fetched}
}

// done hands over what is left and gives the buffer back.
func (c *chunk) done(err error) error {
	if err == nil {
		err = c.flush()
	}
	clear(c.es)
	c.r.spare = c.es[:0]
	return err
}

// add queues the record id (read already if p is not nil).
func (c *chunk) add(key, id uint64, p *prim) error {
	c.es = append(c.es, entry{key: key, id: id})
	if p != nil {
		e := &c.es[len(c.es)-1]
		e.p, e.live = *p, true
	}
	if len(c.es) >= chunkSize {
		return c.flush()
	}
	return nil
}

func (c *chunk) flush() error {
	r := c.r
	if !c.fetched {
		// The records, in id order.
		r.order = r.order[:0]
		for i := range c.es {
			r.order = append(r.order, idPos{c.es[i].id, i})
		}
		slices.SortFunc(r.order, func(a, b idPos) int { return cmp.Compare(a.id, b.id) })
		for _, o := range r.order {
			e := &c.es[o.pos]
			found, err := r.logRecord(r.quads, o.id, &e.p)
			if err != nil {
				return err
			}
			e.live = found && !e.p.deleted
		}
	}
	if c.sc.want != nil {
		for i := range c.es {
			if e := &c.es[i]; e.live && !c.sc.want(&e.p) {
				e.live = false
			}
		}
	}
	if c.sc.dirs > 0 {
		if err := r.resolve(c.es, c.sc.dirs); err != nil {
			return err
		}
	}
	for i := range c.es {
		if e := &c.es[i]; e.live {
			if err := c.sc.fn(e); err != nil {
				return err
			}
		}
	}
	clear(c.es) // drop the values
	c.es = c.es[:0]
	return nil
}

// resolve sets the values of the live entries: from the cache, else read
// in id order. A value that cannot be read is the entry's error.
func (r *kvReader) resolve(es []entry, dirs int) error {
	need := r.need[:0]
	for i := range es {
		e := &es[i]
		if !e.live {
			continue
		}
		for d := 0; d < dirs; d++ {
			if id := e.p.dir(quad.Directions[d]); id != 0 {
				if v, ok := r.cache.get(id); ok {
					e.vals[d] = v
				} else {
					need = append(need, id)
				}
			}
		}
	}
	r.need = need
	if len(need) == 0 {
		return nil
	}
	slices.Sort(need)
	for i, id := range need {
		if i > 0 && id == need[i-1] {
			continue
		}
		r.load(id) // errors are the entries' (below)
	}
	for i := range es {
		e := &es[i]
		if !e.live {
			continue
		}
		for d := 0; d < dirs; d++ {
			if id := e.p.dir(quad.Directions[d]); id != 0 && e.vals[d] == nil && e.err == nil {
				e.vals[d], e.err = r.valueOf(id)
			}
		}
	}
	return nil
}

// scanLog hands over every live quad of the log, in id order (Cayley's
// QuadsAllIterator): one pass over the log bucket on bolt.
func (r *kvReader) scanLog(ctx context.Context, sc scan) error {
	c := r.newChunk(sc, true)
	var p prim
	if _, sorted := r.raw.(*boltTx); !sorted {
		// leveldb escapes key bytes, so its keys do not sort as the ids:
		// read the ids in order, as Cayley does.
		for id := uint64(1); id <= r.horizon; id++ {
			found, err := r.logRecord(r.quads, id, &p)
			if err != nil {
				return c.done(err)
			}
			if !found || p.deleted || p.isNode() {
				continue
			}
			p.value = nil
			if err := c.add(0, id, &p); err != nil {
				return c.done(err)
			}
		}
		return c.done(nil)
	}
	err := r.raw.scan(ctx, bucketLog, nil, func(k, v []byte) error {
		if len(k) == 8 && binary.BigEndian.Uint64(k) > r.horizon {
			return errStop
		}
		if err := decodePrim(v, &p); err != nil {
			return fmt.Errorf("log record %x: %w", k, err)
		}
		if p.deleted || p.isNode() {
			return nil
		}
		return c.add(0, p.id, &p)
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return c.done(err)
}

// errStop ends a scan early without an error.
var errStop = errors.New("stop")

// scanQuads hands over every live quad whose direction d is node id, in
// the order of Cayley's QuadIterator(d, id): the index's posting lists, or
// the log when no index leads with d.
func (r *kvReader) scanQuads(ctx context.Context, d quad.Direction, id uint64, sc scan) error {
	name, ok := r.index(d)
	if !ok {
		want := sc.want
		sc.want = func(p *prim) bool { return p.dir(d) == id && (want == nil || want(p)) }
		return r.scanLog(ctx, sc)
	}
	var prefix [8]byte
	binary.BigEndian.PutUint64(prefix[:], id)
	return r.scanIndex(ctx, name, prefix[:], sc)
}

// postings decodes one entry of index bucket name: its key's first id
// and the quad ids of its posting list (uvarints), each passed to fn.
func postings(name, k, v []byte, fn func(key, id uint64) error) error {
	if len(k) < 8 {
		return fmt.Errorf("index %s: short key", name)
	}
	key := binary.BigEndian.Uint64(k)
	for len(v) > 0 {
		id, n := binary.Uvarint(v)
		if n <= 0 {
			return fmt.Errorf("index %s: malformed posting list", name)
		}
		v = v[n:]
		if err := fn(key, id); err != nil {
			return err
		}
	}
	return nil
}

// scanIndex hands over the live quads of the posting lists of index
// bucket name under prefix, in order.
func (r *kvReader) scanIndex(ctx context.Context, name, prefix []byte, sc scan) error {
	c := r.newChunk(sc, false)
	err := r.raw.scan(ctx, name, prefix, func(k, v []byte) error {
		return postings(name, k, v, func(key, id uint64) error { return c.add(key, id, nil) })
	})
	return c.done(err)
}

// bySubject calls fn with every live quad grouped by subject, in the order
// of Cayley's NodesAllIterator then QuadIterator(Subject, node). On bolt,
// whose keys sort as the ids do, that is one sequential pass over the
// subject index; elsewhere (leveldb escapes key bytes, which changes their
// order) one prefix scan per node. first is true for the first quad of each
// distinct triple. Quads labelled skipLabel (if not 0) are left out; dirs
// values are resolved. ok is false when no index leads with the subject.
func (r *kvReader) bySubject(ctx context.Context, skipLabel uint64, dirs int, fn func(e *entry, first bool) error) (ok bool, err error) {
	name, ok := r.index(quad.Subject)
	if !ok {
		return false, nil
	}
	type po struct{ p, o uint64 }
	seen := map[po]struct{}{}
	var subject uint64 // ids start at 1
	var live bool
	sc := scan{dirs: dirs}
	if skipLabel != 0 {
		sc.want = func(p *prim) bool { return p.l != skipLabel }
	}
	sc.fn = func(e *entry) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.key != subject {
			subject = e.key
			if len(seen) > 256 {
				seen = map[po]struct{}{} // clear costs what the map once held
			} else {
				clear(seen)
			}
			var err error
			if live, err = r.isLive(subject); err != nil {
				return err
			}
		}
		if !live {
			return nil
		}
		key := po{e.p.p, e.p.o}
		_, dup := seen[key]
		if !dup {
			seen[key] = struct{}{}
		}
		return fn(e, !dup)
	}
	if _, sorted := r.raw.(*boltTx); sorted {
		return true, r.scanIndex(ctx, name, nil, sc)
	}
	var prefix [8]byte
	for id := uint64(1); id <= r.horizon; id++ {
		if ok, err := r.isLive(id); err != nil || !ok {
			if err != nil {
				return true, err
			}
			continue
		}
		binary.BigEndian.PutUint64(prefix[:], id)
		if err := r.scanIndex(ctx, name, prefix[:], sc); err != nil {
			return true, err
		}
	}
	return true, nil
}
