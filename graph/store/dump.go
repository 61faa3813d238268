package store

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// rdfType is rdf:type, the predicate Summary counts classes by.
const rdfType = quad.IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

// Dump calls fn for every quad, grouped by graph: first the quads without
// a label (the default graph), then each graph in Graphs order, its quads
// read through the label index (on bolt and leveldb that also groups them
// by subject). Memory holds the list of graph labels, never the quads.
// fn must not call methods of the same Store.
func (s *Store) Dump(ctx context.Context, fn func(quad.Quad) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return s.errClosed()
	}
	if s.kv != nil {
		err := s.kvDump(ctx, fn)
		var ge *graphError
		if errors.As(err, &ge) {
			return fmt.Errorf("store %s: read graph %s: %w", s, ge.label, ge.err)
		}
		if err != nil {
			return fmt.Errorf("store %s: read quads: %w", s, err)
		}
		return nil
	}
	labels, err := s.graphs(ctx, fn)
	if err != nil {
		return fmt.Errorf("store %s: read quads: %w", s, err)
	}
	for _, l := range labels {
		if err := s.scanLabel(ctx, l, fn); err != nil {
			return fmt.Errorf("store %s: read graph %s: %w", s, l, err)
		}
	}
	return nil
}

// Triples calls fn once for every distinct triple (subject, predicate,
// object) in the store, whatever graphs hold it, with Label nil: the
// default-graph view that N-Triples and Turtle exports need. It walks the
// store subject by subject (every node, then that node's quads through the
// subject index), so the set used to drop copies of a triple in several
// graphs holds one subject's quads at a time, not the store's. On a bolt
// store it first reads the quad log once into tables (each value once,
// 12 bytes per quad, 4 per log record: less than the Turtle writer holds)
// so that the walk needs no lookups, unless they would take more than
// 1 GiB; otherwise memory is bounded by the largest number of quads
// sharing one subject. fn is called in the caller's goroutine while
// another reads the store.
func (s *Store) Triples(ctx context.Context, fn func(quad.Quad) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return s.errClosed()
	}
	var err error
	if s.pg != nil {
		// PostgreSQL sorts and drops the copies itself, spilling to disk
		// when the store is large.
		err = s.pgScan(ctx, pgQuadsSQL(true, "q.label_hash IS DISTINCT FROM $1", "q.subject_hash, q.predicate_hash, q.object_hash"),
			[]any{pgHash(ManifestGraph)},
			func(q quad.Quad) error { q.Label = nil; return fn(q) })
	} else {
		ok := false
		if s.kv != nil {
			ok, err = s.kvTriples(ctx, fn)
		}
		if !ok && err == nil {
			err = s.bySubject(ctx, s.tripleOf(fn))
		}
	}
	if err != nil {
		return fmt.Errorf("store %s: read triples: %w", s, err)
	}
	return nil
}

func (s *Store) tripleOf(fn func(quad.Quad) error) func(graph.Ref, bool) error {
	return func(ref graph.Ref, first bool) error {
		if !first {
			return nil
		}
		q, err := s.qs.Quad(ref)
		if err != nil {
			return err
		}
		q.Label = nil
		return fn(q)
	}
}

// bySubject calls fn with every quad ref, grouped by subject; first is true
// for the first quad of each distinct triple. Completeness records are
// left out. Called with s.mu held.
func (s *Store) bySubject(ctx context.Context, fn func(ref graph.Ref, first bool) error) error {
	record, err := s.inManifest()
	if err != nil {
		return err
	}
	nodes := s.qs.NodesAllIterator().Iterate()
	defer nodes.Close()
	for nodes.Next(ctx) {
		seen := map[[2]any]bool{}
		it := s.qs.QuadIterator(quad.Subject, nodes.Result()).Iterate()
		for it.Next(ctx) {
			ref := it.Result()
			if record != nil {
				if skip, err := record(ref); err != nil {
					it.Close()
					return err
				} else if skip {
					continue
				}
			}
			p, err := s.qs.QuadDirection(ref, quad.Predicate)
			if err != nil {
				it.Close()
				return err
			}
			o, err := s.qs.QuadDirection(ref, quad.Object)
			if err != nil {
				it.Close()
				return err
			}
			k := [2]any{refs.ToKey(p), refs.ToKey(o)}
			first := !seen[k]
			seen[k] = true
			if err := fn(ref, first); err != nil {
				it.Close()
				return err
			}
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nodes.Err()
}

// Summary holds what Stats counts.
type Summary struct {
	Quads   int64 // quads in all graphs
	Triples int64 // distinct triples, whatever graphs hold them
	Graphs  int   // named graphs (documents)
	// Classes maps each object of rdf:type to its number of instances
	// (distinct subjects typed with it).
	Classes map[quad.Value]int64
	// Predicates maps each predicate to its distinct triples and quads
	// (the same triple stated by two documents is one triple, two quads).
	Predicates map[quad.Value]PredicateCount
}

// PredicateCount is one predicate's entry in a Summary.
type PredicateCount struct{ Triples, Quads int64 }

// Stats counts the store's quads, triples, graphs, instances per class and
// triples per predicate in one walk over the subjects (see Triples for
// the memory bound).
func (s *Store) Stats(ctx context.Context) (Summary, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sum := Summary{Classes: map[quad.Value]int64{}, Predicates: map[quad.Value]PredicateCount{}}
	if s.closed {
		return sum, s.errClosed()
	}
	fail := func(err error) (Summary, error) { return sum, fmt.Errorf("store %s: stats: %w", s, err) }
	var err error
	if sum.Quads, err = s.factCount(ctx); err != nil {
		return sum, err
	}
	if s.pg != nil {
		if err := s.pgStats(ctx, &sum); err != nil {
			return fail(err)
		}
		return sum, nil
	}
	labels, err := s.graphs(ctx, nil)
	if err != nil {
		return fail(err)
	}
	sum.Graphs = len(labels)
	typeRef, err := s.qs.ValueOf(rdfType)
	if err != nil {
		return fail(err)
	}
	typeKey := refs.ToKey(typeRef)
	names := map[any]graph.Ref{}
	preds := map[any]PredicateCount{}
	classes := map[any]int64{}
	count := func(p, o graph.Ref, first bool) error {
		pk := refs.ToKey(p)
		names[pk] = p
		pc := preds[pk]
		pc.Quads++
		if !first {
			preds[pk] = pc
			return nil
		}
		pc.Triples++
		preds[pk] = pc
		sum.Triples++
		if typeRef != nil && pk == typeKey {
			ok := refs.ToKey(o)
			names[ok] = o
			classes[ok]++
		}
		return nil
	}
	ok := false
	if s.kv != nil {
		ok, err = s.kvSubjects(ctx, func(p, o kv.Int64Value, first bool) error { return count(p, o, first) })
	}
	if !ok && err == nil {
		err = s.bySubject(ctx, func(ref graph.Ref, first bool) error {
			p, _ := s.qs.QuadDirection(ref, quad.Predicate)
			o, _ := s.qs.QuadDirection(ref, quad.Object)
			return count(p, o, first)
		})
	}
	if err != nil {
		return fail(err)
	}
	for k, n := range classes {
		v, err := s.qs.NameOf(names[k])
		if err != nil {
			return fail(err)
		}
		sum.Classes[v] = n
	}
	for k, pc := range preds {
		p, err := s.qs.NameOf(names[k])
		if err != nil {
			return fail(err)
		}
		sum.Predicates[p] = pc
	}
	return sum, nil
}

// CountIn returns the number of quads labelled label (0 for a label the
// store does not hold), without reading their values.
func (s *Store) CountIn(ctx context.Context, label quad.Value) (int64, error) {
	if err := validateLabel(label); err != nil {
		return 0, fmt.Errorf("store %s: %w", s, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, s.errClosed()
	}
	ref, err := s.qs.ValueOf(label)
	if err != nil || ref == nil {
		return 0, err
	}
	n, err := s.countShape(ctx, s.qs.QuadIterator(quad.Label, ref))
	if err != nil {
		return 0, fmt.Errorf("store %s: count graph %s: %w", s, label, err)
	}
	return n, nil
}

// Objects returns the objects of the quads (subject, predicate, ?, label),
// sorted by their string form: for example a document's dcterms:title as
// stated in its own graph.
func (s *Store) Objects(ctx context.Context, label, subject, predicate quad.Value) ([]quad.Value, error) {
	if err := validateLabel(label); err != nil {
		return nil, fmt.Errorf("store %s: %w", s, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, s.errClosed()
	}
	var out []quad.Value
	err := func() error {
		sref, err := s.qs.ValueOf(subject)
		if err != nil || sref == nil {
			return err
		}
		it := s.qs.QuadIterator(quad.Subject, sref).Iterate()
		defer it.Close()
		for it.Next(ctx) {
			q, err := s.qs.Quad(it.Result())
			if err != nil {
				return err
			}
			if quad.StringOf(q.Predicate) == quad.StringOf(predicate) && quad.StringOf(q.Label) == quad.StringOf(label) {
				out = append(out, q.Object)
			}
		}
		return it.Err()
	}()
	if err != nil {
		return nil, fmt.Errorf("store %s: read %s %s: %w", s, subject, predicate, err)
	}
	sort.Slice(out, func(i, j int) bool { return quad.StringOf(out[i]) < quad.StringOf(out[j]) })
	return out, nil
}

func (s *Store) countShape(ctx context.Context, shape iterator.Shape) (int64, error) {
	it := shape.Iterate()
	defer it.Close()
	var n int64
	for it.Next(ctx) {
		n++
	}
	return n, it.Err()
}
