package queries

import "hash/maphash"

// keyTable finds a run's terms by their keys (jsKey): by a 64-bit hash of
// the key, made where the key is made (formOf: in parts, side by side),
// so that the table grows by moving integers instead of hashing every key
// again (a run interns tens of thousands of keys, sentences among them),
// and a lookup compares one key. A key whose hash an earlier key has is
// kept by itself (clash).
type keyTable struct {
	byHash map[uint64]int32
	keys   []string // by term
	clash  map[string]int32
}

var keySeed = maphash.MakeSeed()

// keyHash is the hash keyTable files key k under.
func keyHash(k string) uint64 { return maphash.String(keySeed, k) }

// find is the term of key k (hash h).
func (kt *keyTable) find(k string, h uint64) (int32, bool) {
	t, ok := kt.byHash[h]
	if !ok {
		return 0, false
	}
	if kt.keys[t] == k {
		return t, true
	}
	t, ok = kt.clash[k]
	return t, ok
}

// add files term t (the next term) under key k (hash h).
func (kt *keyTable) add(k string, h uint64, t int32) {
	if kt.byHash == nil {
		kt.byHash = map[uint64]int32{}
	}
	kt.keys = append(kt.keys, k)
	if _, taken := kt.byHash[h]; !taken {
		kt.byHash[h] = t
		return
	}
	if kt.clash == nil {
		kt.clash = map[string]int32{}
	}
	kt.clash[k] = t
}
