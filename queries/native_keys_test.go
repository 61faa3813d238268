package queries

import (
	"fmt"
	"testing"
)

// TestKeyTable: keys find their terms, a key not filed finds none, and
// keys filed under one hash (a clash, forced here) keep their own terms.
func TestKeyTable(t *testing.T) {
	var kt keyTable
	var keys []string
	for i := 0; i < 5000; i++ {
		k := fmt.Sprint("key ", i)
		h := keyHash(k)
		if i%100 == 99 {
			h = keyHash(keys[i-1]) // the previous key's hash
		}
		if _, ok := kt.find(k, h); ok {
			t.Fatalf("%q found before it was filed", k)
		}
		kt.add(k, h, int32(i))
		keys = append(keys, k)
	}
	for i, k := range keys {
		h := keyHash(k)
		if i%100 == 99 {
			h = keyHash(keys[i-1])
		}
		if got, ok := kt.find(k, h); !ok || got != int32(i) {
			t.Fatalf("%q: term %d, %v; want %d", k, got, ok, i)
		}
	}
	if _, ok := kt.find("key 99", keyHash("key 98")); !ok {
		t.Fatal("a clashing key is lost")
	}
	if _, ok := kt.find("no such key", keyHash("key 98")); ok {
		t.Fatal("an unfiled key under a filed hash found a term")
	}
}
