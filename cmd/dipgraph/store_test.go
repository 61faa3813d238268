package main

// Store commands (load, export, remove, docs, stats) end to end, the same
// tests on every backend: bolt, leveldb, memory:NAME (shared within this
// process) and PostgreSQL (a throwaway server, see graph/store/pgtest).
// Exports are read back by rapper and rdflib.

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/graph/store/pgtest"
	"github.com/dipgraph/dipgraph/ontology"
)

type cliBackend struct {
	name string
	spec func(t *testing.T) string
}

// cliBackends returns the backends; PostgreSQL's server is started once
// and stopped when t ends.
func cliBackends(t *testing.T) []cliBackend {
	var srv *pgtest.Server
	var pgErr error
	started := false
	return []cliBackend{
		{"bolt", func(t *testing.T) string { return filepath.Join(t.TempDir(), "dipgraph.db") }},
		{"leveldb", func(t *testing.T) string { return "leveldb:" + filepath.Join(t.TempDir(), "ldb") }},
		{"memory", func(t *testing.T) string { return "memory:" + t.Name() }},
		{"postgres", func(st *testing.T) string {
			if !started {
				started = true
				if srv, pgErr = pgtest.Start(); pgErr == nil {
					t.Cleanup(srv.Stop)
				}
			}
			if errors.Is(pgErr, pgtest.ErrNoPostgres) {
				st.Skip(pgErr)
			} else if pgErr != nil {
				st.Fatal(pgErr)
			}
			return srv.NewDB(st)
		}},
	}
}

func TestStoreCommands(t *testing.T) {
	_, docs := corpus(t)
	for _, b := range cliBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			t.Run("acceptance", func(t *testing.T) { storeAcceptance(t, b.spec(t), docs) })
			t.Run("natives", func(t *testing.T) { exportNatives(t, b.spec(t)) })
			t.Run("in use", func(t *testing.T) { secondWriter(t, b.spec(t), docs[0]) })
		})
	}
}

// exportLines exports the store as N-Quads (or the format given) and
// returns the sorted lines.
func exportLines(t *testing.T, spec string, args ...string) []string {
	t.Helper()
	out, _ := mustRun(t, append([]string{"export", "--store", spec, "--format", "nquads"}, args...)...)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if out == "" {
		lines = nil
	}
	sort.Strings(lines)
	return lines
}

// byGraph groups N-Quads lines by their graph IRI.
func byGraph(lines []string) map[string][]string {
	out := map[string][]string{}
	for _, l := range lines {
		body := strings.TrimSuffix(l, " .")
		i := strings.LastIndex(body, " <")
		out[body[i+1:]] = append(out[body[i+1:]], l)
	}
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	have := map[string]bool{}
	for _, l := range got {
		have[l] = true
	}
	var missing []string
	for _, l := range want {
		if !have[l] {
			missing = append(missing, l)
		}
	}
	t.Errorf("%s: %d quads, want %d; %d missing, e.g. %.300q", what, len(got), len(want), len(missing), missing)
}

func storeAcceptance(t *testing.T, spec string, corpusDocs []string) {
	dir := filepath.Join(t.TempDir(), "docs")
	os.Mkdir(dir, 0o755)
	var files []string
	var target string
	for _, d := range corpusDocs {
		b, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.Base(d))
		os.WriteFile(p, b, 0o644)
		if strings.HasPrefix(filepath.Base(d), seedName) {
			target = p
		} else {
			files = append(files, p)
		}
	}
	targetIRI := "<" + ontology.Docs + seedName + ">"

	// The store before the target document was loaded.
	mustRun(t, append([]string{"load", "--store", spec}, files...)...)
	without := exportLines(t, spec)

	_, stderr := mustRun(t, "load", "--store", spec, dir)
	first := exportLines(t, spec)
	if n := strings.Count(stderr, ": unchanged (+0 -0 quads)"); n != len(files) {
		t.Errorf("loading all: %d documents unchanged, want %d:\n%s", n, len(files), stderr)
	}
	for _, l := range first {
		if strings.Contains(l, "_:") {
			t.Fatalf("blank node in the export, sorted-line comparison is not enough: %s", l)
		}
	}
	graphs := byGraph(first)
	if len(graphs) != len(corpusDocs) || len(graphs[targetIRI]) == 0 {
		t.Fatalf("%d graphs, want %d including %s", len(graphs), len(corpusDocs), targetIRI)
	}

	// Twice: nothing added.
	_, stderr = mustRun(t, "load", "--store", spec, dir)
	if n := strings.Count(stderr, ": unchanged (+0 -0 quads)"); n != len(corpusDocs) || !strings.Contains(stderr, "+0 -0 quads; the store") {
		t.Errorf("second load is not a no-op:\n%s", stderr)
	}
	sameLines(t, "export after loading twice", exportLines(t, spec), first)

	// Change one document: only its graph changes.
	b, _ := os.ReadFile(target)
	os.WriteFile(target, append(b, "\n\nRussia accuses the United States of conducting cyberattacks.\n"...), 0o644)
	_, stderr = mustRun(t, "load", "--store", spec, dir)
	if n := strings.Count(stderr, ": unchanged (+0 -0 quads)"); n != len(files) {
		t.Errorf("after editing %s: %d documents unchanged, want %d:\n%s", target, n, len(files), stderr)
	}
	changed := byGraph(exportLines(t, spec))
	for g, lines := range graphs {
		if g == targetIRI {
			if strings.Join(changed[g], "\n") == strings.Join(lines, "\n") {
				t.Errorf("graph %s did not change", g)
			}
			continue
		}
		sameLines(t, "graph "+g+" after another document changed", changed[g], lines)
	}
	t.Logf("%s: %d quads in %d graphs; %s: %d quads, %d after the edit", spec, len(first), len(graphs),
		seedName, len(graphs[targetIRI]), len(changed[targetIRI]))

	checkDocs(t, spec, len(corpusDocs), len(first)-len(graphs[targetIRI])+len(changed[targetIRI]))
	checkStats(t, spec)
	checkFormats(t, spec)

	// Remove by file name: back to the store before the document was loaded.
	if _, _, err := runApp(t, "remove", "--store", spec, "no-such-doc", seedName); err == nil || !strings.Contains(err.Error(), "no document no-such-doc") {
		t.Errorf("remove of an unknown document: %v", err)
	}
	_, stderr = mustRun(t, "remove", "--store", spec, target)
	if !strings.Contains(stderr, seedName+": removed") {
		t.Errorf("remove said %q", stderr)
	}
	sameLines(t, "export after remove", exportLines(t, spec), without)
	if _, _, err := runApp(t, "export", "--store", spec, "--graph", seedName); err == nil {
		t.Error("export --graph of a removed document succeeded")
	}
}

func checkDocs(t *testing.T, spec string, docs, quads int) {
	t.Helper()
	out, _ := mustRun(t, "docs", "--store", spec, "--tsv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != docs+1 || lines[0] != "ID\tTITLE\tDATE\tQUADS" {
		t.Fatalf("docs: %d lines, want a header and %d documents:\n%s", len(lines), docs, out)
	}
	sum := 0
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		n, _ := strconv.Atoi(f[len(f)-1])
		sum += n
		if f[0] == seedName && (f[1] != "Interview on Russia–US relations in international information security" || f[2] != "2022-11-03") {
			t.Errorf("docs: %q", l)
		}
	}
	if sum != quads {
		t.Errorf("docs: quad counts add up to %d, the store holds %d", sum, quads)
	}
}

func checkStats(t *testing.T, spec string) {
	t.Helper()
	out, _ := mustRun(t, "stats", "--store", spec)
	num := func(name string) int {
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) >= 2 && strings.Join(f[:len(f)-1], " ") == name {
				n, _ := strconv.Atoi(f[len(f)-1])
				return n
			}
		}
		t.Errorf("stats: no line %q:\n%s", name, out)
		return -1
	}
	nt, _ := mustRun(t, "export", "--store", spec, "--format", "ntriples")
	states := 0
	for _, l := range strings.Split(nt, "\n") {
		if strings.HasSuffix(l, "<"+ontology.RDFType+"> <"+ontology.DIP+"State> .") {
			states++
		}
	}
	if q, tr := num("quads"), num("distinct triples"); q != len(exportLines(t, spec)) || tr != strings.Count(nt, "\n") {
		t.Errorf("stats: %d quads, %d triples; exports have %d and %d", q, tr, len(exportLines(t, spec)), strings.Count(nt, "\n"))
	}
	if n := num("dip:State"); n != states || n == 0 {
		t.Errorf("stats: %d dip:State, ntriples export has %d", n, states)
	}
}

// readBack counts what rdflib (and rapper for its formats) read from each
// file, and checks JSON-LD and N-Quads isomorphic. Printed as JSON.
const readBack = `
import json, sys, rdflib
from rdflib import BNode, ConjunctiveGraph, Graph, URIRef
from rdflib.compare import isomorphic
rdflib.NORMALIZE_LITERALS = False
def quads(fmt, path):
    g = ConjunctiveGraph()
    g.parse(path, format=fmt, publicID="urn:x-test:default")
    return {(s, p, o, c.identifier) for s, p, o, c in g.quads((None, None, None, None))}
def encode(qs):
    g = Graph()
    for q in qs:
        st = BNode()
        for i, t in enumerate(q):
            g.add((st, URIRef("urn:x-test:%d" % i), t))
    return g
out = {}
for fmt, path in zip(sys.argv[1::2], sys.argv[2::2]):
    qs = quads(fmt, path)
    out[fmt] = {"quads": len(qs), "triples": len({q[:3] for q in qs})}
    out[fmt + "-set"] = qs
a, b = out.pop("json-ld-set"), out.pop("nquads-set")
if any(isinstance(t, BNode) for q in a | b for t in q):
    iso = isomorphic(encode(a), encode(b))
else:  # no blank nodes: isomorphic means equal, and canonicalising 5000 statement nodes is slow
    iso = a == b
for k in [k for k in out if k.endswith("-set")]:
    del out[k]
out["jsonld-isomorphic-to-nquads"] = iso
print(json.dumps(out))
`

var rdflibNames = map[string]string{"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}

// checkFormats exports every format and has the independent parsers read
// each: quad formats give the N-Quads export's quads, triple formats its
// distinct triples.
func checkFormats(t *testing.T, spec string) {
	t.Helper()
	needRdflib(t)
	dir := t.TempDir()
	quads := len(exportLines(t, spec))
	nt, _ := mustRun(t, "export", "--store", spec, "--format", "ntriples")
	triples := strings.Count(nt, "\n")
	var args []string
	for _, f := range formatNames(false) {
		p := filepath.Join(dir, "export."+f)
		mustRun(t, "export", "--store", spec, "--format", f, "-o", p)
		args = append(args, rdflibNames[f], p)
		if f == "jsonld" {
			continue
		}
		if _, err := os.Stat(rapperBin); err != nil {
			t.Logf("%s missing: rapper checks skipped", rapperBin)
			continue
		}
		out, err := exec.Command(rapperBin, "-q", "-i", f, "-o", "nquads", p).Output()
		if err != nil {
			t.Errorf("rapper -i %s: %v", f, err)
		}
		want := triples
		if f == "nquads" || f == "trig" {
			want = quads
		}
		if n := strings.Count(string(out), "\n"); n != want {
			t.Errorf("rapper read %d statements from the %s export, want %d", n, f, want)
		}
	}
	out, err := exec.Command(pythonBin, append([]string{"-c", readBack}, args...)...).Output()
	if err != nil {
		t.Fatalf("rdflib: %v", err)
	}
	var res map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("rdflib output %q: %v", out, err)
	}
	for _, f := range formatNames(false) {
		c := res[rdflibNames[f]].(map[string]any)
		got, want := int(c["quads"].(float64)), quads
		if f == "turtle" || f == "ntriples" {
			want = triples
		}
		if got != want || int(c["triples"].(float64)) != triples {
			t.Errorf("rdflib read %v from the %s export, want %d quads, %d triples", c, f, want, triples)
		}
	}
	if res["jsonld-isomorphic-to-nquads"] != true {
		t.Error("rdflib: the JSON-LD export is not isomorphic to the N-Quads export")
	}
	t.Logf("%d quads, %d distinct triples; rdflib: %s", quads, triples, out)
}

// exportNatives: values cayley would write as <xsd:integer> or "True" are
// exported with full datatype IRIs and lowercase booleans in every format.
func exportNatives(t *testing.T, spec string) {
	s, err := store.Open(spec, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := quad.IRI(ontology.Docs + "natives")
	subj := quad.IRI(ontology.Entities + "x")
	var qs []quad.Quad
	for i, v := range []quad.Value{quad.Bool(false), quad.Bool(true), quad.Int(-42), quad.Float(1.5),
		quad.TypedString{Value: "7", Type: "xsd:nonNegativeInteger"}} {
		qs = append(qs, quad.Quad{Subject: subj, Predicate: quad.IRI(ontology.DIP + "p" + strconv.Itoa(i)), Object: v, Label: g})
	}
	if _, _, err := s.ReplaceGraph(g, qs); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, f := range formatNames(false) {
		out, _ := mustRun(t, "export", "--store", spec, "--format", f)
		for _, bad := range []string{"<xsd:", `"True"`, `"False"`, `"xsd:`} {
			if strings.Contains(out, bad) {
				t.Errorf("%s export contains %s:\n%s", f, bad, out)
			}
		}
		want := `"false"^^<http://www.w3.org/2001/XMLSchema#boolean>`
		switch f {
		case "turtle", "trig":
			want = `"false"^^xsd:boolean`
		case "jsonld":
			want = `{"@value": "false", "@type": "http://www.w3.org/2001/XMLSchema#boolean"}`
		}
		if !strings.Contains(out, want) || !strings.Contains(out, "-42") {
			t.Errorf("%s export lacks %s:\n%s", f, want, out)
		}
	}
}

// secondWriter: while one writer holds the store, load fails after
// --lock-timeout with "store in use by another process".
func secondWriter(t *testing.T, spec, doc string) {
	s, err := store.Open(spec, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, _, err = runApp(t, "load", "--store", spec, "--lock-timeout", "1s", doc)
	el := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "store in use by another process") || !strings.Contains(err.Error(), "waited 1s") {
		t.Fatalf("second writer: %v", err)
	}
	if el < 900*time.Millisecond || el > 5*time.Second {
		t.Errorf("second writer gave up after %v, want about 1s", el)
	}
}

func TestLoadProgress(t *testing.T) {
	_, docs := corpus(t)
	db := filepath.Join(t.TempDir(), "p.db")
	_, stderr := mustRun(t, "load", "--store", db, "--progress", docs[0], docs[1])
	for _, want := range []string{"\r\x1b[K[", "2/2 documents", "quads/s", "ETA 0:00", ": loaded (+"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("--progress output lacks %q: %q", want, stderr)
		}
	}
	// Standard error is a pipe here: no progress line by default.
	_, stderr = mustRun(t, "load", "--store", db, docs[0])
	if strings.Contains(stderr, "\r") || !strings.Contains(stderr, "unchanged") {
		t.Errorf("load in a pipe: %q", stderr)
	}
	if _, stderr = mustRun(t, "load", "--store", db, "--quiet", docs[2]); stderr != "" {
		t.Errorf("load --quiet wrote %q", stderr)
	}
	if _, _, err := runApp(t, "load", "--store", db, "--quiet", "--progress", docs[0]); err == nil {
		t.Error("--quiet --progress accepted")
	}
}

func TestStoreMissing(t *testing.T) {
	dir := t.TempDir()
	for _, spec := range []string{filepath.Join(dir, "none.db"), "leveldb:" + filepath.Join(dir, "none")} {
		for _, cmd := range [][]string{{"remove", "x"}, {"docs"}, {"stats"}, {"export"}} {
			_, _, err := runApp(t, append([]string{cmd[0], "--store", spec}, cmd[1:]...)...)
			if err == nil || !strings.Contains(err.Error(), "no such file or directory") {
				t.Errorf("%s on a missing store %s: %v", cmd[0], spec, err)
			}
		}
		if _, err := os.Stat(strings.TrimPrefix(spec, "leveldb:")); err == nil {
			t.Errorf("%s was created", spec)
		}
	}
}
