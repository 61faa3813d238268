package store

import (
	"fmt"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
)

// namedMemory holds the stores opened as "memory:NAME": they live as long
// as the process and are shared by every Open of the same name, with the
// locking rules of a bolt file (one writer, or any number of readers), so
// that commands run in one process (tests, embedding programs) see each
// other's writes.
var namedMemory = struct {
	sync.Mutex
	stores map[string]*memEntry
}{stores: map[string]*memEntry{}}

type memEntry struct {
	qs      *memstore.QuadStore
	writer  bool
	readers int
}

// openNamedMemory returns the named store, creating it, once the lock it
// needs is free, waiting up to opts.LockTimeout.
func openNamedMemory(name string, opts Options) (graph.QuadStore, func(), error) {
	deadline := time.Now().Add(opts.LockTimeout)
	for {
		namedMemory.Lock()
		e := namedMemory.stores[name]
		if e == nil {
			if opts.ReadOnly {
				namedMemory.Unlock()
				return nil, nil, fmt.Errorf("store memory:%s: does not exist (opened read-only)", name)
			}
			e = &memEntry{qs: memstore.New()}
			namedMemory.stores[name] = e
		}
		free := !e.writer && (opts.ReadOnly || e.readers == 0)
		if free {
			if opts.ReadOnly {
				e.readers++
			} else {
				e.writer = true
			}
			namedMemory.Unlock()
			release := func() {
				namedMemory.Lock()
				defer namedMemory.Unlock()
				if opts.ReadOnly {
					e.readers--
				} else {
					e.writer = false
				}
			}
			return e.qs, release, nil
		}
		namedMemory.Unlock()
		if time.Now().After(deadline) {
			return nil, nil, fmt.Errorf("%w: memory:%s (waited %s)", ErrInUse, name, opts.LockTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
