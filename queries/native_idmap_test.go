package queries

import (
	"math/rand"
	"testing"
)

// TestIDMap: idMap gives what a Go map gives, through growth, reserve and
// overwrites, for ids close together and far apart.
func TestIDMap(t *testing.T) {
	var m idMap
	want := map[uint64]int32{}
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 50000; i++ {
		id := uint64(rng.Intn(40000) + 1)
		if i%3 == 0 {
			id = rng.Uint64() | 1
		}
		if i == 20000 {
			m.reserve(30000)
		}
		if rng.Intn(2) == 0 {
			m.set(id, int32(i))
			want[id] = int32(i)
		}
		got, ok := m.get(id)
		w, wok := want[id]
		if ok != wok || got != w || m.has(id) != wok {
			t.Fatalf("step %d: id %d: %d %v, want %d %v", i, id, got, ok, w, wok)
		}
	}
	if m.n != len(want) {
		t.Fatalf("%d ids, want %d", m.n, len(want))
	}
	for id, w := range want {
		if got, ok := m.get(id); !ok || got != w {
			t.Fatalf("id %d: %d %v, want %d", id, got, ok, w)
		}
	}
	if _, ok := m.get(0); ok {
		t.Fatal("id 0 found")
	}
}
