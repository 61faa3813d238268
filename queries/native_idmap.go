package queries

import "math/bits"

// idMap maps node ids (never 0) to terms: an open-addressing table
// (linear probing, at most half full) that a run looks ids up in hundreds
// of thousands of times; it grows by doubling, in one pass.
type idMap struct {
	keys  []uint64 // 0: empty
	vals  []int32
	n     int
	shift uint8 // 64 - log2(len(keys))
}

func (m *idMap) slot(id uint64) int {
	return int((id * 0x9E3779B97F4A7C15) >> m.shift)
}

// get returns the term of id.
func (m *idMap) get(id uint64) (int32, bool) {
	if m.n == 0 || id == 0 {
		return 0, false
	}
	mask := len(m.keys) - 1
	for i := m.slot(id); ; i = (i + 1) & mask {
		switch m.keys[i] {
		case id:
			return m.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// has reports whether id has a term.
func (m *idMap) has(id uint64) bool {
	_, ok := m.get(id)
	return ok
}

// set sets the term of id (not 0).
func (m *idMap) set(id uint64, t int32) {
	if 2*(m.n+1) > len(m.keys) {
		m.grow(max(16, 2*len(m.keys)))
	}
	mask := len(m.keys) - 1
	for i := m.slot(id); ; i = (i + 1) & mask {
		switch m.keys[i] {
		case id:
			m.vals[i] = t
			return
		case 0:
			m.keys[i], m.vals[i] = id, t
			m.n++
			return
		}
	}
}

// reserve makes room for n more ids without growing.
func (m *idMap) reserve(n int) {
	if need := 2 * (m.n + n); need > len(m.keys) {
		m.grow(1 << bits.Len(uint(need-1)))
	}
}

func (m *idMap) grow(size int) {
	keys, vals := m.keys, m.vals
	m.keys, m.vals = make([]uint64, size), make([]int32, size)
	m.shift = uint8(64 - bits.TrailingZeros(uint(size)))
	mask := size - 1
	for j, id := range keys {
		if id == 0 {
			continue
		}
		i := m.slot(id)
		for m.keys[i] != 0 {
			i = (i + 1) & mask
		}
		m.keys[i], m.vals[i] = id, vals[j]
	}
}
