package store

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// Quads calls fn for every quad in the store, in the store's order, reading
// them one at a time so that large stores are never held in memory. It stops
// at the first error from fn or when ctx is done. Values come back as Cayley
// stored them (quad.Int, quad.TypedString, ...), equal to what was loaded.
// fn must not call methods of the same Store: the read lock is held.
func (s *Store) Quads(ctx context.Context, fn func(quad.Quad) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return s.errClosed()
	}
	// Completeness records are the store's bookkeeping, not facts.
	facts := func(q quad.Quad) error {
		if isManifest(q.Label) {
			return nil
		}
		return fn(q)
	}
	var err error
	if s.pg != nil {
		err = s.pgScan(ctx, pgQuadsSQL(false, "q.label_hash IS DISTINCT FROM $1", "q.horizon"), []any{pgHash(ManifestGraph)}, fn)
	} else if s.kv != nil {
		err = s.kvQuads(ctx, fn)
	} else {
		err = s.scan(ctx, s.qs.QuadsAllIterator(), facts)
	}
	if err != nil {
		return fmt.Errorf("store %s: read quads: %w", s, err)
	}
	return nil
}

// QuadsIn calls fn for every quad labelled label, like Quads. It uses the
// label index when the store has one, else scans every quad.
func (s *Store) QuadsIn(ctx context.Context, label quad.Value, fn func(quad.Quad) error) error {
	if err := validateLabel(label); err != nil {
		return fmt.Errorf("store %s: %w", s, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return s.errClosed()
	}
	if err := s.scanLabel(ctx, label, fn); err != nil {
		return fmt.Errorf("store %s: read graph %s: %w", s, label, err)
	}
	return nil
}

// Graphs returns the distinct labels in the store, sorted by their string
// form so that output built from them is stable. Unlabelled quads are not
// a graph and are not listed, nor is ManifestGraph.
func (s *Store) Graphs() ([]quad.Value, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, s.errClosed()
	}
	out, err := s.graphs(context.Background(), nil)
	if err != nil {
		return nil, fmt.Errorf("store %s: list graphs: %w", s, err)
	}
	return out, nil
}

// graphs scans every quad once, collecting the distinct labels (sorted as
// Graphs) and passing the unlabelled quads to unlabelled, if not nil.
// Called with s.mu held.
func (s *Store) graphs(ctx context.Context, unlabelled func(quad.Quad) error) ([]quad.Value, error) {
	if s.pg != nil {
		return s.pgGraphs(ctx, unlabelled)
	}
	if s.kv != nil {
		var out []quad.Value
		err := s.kvView(ctx, func(r *kvReader) (err error) {
			out, err = r.graphs(ctx, unlabelled)
			return err
		})
		return out, err
	}
	// Collect label refs first and name each once: resolving a ref is a
	// value lookup, reading a quad's label ref is not.
	seen := make(map[any]graph.Ref)
	var mkey any = struct{}{} // matches no ref key while there is no record
	if mref, err := s.manifestRef(); err != nil {
		return nil, err
	} else if mref != nil {
		mkey = refs.ToKey(mref)
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		ref, err := s.qs.QuadDirection(it.Result(), quad.Label)
		if err != nil {
			return nil, err
		}
		if !isNilRef(ref) {
			if k := refs.ToKey(ref); k != mkey {
				seen[k] = ref
			}
			continue
		}
		if unlabelled == nil {
			continue
		}
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if err := unlabelled(q); err != nil {
			return nil, err
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]quad.Value, 0, len(seen))
	for _, ref := range seen {
		v, err := s.qs.NameOf(ref)
		if err != nil {
			return nil, err
		}
		if v != nil {
			out = append(out, v)
		}
	}
	sortValues(out)
	return out, nil
}

// isNilRef reports whether a direction ref names no value: nil on kv and
// memstore, an invalid (all-zero) hash on SQL stores.
func isNilRef(ref graph.Ref) bool {
	if ref == nil || refs.ToKey(ref) == nil {
		return true
	}
	v, ok := ref.(interface{ Valid() bool })
	return ok && !v.Valid()
}

// listLabel returns the label's quads as the store holds them; deletions
// must use these, not the caller's copies. Called with s.mu held.
func (s *Store) listLabel(label quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.scanLabel(context.Background(), label, func(q quad.Quad) error {
		out = append(out, q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %s: list graph %s: %w", s, label, err)
	}
	return out, nil
}

func (s *Store) scanLabel(ctx context.Context, label quad.Value, fn func(quad.Quad) error) error {
	if s.pg != nil {
		return s.pgScan(ctx, pgQuadsSQL(false, "q.label_hash = $1", "q.subject_hash, q.predicate_hash"),
			[]any{pgHash(label)}, fn)
	}
	if s.kv != nil {
		return s.kvView(ctx, func(r *kvReader) error { return r.label(ctx, label, fn) })
	}
	ref, err := s.qs.ValueOf(label)
	if err != nil {
		return err
	}
	if ref == nil {
		return nil // label not in the store: no quads
	}
	return s.scan(ctx, s.qs.QuadIterator(quad.Label, ref), fn)
}

// scan reads the quads of an iterator. Cayley's kv iterators ignore ctx, so
// it is checked here too.
func (s *Store) scan(ctx context.Context, shape iterator.Shape, fn func(quad.Quad) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	it := shape.Iterate()
	defer it.Close()
	for it.Next(ctx) {
		if err := ctx.Err(); err != nil {
			return err
		}
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return err
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // cayley's SQL iterator drops the error chain
		}
		return err
	}
	return ctx.Err()
}
