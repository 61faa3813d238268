package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/push/virtuosotest"
	"github.com/dipgraph/dipgraph/graph/rdfio"
)

// storeServer is a Graph Store endpoint in memory: it keeps the N-Triples
// lines of each graph (PUT replaces, POST adds) and wants Basic
// credentials alice / "pa55 word".
type storeServer struct {
	mu     sync.Mutex
	graphs map[string]map[string]bool
	auths  int
}

func (s *storeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if u, p, ok := r.BasicAuth(); !ok || u != "alice" || p != "pa55 word" {
		w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	b, _ := io.ReadAll(r.Body)
	g := r.URL.Query().Get("graph")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auths++
	if r.Method == http.MethodPut || s.graphs[g] == nil {
		s.graphs[g] = map[string]bool{}
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" {
			s.graphs[g][l] = true
		}
	}
	w.WriteHeader(http.StatusCreated)
}

func TestPushFilesToGraphStore(t *testing.T) {
	srv := &storeServer{graphs: map[string]map[string]bool{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	t.Setenv(envPushUser, "alice")
	t.Setenv(envPushPassword, "pa55 word")

	valid := "../../ontology/shacltest/testdata/valid.ttl"
	out, errOut, err := runApp(t, "push", "--endpoint", ts.URL+"/crud", "--graph", "https://example.org/g", "--chunk-triples", "10", valid)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if n := len(srv.graphs["https://example.org/g"]); n != 42 {
		t.Errorf("graph holds %d triples, want 42", n)
	}
	for _, want := range []string{
		"<https://example.org/g>: replaced with 42 triples (5 requests, ",
		"pushed 42 triples in 1 graph from 1 input to the Graph Store endpoint " + ts.URL + "/crud: 5 requests, ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, "pa55") {
		t.Errorf("output shows the password:\n%s%s", out, errOut)
	}

	// Documents go to their own graphs; pushing twice replaces.
	doc := seedDoc(t)
	for i := 0; i < 2; i++ {
		if _, errOut, err := runApp(t, "push", "--endpoint", ts.URL, "--graph-per-document", "--quiet", doc); err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
	}
	docGraph := "https://w3id.org/dipgraph/doc/" + seedName
	if len(srv.graphs[docGraph]) == 0 {
		t.Errorf("no graph %s: %v", docGraph, keys(srv.graphs))
	}
	before := len(srv.graphs[docGraph])
	if _, _, err := runApp(t, "push", "--endpoint", ts.URL, "--graph-per-document", "--append", doc); err != nil {
		t.Fatal(err)
	}
	if len(srv.graphs[docGraph]) != before {
		t.Errorf("appending the same triples changed the set: %d → %d", before, len(srv.graphs[docGraph]))
	}

	// A wrong password, from the flag, is refused and never shown.
	_, errOut, err = runApp(t, "push", "--endpoint", ts.URL+"/crud", "--graph", "https://example.org/g", "--password", "Wr0ngSecret", valid)
	if err == nil || !strings.Contains(err.Error(), "authentication failed (HTTP 401) at "+ts.URL+"/crud?graph=") || exitCode(err) != 1 {
		t.Errorf("wrong password: %v", err)
	}
	if err != nil && strings.Contains(err.Error()+errOut, "Wr0ngSecret") {
		t.Errorf("the password is shown: %v %s", err, errOut)
	}
	// The help does not show the credentials of the environment.
	help, _, _ := runApp(t, "push", "--help")
	if strings.Contains(help, "pa55") || !strings.Contains(help, envPushPassword) {
		t.Errorf("help:\n%s", help)
	}
}

func keys(m map[string]map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestPushUsage(t *testing.T) {
	nt := filepath.Join(t.TempDir(), "a.nt")
	if err := os.WriteFile(nt, []byte("<http://example.org/a> <http://example.org/p> \"x\" .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"push", "--graph", "http://g", nt}, "give --endpoint URL"},
		{[]string{"push", "--endpoint", "http://h/", "--update-endpoint", "http://h/u", "--graph", "http://g", nt}, "not both"},
		{[]string{"push", "--endpoint", "http://h/", nt}, "give --graph IRI or --graph-per-document"},
		{[]string{"push", "--endpoint", "http://h/", "--graph", "http://g", "--graph-per-document", nt}, "not both"},
		{[]string{"push", "--endpoint", "http://h/", "--graph", "http://g"}, "give --store PATH or FILEs"},
		{[]string{"push", "--endpoint", "http://h/", "--graph", "http://g", "--store", "x.db", nt}, "not both"},
		{[]string{"push", "--endpoint", "http://h/", "--graph-per-document", nt}, "triples outside named graphs"},
		{[]string{"push", "--endpoint", "localhost:8890", "--graph", "http://g", nt}, "not an http(s) URL"},
		{[]string{"push", "--endpoint", "http://h/", "--graph", "http://g", "--format", "rdfxml", nt}, "format"},
		{[]string{"push", "--endpoint", "http://h/", "--graph", "http://g", "--store", filepath.Join(t.TempDir(), "none.db")}, "no such file"},
		{[]string{"push", "--endpoint", "http://h/", "--graph", "http://g", filepath.Join(t.TempDir(), "none.nt")}, "no such file"},
	} {
		_, _, err := runApp(t, c.args...)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), c.want) {
			t.Errorf("dipgraph %s: exit %d, %v; want exit 2 with %q", strings.Join(c.args, " "), exitCode(err), err, c.want)
		}
	}
}

// exportCounts exports the store as N-Quads and counts the triples of each
// graph, and the distinct triples of all graphs.
func exportCounts(t *testing.T, db string) (map[string]int, int) {
	t.Helper()
	nq := filepath.Join(t.TempDir(), "export.nq")
	mustRun(t, "export", "--store", db, "--format", "nquads", "-o", nq)
	f, err := os.Open(nq)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := rdfio.NewReader("nquads", f, rdfio.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	distinct := map[[3]string]bool{}
	for {
		q, err := rd.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		counts[string(q.Label.(quad.IRI))]++
		distinct[[3]string{q.Subject.String(), q.Predicate.String(), q.Object.String()}] = true
	}
	return counts, len(distinct)
}

// TestPushToVirtuoso is the round trip of issue 7: load the shared corpus,
// push it to a real Virtuoso, and count over SPARQL what arrived.
func TestPushToVirtuoso(t *testing.T) {
	v := virtuosotest.Start(t)
	dir, _ := corpus(t)
	db := filepath.Join(t.TempDir(), "corpus.db")
	mustRun(t, "load", "--quiet", "--store", db, dir)
	want, distinct := exportCounts(t, db)
	if len(want) < 2 {
		t.Fatalf("%d graphs in the store", len(want))
	}
	t.Setenv(envPushUser, v.User)
	t.Setenv(envPushPassword, v.Password)

	check := func(round string) {
		t.Helper()
		total := 0
		for g, n := range want {
			if got := v.Count(t, g); got != n {
				t.Errorf("%s: graph %s holds %d triples in Virtuoso, the export %d", round, g, got, n)
			}
			total += n
		}
		t.Logf("%s: %d graphs, %d triples in Virtuoso, as in the export", round, len(want), total)
	}
	// Graph Store protocol, small chunks so that big graphs take PUT + POSTs.
	args := []string{"push", "--endpoint", v.GraphStoreURL(), "--graph-per-document", "--chunk-triples", "500", "--store", db}
	out, errOut, err := runApp(t, args...)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, errOut, v.Log())
	}
	t.Log(strings.TrimSpace(out))
	check("first push")
	// Pushing again replaces: the counts stay.
	if _, errOut, err := runApp(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	check("second push")
	// SPARQL Update, twice.
	for i := 0; i < 2; i++ {
		if _, errOut, err := runApp(t, "push", "--update-endpoint", v.UpdateURL(), "--graph-per-document", "--chunk-triples", "700", "--store", db); err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
		check(fmt.Sprintf("update push %d", i+1))
	}
	// Everything into one graph: the distinct triples of the export.
	const one = "https://example.org/dipgraph/all"
	if _, errOut, err := runApp(t, "push", "--endpoint", v.GraphStoreURL(), "--graph", one, "--store", db); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if got := v.Count(t, one); got != distinct {
		t.Errorf("one graph holds %d triples, the export %d distinct triples", got, distinct)
	}
	t.Logf("--graph %s: %d triples in Virtuoso, the distinct triples of the export", one, distinct)
	// A wrong password fails with a clear message and changes nothing.
	_, _, err = runApp(t, "push", "--endpoint", v.GraphStoreURL(), "--graph", one, "--password", "not-dba", seedDoc(t))
	if err == nil || !strings.Contains(err.Error(), "authentication failed (HTTP 401) at "+v.GraphStoreURL()) || strings.Contains(err.Error(), "not-dba") {
		t.Errorf("wrong password: %v", err)
	}
	if got := v.Count(t, one); got != distinct {
		t.Errorf("after the refused push the graph holds %d triples, want %d", got, distinct)
	}
}
