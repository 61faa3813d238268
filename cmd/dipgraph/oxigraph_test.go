package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/queries/sparqltest"
)

// TestExportsReadByOxigraph: every export format of a store loaded with the
// shared corpus is read by oxigraph (npm, an independent parser) to the
// same distinct triples as the N-Triples export has lines.
func TestExportsReadByOxigraph(t *testing.T) {
	if err := sparqltest.Available(); err != nil {
		t.Skip(err)
	}
	dir, _ := corpus(t)
	tmp := t.TempDir()
	db := filepath.Join(tmp, "ox.db")
	mustRun(t, "load", "--quiet", "--store", db, dir)
	nt := filepath.Join(tmp, "all.nt")
	mustRun(t, "export", "--store", db, "--format", "ntriples", "-o", nt)
	want := countLines(t, nt)
	if want == 0 {
		t.Fatal("empty export")
	}
	const q = `SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }`
	for format, ext := range map[string]string{"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig"} {
		p := filepath.Join(tmp, "export"+ext)
		mustRun(t, "export", "--store", db, "--format", format, "-o", p)
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Fatalf("%s export missing or empty", format)
		}
		res, err := sparqltest.Select(context.Background(), q, p)
		if err != nil {
			t.Fatalf("oxigraph could not read the %s export: %v", format, err)
		}
		if len(res.Rows) != 1 {
			t.Fatalf("%s: %d result rows", format, len(res.Rows))
		}
		got := strings.Trim(res.Rows[0]["n"].String(), `"`)
		if i := strings.Index(got, `"^^`); i >= 0 {
			got = got[:i]
		}
		if got != strconv.Itoa(want) {
			t.Errorf("%s export: oxigraph reads %s distinct triples, the N-Triples export has %d", format, res.Rows[0]["n"], want)
		}
	}
	t.Logf("%d distinct triples read back by oxigraph from each format", want)
}
