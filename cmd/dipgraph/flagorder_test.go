package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestFlagsFirstReorders(t *testing.T) {
	app := newApp()
	for _, c := range []struct{ in, want string }{
		{"extract a.md -o out.nt -f ntriples", "extract -o out.nt -f ntriples a.md"},
		{"extract a.md --output=out.nt b.md", "extract --output=out.nt a.md b.md"},
		{"extract a.md --keep-going -j 1 -", "extract --keep-going -j 1 a.md -"},
		{"extract -- -o", "extract -- -o"},
		{"queries run format X -s my.db --param k=v", "queries run -s my.db --param k=v format X"},
		{"load corpus/ --quiet --store s.db", "load --quiet --store s.db corpus/"},
		{"extract a.md --bogus", "extract --bogus a.md"},
		{"nosuchcommand a -x", "nosuchcommand a -x"},
		{"queries run timeline -p actor=Russia --help", "queries run --help"},
	} {
		got := flagsFirst(app, append([]string{"dipgraph"}, strings.Fields(c.in)...))[1:]
		if !reflect.DeepEqual(got, strings.Fields(c.want)) {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// A flag after the files works as it does before them, instead of being read as two more files.
func TestFlagAfterFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.nt")
	_, stderr, err := runApp(t, "extract", seedDoc(t), "-f", "ntriples", "-o", out)
	if err != nil {
		t.Fatalf("extract DOC -f ntriples -o OUT: %v\n%s", err, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "nif-core#anchorOf") {
		t.Fatalf("no N-Triples in %s (%v): %.200s", out, err, b)
	}
	_, stderr, err = runApp(t, "extract", seedDoc(t), "--no-such-flag")
	if err == nil || !strings.Contains(stderr+err.Error(), "no-such-flag") {
		t.Fatalf("an unknown flag after the files: err %v, stderr %q", err, stderr)
	}
}
