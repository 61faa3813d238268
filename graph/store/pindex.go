package store

import (
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
)

// HasPredicateIndex reports whether qs (or the store it wraps) reads the
// quads of one predicate without scanning every quad: a kv store created
// with PredicateIndex (bolt or leveldb stores created before it read
// relations by a scan), or Cayley's memory store, which indexes every
// direction. PostgreSQL and unknown stores answer false.
func HasPredicateIndex(qs graph.QuadStore) bool {
	switch u := graph.Unwrap(qs).(type) {
	case *kv.QuadStore:
		// The kv store names the index it scans only in the iterator's
		// description; without a predicate index it builds a scan of all
		// quads.
		it := u.QuadIterator(quad.Predicate, kv.Int64Value(1))
		s, ok := it.(fmt.Stringer)
		return ok && s.String() == fmt.Sprintf("KVQuads(%v)", PredicateIndex)
	case *memstore.QuadStore:
		return true
	}
	return false
}
