package rdfio

import (
	"bytes"
	"hash/maphash"
)

// termTable interns the terms of the Turtle and TriG writers: each
// distinct term gets an id and is stored once, as its N-Triples form (the
// sort key) followed by its Turtle form when that differs. The bytes live
// in large chunks and the hash table holds integers only, so a term costs
// its bytes plus about 40 bytes, and the garbage collector has no
// pointers to follow however many terms there are.
//
// Id 0 is reserved: its key is "" (sorting before every term) and its
// form "a". It stands for rdf:type as predicate and for the default graph.
type termTable struct {
	seed   maphash.Seed
	slots  []uint64 // hash>>32<<32 | id, at hash>>32 or after; 0 is empty (id 0 is never looked up)
	n      int      // ids in use
	chunks [][]byte
	refs   []termRef // by id
}

// termRef locates a term's bytes: key at chunks[chunk][off:off+keyLen],
// then formLen bytes of Turtle form (0: the form is the key).
type termRef struct{ chunk, off, keyLen, formLen uint32 }

// chunkSize is the size of the chunks that hold the terms' bytes; a
// longer term gets a chunk of its own.
const chunkSize = 1 << 20

func newTermTable() *termTable {
	t := &termTable{seed: maphash.MakeSeed(), slots: make([]uint64, 1024)}
	t.store(nil, []byte("a"))
	return t
}

// key returns the N-Triples form of id (for id 0, "").
func (t *termTable) key(id uint32) []byte {
	r := t.refs[id]
	return t.chunks[r.chunk][r.off : r.off+r.keyLen]
}

// form returns the Turtle form of id (for id 0, "a").
func (t *termTable) form(id uint32) []byte {
	r := t.refs[id]
	if r.formLen == 0 {
		return t.chunks[r.chunk][r.off : r.off+r.keyLen]
	}
	start := r.off + r.keyLen
	return t.chunks[r.chunk][start : start+r.formLen]
}

// find returns the id of key and true, or the empty slot where key would
// go and false.
func (t *termTable) find(key []byte, h uint64) (int, bool) {
	mask := len(t.slots) - 1
	tag := h >> 32 << 32
	for i := int(h>>32) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return i, false
		}
		if s&^0xFFFFFFFF == tag && bytes.Equal(t.key(uint32(s)), key) {
			return int(uint32(s)), true
		}
	}
}

// lookup returns the id of the term whose N-Triples form is key, and
// whether it is known.
func (t *termTable) lookup(key []byte) (id uint32, slot int, h uint64, ok bool) {
	h = maphash.Bytes(t.seed, key)
	i, ok := t.find(key, h)
	if ok {
		return uint32(i), 0, h, true
	}
	return 0, i, h, false
}

// insert adds a term found missing by lookup (slot and h from it) with
// its Turtle form, and returns its id.
func (t *termTable) insert(key, form []byte, slot int, h uint64) uint32 {
	if bytes.Equal(form, key) {
		form = nil
	}
	id := t.store(key, form)
	t.slots[slot] = h>>32<<32 | uint64(id)
	if 2*t.n > len(t.slots) { // keep the load under 1/2
		t.grow()
	}
	return id
}

// store appends key and form to the chunks and returns the new id.
func (t *termTable) store(key, form []byte) uint32 {
	need := len(key) + len(form)
	c := len(t.chunks) - 1
	if c < 0 || cap(t.chunks[c])-len(t.chunks[c]) < need {
		t.chunks = append(t.chunks, make([]byte, 0, max(chunkSize, need)))
		c++
	}
	off := len(t.chunks[c])
	t.chunks[c] = append(append(t.chunks[c], key...), form...)
	id := uint32(len(t.refs))
	t.refs = append(t.refs, termRef{uint32(c), uint32(off), uint32(len(key)), uint32(len(form))})
	t.n++
	return id
}

// grow doubles the table. A slot's upper half is the upper half of its
// key's hash, which is also where find starts looking, so the keys are
// neither hashed nor compared again.
func (t *termTable) grow() {
	old := t.slots
	t.slots = make([]uint64, 2*len(old))
	mask := len(t.slots) - 1
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := int(s>>32) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}
