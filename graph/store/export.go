package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
)

// TermSink takes quads as numbered terms (rdfio.TermWriter is one): Term
// converts a value once and numbers it (never 0), WriteTerms takes a quad
// as the numbers of its subject, predicate, object and label (0: none).
type TermSink interface {
	Term(v quad.Value) (uint32, error)
	WriteTerms(s, p, o, g uint32) error
}

// DumpTerms hands sink every quad Dump hands over, each value converted
// once, for writers whose output does not depend on the order of the
// quads (Turtle and TriG sort theirs): on a bolt store that is one
// sequential pass over the quad log, no index and no value lookups. With
// labels false every quad is in the default graph (label 0). The order of
// the quads is not Dump's. Memory holds a number per log record (4 bytes)
// besides what sink holds.
//
// ok is false, and nothing is handed over, when the store has no such
// path (not bolt). An error (a value sink refuses, a record out of place)
// may come after part of the quads were handed over; Dump, into a new
// sink, then gives the quads in its own order and names the cause.
func (s *Store) DumpTerms(ctx context.Context, labels bool, sink TermSink) (ok bool, err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return false, s.errClosed()
	}
	if s.kv == nil {
		return false, nil
	}
	if _, bolt := s.kv.KV.(*hbolt.DB); !bolt {
		return false, nil
	}
	err = s.kvView(ctx, func(r *kvReader) error { return r.dumpTerms(ctx, labels, sink) })
	if err != nil {
		return true, fmt.Errorf("store %s: read quads: %w", s, err)
	}
	return true, nil
}

// termNums maps log ids to sink numbers; 0 is not yet known.
type termNums []uint32

// badNum marks a node whose value sink refused: a quad using it fails.
const badNum = ^uint32(0)

var errNoValue = errors.New("quad refers to a missing value")

// dumpTerms is DumpTerms on one transaction of a bolt store. Cayley
// writes a node before the quads that use it, so the pass converts each
// node as it meets it and finds those of a quad numbered already; a node
// written later is looked up.
func (r *kvReader) dumpTerms(ctx context.Context, labels bool, sink TermSink) error {
	mid, err := r.manifestID()
	if err != nil {
		return err
	}
	nums := make(termNums, 0, min(r.horizon+1, 1<<20))
	// num returns the number of node id, looking it up when the pass has
	// not met it.
	num := func(id uint64) (uint32, error) {
		if id < uint64(len(nums)) {
			switch n := nums[id]; n {
			case 0:
			case badNum:
				return 0, fmt.Errorf("value %d: refused", id)
			default:
				return n, nil
			}
		}
		if id == 0 {
			return 0, errNoValue
		}
		var p prim
		found, err := r.logRecord(r.nodes, id, &p)
		if err != nil {
			return 0, err
		}
		if !found || !p.isNode() {
			return 0, fmt.Errorf("value %d: %w", id, errNoValue)
		}
		v, err := decodeValue(p.value)
		if err != nil {
			return 0, fmt.Errorf("value %d: %w", id, err)
		}
		return sink.Term(v)
	}
	var p prim
	err = r.raw.scan(ctx, bucketLog, nil, func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("log key %x: not 8 bytes", k)
		}
		id := binary.BigEndian.Uint64(k)
		if id > r.horizon {
			return errStop
		}
		if err := decodePrim(v, &p); err != nil {
			return fmt.Errorf("log record %d: %w", id, err)
		}
		if p.isNode() {
			if p.deleted {
				return nil
			}
			n := badNum
			if val, err := decodeValue(p.value); err == nil {
				if n, err = sink.Term(val); err != nil || n == 0 {
					n = badNum
				}
			}
			for uint64(len(nums)) <= id {
				nums = append(nums, 0)
			}
			nums[id] = n
			return nil
		}
		if p.deleted || mid != 0 && p.l == mid {
			return nil
		}
		if id&0xFFF == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var ns [4]uint32
		for d := range 3 {
			n, err := num(p.dir(quad.Directions[d]))
			if err != nil {
				return fmt.Errorf("quad %d: %w", id, err)
			}
			ns[d] = n
		}
		if labels && p.l != 0 {
			n, err := num(p.l)
			if err != nil {
				return fmt.Errorf("quad %d: %w", id, err)
			}
			ns[3] = n
		}
		return sink.WriteTerms(ns[0], ns[1], ns[2], ns[3])
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}
