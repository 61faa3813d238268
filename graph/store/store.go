// Package store opens and loads the Cayley quad stores that hold dipgraph's
// graphs, one named graph (quad label) per source document.
//
// It exists so that the rest of dipgraph never touches Cayley's backend
// registry, global options or known bugs directly: every workaround listed in
// /work/shared/docs/cayley-notes.md lives here (bolt lock timeout, leveldb
// registration, a non-unique label index, label deletion that only removes
// quads listed from the store).
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/writer" // registers the "single" quad writer
)

// DefaultLockTimeout is how long Open waits for another process to release
// a bolt or leveldb store before giving up. Without it bolt blocks forever.
const DefaultLockTimeout = 5 * time.Second

// SpecMemory is the Open spec for a volatile in-memory store.
const SpecMemory = "memory"

var (
	// ErrInUse is wrapped by Open when another process holds the store's
	// lock for longer than Options.LockTimeout.
	ErrInUse = errors.New("store in use by another process")
	// ErrReadOnly is returned by write methods of a store opened read-only.
	ErrReadOnly = errors.New("store opened read-only")
	// ErrNotStore is wrapped by Open when the path exists but is not a
	// database of the expected kind; the file is left untouched.
	ErrNotStore = errors.New("not a dipgraph store")
)

// Options control Open.
type Options struct {
	// ReadOnly opens the store without write access. Read-only bolt opens
	// can share a file with each other but not with a writer.
	ReadOnly bool
	// LockTimeout bounds the wait for another process's lock; zero means
	// DefaultLockTimeout.
	LockTimeout time.Duration
	// PredicateIndex gives a bolt or leveldb store that is created by this
	// open a predicate-first index (PredicateIndex): whole-relation reads
	// (g.V().Out(p) from every node, the contradictions query) become
	// prefix scans instead of scans of every quad, at the price of slower
	// loads (about 0.6x) and a larger file (about +17%). Stores that exist
	// keep the indexes they were created with.
	PredicateIndex bool
}

// Store is an open Cayley quad store. Its methods serialise writes against
// reads with a mutex because memstore is not safe for concurrent use;
// callbacks given to Quads and QuadsIn must therefore not call methods of
// the same Store.
type Store struct {
	qs       graph.QuadStore
	kind     string // "memory", "bolt", "leveldb" or "postgres"
	path     string // file or directory; empty for memory; URL without password for postgres
	readOnly bool
	pg       *pgConn // postgres only
	kv       *txKV   // bolt and leveldb: the kv database under Cayley
	release  func()  // named memory stores: give the lock back

	mu     sync.RWMutex
	closed bool
}

// Open opens (creating and initialising if missing) the store named by spec:
//
//	"memory"          an empty in-memory store (memstore)
//	"memory:NAME"     an in-memory store shared by name within the process,
//	                  locked like a bolt file (one writer or many readers)
//	"leveldb:PATH"    a leveldb directory
//	"postgres://..."  a PostgreSQL database (also postgresql://), shared
//	                  by many users; Cayley's tables are created in an
//	                  empty database, and a read-write Store holds an
//	                  advisory lock so that writers take turns
//	"bolt:PATH"       a bolt database file, explicitly
//	anything else     a bolt database file (the default, e.g. "dipgraph.db")
//
// A bolt path may also be a directory made by the cayley tool, holding
// indexes.bolt. Existing files that are not stores are refused, never
// overwritten.
func Open(spec string, opts Options) (*Store, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	switch {
	case spec == "":
		return nil, errors.New("store: empty store spec")
	case spec == SpecMemory:
		// A read-only empty store would be useless, so ReadOnly is only
		// recorded to make writes fail consistently.
		return &Store{qs: memstore.New(), kind: SpecMemory, readOnly: opts.ReadOnly}, nil
	case strings.HasPrefix(spec, "memory:"):
		name := strings.TrimPrefix(spec, "memory:")
		if name == "" {
			return nil, errors.New("store: memory: needs a name (memory:NAME), or use memory")
		}
		qs, release, err := openNamedMemory(name, opts)
		if err != nil {
			return nil, err
		}
		return &Store{qs: qs, kind: SpecMemory, path: name, readOnly: opts.ReadOnly, release: release}, nil
	case strings.HasPrefix(spec, "postgres://"), strings.HasPrefix(spec, "postgresql://"):
		qs, pg, err := openPostgres(spec, opts)
		if err != nil {
			return nil, err
		}
		return &Store{qs: qs, kind: "postgres", path: redactURL(spec), readOnly: opts.ReadOnly, pg: pg}, nil
	case strings.HasPrefix(spec, "leveldb:"):
		path := strings.TrimPrefix(spec, "leveldb:")
		if path == "" {
			return nil, errors.New("store: leveldb spec needs a path (leveldb:PATH)")
		}
		qs, w, err := openLevelDB(path, opts)
		if err != nil {
			return nil, err
		}
		return &Store{qs: qs, kv: w, kind: "leveldb", path: path, readOnly: opts.ReadOnly}, nil
	default:
		path := strings.TrimPrefix(spec, "bolt:")
		qs, w, err := openBolt(path, opts)
		if err != nil {
			return nil, err
		}
		return &Store{qs: qs, kv: w, kind: "bolt", path: path, readOnly: opts.ReadOnly}, nil
	}
}

// redactURL drops credentials from a connection URL, in its user part or
// a password parameter, so errors can be logged.
func redactURL(s string) string {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return s
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		if slash := strings.Index(rest, "/"); slash < 0 || at < slash {
			rest = "***@" + rest[at+1:]
		}
	}
	if base, query, ok := strings.Cut(rest, "?"); ok {
		params := strings.Split(query, "&")
		for i, p := range params {
			if k, _, _ := strings.Cut(p, "="); strings.EqualFold(k, "password") {
				params[i] = k + "=***"
			}
		}
		rest = base + "?" + strings.Join(params, "&")
	}
	return scheme + "://" + rest
}

// String names the store for messages, e.g. "bolt:dipgraph.db" or
// "postgres://***@127.0.0.1:5432/db".
func (s *Store) String() string {
	switch {
	case s.kind == "postgres":
		return s.path // the URL, without its password
	case s.path == "":
		return s.kind
	}
	return s.kind + ":" + s.path
}

// QuadStore returns the underlying Cayley store, for Gizmo queries. Use it
// for reading only: writes through it bypass the Store's validation and
// locking. Reads through it are not serialised with this Store's writes,
// which memstore does not tolerate; bolt and leveldb do.
func (s *Store) QuadStore() graph.QuadStore { return s.qs }

// Count returns the number of quads in the store, completeness records
// (ManifestGraph) not counted. All backends used here keep an exact count,
// so this is cheap.
func (s *Store) Count() (int64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, s.errClosed()
	}
	return s.factCount(context.Background())
}

// factCount is count less the completeness records. Called with s.mu held.
func (s *Store) factCount(ctx context.Context) (int64, error) {
	n, err := s.count()
	if err != nil {
		return 0, err
	}
	r, err := s.recordTotal(ctx)
	if err != nil {
		return 0, fmt.Errorf("store %s: count records: %w", s, err)
	}
	return n - r, nil
}

func (s *Store) count() (int64, error) {
	st, err := s.qs.Stats(context.Background(), false)
	if errors.Is(err, kv.ErrNoBucket) {
		return 0, nil // a kv store has no size key until its first write
	}
	if err != nil {
		return 0, fmt.Errorf("store %s: count quads: %w", s, err)
	}
	if !st.Quads.Exact {
		st, err = s.qs.Stats(context.Background(), true)
		if err != nil {
			return 0, fmt.Errorf("store %s: count quads: %w", s, err)
		}
	}
	return st.Quads.Value, nil
}

// Close releases the store and its file lock. Closing twice is harmless.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.qs.Close()
	if s.release != nil {
		s.release()
	}
	if s.pg != nil {
		if perr := s.pg.close(); err == nil {
			err = perr
		}
	}
	if err != nil {
		return fmt.Errorf("store %s: close: %w", s, err)
	}
	return nil
}

func (s *Store) errClosed() error { return fmt.Errorf("store %s: closed", s) }

// checkWrite is called with s.mu held.
func (s *Store) checkWrite() error {
	if s.closed {
		return s.errClosed()
	}
	if s.readOnly {
		return fmt.Errorf("store %s: %w", s, ErrReadOnly)
	}
	return nil
}
