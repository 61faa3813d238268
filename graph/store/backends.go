package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	cleveldb "github.com/cayleygraph/cayley/graph/kv/leveldb"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
	bolt "go.etcd.io/bbolt"
)

// LabelIndex is added to Cayley's default kv indexes when a store is
// created. It lets QuadIterator(quad.Label, ...) scan one document's quads
// instead of the whole store (6 ms instead of 240 ms per 1,000-quad document
// among 200k). It is NOT unique: a unique index silently drops quads. Subject
// and predicate follow the label so that the duplicate check, which
// intersects every index's posting list, reads short lists rather than a
// whole document's.
var LabelIndex = kv.QuadIndex{Dirs: []quad.Direction{quad.Label, quad.Subject, quad.Predicate}}

// PredicateIndex is added when Options.PredicateIndex asks for it (other
// stores lack it; see HasPredicateIndex). Cayley's kv stores index quads by subject and by
// object: without it, reading one relation (the quads of one predicate,
// QuadIterator(quad.Predicate, p), g.V().Out(p)) scans every quad. Cayley
// picks it for a predicate alone; the object, predicate, subject index
// stays first for an object and a predicate. Not unique, like LabelIndex.
var PredicateIndex = kv.QuadIndex{Dirs: []quad.Direction{quad.Predicate, quad.Object, quad.Subject}}

func init() {
	// Cayley's graph/kv init runs before hidalgo's leveldb driver registers,
	// so "leveldb" is missing from Cayley's registry. Register it, as the
	// cayley tool expects, so graph.NewQuadStore("leveldb", ...) works for
	// other packages too. This package opens leveldb directly regardless.
	if !graph.IsRegistered(cleveldb.Type) {
		kv.Register(cleveldb.Type, kv.Registration{
			NewFunc:      cleveldb.Open,
			InitFunc:     cleveldb.Create,
			IsPersistent: true,
		})
	}
}

// indexesMu guards the swap of the kv.DefaultQuadIndexes global, the only
// way to choose indexes for kv.Init.
var indexesMu sync.Mutex

// initKV writes Cayley's metadata, including the label index and, when
// asked, the predicate index, into an empty kv database.
func initKV(db hkv.KV, predicateIndex bool) error {
	indexesMu.Lock()
	defer indexesMu.Unlock()
	saved := kv.DefaultQuadIndexes
	defer func() { kv.DefaultQuadIndexes = saved }()
	inds := append(append([]kv.QuadIndex(nil), saved...), LabelIndex)
	if predicateIndex {
		inds = append(inds, PredicateIndex)
	}
	kv.DefaultQuadIndexes = inds
	return kv.Init(db, nil)
}

// openKV wraps an opened kv database as a quad store, initialising it only
// when it holds no keys at all, so foreign data is never mixed with ours.
func openKV(db hkv.KV, path string, opts Options) (graph.QuadStore, *txKV, error) {
	w := &txKV{KV: db}
	// Cayley fills a bloom filter of the existing quads at every open (a
	// pass over the whole log) to spare writes some duplicate checks; a
	// read-only store never writes. Each of its filters is sized for 100
	// million quads (~78 MB): with the four of an empty store (existing
	// quads, nodes, one per index) they are ~390 MB of a load's heap,
	// ~0.8 GB of its peak RSS with the GC's headroom. Without them a load
	// of 1.4M quads takes ~23% more CPU, so writers keep them.
	var kvOpts graph.Options
	if opts.ReadOnly {
		kvOpts = graph.Options{kv.OptNoBloom: true}
	}
	qs, err := kv.New(w, kvOpts)
	if errors.Is(err, graph.ErrNotInitialized) {
		var empty bool
		empty, err = isEmptyKV(db)
		switch {
		case err != nil:
		case !empty:
			err = fmt.Errorf("%w: database holds data but no Cayley metadata", ErrNotStore)
		case opts.ReadOnly:
			err = errors.New("store is empty and not initialised; open it read-write once")
		default:
			if err = initKV(db, opts.PredicateIndex); err == nil {
				qs, err = kv.New(w, kvOpts)
			}
		}
	}
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("store %s: %w", path, err)
	}
	return qs, w, nil
}

func isEmptyKV(db hkv.KV) (bool, error) {
	ctx := context.Background()
	empty := true
	err := hkv.View(ctx, db, func(tx hkv.Tx) error {
		it := tx.Scan(ctx)
		defer it.Close()
		empty = !it.Next(ctx)
		return it.Err()
	})
	return empty, err
}

// openBolt opens a bolt file itself rather than through Cayley's registry,
// because Cayley's bolt backend waits forever for a lock, has no read-only
// mode and keeps its data in PATH/indexes.bolt. It uses bbolt, the
// maintained fork with the same file format and key layout: boltdb/bolt
// v1.3.1 aborts under the race detector (checkptr: pointer straddles
// allocations), which would break `go test -race` for every user.
func openBolt(path string, opts Options) (graph.QuadStore, *txKV, error) {
	file := path
	fi, err := os.Stat(path)
	if err == nil && fi.IsDir() {
		// A store made by the cayley tool: PATH/indexes.bolt.
		file = filepath.Join(path, "indexes.bolt")
		if fi, err = os.Stat(file); errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("store %s: %w: directory without indexes.bolt", path, ErrNotStore)
		}
	}
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("store %s: %w", path, err)
	case !exists && opts.ReadOnly:
		return nil, nil, fmt.Errorf("store %s: does not exist (opened read-only): %w", path, err)
	case exists && !fi.Mode().IsRegular():
		return nil, nil, fmt.Errorf("store %s: %w: not a regular file", path, ErrNotStore)
	case exists:
		// Bolt would initialise an empty file and fault on a truncated one,
		// so look before letting it touch the file.
		if err := checkBoltFile(file, fi.Size()); err != nil {
			return nil, nil, fmt.Errorf("store %s: %w: %v", path, ErrNotStore, err)
		}
	}
	db, err := bolt.Open(file, 0o644, &bolt.Options{Timeout: opts.LockTimeout, ReadOnly: opts.ReadOnly})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, nil, fmt.Errorf("%w: %s (waited %s)", ErrInUse, path, opts.LockTimeout)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("store %s: open bolt: %w", path, err)
	}
	return openKV(hbolt.New(db), path, opts)
}

// openLevelDB opens or creates a leveldb directory. goleveldb does not wait
// for its lock, so retry for LockTimeout to behave like bolt.
func openLevelDB(path string, opts Options) (graph.QuadStore, *txKV, error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && !fi.IsDir():
		return nil, nil, fmt.Errorf("store leveldb:%s: %w: not a directory", path, ErrNotStore)
	case err == nil:
		if err := checkLevelDBDir(path); err != nil {
			return nil, nil, fmt.Errorf("store leveldb:%s: %w: %v", path, ErrNotStore, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("store leveldb:%s: %w", path, err)
	case opts.ReadOnly:
		return nil, nil, fmt.Errorf("store leveldb:%s: does not exist (opened read-only): %w", path, err)
	default:
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, nil, fmt.Errorf("store leveldb:%s: %w", path, err)
		}
	}
	deadline := time.Now().Add(opts.LockTimeout)
	for {
		db, err := hleveldb.Open(path, &opt.Options{ReadOnly: opts.ReadOnly})
		if err == nil {
			// Cayley's own leveldb backend syncs every commit by default.
			db.SetWriteOptions(&opt.WriteOptions{Sync: true})
			return openKV(flat.Upgrade(db), "leveldb:"+path, opts)
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, nil, fmt.Errorf("store leveldb:%s: open: %w", path, err)
		}
		if time.Now().After(deadline) {
			return nil, nil, fmt.Errorf("%w: %s (waited %s)", ErrInUse, path, opts.LockTimeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkLevelDBDir accepts an empty directory or one holding a leveldb
// database (a CURRENT file); goleveldb would otherwise create a database
// among someone else's files.
func checkLevelDBDir(path string) error {
	if _, err := os.Stat(filepath.Join(path, "CURRENT")); err == nil {
		return nil
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	if len(ents) != 0 {
		return errors.New("directory is not empty and has no leveldb CURRENT file")
	}
	return nil
}
