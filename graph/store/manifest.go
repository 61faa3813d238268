package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// Completeness records. ReplaceGraph writes, in the same transaction as a
// graph's quads and after them in the delta list, one record quad
//
//	<graph> dip:quadCount "N"^^xsd:nonNegativeInteger  (in graph ManifestGraph)
//
// saying how many quads the graph holds. Check compares it with the
// quads found through the label index, so a graph that lost or gained
// quads outside ReplaceGraph, or one written half-way by a store whose
// transactions are not atomic, is reported. The records live in a graph
// of their own, which Quads, Dump, Triples, Graphs, Count and Stats leave
// out: exports and statistics show the documents' facts only. Gizmo
// queries, which read the Cayley store directly, can see them.
const (
	// ManifestGraph is the reserved graph holding the completeness
	// records. ReplaceGraph and RemoveGraph refuse it as a label.
	ManifestGraph = quad.IRI("https://w3id.org/dipgraph/store#documents")
	// QuadCount is the predicate of a completeness record.
	QuadCount = quad.IRI("https://w3id.org/dipgraph/ontology#quadCount")
	// xsdNonNegativeInteger is the datatype of a record's count.
	xsdNonNegativeInteger = quad.IRI("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
)

// isManifest reports whether v is ManifestGraph.
func isManifest(v quad.Value) bool {
	iri, ok := v.(quad.IRI)
	return ok && iri == ManifestGraph
}

// recordFor is the completeness record of a graph of n quads.
func recordFor(label quad.Value, n int) quad.Quad {
	return quad.Quad{Subject: label, Predicate: QuadCount,
		Object: quad.TypedString{Value: quad.String(strconv.Itoa(n)), Type: xsdNonNegativeInteger},
		Label:  ManifestGraph}
}

// recordCount reads the count of a record quad.
func recordCount(q quad.Quad) (int64, error) {
	var s string
	switch o := q.Object.(type) {
	case quad.TypedString:
		if o.Type != xsdNonNegativeInteger {
			return 0, fmt.Errorf("count %s has datatype %s, not xsd:nonNegativeInteger", o, o.Type)
		}
		s = string(o.Value)
	case quad.Int:
		s = strconv.FormatInt(int64(o), 10)
	default:
		return 0, fmt.Errorf("count %s is not an xsd:nonNegativeInteger", quad.StringOf(q.Object))
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("count %q is not a non-negative integer", s)
	}
	return n, nil
}

// recordsOf returns the completeness records of label as the store holds
// them (normally one), read through the subject index. Called with s.mu
// held.
func (s *Store) recordsOf(ctx context.Context, label quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	keep := func(q quad.Quad) error {
		if isManifest(q.Label) && quad.StringOf(q.Predicate) == quad.StringOf(QuadCount) {
			out = append(out, q)
		}
		return nil
	}
	if s.pg != nil {
		err := s.pgScan(ctx, pgQuadsSQL(false, "q.subject_hash = $1 AND q.label_hash = $2", ""),
			[]any{pgHash(label), pgHash(ManifestGraph)}, keep)
		return out, err
	}
	ref, err := s.qs.ValueOf(label)
	if err != nil || ref == nil {
		return nil, err
	}
	return out, s.scan(ctx, s.qs.QuadIterator(quad.Subject, ref), keep)
}

// manifestRef is the store's ref of ManifestGraph, nil while no record has
// been written. Called with s.mu held.
func (s *Store) manifestRef() (graph.Ref, error) {
	if s.pg != nil {
		return nil, nil
	}
	return s.qs.ValueOf(ManifestGraph)
}

// inManifest returns a test for quad refs in ManifestGraph; nil when there
// is none. Called with s.mu held (kv and memory stores only).
func (s *Store) inManifest() (func(graph.Ref) (bool, error), error) {
	mref, err := s.manifestRef()
	if err != nil || mref == nil {
		return nil, err
	}
	mkey := refs.ToKey(mref)
	return func(ref graph.Ref) (bool, error) {
		l, err := s.qs.QuadDirection(ref, quad.Label)
		if err != nil {
			return false, err
		}
		return !isNilRef(l) && refs.ToKey(l) == mkey, nil
	}, nil
}

// recordTotal is the number of quads in ManifestGraph. Called with s.mu
// held.
func (s *Store) recordTotal(ctx context.Context) (int64, error) {
	if s.pg != nil {
		var n int64
		err := s.pg.db.QueryRowContext(ctx, `SELECT count(*) FROM quads WHERE label_hash = $1`, pgHash(ManifestGraph)).Scan(&n)
		return n, err
	}
	mref, err := s.manifestRef()
	if err != nil || mref == nil {
		return 0, err
	}
	return s.countShape(ctx, s.qs.QuadIterator(quad.Label, mref))
}

// Record returns the quad count recorded for label by ReplaceGraph, and
// false when the graph has no record (never loaded through ReplaceGraph,
// or loaded by a dipgraph older than the records).
func (s *Store) Record(ctx context.Context, label quad.Value) (int64, bool, error) {
	if err := validateLabel(label); err != nil {
		return 0, false, fmt.Errorf("store %s: %w", s, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, false, s.errClosed()
	}
	recs, err := s.recordsOf(ctx, label)
	if err != nil {
		return 0, false, fmt.Errorf("store %s: read record of %s: %w", s, label, err)
	}
	if len(recs) == 0 {
		return 0, false, nil
	}
	n, err := recordCount(recs[0])
	if err != nil {
		return 0, false, fmt.Errorf("store %s: record of %s: %w", s, label, err)
	}
	return n, true, nil
}
