package store

import (
	"context"
	"encoding/binary"
	"errors"

	"github.com/cayleygraph/quad"
)

// Triples on a bolt store (the N-Triples export) in two sequential passes
// instead of a log lookup per quad and per value: the first reads the log
// once and keeps every node's value and every quad's subject, predicate
// and object; the second walks the subject index, as bySubject does, and
// finds all it needs in those tables. The quads, their order and the
// errors are bySubject's. Memory: 4 bytes per log record, 12 per quad and
// each value once, less than the Turtle writer holds for the same store;
// a store whose tables would pass tableBudget is read as before.

// logTable is what the first pass keeps, by log id up to the horizon.
type logTable struct {
	// slot of each log id: 0 nothing (no record, a deleted quad, a
	// completeness record), slotNode|i the node vals[i] (slotDead too if
	// deleted), else the quad quads[slot-1].
	slot  []uint32
	vals  []quad.Value
	quads [][3]uint32 // subject, predicate, object log ids
}

const (
	slotNode = 1 << 31
	slotDead = 1 << 30
	slotMax  = slotDead - 1
)

// tableBudget is the most memory the tables of Triples may take, as
// estimated before they are read (tableValueBytes a value): a larger store
// is read with the lookups, in the memory of one subject's quads. The
// bench store of 1.5M quads takes ~60 MB. A variable for tests.
var tableBudget uint64 = 1 << 30

const tableValueBytes = 128

// errTooBig makes readLogTable give up: ids or counts past 32 bits, or a
// record it cannot decode.
var errTooBig = errors.New("store too large for the in-memory tables")

// readLogTable is the first pass. ok is false when the store is too
// large for tableBudget or 32-bit tables, or a record or value does not
// decode (the
// lookups of bySubject then say which, when a quad needs it); nothing
// else happened then.
func (r *kvReader) readLogTable(ctx context.Context, skipLabel uint64) (t *logTable, ok bool, err error) {
	if r.horizon >= slotMax {
		return nil, false, nil
	}
	// Cayley's count of the live quads (completeness records included),
	// if it is there, sizes the quad table; the other log ids are taken
	// for nodes.
	quads := r.horizon
	if b, err := r.raw.get(bucketMeta, []byte("size")); err == nil && len(b) == 8 {
		quads = min(binary.LittleEndian.Uint64(b), r.horizon)
	}
	if 4*r.horizon+12*quads+tableValueBytes*(r.horizon-quads) > tableBudget {
		return nil, false, nil
	}
	t = &logTable{slot: make([]uint32, r.horizon+1), quads: make([][3]uint32, 0, quads)}
	var p prim
	err = r.raw.scan(ctx, bucketLog, nil, func(k, v []byte) error {
		if len(k) != 8 {
			return errTooBig // not Cayley's layout: let the lookups handle it
		}
		id := binary.BigEndian.Uint64(k)
		if id > r.horizon {
			return errStop
		}
		if err := decodePrim(v, &p); err != nil {
			return errTooBig // reported by the lookups, as before
		}
		if p.isNode() {
			val, err := decodeValue(p.value)
			if err != nil || len(t.vals) >= slotMax {
				return errTooBig // the lookups give its error
			}
			s := uint32(slotNode | len(t.vals))
			if p.deleted {
				s |= slotDead
			}
			t.slot[id] = s
			t.vals = append(t.vals, val)
			return nil
		}
		if p.deleted || skipLabel != 0 && p.l == skipLabel {
			return nil
		}
		if p.s >= slotMax || p.p >= slotMax || p.o >= slotMax || len(t.quads) >= slotMax {
			return errTooBig
		}
		t.quads = append(t.quads, [3]uint32{uint32(p.s), uint32(p.p), uint32(p.o)})
		t.slot[id] = uint32(len(t.quads))
		return nil
	})
	switch {
	case errors.Is(err, errStop):
		err = nil
	case errors.Is(err, errTooBig):
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	return t, true, ctx.Err()
}

// tableValue is valueOf from the table: a node's value, deleted or not.
func (r *kvReader) tableValue(t *logTable, id uint64) (quad.Value, error) {
	if id < uint64(len(t.slot)) {
		if s := t.slot[id]; s&slotNode != 0 {
			return t.vals[s&slotMax], nil
		}
	}
	return r.valueOf(id)
}

// tableLive is isLive from the table (a subject that is not a node, which
// Cayley never writes, is looked up).
func (r *kvReader) tableLive(t *logTable, id uint64) (bool, error) {
	if id < uint64(len(t.slot)) {
		if s := t.slot[id]; s&slotNode != 0 {
			return s&slotDead == 0, nil
		}
	}
	return r.isLive(id)
}

// tableQuad is a chunk's record lookup from the table: the quad's
// subject, predicate and object, and whether it is live and not a
// completeness record.
func (r *kvReader) tableQuad(t *logTable, id uint64, skipLabel uint64) (spo [3]uint64, live bool, err error) {
	if id < uint64(len(t.slot)) {
		switch s := t.slot[id]; {
		case s == 0:
			return spo, false, nil
		case s&slotNode != 0:
			return spo, s&slotDead == 0, nil // a node: no directions
		default:
			q := t.quads[s-1]
			return [3]uint64{uint64(q[0]), uint64(q[1]), uint64(q[2])}, true, nil
		}
	}
	// Past the horizon: the log, as chunk.flush reads it.
	var p prim
	found, err := r.logRecord(r.quads, id, &p)
	if err != nil || !found || p.deleted || skipLabel != 0 && p.l == skipLabel {
		return spo, false, err
	}
	return [3]uint64{p.s, p.p, p.o}, true, nil
}

// tableTriples is kvTriples on one transaction of a bolt store: ok is
// false when it cannot be done this way (no subject index, a store too
// large), and nothing was handed over then.
func (r *kvReader) tableTriples(ctx context.Context, fn func(quad.Quad) error) (ok bool, err error) {
	name, ok := r.index(quad.Subject)
	if !ok {
		return false, nil
	}
	mid, err := r.manifestID()
	if err != nil {
		return true, err
	}
	t, ok, err := r.readLogTable(ctx, mid)
	if !ok || err != nil {
		return ok, err
	}
	return true, pipeQuads(func(out func(quad.Quad) error) error {
		return r.tableSubjects(ctx, t, name, mid, out)
	}, fn)
}

// tableSubjects is the second pass: bySubject's walk of the subject
// index, passing each subject's distinct triples to out.
func (r *kvReader) tableSubjects(ctx context.Context, t *logTable, name []byte, mid uint64, out func(quad.Quad) error) error {
	type po struct{ p, o uint64 }
	seen := map[po]struct{}{}
	var subject uint64 // ids start at 1
	var live bool
	return r.raw.scan(ctx, name, nil, func(k, v []byte) error {
		return postings(name, k, v, func(key, id uint64) error {
			spo, ok, err := r.tableQuad(t, id, mid)
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if key != subject {
				subject = key
				if len(seen) > 256 {
					seen = map[po]struct{}{}
				} else {
					clear(seen)
				}
				if live, err = r.tableLive(t, subject); err != nil {
					return err
				}
			}
			if !live {
				return nil
			}
			k := po{spo[1], spo[2]}
			if _, dup := seen[k]; dup {
				return nil
			}
			seen[k] = struct{}{}
			var q [3]quad.Value
			for d, id := range spo {
				if id == 0 {
					continue
				}
				if q[d], err = r.tableValue(t, id); err != nil {
					return err
				}
			}
			if err := out(quad.Quad{Subject: q[0], Predicate: q[1], Object: q[2]}); err != nil {
				return err
			}
			return nil
		})
	})
}
