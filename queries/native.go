package queries

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store"
)

// The native engine runs the built-in saved queries in Go on bolt and
// leveldb stores: each plan (native_*.go) follows its NAME.gizmo.js and
// lib.js step by step, reading Cayley's kv layout directly
// (store.KVQuery: one read transaction, index lookups by node id) instead
// of handing every edge to JavaScript through Cayley's iterators. The
// Gizmo files and their SPARQL twins stay the meaning of each query; a
// plan is an accelerated implementation that must give the same rows
// (native_test.go compares both engines).
//
// Values are compared as lib.js's key() compares them: each distinct key
// is one term (an int32), whatever node ids carry it, and a term's value
// is the value Gizmo's JSON-LD collation hands back (gizmoForm).

// Engines of Options.Engine.
const (
	EngineAuto   = "auto"   // native for an unchanged built-in query on a bolt or leveldb store, else Gizmo
	EngineGizmo  = "gizmo"  // always Gizmo
	EngineNative = "native" // native, or an error when the query or store has no native plan
)

// Engines lists the values Options.Engine takes ("" is EngineAuto).
var Engines = []string{EngineAuto, EngineGizmo, EngineNative}

// nativePlans are the native plans by query name.
var nativePlans = map[string]func(*nrun) error{}

// nativePlan is q's native plan: nil unless q is a built-in query whose
// texts are the embedded ones (an edited or user query runs on Gizmo).
func nativePlan(q *Query) func(*nrun) error {
	plan := nativePlans[q.Name]
	if plan == nil {
		return nil
	}
	builtin, ok := Lookup(q.Name)
	if !ok || builtin.Gizmo != q.Gizmo || builtin.SPARQL != q.SPARQL {
		return nil
	}
	return plan
}

// errNoNative says why the native engine cannot run a query.
type errNoNative struct{ why string }

func (e errNoNative) Error() string { return "native engine: " + e.why }

// runNative runs q's native plan; ok false when q or qs has none (then
// the Gizmo path runs, unless the engine was forced).
func runNative(ctx context.Context, qs graph.QuadStore, q *Query, b *Binding, opt Options) (*Result, bool, error) {
	plan := nativePlan(q)
	if plan == nil {
		return nil, false, errNoNative{fmt.Sprintf("no native plan for %s (or its text was changed)", q.Name)}
	}
	// As the Gizmo path: a deadline and a bound on the heap's growth.
	ctx, overMemory, stop := opt.limits(ctx)
	defer stop()
	kq, err := store.OpenKVQuery(ctx, qs)
	if err != nil {
		return nil, false, errNoNative{err.Error()}
	}
	defer kq.Close()
	r := newRun(ctx, kq, q, b)
	err = plan(r)
	if err == nil {
		err = ctx.Err() // a run that ended as its deadline passed
	}
	if err != nil {
		switch {
		case overMemory.Load():
			return nil, true, fmt.Errorf("%s: %w (%d MiB; set %s to allow more)", q.Name, ErrMemory, opt.maxMemory()>>20, memoryEnv)
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return nil, true, fmt.Errorf("%s: %w (%s)", q.Name, ErrTimeout, opt.Timeout)
		}
		return nil, true, fmt.Errorf("%s: %w", q.Name, err)
	}
	res := &Result{Query: q, Columns: q.Columns}
	if b != nil {
		res.Notes = b.Notes
	}
	res.Rows = r.table().radixRows(res.orderCols(), len(q.Columns))
	if opt.Limit > 0 && len(res.Rows) > opt.Limit {
		res.Rows = res.Rows[:opt.Limit]
	}
	return res, true, nil
}

// orderCols are the column indexes of the query's order.
func (r *Result) orderCols() []int {
	var order []int
	if r.Query != nil {
		for _, name := range r.Query.Order {
			order = append(order, r.column(name))
		}
	}
	return order
}

// term is one distinct value (by lib.js's key) of a run.
type term struct {
	v      quad.Value // as Gizmo hands it back
	id     uint64     // a node id carrying it (0: none seen)
	node   bool       // an IRI or a blank node: may have edges out
	native bool       // a number or a boolean in JavaScript
}

// none is the unbound term.
const none int32 = -1

// nrun is one native run: the transaction, the terms, what was read.
type nrun struct {
	ctx    context.Context
	kq     *store.KVQuery
	q      *Query
	params map[string]int32 // bound parameters as terms
	pvals  map[string]quad.Value
	terms  []term
	byID   idMap    // terms by node id
	byKey  keyTable // terms by key (native_keys.go)
	out    []*edges // by term
	slab   slab     // room for out's edges
	ins    map[[2]uint64][]int32
	iris   map[string]uint64 // node ids of vocabulary IRIs
	pids   [32]pidSlot       // ... by address (pid)
	nodes  []uint64          // a bit per term: an IRI or a blank node (isNode)
	cols   map[string]int
	rows   [][]int32 // len(q.Columns) per row, in chunks (rowChunk)
	row    []int32   // the row being emitted
	steps  int
	err    error
}

func newRun(ctx context.Context, kq *store.KVQuery, q *Query, b *Binding) *nrun {
	r := &nrun{ctx: ctx, kq: kq, q: q, params: map[string]int32{}, pvals: map[string]quad.Value{},
		ins: map[[2]uint64][]int32{}, iris: map[string]uint64{}, cols: map[string]int{}}
	for i, c := range q.Columns {
		r.cols[c.Name] = i
	}
	r.row = make([]int32, len(q.Columns))
	if b != nil {
		for _, p := range q.Params {
			if v, ok := b.Values[p.Name]; ok && v != nil {
				r.pvals[p.Name] = v
				r.params[p.Name] = r.value(v)
			}
		}
	}
	return r
}

// param is a bound parameter's term, none when it is not given.
func (r *nrun) param(name string) int32 {
	if t, ok := r.params[name]; ok {
		return t
	}
	return none
}

// fail records the first error; plans check r.err at their end.
func (r *nrun) fail(err error) {
	if err != nil && r.err == nil {
		r.err = err
	}
}

// tick checks the deadline now and then.
func (r *nrun) tick() bool {
	r.steps++
	if r.steps&1023 == 0 {
		r.fail(r.ctx.Err())
	}
	return r.err == nil
}

// value is the term of a value (a parameter, a constant of a query).
func (r *nrun) value(v quad.Value) int32 {
	g, native := gizmoForm(v)
	return r.intern(g, native, 0)
}

func (r *nrun) intern(g quad.Value, native bool, id uint64) int32 {
	k := jsKey(g, native)
	return r.internKey(g, native, id, k, keyHash(k))
}

// internKey is intern with the value's key k (jsKey) and its hash h
// (keyHash) made already.
func (r *nrun) internKey(g quad.Value, native bool, id uint64, k string, h uint64) int32 {
	if t, ok := r.byKey.find(k, h); ok {
		if id != 0 && r.terms[t].id == 0 {
			r.terms[t].id = id
		}
		return t
	}
	t := int32(len(r.terms))
	_, iri := g.(quad.IRI)
	_, bnode := g.(quad.BNode)
	node := !native && (iri || bnode)
	r.terms = append(r.terms, term{v: g, id: id, node: node, native: native})
	if int(t)>>6 >= len(r.nodes) {
		r.nodes = append(r.nodes, 0)
	}
	if node {
		r.nodes[t>>6] |= 1 << (t & 63)
	}
	r.byKey.add(k, h, t)
	return t
}

// reserve makes room for n more terms by node id (a large batch of values
// about to be interned): the table grows once, not by doubling as it
// fills. (Copying the map of terms by key into a larger one costs more
// than its growing: it rehashes every key.)
func (r *nrun) reserve(n int) { r.byID.reserve(n) }

// str is the term of a plain literal.
func (r *nrun) str(s string) int32 { return r.value(quad.String(s)) }

// iri is the term of an IRI.
func (r *nrun) iri(s string) int32 { return r.value(quad.IRI(s)) }

// node is the term of node id.
func (r *nrun) node(id uint64) int32 {
	if t, ok := r.byID.get(id); ok {
		return t
	}
	v, err := r.kq.Value(id)
	if err != nil {
		r.fail(err)
		return none
	}
	g, native := gizmoForm(v)
	t := r.intern(g, native, id)
	r.byID.set(id, t)
	return t
}

// pid is the node id of a vocabulary IRI (0 when the store lacks it).
// The plans name predicates by constants, hundreds of thousands of times
// a run: a slot by the string's address answers those without hashing
// the IRI (the same address and length are the same bytes: the slot
// keeps the string, so its bytes cannot be reused).
func (r *nrun) pid(iri string) uint64 {
	at := unsafe.StringData(iri)
	slot := &r.pids[(uintptr(unsafe.Pointer(at))>>3)%uintptr(len(r.pids))]
	if slot.at == at && len(slot.iri) == len(iri) && at != nil {
		return slot.id
	}
	id, ok := r.iris[iri]
	if !ok {
		var err error
		id, err = r.kq.ID(quad.IRI(iri))
		r.fail(err)
		r.iris[iri] = id
	}
	*slot = pidSlot{at, iri, id}
	return id
}

// pidSlot is a slot of nrun.pids: an IRI by its address, and its node id.
type pidSlot struct {
	at  *byte
	iri string
	id  uint64
}

// idOf is the node id g.V(term) starts from: the term's value looked up
// in the store (0: not there).
func (r *nrun) idOf(t int32) uint64 {
	if t == none {
		return 0
	}
	if tm := r.terms[t]; tm.id != 0 {
		return tm.id
	}
	if r.terms[t].native {
		return 0 // lib.js's term() cannot name a number
	}
	id, err := r.kq.ID(r.terms[t].v)
	r.fail(err)
	if id != 0 {
		r.terms[t].id = id
		r.byID.set(id, t)
	}
	return id
}

// isNode reports whether t may have edges out (term.node, from a bit
// array a run keeps in cache).
func (r *nrun) isNode(t int32) bool {
	return t != none && int(t)>>6 < len(r.nodes) && r.nodes[t>>6]&(1<<(t&63)) != 0
}

func contains(l []int32, t int32) bool {
	for _, x := range l {
		if x == t {
			return true
		}
	}
	return false
}

// opt is lib.js's opt(): the list, or one unbound.
func opt(l []int32) []int32 {
	if len(l) == 0 {
		return []int32{none}
	}
	return l
}

// lex is lib.js's lex(): the lexical form, "" for unbound.
func (r *nrun) lex(t int32) string {
	if t == none {
		return ""
	}
	return Lexical(r.terms[t].v)
}

// colIndex is the index of column name, -1 when the query has none.
func (r *nrun) colIndex(name string) int {
	if i, ok := r.cols[name]; ok {
		return i
	}
	return -1
}

// setAt sets column i of the row being emitted (-1: none).
func (r *nrun) setAt(i int, t int32) {
	if i >= 0 {
		r.row[i] = t
	}
}

// set sets a column of the row being emitted (a name the query does not
// declare is dropped, as RunSaved drops it).
func (r *nrun) set(col string, t int32) {
	if i, ok := r.cols[col]; ok {
		r.row[i] = t
	}
}

// start begins a row: every column unbound.
func (r *nrun) start() {
	for i := range r.row {
		r.row[i] = none
	}
}

// rowChunk is how many cells a chunk of rows holds at most: the rows of a
// run grow chunk by chunk, not by copying one slice as it grows (the ~227k
// rows of contradictions are 3.6M cells).
const rowChunk = 1 << 16

// emit adds the row.
func (r *nrun) emit() { copy(r.emitCells(), r.row) }

// emitCells adds a row and returns its cells, to be written by the caller
// (every one of them).
func (r *nrun) emitCells() []int32 {
	if n := len(r.rows); n == 0 || len(r.rows[n-1])+len(r.row) > cap(r.rows[n-1]) {
		r.rows = append(r.rows, make([]int32, 0, max(rowChunk, len(r.row))))
	}
	last := &r.rows[len(r.rows)-1]
	at := len(*last)
	*last = (*last)[:at+len(r.row)]
	return (*last)[at:]
}

// table is the emitted rows as a numbered table, numbered by term: the
// value of term t is values[t] (nil for a term no row uses, so that the
// sort makes keys only for the values it sorts by), the cells are the
// rows' terms as they are, copied chunk by chunk side by side. (Numbering
// the terms again in the order the rows first use them, as number does,
// changes no row and no row's place: the sort compares values by their
// keys and canonical forms, not by their numbers.)
func (r *nrun) table() *numbered {
	total := 0
	offset := make([]int, len(r.rows))
	for ci, c := range r.rows {
		offset[ci] = total
		total += len(c)
	}
	n := &numbered{ncol: len(r.row), ids: make([]int32, total), values: make([]quad.Value, len(r.terms))}
	// The terms used, each part of the chunks marking its own, then
	// merged.
	k := min(runtime.GOMAXPROCS(0), 4, len(r.rows))
	used := make([][]bool, max(k, 1))
	eachOf(len(used), func(pi int) {
		u := make([]bool, len(r.terms))
		for ci := pi * len(r.rows) / len(used); ci < (pi+1)*len(r.rows)/len(used); ci++ {
			c := r.rows[ci]
			copy(n.ids[offset[ci]:], c)
			for _, t := range c {
				if t != none {
					u[t] = true
				}
			}
			r.rows[ci] = nil
		}
		used[pi] = u
	})
	for t := range r.terms {
		for _, u := range used {
			if u[t] {
				n.values[t] = r.terms[t].v
				break
			}
		}
	}
	r.rows = nil
	return n
}
