package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWarnSortedOutput: a corpus above the threshold gets a note that
// names the format and the streaming alternatives; a small one gets none.
func TestWarnSortedOutput(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte(strings.Repeat("Chile spoke. ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(v int64) { sortedOutputWarnBytes = v }(sortedOutputWarnBytes)
	var b strings.Builder
	sortedOutputWarnBytes = 1 << 20
	warnSortedOutput(&b, "turtle", []string{p})
	if b.Len() != 0 {
		t.Errorf("a small corpus got a note: %s", b.String())
	}
	sortedOutputWarnBytes = 100
	warnSortedOutput(&b, "turtle", []string{p})
	if got := b.String(); !strings.Contains(got, "turtle output is sorted") || !strings.Contains(got, "-f ntriples") {
		t.Errorf("note %q", got)
	}
}
