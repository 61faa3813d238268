// Package queries runs queries against a Cayley store: ad hoc ones in Gizmo
// or GraphQL from the command line, and the saved queries (a Gizmo query
// plus its SPARQL 1.1 twin each, embedded), with parameters passed as
// values, a deadline and a result limit, and writes their results as
// tables, CSV, TSV or JSON.
package queries

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers the graphql language
)

// Options bound a query run.
type Options struct {
	Timeout time.Duration // 0: no deadline
	Limit   int           // 0: no limit
	// MaxMemory bounds the Go heap's growth while the query runs, in
	// bytes: 0 means DefaultMaxMemory, negative no bound. Gizmo has no
	// memory limit of its own: a query that builds ever larger arrays
	// would otherwise take the machine's memory before its timeout.
	MaxMemory int64
	// Engine runs a saved query (RunSaved): EngineAuto ("" too) runs the
	// native plan of a built-in query whose text is unchanged on a bolt
	// or leveldb store and Gizmo otherwise, EngineGizmo always Gizmo,
	// EngineNative the native plan or an error.
	Engine string
}

// DefaultMaxMemory is the heap growth a query may cause when
// Options.MaxMemory is 0: 2 GiB, or the number of MiB in the environment
// variable DIPGRAPH_QUERY_MEMORY_MIB.
var DefaultMaxMemory int64 = 2 << 30

// memoryEnv overrides DefaultMaxMemory, in MiB.
const memoryEnv = "DIPGRAPH_QUERY_MEMORY_MIB"

var (
	// ErrTimeout is returned when a query runs past its deadline.
	ErrTimeout = errors.New("query stopped: it ran past its timeout")
	// ErrMemory is returned when a query grows the heap past MaxMemory.
	ErrMemory = errors.New("query stopped: it used more memory than allowed")
)

func (o Options) maxMemory() int64 {
	if o.MaxMemory != 0 {
		return o.MaxMemory
	}
	if v := os.Getenv(memoryEnv); v != "" {
		if mib, err := strconv.ParseInt(v, 10, 64); err == nil && mib > 0 {
			return mib << 20
		}
	}
	return DefaultMaxMemory
}

// heapBytes is the memory held by heap objects, live or not yet swept.
func heapBytes() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// watchMemory calls stop once the heap has grown by more than limit
// bytes since the call; the returned func ends the watch.
func watchMemory(limit int64, stop func()) (end func()) {
	base := heapBytes()
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if heapBytes()-base > limit {
					// Garbage counts until swept: collect once before
					// deciding.
					runtime.GC()
					if heapBytes()-base > limit {
						stop()
						return
					}
				}
			}
		}
	}()
	return func() { close(done) }
}

// Languages are the ad hoc query languages Run takes.
var Languages = []string{"gizmo", "graphql"}

// RunGizmo executes a Gizmo query and returns its results as JSON-ready
// values (Run with "gizmo").
func RunGizmo(ctx context.Context, qs graph.QuadStore, text string, opt Options) ([]any, error) {
	return Run(ctx, qs, "gizmo", text, opt)
}

// Run executes an ad hoc query in one of Languages and returns its results
// as JSON-ready values: IRIs as "<...>" strings, literals as their values.
func Run(ctx context.Context, qs graph.QuadStore, lang, text string, opt Options) ([]any, error) {
	var sess query.Session
	switch lang {
	case "gizmo":
		sess = gizmo.NewSession(qs)
	case "graphql":
		// Registered by importing cayley's query/graphql, which needs
		// github.com/dennwc/graphql in go.mod and go.sum.
		l := query.GetLanguage("graphql")
		if l == nil || l.Session == nil {
			return nil, fmt.Errorf("graphql is not compiled into this build (it needs cayley's query/graphql and github.com/dennwc/graphql)")
		}
		sess = l.Session(qs)
	default:
		return nil, fmt.Errorf("unknown query language %q (one of %s)", lang, strings.Join(Languages, ", "))
	}
	return execute(ctx, sess, lang, text, query.JSON, opt)
}

// execute runs one query in a new session (a Gizmo session fails every
// query after its first Close, cayley-notes.md). Cayley's Execute ignores
// its context, so the deadline goes to it.Next, and the results are read
// in a goroutine that the caller stops waiting for at the deadline: Gizmo
// interrupts its JavaScript then (while(true){} ends), GraphQL and the kv
// iterators may run on in the background until they finish.
func execute(ctx context.Context, sess query.Session, lang, text string, col query.Collation, opt Options) ([]any, error) {
	ctx, overMemory, stop := opt.limits(ctx)
	defer stop()
	timeout := func() error {
		if overMemory.Load() {
			return fmt.Errorf("%w (%d MiB; set %s to allow more)", ErrMemory, opt.maxMemory()>>20, memoryEnv)
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%w (%s)", ErrTimeout, opt.Timeout)
		}
		return fmt.Errorf("%s: %w", lang, ctx.Err())
	}
	it, err := sess.Execute(ctx, text, query.Options{Collation: col, Limit: opt.Limit})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lang, err)
	}
	type done struct {
		out []any
		err error
	}
	ch := make(chan done, 1)
	go func() {
		defer it.Close()
		var out []any
		for it.Next(ctx) {
			if r := it.Result(); r != nil {
				out = append(out, r)
			}
			if opt.Limit > 0 && len(out) >= opt.Limit {
				break
			}
		}
		ch <- done{out, it.Err()}
	}()
	select {
	case d := <-ch:
		if ctx.Err() != nil {
			return d.out, timeout()
		}
		if d.err != nil {
			return d.out, fmt.Errorf("%s: %w", lang, d.err)
		}
		return d.out, nil
	case <-ctx.Done():
		return nil, timeout()
	}
}

// limits bounds a query run by the options' timeout and memory: the run's
// context, a flag the memory watch sets when it cancels the run, and stop,
// which the caller defers.
func (opt Options) limits(ctx context.Context) (context.Context, *atomic.Bool, func()) {
	var stops []func()
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opt.Timeout)
		stops = append(stops, cancel)
	}
	overMemory := new(atomic.Bool)
	if limit := opt.maxMemory(); limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		stops = append(stops, cancel)
		stops = append(stops, watchMemory(limit, func() { overMemory.Store(true); cancel() }))
	}
	return ctx, overMemory, func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
}
