package main

import (
	"path/filepath"
	"testing"

	"github.com/dipgraph/dipgraph/graph/store"
)

// TestLoadPredicateIndex: load --predicate-index creates a store with the
// predicate index, a plain load one without, and the saved query that uses
// it gives the same rows on both.
func TestLoadPredicateIndex(t *testing.T) {
	doc := seedDoc(t)
	dir := t.TempDir()
	rows := map[bool]string{}
	for _, with := range []bool{true, false} {
		path := filepath.Join(dir, "s.db")
		if with {
			path = filepath.Join(dir, "p.db")
		}
		args := []string{"load", "-q", "--store", path}
		if with {
			args = append(args, "--predicate-index")
		}
		mustRun(t, append(args, doc)...)
		s, err := store.Open(path, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		has := store.HasPredicateIndex(s.QuadStore())
		s.Close()
		if has != with {
			t.Errorf("load with --predicate-index=%v: store has the index %v", with, has)
		}
		rows[with], _ = mustRun(t, "queries", "run", "-s", path, "-f", "tsv", "contradictions")
	}
	if rows[true] != rows[false] {
		t.Errorf("contradictions differ with and without the index:\n%s\n---\n%s", rows[true], rows[false])
	}
}
