package extract

// vocabTable maps token keys to their numbers (vocab) for the look-up of
// every token of every sentence, which was 4% of extract's time in Go's
// map: hashing the key, then comparing it byte by byte with the one found.
// Here a slot holds its key's length and its first and last eight bytes,
// which are the whole key when it is at most sixteen bytes long (nearly
// every word), so a look-up hashes and compares two words; a longer key
// is compared in full. The table is filled while the Extractor is built
// and only read after, by any number of goroutines.
type vocabTable struct {
	slots []vocabSlot
	long  []string // by slot: keys longer than sixteen bytes
	n     int      // keys held
}

type vocabSlot struct {
	a, b uint64 // keyWords of the key
	n    int32  // its length; 0: an empty slot
	id   int32
}

// keyWords returns the first and last eight bytes of s, which with its
// length make s when len(s) <= 16; shorter keys fill them as they can, so
// that no two keys of the same length up to 16 give the same words.
func keyWords(s string) (a, b uint64) {
	switch n := len(s); {
	case n >= 8:
		return le64(s[:8]), le64(s[n-8:])
	case n >= 4:
		return uint64(le32(s[:4])), uint64(le32(s[n-4:]))
	default:
		for i := 0; i < n; i++ {
			a = a<<8 | uint64(s[i])
		}
		return a, 0
	}
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// vocabSlotOf is where the search for a key of these words and length
// starts in a table of 1<<bits slots.
func vocabSlotOf(a, b uint64, n int, mask int) int {
	h := (a*0x9E3779B97F4A7C15 ^ b*0xC2B2AE3D27D4EB4F ^ uint64(n)) * 0xBF58476D1CE4E5B9
	return int(h>>32) & mask
}

// get returns the number of key, 0 when it has none.
func (t *vocabTable) get(key string) int32 {
	n := len(key)
	if n == 0 || t.slots == nil {
		return 0
	}
	a, b := keyWords(key)
	mask := len(t.slots) - 1
	for i := vocabSlotOf(a, b, n, mask); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.n == 0 {
			return 0
		}
		if s.a == a && s.b == b && int(s.n) == n && (n <= 16 || t.long[i] == key) {
			return s.id
		}
	}
}

// put adds a key that is not in the table, non-empty.
func (t *vocabTable) put(key string, id int32) {
	if len(key) == 0 {
		return // no token has an empty key
	}
	if 2*(t.n+1) > len(t.slots) { // keep the load under 1/2
		t.grow()
	}
	a, b := keyWords(key)
	mask := len(t.slots) - 1
	i := vocabSlotOf(a, b, len(key), mask)
	for t.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = vocabSlot{a: a, b: b, n: int32(len(key)), id: id}
	if len(key) > 16 {
		t.long[i] = key
	}
	t.n++
}

// grow doubles the table and puts its keys in again.
func (t *vocabTable) grow() {
	old, oldLong := t.slots, t.long
	size := max(1024, 2*len(old))
	t.slots, t.long, t.n = make([]vocabSlot, size), make([]string, size), 0
	mask := size - 1
	for k, s := range old {
		if s.n == 0 {
			continue
		}
		i := vocabSlotOf(s.a, s.b, int(s.n), mask)
		for t.slots[i].n != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
		t.long[i] = oldLong[k]
		t.n++
	}
}
