package queries

import (
	"context"
	"fmt"
	"sync"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store"
)

// memoStore remembers, for one query run, the value of every node ref the
// query has named and the ref of every value it has named or looked up.
// Gizmo names each tag of each result with its own NameOf call, and
// Cayley's kv store answers each of those in a new read transaction
// (bucket lookups, a B-tree search, a protobuf decode): half the time of a
// saved query that reads many rows went there, mostly for the same few
// thousand values (claimants, relations, classes, the claim a row hangs
// off). Refs of named values make g.V(nodes read before) free of lookups.
//
// Everything else goes to the store underneath. Shapes the store's
// optimizer rewrites are bound to that store: they may assert its type
// when they build their iterators (kv's IndexScan does).
type memoStore struct {
	graph.QuadStore
	mu     sync.Mutex
	names  map[any]quad.Value
	values map[string]graph.Ref
	// prefixes are kv indexes of three directions that prefixScan may
	// scan by their first two.
	prefixes []kv.QuadIndex
}

// memoize wraps qs for one query run. Stores whose optimizer merges whole
// shape trees (SQL) are left alone: a bound shape would hide its children
// from that optimizer.
func memoize(qs graph.QuadStore) graph.QuadStore {
	under := graph.Unwrap(qs)
	m := &memoStore{QuadStore: under, names: map[any]quad.Value{}, values: map[string]graph.Ref{}}
	if k, ok := under.(*kv.QuadStore); ok {
		m.prefixes = kvPrefixes(k)
	} else if _, opt := under.(shape.Optimizer); opt {
		return qs
	}
	return m
}

var (
	_ refs.BatchNamer = (*memoStore)(nil)
	_ shape.Optimizer = (*memoStore)(nil)
)

// NameOf is the store's NameOf, remembered.
func (m *memoStore) NameOf(r graph.Ref) (quad.Value, error) {
	if r == nil {
		return nil, nil
	}
	k := r.Key()
	if k == nil {
		return m.QuadStore.NameOf(r)
	}
	m.mu.Lock()
	v, ok := m.names[k]
	m.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := m.QuadStore.NameOf(r)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.names[k] = v
	if v != nil {
		m.values[quad.StringOf(v)] = r
	}
	m.mu.Unlock()
	return v, nil
}

// ValuesOf names refs, asking the store only for those not yet named.
func (m *memoStore) ValuesOf(ctx context.Context, rs []graph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(rs))
	var miss []graph.Ref
	var at []int
	m.mu.Lock()
	for i, r := range rs {
		if r == nil {
			continue
		}
		k := r.Key()
		if v, ok := m.names[k]; ok && k != nil {
			out[i] = v
			continue
		}
		miss = append(miss, r)
		at = append(at, i)
	}
	m.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	vals, err := graph.ValuesOf(ctx, m.QuadStore, miss)
	if err != nil {
		return out, err
	}
	m.mu.Lock()
	for j, v := range vals {
		out[at[j]] = v
		if k := miss[j].Key(); k != nil {
			m.names[k] = v
		}
		if v != nil {
			m.values[quad.StringOf(v)] = miss[j]
		}
	}
	m.mu.Unlock()
	return out, nil
}

// ValueOf is the store's ValueOf, remembered (also when the value is not
// in the store).
func (m *memoStore) ValueOf(v quad.Value) (graph.Ref, error) {
	if v == nil {
		return m.QuadStore.ValueOf(v)
	}
	k := quad.StringOf(v)
	m.mu.Lock()
	r, ok := m.values[k]
	m.mu.Unlock()
	if ok {
		return r, nil
	}
	r, err := m.QuadStore.ValueOf(v)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.values[k] = r
	m.mu.Unlock()
	return r, nil
}

// RefsOf looks values up, asking the store only for those not yet seen.
func (m *memoStore) RefsOf(ctx context.Context, nodes []quad.Value) ([]graph.Ref, error) {
	out := make([]graph.Ref, len(nodes))
	var miss []quad.Value
	var at []int
	m.mu.Lock()
	for i, v := range nodes {
		if v != nil {
			if r, ok := m.values[quad.StringOf(v)]; ok {
				out[i] = r
				continue
			}
		}
		miss = append(miss, v)
		at = append(at, i)
	}
	m.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	got, err := graph.RefsOf(ctx, m.QuadStore, miss)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	for j, r := range got {
		out[at[j]] = r
		if miss[j] != nil {
			m.values[quad.StringOf(miss[j])] = r
		}
	}
	m.mu.Unlock()
	return out, nil
}

// OptimizeShape lets the store optimize, and binds what it rewrote to it.
func (m *memoStore) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
	o, ok := m.QuadStore.(shape.Optimizer)
	if !ok {
		return s, false
	}
	ns, ok := o.OptimizeShape(ctx, s)
	if !ok {
		if qa, isQA := s.(shape.QuadsAction); isQA {
			ns, ok = m.prefixScan(qa)
		}
		if !ok {
			return s, false
		}
	}
	return boundShape{ns, m.QuadStore}, true
}

// prefixScan reads the quads of a QuadsAction whose fixed directions are
// the leading directions of one of the kv store's indexes, such as object
// and predicate for g.V(x).In(p) (the object, predicate, subject index).
// Cayley's kv optimizer only uses an index when the filter fixes all its
// directions, so g.V(x).In(p) would read every quad whose object is x (all
// the mentions of a state) and keep those with predicate p.
func (m *memoStore) prefixScan(qa shape.QuadsAction) (shape.Shape, bool) {
	if len(qa.Filter) < 2 {
		return nil, false
	}
next:
	for _, ind := range m.prefixes {
		if len(ind.Dirs) < len(qa.Filter) {
			continue
		}
		vals := make([]uint64, 0, len(qa.Filter))
		for _, dir := range ind.Dirs[:len(qa.Filter)] {
			iv, ok := qa.Filter[dir].(kv.Int64Value)
			if !ok {
				continue next
			}
			vals = append(vals, uint64(iv))
		}
		return qa.SimplifyFrom(kv.IndexScan{Index: ind, Values: vals}), true
	}
	return nil, false
}

// kvPrefixes lists the indexes among Cayley's defaults and dipgraph's
// predicate index that a kv store has, found by asking the store which
// index it scans for their first direction (the index is only named in the
// iterator's description). Cayley's object, predicate, subject index comes
// first, so an object and a predicate are read from it as before.
func kvPrefixes(qs *kv.QuadStore) []kv.QuadIndex {
	var out []kv.QuadIndex
	cands := append(append([]kv.QuadIndex(nil), kv.DefaultQuadIndexes...), store.PredicateIndex)
	for _, ind := range cands {
		if len(ind.Dirs) < 3 {
			continue // the kv optimizer already scans a two-direction index by both
		}
		it := qs.QuadIterator(ind.Dirs[0], kv.Int64Value(1))
		if s, ok := it.(fmt.Stringer); ok && s.String() == fmt.Sprintf("KVQuads(%v)", ind) {
			out = append(out, ind)
		}
	}
	return out
}

// boundShape builds its iterators on its own store, whatever it is given.
type boundShape struct {
	s  shape.Shape
	qs graph.QuadStore
}

func (b boundShape) BuildIterator(graph.QuadStore) iterator.Shape { return b.s.BuildIterator(b.qs) }

func (b boundShape) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return b, false
}
