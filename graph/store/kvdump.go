package store

import (
	"context"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// The bolt and leveldb versions of the read methods (see kvread.go). Each
// gives the quads the generic version gives, in the same order. Called with
// s.mu held; s.kv is not nil.

// manifestID is the node id of ManifestGraph, 0 while there is no record.
func (r *kvReader) manifestID() (uint64, error) { return r.nodeID(ManifestGraph) }

// emit passes entries on to fn as quads, checking ctx first.
func emit(ctx context.Context, withLabel bool, fn func(quad.Quad) error) func(e *entry) error {
	return func(e *entry) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		q, err := e.quad(withLabel)
		if err != nil {
			return err
		}
		return fn(q)
	}
}

// kvQuads is Quads: the log in id order, completeness records left out.
func (s *Store) kvQuads(ctx context.Context, fn func(quad.Quad) error) error {
	return s.kvView(ctx, func(r *kvReader) error {
		mid, err := r.manifestID()
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		sc := scan{dirs: 4, fn: emit(ctx, true, fn)}
		if mid != 0 {
			sc.want = func(p *prim) bool { return p.l != mid }
		}
		if err := r.scanLog(ctx, sc); err != nil {
			return err
		}
		return ctx.Err()
	})
}

// graphs is Store.graphs on one transaction: one pass over the log.
func (r *kvReader) graphs(ctx context.Context, unlabelled func(quad.Quad) error) ([]quad.Value, error) {
	mid, err := r.manifestID()
	if err != nil {
		return nil, err
	}
	seen := map[uint64]struct{}{}
	want := func(p *prim) bool {
		if p.l != 0 {
			if p.l != mid {
				seen[p.l] = struct{}{}
			}
			return false
		}
		return unlabelled != nil
	}
	var fn func(e *entry) error
	if unlabelled != nil {
		fn = func(e *entry) error {
			q, err := e.quad(true)
			if err != nil {
				return err
			}
			return unlabelled(q)
		}
	}
	if err := r.scanLog(ctx, scan{want: want, dirs: 4, fn: fn}); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]quad.Value, 0, len(seen))
	for id := range seen {
		v, err := r.valueOf(id)
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

// label hands fn the quads labelled label, through the label index
// (Cayley's QuadIterator(quad.Label, ...)).
func (r *kvReader) label(ctx context.Context, label quad.Value, fn func(quad.Quad) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	id, err := r.nodeID(label)
	if err != nil || id == 0 {
		return err // label not in the store: no quads
	}
	if err := r.scanQuads(ctx, quad.Label, id, scan{dirs: 4, fn: emit(ctx, true, fn)}); err != nil {
		return err
	}
	return ctx.Err()
}

// kvDump is Dump on one transaction.
func (s *Store) kvDump(ctx context.Context, fn func(quad.Quad) error) error {
	return s.kvView(ctx, func(r *kvReader) error {
		labels, err := r.graphs(ctx, fn)
		if err != nil {
			return err
		}
		for _, l := range labels {
			if err := r.label(ctx, l, fn); err != nil {
				return &graphError{l, err}
			}
		}
		return nil
	})
}

// graphError names the graph whose reading failed.
type graphError struct {
	label quad.Value
	err   error
}

func (e *graphError) Error() string { return "read graph " + e.label.String() + ": " + e.err.Error() }
func (e *graphError) Unwrap() error { return e.err }

// kvTriples is Triples on one transaction; ok is false when the store has
// no index leading with the subject (the generic path handles it).
func (s *Store) kvTriples(ctx context.Context, fn func(quad.Quad) error) (ok bool, err error) {
	err = s.kvView(ctx, func(r *kvReader) error {
		if _, sorted := r.raw.(*boltTx); sorted {
			if ok, err = r.tableTriples(ctx, fn); ok || err != nil {
				return err
			}
		}
		mid, err := r.manifestID()
		if err != nil {
			return err
		}
		err = pipeQuads(func(fn func(quad.Quad) error) (err error) {
			out := emit(ctx, false, fn)
			ok, err = r.bySubject(ctx, mid, 3, func(e *entry, first bool) error {
				if !first {
					return nil
				}
				return out(e)
			})
			return err
		}, fn)
		if err != nil {
			return err
		}
		return ctx.Err()
	})
	return ok, err
}

// kvSubjects is bySubject for Stats: the predicate and object refs of
// every quad grouped by subject, on one transaction.
func (s *Store) kvSubjects(ctx context.Context, fn func(pred, obj kv.Int64Value, first bool) error) (ok bool, err error) {
	err = s.kvView(ctx, func(r *kvReader) error {
		mid, err := r.manifestID()
		if err != nil {
			return err
		}
		ok, err = r.bySubject(ctx, mid, 0, func(e *entry, first bool) error {
			return fn(kv.Int64Value(e.p.p), kv.Int64Value(e.p.o), first)
		})
		if err != nil {
			return err
		}
		return ctx.Err()
	})
	return ok, err
}
