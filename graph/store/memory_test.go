package store

import (
	"errors"
	"testing"
	"time"
)

func TestNamedMemory(t *testing.T) {
	spec := "memory:" + t.Name()
	if _, err := Open(spec, Options{ReadOnly: true}); err == nil {
		t.Fatal("read-only Open created a named memory store")
	}
	w := mustOpen(t, spec)
	if _, err := w.Load(docQuads("a", 5)); err != nil {
		t.Fatal(err)
	}
	checkInUse(t, spec, "memory:"+t.Name(), 200*time.Millisecond)
	if _, err := Open(spec, Options{ReadOnly: true, LockTimeout: 100 * time.Millisecond}); !errors.Is(err, ErrInUse) {
		t.Errorf("reader while a writer holds it: %v", err)
	}
	w.Close()
	mustOpen(t, spec).Close() // the writer's lock was given back
	r1, err := Open(spec, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(spec, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	defer r2.Close()
	if n := mustCount(t, r2); n != 5 {
		t.Errorf("Count = %d, want the 5 quads the writer loaded", n)
	}
	if r2.String() != spec {
		t.Errorf("String() = %q", r2.String())
	}
	if _, err := Open("memory:", Options{}); err == nil {
		t.Error("memory: without a name accepted")
	}
}
