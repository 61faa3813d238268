package queries

import (
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store"
)

// Reading the graph: what lib.js's out, ins and read do, from the kv
// layout (store.KVQuery), each node's edges kept for the run.

// edges are the edges out of one node read so far, by predicate node id
// (a short list: a claim has about eight predicates).
type edges struct {
	all  bool     // every edge was read
	ps   []uint64 // the predicates of list, in order: a short array find scans
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
	for i, q := range e.ps {
		if q == p {
			return &e.list[i]
		}
	}
	return nil
}

// push adds the edges of a predicate not listed yet (the lists' room
// from sl, if not nil).
func (e *edges) push(sl *slab, pe pedge) *pedge {
	if e.ps == nil && sl != nil {
		e.ps, e.list = sl.lists()
	}
	e.ps = append(e.ps, pe.p)
	e.list = append(e.list, pe)
	return &e.list[len(e.list)-1]
}

// add records an edge p to o (raw; the room from sl, if not nil).
func (e *edges) add(sl *slab, p, o uint64) {
	pe := e.find(p)
	if pe == nil {
		pe = e.push(sl, pedge{p: p})
	}
	if pe.raw == nil && sl != nil {
		pe.raw = sl.one()
	}
	pe.raw = append(pe.raw, o)
}

// slab hands out the room of the edges a run reads in blocks: a node's
// edges, its predicates and their first objects in arrays shared with
// other nodes', instead of a dozen small allocations each (a claim has
// about eight predicates with one object each). Blocks grow from room for
// 32 nodes to room for 1024, so that a small query allocates little.
type slab struct {
	edges []edges
	ps    []uint64
	list  []pedge
	raw   []uint64
	by    []int32
	block int // nodes the last block was for
}

// slabPreds is the room for predicates a node gets at first.
const slabPreds = 8

// grow is the number of nodes a new block is for.
func (sl *slab) grow() int {
	sl.block = min(max(32, 2*sl.block), 1024)
	return sl.block
}

// newEdges is a new edges from the slab.
func (sl *slab) newEdges(all bool) *edges {
	if len(sl.edges) == cap(sl.edges) {
		sl.edges = make([]edges, 0, sl.grow())
	}
	sl.edges = append(sl.edges, edges{all: all})
	return &sl.edges[len(sl.edges)-1]
}

// lists is room for a node's first predicates.
func (sl *slab) lists() ([]uint64, []pedge) {
	if len(sl.ps)+slabPreds > cap(sl.ps) {
		n := sl.grow() * slabPreds
		sl.ps, sl.list = make([]uint64, 0, n), make([]pedge, 0, n)
	}
	n := len(sl.ps)
	sl.ps, sl.list = sl.ps[:n+slabPreds], sl.list[:n+slabPreds]
	return sl.ps[n : n : n+slabPreds], sl.list[n : n : n+slabPreds]
}

// terms is room for n terms (a list of distinct terms: most hold one).
func (sl *slab) terms(n int) []int32 {
	if n > 64 {
		return make([]int32, 0, n)
	}
	if len(sl.by)+n > cap(sl.by) {
		sl.by = make([]int32, 0, sl.grow()*slabPreds)
	}
	at := len(sl.by)
	sl.by = sl.by[:at+n]
	return sl.by[at : at : at+n]
}

// one is room for a predicate's first object.
func (sl *slab) one() []uint64 {
	if len(sl.raw) == cap(sl.raw) {
		sl.raw = make([]uint64, 0, sl.grow()*slabPreds)
	}
	sl.raw = sl.raw[:len(sl.raw)+1]
	return sl.raw[len(sl.raw)-1 : len(sl.raw)-1 : len(sl.raw)]
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
		e = r.slab.newEdges(false)
		r.setEdges(s, e)
	}
	pe := e.find(pid)
	if pe != nil && pe.done {
		return pe.by
	}
	if pe == nil {
		if e.all {
			return nil // every edge was read: there is none
		}
		var ids []uint64
		r.fail(r.kq.Out(r.idOf(s), pid, func(_, o uint64) error { ids = append(ids, o); return nil }))
		pe = e.push(&r.slab, pedge{p: pid, raw: ids})
	}
	r.resolve(pe.raw)
	pe.by, pe.done = r.distinct(pe.raw), true
	return pe.by
}

// prefetch decodes, in one pass in id order, the objects by the
// predicates preds of the nodes of list read so far, so that outs finds
// them decoded.
func (r *nrun) prefetch(list []int32, preds ...string) {
	pids := make([]uint64, len(preds))
	for i, p := range preds {
		pids[i] = r.pid(p)
	}
	var ids []uint64
	for _, t := range list {
		e := r.edgesOf(t)
		if e == nil {
			continue
		}
		for _, pid := range pids {
			if pe := e.find(pid); pe != nil && !pe.done {
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
		e := r.slab.newEdges(true)
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
		at[s].add(&r.slab, p, o)
		return nil
	}))
}

// form is a value as a run keeps it: its Gizmo form, key and the key's
// hash (made where the value is read, in parts side by side).
type form struct {
	g      quad.Value
	native bool
	key    string
	hash   uint64
}

func formOf(v quad.Value) form {
	g, native := gizmoForm(v)
	k := jsKey(g, native)
	return form{g, native, k, keyHash(k)}
}

// resolve reads the values of the node ids not known yet, in id order.
func (r *nrun) resolve(ids []uint64) {
	var need []uint64
	for _, id := range ids {
		if id != 0 && !r.byID.has(id) {
			need = append(need, id)
		}
	}
	if len(need) == 0 || r.err != nil {
		return
	}
	// The values' forms and keys are made where they are read (in parts,
	// side by side: store.ValuesWith), interned here in id order.
	r.reserve(len(need))
	r.fail(store.ValuesWith(r.kq, need, formOf, func(id uint64, f form) error {
		r.byID.set(id, r.internKey(f.g, f.native, id, f.key, f.hash))
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
	out := r.slab.terms(len(ids))
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
			e = r.slab.newEdges(false)
			r.setEdges(t, e)
		}
		if e.all || e.find(pid) != nil {
			continue
		}
		if id := r.idOf(t); id != 0 {
			if _, dup := at[id]; !dup {
				ids = append(ids, id)
				at[id] = e
				e.push(&r.slab, pedge{p: pid})
			}
		}
	}
	r.fail(r.kq.OutEach(ids, pid, func(s, o uint64) error {
		at[s].add(&r.slab, pid, o)
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
// read (readIns).
func (r *nrun) readIn(p string, objs ...int32) []int32 {
	return r.readIns(inSpec{p, objs})[0]
}

// inSpec is one readIn of readIns: the subjects with an edge p to one of
// objs.
type inSpec struct {
	p    string
	objs []int32
}

// readIns is readIn for each of specs, the subjects of all read in one
// pass: the object index names the candidates; their quads, read whole in
// one pass with their values (store.OutAllWith), say which have a live
// edge p to the object, so that the index entries need no reads of their
// own.
func (r *nrun) readIns(specs ...inSpec) [][]int32 {
	res := make([][]int32, len(specs))
	if r.err != nil {
		return res
	}
	type pair struct{ o, s uint64 }
	pairs := make([][]pair, len(specs))
	pids := make([]uint64, len(specs))
	for i, sp := range specs {
		pid := r.pid(sp.p)
		if pid == 0 || r.err != nil {
			continue
		}
		pids[i] = pid
		var objIDs []uint64
		for _, o := range sp.objs {
			if id := r.idOf(o); id != 0 {
				objIDs = append(objIDs, id)
			}
		}
		r.fail(r.kq.InUnchecked(objIDs, pid, func(o, s uint64) error {
			pairs[i] = append(pairs[i], pair{o, s})
			return nil
		}))
	}
	npairs := 0
	for _, l := range pairs {
		npairs += len(l)
	}
	byID := make(map[uint64]*edges, npairs)
	var need []uint64
	for i := range specs {
		for _, x := range pairs[i] {
			if _, ok := byID[x.s]; ok {
				continue
			}
			if t, ok := r.byID.get(x.s); ok {
				if e := r.edgesOf(t); e != nil && e.all {
					byID[x.s] = e
					continue
				}
			}
			byID[x.s] = r.slab.newEdges(true)
			need = append(need, x.s)
		}
	}
	if r.err != nil {
		return res
	}
	r.reserve(len(need))
	var lastS uint64
	var lastE *edges
	r.fail(store.OutAllWith(r.kq, need, formOf, func(id uint64, f form) error {
		if !r.byID.has(id) {
			r.byID.set(id, r.internKey(f.g, f.native, id, f.key, f.hash))
		}
		return nil
	}, func(s, p, o uint64) error {
		if s != lastS { // a subject's quads mostly come one after another
			lastS, lastE = s, byID[s]
		}
		lastE.add(&r.slab, p, o)
		return nil
	}))
	for i := range specs {
		var live []uint64
		for _, x := range pairs[i] {
			if pe := byID[x.s].find(pids[i]); pe != nil && slices.Contains(pe.raw, x.o) {
				live = append(live, x.s)
			}
		}
		r.resolve(live)
		var out []int32
		seen := make(map[int32]bool, len(live))
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
		res[i] = out
	}
	return res
}
