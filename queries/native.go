package queries

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
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

// debugRun, if set, is called after each native run (tests, profiling).
var debugRun func(*nrun)

// nativePlans are the native plans by query name.
var nativePlans = map[string]func(*nrun) error{}

// nativeTexts are the embedded Gizmo texts the plans implement: a Query
// whose text differs (edited, or not built in) runs on Gizmo.
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
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opt.Timeout)
		defer cancel()
	}
	// As the Gizmo path: a bound on the heap's growth.
	var overMemory atomic.Bool
	if limit := opt.maxMemory(); limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		defer watchMemory(limit, func() { overMemory.Store(true); cancel() })()
	}
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
	if debugRun != nil {
		debugRun(r)
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

// edges are the edges out of one node read so far, by predicate node id
// (a short list: a claim has about eight predicates).
type edges struct {
	all  bool // every edge was read
	list []pedge
}

// pedge is the edges of one predicate: the objects' node ids as read
// (raw), their distinct terms once asked for (by; values are decoded only
// for the predicates a plan uses).
type pedge struct {
	p    uint64
	raw  []uint64
	by   []int32
	done bool // by is set
}

func (e *edges) find(p uint64) *pedge {
	for i := range e.list {
		if e.list[i].p == p {
			return &e.list[i]
		}
	}
	return nil
}

// add records an edge p to o (raw).
func (e *edges) add(p, o uint64) {
	pe := e.find(p)
	if pe == nil {
		e.list = append(e.list, pedge{p: p})
		pe = &e.list[len(e.list)-1]
	}
	pe.raw = append(pe.raw, o)
}

// any reports whether an edge was read.
func (e *edges) any() bool {
	for i := range e.list {
		if len(e.list[i].raw) > 0 {
			return true
		}
	}
	return false
}

// edgesOf is what was read of the edges out of t (nil: nothing).
func (r *nrun) edgesOf(t int32) *edges {
	if int(t) < len(r.out) {
		return r.out[t]
	}
	return nil
}

func (r *nrun) setEdges(t int32, e *edges) {
	for int(t) >= len(r.out) {
		r.out = append(r.out, nil)
	}
	r.out[t] = e
}

// nrun is one native run: the transaction, the terms, what was read.
type nrun struct {
	ctx    context.Context
	kq     *store.KVQuery
	q      *Query
	params map[string]int32 // bound parameters as terms
	pvals  map[string]quad.Value
	terms  []term
	byID   map[uint64]int32
	byKey  map[string]int32
	out    []*edges // by term
	ins    map[[2]uint64][]int32
	iris   map[string]uint64 // node ids of vocabulary IRIs
	cols   map[string]int
	rows   []int32 // len(q.Columns) per row
	row    []int32 // the row being emitted
	steps  int
	err    error
}

func newRun(ctx context.Context, kq *store.KVQuery, q *Query, b *Binding) *nrun {
	r := &nrun{ctx: ctx, kq: kq, q: q, params: map[string]int32{}, pvals: map[string]quad.Value{},
		byID: map[uint64]int32{}, byKey: map[string]int32{},
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

// gizmoForm is v as a saved query's result holds it after the round trip
// through Gizmo's JSON-LD collation, JavaScript and FromJSONLD (Cayley's
// jsonld.FromValue, goja's number conversions); native is true when
// JavaScript sees a number or a boolean.
func gizmoForm(v quad.Value) (out quad.Value, native bool) {
	switch t := v.(type) {
	case nil:
		return nil, false
	case quad.IRI:
		if strings.HasPrefix(string(t), "_:") {
			return quad.BNode(strings.TrimPrefix(string(t), "_:")), false
		}
		return t, false
	case quad.BNode, quad.String, quad.LangString:
		return t, false
	case quad.TypedString:
		return typedForm(t)
	case quad.TypedStringer:
		return typedForm(t.TypedString())
	}
	return quad.String(v.String()), false
}

func typedForm(t quad.TypedString) (quad.Value, bool) {
	if !quad.HasStringConversion(t.Type) || isTimeType(t.Type) {
		if string(t.Type) == ontology.XSDString {
			return quad.String(t.Value), false
		}
		return t, false
	}
	var x any = t.Native()
	if nv, ok := x.(quad.Value); ok {
		// A conversion that fails leaves the value as it is.
		if ts, ok := nv.(quad.TypedString); ok && ts == t {
			return t, false
		}
		x = nv.Native()
	}
	switch n := x.(type) {
	case string:
		return quad.String(n), false
	case bool:
		return quad.TypedString{Value: quad.String(fmt.Sprint(n)), Type: ontology.XSDBoolean}, true
	case int64:
		return jsNumber(float64(n), n, true), true
	case int:
		return jsNumber(float64(n), int64(n), true), true
	case float64:
		return jsNumber(n, 0, false), true
	}
	v, err := FromJSONLD(x)
	if err != nil || v == nil {
		return t, false
	}
	return v, false
}

// jsNumber is a number as goja exports it: an integer within ±(2^53-1)
// as int64, else a float64 (goja's intToValue, floatToValue).
func jsNumber(f float64, i int64, isInt bool) quad.Value {
	const maxInt = 1<<53 - 1
	integer := func(i int64) quad.Value {
		return quad.TypedString{Value: quad.String(fmt.Sprint(i)), Type: ontology.XSDInteger}
	}
	if isInt {
		if i >= -maxInt && i <= maxInt {
			return integer(i)
		}
		f = float64(i)
	} else if (f != 0 || !math.Signbit(f)) && !math.IsInf(f, 0) && f == math.Trunc(f) && f >= -maxInt && f <= maxInt {
		return integer(int64(f))
	}
	return quad.TypedString{Value: quad.String(fmt.Sprint(f)), Type: ontology.XSDDouble}
}

func isTimeType(t quad.IRI) bool {
	for _, k := range quad.KnownTimeTypes {
		if k == t || k.Full() == t.Full() {
			return true
		}
	}
	return false
}

// jsKey is lib.js's key() of a value in Gizmo form.
func jsKey(v quad.Value, native bool) string {
	if native {
		return "n" + Lexical(v)
	}
	switch t := v.(type) {
	case quad.IRI:
		return "i" + string(t)
	case quad.BNode:
		return "i_:" + string(t)
	case quad.String:
		return "s" + string(t)
	case quad.LangString:
		return "l" + strings.ToLower(t.Lang) + "\x00" + string(t.Value)
	case quad.TypedString:
		return "t" + string(t.Type) + "\x00" + string(t.Value)
	}
	return "?" + Canonical(v)
}

// value is the term of a value (a parameter, a constant of a query).
func (r *nrun) value(v quad.Value) int32 {
	g, native := gizmoForm(v)
	return r.intern(g, native, 0)
}

func (r *nrun) intern(g quad.Value, native bool, id uint64) int32 {
	k := jsKey(g, native)
	if t, ok := r.byKey[k]; ok {
		if id != 0 && r.terms[t].id == 0 {
			r.terms[t].id = id
		}
		return t
	}
	t := int32(len(r.terms))
	_, iri := g.(quad.IRI)
	_, bnode := g.(quad.BNode)
	r.terms = append(r.terms, term{v: g, id: id, node: !native && (iri || bnode), native: native})
	r.byKey[k] = t
	return t
}

// str is the term of a plain literal.
func (r *nrun) str(s string) int32 { return r.value(quad.String(s)) }

// iri is the term of an IRI.
func (r *nrun) iri(s string) int32 { return r.value(quad.IRI(s)) }

// node is the term of node id.
func (r *nrun) node(id uint64) int32 {
	if t, ok := r.byID[id]; ok {
		return t
	}
	v, err := r.kq.Value(id)
	if err != nil {
		r.fail(err)
		return none
	}
	g, native := gizmoForm(v)
	t := r.intern(g, native, id)
	r.byID[id] = t
	return t
}

// pid is the node id of a vocabulary IRI (0 when the store lacks it).
func (r *nrun) pid(iri string) uint64 {
	if id, ok := r.iris[iri]; ok {
		return id
	}
	id, err := r.kq.ID(quad.IRI(iri))
	r.fail(err)
	r.iris[iri] = id
	return id
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
		r.byID[id] = t
	}
	return id
}

func (r *nrun) isNode(t int32) bool { return t != none && r.terms[t].node }

// outs is lib.js's out(s, p): the distinct objects of s by predicate p.
func (r *nrun) outs(s int32, p string) []int32 {
	if !r.isNode(s) || r.err != nil {
		return nil
	}
	pid := r.pid(p)
	if pid == 0 {
		return nil
	}
	e := r.edgesOf(s)
	if e == nil {
		e = &edges{}
		r.setEdges(s, e)
	}
	pe := e.find(pid)
	if pe != nil && pe.done {
		return pe.by
	}
	if pe == nil {
		var ids []uint64
		if !e.all {
			r.fail(r.kq.Out(r.idOf(s), pid, func(_, o uint64) error { ids = append(ids, o); return nil }))
		}
		e.list = append(e.list, pedge{p: pid, raw: ids})
		pe = &e.list[len(e.list)-1]
	}
	r.resolve(pe.raw)
	pe.by, pe.done = r.distinct(pe.raw), true
	return pe.by
}

// prefetch decodes, in one pass in id order, the objects by the
// predicates preds of the nodes of list read so far, so that outs finds
// them decoded.
func (r *nrun) prefetch(list []int32, preds ...string) {
	var ids []uint64
	for _, t := range list {
		e := r.edgesOf(t)
		if e == nil {
			continue
		}
		for _, p := range preds {
			if pe := e.find(r.pid(p)); pe != nil && !pe.done {
				ids = append(ids, pe.raw...)
			}
		}
	}
	r.resolve(ids)
}

// readBulk reads every edge out of the nodes of list not read yet: their
// quads in one pass over the subject index and the log. Their objects are
// decoded when asked for (outs, prefetch).
func (r *nrun) readBulk(list []int32) {
	if r.err != nil {
		return
	}
	var ids []uint64
	at := map[uint64]*edges{}
	for _, t := range list {
		if !r.isNode(t) {
			continue
		}
		if e := r.edgesOf(t); e != nil && e.all {
			continue
		}
		e := &edges{all: true}
		r.setEdges(t, e)
		if id := r.idOf(t); id != 0 {
			ids = append(ids, id)
			at[id] = e
		}
	}
	if len(ids) == 0 {
		return
	}
	r.fail(r.kq.OutAll(ids, func(s, p, o uint64) error {
		at[s].add(p, o)
		return nil
	}))
}

// resolve reads the values of the node ids not known yet, in id order.
func (r *nrun) resolve(ids []uint64) {
	var need []uint64
	for _, id := range ids {
		if _, ok := r.byID[id]; !ok && id != 0 {
			need = append(need, id)
		}
	}
	if len(need) == 0 || r.err != nil {
		return
	}
	r.fail(r.kq.Values(need, func(id uint64, v quad.Value) error {
		g, native := gizmoForm(v)
		r.byID[id] = r.intern(g, native, id)
		return nil
	}))
}

// insOf is lib.js's ins(o, p): the distinct subjects with predicate p and
// object o.
func (r *nrun) insOf(o int32, p string) []int32 {
	if o == none || r.err != nil {
		return nil
	}
	pid := r.pid(p)
	oid := r.idOf(o)
	if pid == 0 || oid == 0 {
		return nil
	}
	k := [2]uint64{oid, pid}
	if l, ok := r.ins[k]; ok {
		return l
	}
	var ids []uint64
	r.fail(r.kq.In(oid, pid, func(s uint64) error { ids = append(ids, s); return nil }))
	r.resolve(ids)
	l := r.distinct(ids)
	r.ins[k] = l
	return l
}

// distinct maps node ids to their distinct terms, in order.
func (r *nrun) distinct(ids []uint64) []int32 {
	if len(ids) == 0 {
		return nil
	}
	out := make([]int32, 0, len(ids))
	var seen map[int32]bool
	if len(ids) > 16 {
		seen = make(map[int32]bool, len(ids))
	}
	for _, id := range ids {
		t := r.node(id)
		if t == none {
			continue
		}
		if seen != nil {
			if seen[t] {
				continue
			}
			seen[t] = true
		} else if contains(out, t) {
			continue
		}
		out = append(out, t)
	}
	return out
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

// emit adds the row.
func (r *nrun) emit() { r.rows = append(r.rows, r.row...) }

// table is the emitted rows as a numbered table: each term used once in
// values.
func (r *nrun) table() *numbered {
	n := &numbered{ncol: len(r.row), ids: r.rows}
	remap := make([]int32, len(r.terms))
	for i := range remap {
		remap[i] = -1
	}
	for i, t := range n.ids {
		if t == none {
			continue
		}
		if remap[t] < 0 {
			remap[t] = int32(len(n.values))
			n.values = append(n.values, r.terms[t].v)
		}
		n.ids[i] = remap[t]
	}
	return n
}

// jsLess is JavaScript's a < b on strings: by UTF-16 code units. That is
// the byte order of UTF-8 but where a character above U+FFFF meets one
// from U+E000 to U+FFFF (lead bytes 0xEE to 0xF4).
func jsLess(a, b string) bool {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(a) || i == len(b) {
		return len(a) < len(b)
	}
	if a[i] < 0xEE && b[i] < 0xEE {
		return a[i] < b[i]
	}
	for i > 0 && !utf8.RuneStart(a[i]) {
		i-- // back to the start of the character that differs
	}
	a, b = a[i:], b[i:]
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ua, ub := utf16Units(ra), utf16Units(rb)
			if ua[0] != ub[0] {
				return ua[0] < ub[0]
			}
			return ua[1] < ub[1]
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b != ""
}

func utf16Units(r rune) [2]rune {
	if r < 0x10000 {
		return [2]rune{r, -1}
	}
	r -= 0x10000
	return [2]rune{0xD800 + r>>10, 0xDC00 + r&0x3FF}
}

// outsEach reads the edges by predicate p out of the nodes of list not
// read yet, in one pass (store.KVQuery.OutEach); outs then finds them.
func (r *nrun) outsEach(list []int32, p string) {
	pid := r.pid(p)
	if pid == 0 || r.err != nil {
		return
	}
	var ids []uint64
	at := map[uint64]*edges{}
	for _, t := range list {
		if !r.isNode(t) {
			continue
		}
		e := r.edgesOf(t)
		if e == nil {
			e = &edges{}
			r.setEdges(t, e)
		}
		if e.all || e.find(pid) != nil {
			continue
		}
		if id := r.idOf(t); id != 0 {
			if _, dup := at[id]; !dup {
				ids = append(ids, id)
				at[id] = e
				e.list = append(e.list, pedge{p: pid})
			}
		}
	}
	r.fail(r.kq.OutEach(ids, pid, func(s, o uint64) error {
		at[s].add(pid, o)
		return nil
	}))
}

// insEach reads the subjects with predicate p of each node of list, in
// one pass (store.KVQuery.InEach); insOf then finds them.
func (r *nrun) insEach(list []int32, p string) {
	pid := r.pid(p)
	if pid == 0 || r.err != nil {
		return
	}
	var objs []uint64
	for _, t := range list {
		if oid := r.idOf(t); oid != 0 {
			if _, ok := r.ins[[2]uint64{oid, pid}]; !ok {
				objs = append(objs, oid)
			}
		}
	}
	if len(objs) == 0 {
		return
	}
	subs := map[uint64][]uint64{}
	var all []uint64
	r.fail(r.kq.InEach(objs, pid, func(o, s uint64) error {
		subs[o] = append(subs[o], s)
		all = append(all, s)
		return nil
	}))
	r.resolve(all)
	for _, o := range objs {
		r.ins[[2]uint64{o, pid}] = r.distinct(subs[o])
	}
}


// readIn is lib.js's read(start(o).In(p), null) for each o of objs: the
// distinct subjects with an edge p to one of objs, every edge out of them
// read. The object index names the candidates; their quads, read whole in
// one pass (store.KVQuery.OutAll), say which have a live edge p to the
// object, so that the index entries need no reads of their own.
func (r *nrun) readIn(p string, objs ...int32) []int32 {
	pid := r.pid(p)
	if pid == 0 || r.err != nil {
		return nil
	}
	var objIDs []uint64
	for _, o := range objs {
		if id := r.idOf(o); id != 0 {
			objIDs = append(objIDs, id)
		}
	}
	type pair struct{ o, s uint64 }
	var pairs []pair
	r.fail(r.kq.InUnchecked(objIDs, pid, func(o, s uint64) error {
		pairs = append(pairs, pair{o, s})
		return nil
	}))
	byID := map[uint64]*edges{}
	var need []uint64
	for _, x := range pairs {
		if _, ok := byID[x.s]; ok {
			continue
		}
		if t, ok := r.byID[x.s]; ok {
			if e := r.edgesOf(t); e != nil && e.all {
				byID[x.s] = e
				continue
			}
		}
		byID[x.s] = &edges{all: true}
		need = append(need, x.s)
	}
	r.fail(r.kq.OutAll(need, func(s, p, o uint64) error {
		byID[s].add(p, o)
		return nil
	}))
	var live []uint64
	for _, x := range pairs {
		if pe := byID[x.s].find(pid); pe != nil && slices.Contains(pe.raw, x.o) {
			live = append(live, x.s)
		}
	}
	r.resolve(live)
	var out []int32
	seen := map[int32]bool{}
	for _, s := range live {
		t := r.node(s)
		if t == none || seen[t] {
			continue
		}
		seen[t] = true
		if e := r.edgesOf(t); e == nil || !e.all {
			r.setEdges(t, byID[s])
		}
		out = append(out, t)
	}
	return out
}
