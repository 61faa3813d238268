package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

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

// termRec is one record of the log for dumpTerms: a node's value (node
// true), or a quad to hand over (its label 0 when labels are not asked).
type termRec struct {
	id         uint64
	s, p, o, l uint64
	val        quad.Value
	err        error // why val could not be decoded
	node       bool
}

// termBatch is how many records go to the consumer at a time.
const termBatch = 1024

// dumpTerms is DumpTerms on one transaction of a bolt store, in two
// goroutines: one walks the log and decodes its records (scanTerms), the
// other converts the values and hands the quads to sink, so that reading
// the file and building the writer's tables overlap.
func (r *kvReader) dumpTerms(ctx context.Context, labels bool, sink TermSink) error {
	mid, err := r.manifestID()
	if err != nil {
		return err
	}
	full := make(chan []termRec, 4)
	free := make(chan []termRec, 6)
	quit := make(chan struct{})
	var scanErr error
	go func() {
		defer close(full)
		scanErr = r.scanTerms(ctx, mid, labels, full, free, quit)
	}()
	err = putTerms(full, free, sink)
	if err != nil {
		close(quit)
	}
	for range full { // the scan is over before the transaction ends
	}
	if err == nil {
		err = scanErr
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// badNum marks a node whose value sink refused: a quad using it fails.
const badNum = ^uint32(0)

var errNoValue = errors.New("quad refers to a missing value")

// putTerms numbers the nodes of the batches and hands their quads to
// sink. Every node a quad uses comes before it (scanTerms).
func putTerms(full <-chan []termRec, free chan<- []termRec, sink TermSink) error {
	var nums []uint32 // by log id; 0: not a node (yet)
	num := func(id uint64) (uint32, error) {
		var n uint32
		if id < uint64(len(nums)) {
			n = nums[id]
		}
		switch n {
		case 0:
			return 0, fmt.Errorf("value %d: %w", id, errNoValue)
		case badNum:
			return 0, fmt.Errorf("value %d: refused", id)
		}
		return n, nil
	}
	for batch := range full {
		for i := range batch {
			rec := &batch[i]
			if rec.node {
				if rec.id < uint64(len(nums)) && nums[rec.id] != 0 {
					continue // looked up ahead already
				}
				n := badNum
				if rec.err == nil {
					if v, err := sink.Term(rec.val); err == nil && v != 0 {
						n = v
					}
				}
				if need := int(rec.id) + 1 - len(nums); need > 0 {
					old := len(nums)
					nums = slices.Grow(nums, need)[:rec.id+1]
					clear(nums[old:])
				}
				nums[rec.id] = n
				continue
			}
			var ns [4]uint32
			for d, id := range [4]uint64{rec.s, rec.p, rec.o, rec.l} {
				if d == 3 && id == 0 {
					break
				}
				n, err := num(id)
				if err != nil {
					return fmt.Errorf("quad %d: %w", rec.id, err)
				}
				ns[d] = n
			}
			if err := sink.WriteTerms(ns[0], ns[1], ns[2], ns[3]); err != nil {
				return err
			}
		}
		clear(batch)
		select {
		case free <- batch[:0]:
		default:
		}
	}
	return nil
}

// scanTerms walks the log in id order and sends its nodes and the quads
// Dump hands over (live, not completeness records) in batches. Cayley
// writes a node before the quads that use it; a node written later is
// looked up and sent ahead of its first quad. It stops when quit closes.
func (r *kvReader) scanTerms(ctx context.Context, mid uint64, labels bool, full chan<- []termRec, free <-chan []termRec, quit <-chan struct{}) error {
	batch := make([]termRec, 0, termBatch)
	send := func() (err error) {
		batch, err = sendBatch(batch, termBatch, full, free, quit)
		return err
	}
	node := func(id uint64, p *prim) termRec {
		rec := termRec{id: id, node: true}
		if rec.val, rec.err = decodeValue(p.value); rec.err == nil && rec.val == nil {
			rec.err = errNoValue
		}
		return rec
	}
	var last uint64 // the id being read
	var ahead prim
	var p prim
	err := r.raw.scan(ctx, bucketLog, nil, func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("log key %x: not 8 bytes", k)
		}
		last = binary.BigEndian.Uint64(k)
		if last > r.horizon {
			return errStop
		}
		if err := decodePrim(v, &p); err != nil {
			return fmt.Errorf("log record %d: %w", last, err)
		}
		if p.isNode() {
			batch = append(batch, node(last, &p))
		} else if !p.deleted && (mid == 0 || p.l != mid) {
			if last&0xFFF == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			rec := termRec{id: last, s: p.s, p: p.p, o: p.o}
			if labels {
				rec.l = p.l
			}
			for _, id := range [4]uint64{rec.s, rec.p, rec.o, rec.l} {
				if id <= last {
					continue
				}
				found, err := r.logRecord(r.nodes, id, &ahead)
				if err != nil {
					return err
				}
				if found && ahead.isNode() {
					batch = append(batch, node(id, &ahead))
				}
			}
			batch = append(batch, rec)
		}
		if len(batch) >= termBatch {
			return send()
		}
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	if err == nil && len(batch) > 0 {
		err = send()
	}
	if errors.Is(err, errQuit) {
		err = nil // the consumer's error is the one to report
	}
	return err
}

// errQuit ends scanTerms when its consumer stops.
var errQuit = errors.New("consumer stopped")
