package store

import (
	"context"
	"fmt"
	"hash/maphash"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// BatchSize is the number of quads written per transaction by Load: large
// enough to amortise bolt's commit, small enough to bound memory (and to
// stay below badger's transaction limit should it be used).
const BatchSize = 10000

// quadKey identifies a quad the way Cayley does: by the String() of each of
// its values (Cayley hashes those). Two quads with equal keys are one quad
// in the store even if their Go values differ (e.g. times in two zones).
type quadKey [4]string

func keyOf(q quad.Quad) quadKey {
	return quadKey{
		quad.StringOf(q.Subject), quad.StringOf(q.Predicate),
		quad.StringOf(q.Object), quad.StringOf(q.Label),
	}
}

// dedupe drops repeated quads, keeping the first of each, so that a batch
// never carries the same quad twice into one Cayley transaction. Quads are
// told apart by a hash of their keys (no key strings are built for IRIs
// and blank nodes); two quads with one hash are compared by their keys,
// and should two different quads share a hash, dedupeKeys does the work.
func dedupe(quads []quad.Quad) []quad.Quad {
	var h maphash.Hash
	seen := make(map[uint64]int, len(quads)) // hash -> index in out
	out := make([]quad.Quad, 0, len(quads))
	for _, q := range quads {
		k := dedupeHash(&h, q)
		if i, ok := seen[k]; ok {
			if keyOf(out[i]) == keyOf(q) {
				continue
			}
			return dedupeKeys(quads) // a collision
		}
		seen[k] = len(out)
		out = append(out, q)
	}
	return out
}

// dedupeHash is hashKey; tests replace it to force collisions.
var dedupeHash = hashKey

// hashKey hashes the bytes of keyOf(q), so that equal keys hash alike.
func hashKey(h *maphash.Hash, q quad.Quad) uint64 {
	h.Reset()
	for _, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		switch v := v.(type) {
		case nil:
		case quad.IRI: // IRI.String
			h.WriteByte('<')
			h.WriteString(string(v))
			h.WriteByte('>')
		case quad.BNode: // BNode.String
			h.WriteString("_:")
			h.WriteString(string(v))
		default:
			h.WriteString(v.String())
		}
		h.WriteByte(0) // a separator; a key split elsewhere only risks a collision
	}
	return h.Sum64()
}

// dedupeKeys is dedupe by the key strings themselves.
func dedupeKeys(quads []quad.Quad) []quad.Quad {
	seen := make(map[quadKey]struct{}, len(quads))
	out := make([]quad.Quad, 0, len(quads))
	for _, q := range quads {
		k := keyOf(q)
		if _, ok := seen[k]; ok {
			continue
		}
		seen[k] = struct{}{}
		out = append(out, q)
	}
	return out
}

// Load adds quads to the store, ignoring those already present, and returns
// how many were new. Quads are validated first, so an invalid quad means
// nothing was written; a storage error part-way leaves earlier batches
// written and added counts them.
func (s *Store) Load(quads []quad.Quad) (added int, err error) {
	for i, q := range quads {
		if err := s.validateQuad(q); err != nil {
			return 0, fmt.Errorf("store %s: quad %d: %w", s, i, err)
		}
		if isManifest(q.Label) {
			return 0, fmt.Errorf("store %s: quad %d: graph %s is reserved for completeness records", s, i, q.Label)
		}
	}
	if s.kind != SpecMemory {
		// memstore drops repeated quads itself, by the same keys (the
		// String of each value); the other backends need no repeats in a
		// batch.
		quads = dedupe(quads)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkWrite(); err != nil {
		return 0, err
	}
	// Cayley does not report which quads of a batch were new; the store
	// count is exact and cheap on every backend used here.
	before, err := s.count()
	if err != nil {
		return 0, err
	}
	defer func() {
		after, cerr := s.count()
		if cerr == nil {
			added = int(after - before)
		} else if err == nil {
			err = cerr
		}
	}()
	// What Cayley's "single" writer's AddQuadSet does (ApplyDeltas with
	// ignore_duplicate), without its graph.Transaction, whose map of
	// deltas only drops repeats, dropped already.
	deltas := make([]graph.Delta, 0, min(BatchSize, len(quads)))
	for start := 0; start < len(quads); start += BatchSize {
		end := min(start+BatchSize, len(quads))
		deltas = deltas[:0]
		for _, q := range quads[start:end] {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
		}
		if err := s.qs.ApplyDeltas(deltas, graph.IgnoreOpts{IgnoreDup: true}); err != nil {
			return 0, fmt.Errorf("store %s: write quads %d-%d: %w", s, start, end-1, err)
		}
	}
	clear(deltas)
	return 0, nil // set by the deferred count
}

// ReplaceGraph makes the quads labelled label exactly quads: it removes the
// label's quads that are not in quads and adds the missing ones, in one
// transaction. Quads without a label get label; a quad with another label is
// an error. Replacing with the same set again changes nothing.
//
// The same transaction writes, last, the graph's completeness record (see
// ManifestGraph), or removes it when quads is empty; added and removed do
// not count it. The transaction is atomic on bolt and leveldb (one kv
// transaction in Cayley's ApplyDeltas) and on PostgreSQL (one SQL
// transaction): a crash leaves the old graph or the new one, never a mix.
func (s *Store) ReplaceGraph(label quad.Value, quads []quad.Quad) (added, removed int, err error) {
	if err := validateLabel(label); err != nil {
		return 0, 0, fmt.Errorf("store %s: %w", s, err)
	}
	if isManifest(label) {
		return 0, 0, fmt.Errorf("store %s: %s is reserved for completeness records", s, label)
	}
	want := make([]quad.Quad, len(quads))
	for i, q := range quads {
		if q.Label == nil {
			q.Label = label
		} else if quad.StringOf(q.Label) != quad.StringOf(label) {
			return 0, 0, fmt.Errorf("store %s: quad %d %s: label is not %s", s, i, describe(q), label)
		}
		if err := s.validateQuad(q); err != nil {
			return 0, 0, fmt.Errorf("store %s: quad %d: %w", s, i, err)
		}
		want[i] = q
	}
	want = dedupe(want)

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkWrite(); err != nil {
		return 0, 0, err
	}
	have, err := s.listLabel(label)
	if err != nil {
		return 0, 0, err
	}
	haveSet := make(map[quadKey]struct{}, len(have))
	for _, q := range have {
		haveSet[keyOf(q)] = struct{}{}
	}
	wantSet := make(map[quadKey]struct{}, len(want))
	var adds, dels []graph.Delta
	for _, q := range want {
		k := keyOf(q)
		wantSet[k] = struct{}{}
		if _, ok := haveSet[k]; !ok {
			adds = append(adds, graph.Delta{Quad: q, Action: graph.Add})
			added++
		}
	}
	// Delete only quads as listed from the store: removing a quad whose
	// label Cayley does not know deletes the unlabelled copy instead.
	for _, q := range have {
		if _, ok := wantSet[keyOf(q)]; !ok {
			dels = append(dels, graph.Delta{Quad: q, Action: graph.Delete})
			removed++
		}
	}
	// The completeness record is the last addition: were a backend to
	// apply a transaction in part, the record would be what is missing.
	recs, err := s.recordsOf(context.Background(), label)
	if err != nil {
		return 0, 0, fmt.Errorf("store %s: read record of %s: %w", s, label, err)
	}
	var rec quad.Quad
	if len(want) > 0 {
		rec = recordFor(label, len(want))
	}
	recOK := false
	for _, q := range recs {
		if len(want) > 0 && !recOK && keyOf(q) == keyOf(rec) {
			recOK = true
			continue
		}
		dels = append(dels, graph.Delta{Quad: q, Action: graph.Delete})
	}
	if len(want) > 0 && !recOK {
		adds = append(adds, graph.Delta{Quad: rec, Action: graph.Add})
	}
	if len(adds)+len(dels) == 0 {
		return 0, 0, nil
	}
	if err := s.applyAtomic(adds, dels, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		return 0, 0, fmt.Errorf("store %s: replace graph %s: %w", s, label, err)
	}
	return added, removed, nil
}

// RemoveGraph deletes every quad labelled label and the graph's
// completeness record, in one transaction, and returns how many quads
// there were (the record not counted). The same triples under other labels, or
// under none, are kept.
func (s *Store) RemoveGraph(label quad.Value) (removed int, err error) {
	if err := validateLabel(label); err != nil {
		return 0, fmt.Errorf("store %s: %w", s, err)
	}
	if isManifest(label) {
		return 0, fmt.Errorf("store %s: %s is reserved for completeness records", s, label)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkWrite(); err != nil {
		return 0, err
	}
	have, err := s.listLabel(label)
	if err != nil {
		return 0, err
	}
	recs, err := s.recordsOf(context.Background(), label)
	if err != nil {
		return 0, fmt.Errorf("store %s: read record of %s: %w", s, label, err)
	}
	if len(have)+len(recs) == 0 {
		return 0, nil
	}
	deltas := make([]graph.Delta, 0, len(have)+len(recs))
	for _, q := range append(have, recs...) {
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
	}
	if err := s.applyAtomic(nil, deltas, graph.IgnoreOpts{IgnoreMissing: true}); err != nil {
		return 0, fmt.Errorf("store %s: remove graph %s: %w", s, label, err)
	}
	return len(have), nil
}

// validateQuad adds the backend's own limits to validateQuad.
func (s *Store) validateQuad(q quad.Quad) error {
	if err := validateQuad(q); err != nil {
		return err
	}
	if s.kind == "postgres" {
		for _, d := range quad.Directions {
			if err := validatePostgres(q.Get(d)); err != nil {
				return fmt.Errorf("%s: %s: %w", describe(q), d, err)
			}
		}
	}
	return nil
}

func validateLabel(label quad.Value) error {
	if label == nil {
		return fmt.Errorf("graph label is nil")
	}
	return validateValue(label)
}

// validateQuad refuses what Cayley cannot store faithfully: missing terms,
// value types its serialiser panics on, and invalid UTF-8, which bolt
// rejects only after part of a load has been written.
func validateQuad(q quad.Quad) error {
	for _, d := range quad.Directions {
		v := q.Get(d)
		if v == nil {
			if d == quad.Label {
				continue
			}
			return fmt.Errorf("%s: missing %s", describe(q), d)
		}
		if err := validateValue(v); err != nil {
			return fmt.Errorf("%s: %s: %w", describe(q), d, err)
		}
	}
	return nil
}

func validateValue(v quad.Value) error {
	var strs []string
	switch v := v.(type) {
	case quad.IRI:
		strs = []string{string(v)}
	case quad.BNode:
		strs = []string{string(v)}
	case quad.String:
		strs = []string{string(v)}
	case quad.TypedString:
		strs = []string{string(v.Value), string(v.Type)}
	case quad.LangString:
		strs = []string{string(v.Value), v.Lang}
	case quad.Int, quad.Float, quad.Bool, quad.Time:
	default:
		return fmt.Errorf("unsupported value type %T", v)
	}
	for _, s := range strs {
		if !utf8.ValidString(s) {
			return fmt.Errorf("invalid UTF-8 in %q", s)
		}
	}
	return nil
}

// describe renders a quad for error messages, quoting it so that invalid
// bytes and newlines stay visible.
func describe(q quad.Quad) string {
	return fmt.Sprintf("%q", fmt.Sprintf("%s %s %s %s",
		quad.StringOf(q.Subject), quad.StringOf(q.Predicate),
		quad.StringOf(q.Object), quad.StringOf(q.Label)))
}
