package main

import (
	"context"
	"encoding/csv"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/queries"
	"github.com/dipgraph/dipgraph/queries/sparqltest"
)

// loadStore loads docs into a new bolt store with the CLI and returns its path.
func loadStore(t *testing.T, docs ...string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "q.db")
	mustRun(t, append([]string{"load", "--quiet", "--store", db}, docs...)...)
	return db
}

func wantExit(t *testing.T, code int, args ...string) string {
	t.Helper()
	_, stderr, err := runApp(t, args...)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != code {
		t.Errorf("dipgraph %s: %v, want exit %d", strings.Join(args, " "), err, code)
	}
	return stderr
}

// lineWith reports whether one line of out holds all parts, in order.
func lineWith(out string, parts ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		rest, ok := line, true
		for _, p := range parts {
			i := strings.Index(rest, p)
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+len(p):]
		}
		if ok {
			return true
		}
	}
	return false
}

func TestQueriesCommands(t *testing.T) {
	db := loadStore(t, seedDoc(t))

	out, _ := mustRun(t, "queries", "list")
	for _, name := range queries.Names() {
		if !strings.Contains(out, name) {
			t.Errorf("queries list lacks %s", name)
		}
	}
	out, _ = mustRun(t, "queries", "show", "timeline")
	for _, want := range []string{"=== queries/timeline.gizmo.js", "=== queries/timeline.rq", "SELECT DISTINCT", "readEvents(EVENTS", "precision"} {
		if !strings.Contains(out, want) {
			t.Errorf("queries show timeline lacks %q", want)
		}
	}

	// The seed interview: the March 2022 end of the expert group by the United States.
	out, _ = mustRun(t, "queries", "run", "timeline", "--store", db)
	if !lineWith(out, "2022-03", "month", "Termination", "United States", "Kremlin–White House expert group") {
		t.Errorf("timeline lacks the March 2022 termination:\n%s", out)
	}
	if strings.Contains(out, "https://") {
		t.Errorf("the timeline table shows raw IRIs:\n%s", out)
	}
	// The OEWG established by Russia, part of the UN; the expert group under both councils.
	out, _ = mustRun(t, "queries", "run", "institutions", "--store", db, "--width", "-1")
	for _, parts := range [][]string{
		{"UN Open-ended Working Group on ICTs", "established by", "Russia"},
		{"UN Open-ended Working Group on ICTs", "part of", "United Nations"},
		{"Kremlin–White House expert group", "under the auspices of", "Security Council of the Russian Federation"},
		{"Kremlin–White House expert group", "under the auspices of", "US National Security Council"},
	} {
		if !lineWith(out, parts...) {
			t.Errorf("institutions lacks %q:\n%s", parts, out)
		}
	}
	// Russia's four UN Charter principles, asked for as Moscow, in exact CSV.
	out, stderr := mustRun(t, "queries", "run", "positions", "--param", "actor=Moscow", "--format", "csv", "--store", db)
	if !strings.Contains(stderr, `"Moscow" is https://w3id.org/dipgraph/id/russia`) {
		t.Errorf("no note on resolving Moscow: %s", stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("positions csv: %v\n%s", err, out)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	got := map[string]bool{}
	for _, r := range rows[1:] {
		if r[col["actor"]] == "https://w3id.org/dipgraph/id/russia" && r[col["stance"]] == "https://w3id.org/dipgraph/ontology#advocates" &&
			r[col["basis"]] == "https://w3id.org/dipgraph/id/un-charter" && r[col["basis_label"]] == "UN Charter" {
			got[strings.TrimPrefix(r[col["object"]], "https://w3id.org/dipgraph/id/")] = true
		}
	}
	for _, p := range []string{"justice", "sovereign-equality", "non-interference", "peaceful-settlement-of-disputes"} {
		if !got[p] {
			t.Errorf("positions lacks Russia advocating %s based on the UN Charter", p)
		}
	}

	// Injections stay values: no rows, no error.
	for _, args := range [][]string{
		{"queries", "run", "events", "--param", `actor="); g.V()`, "--format", "json"},
		{"queries", "run", "actor", `"); g.V().All(); ("`, "--format", "json"},
		{"queries", "run", "evidence", `{"a": "}"}`, "terminatedBy", `'); g.V()`, "--format", "json"},
		{"queries", "run", "events", "--param", `type=Termination"); g.V()`, "--format", "json"},
	} {
		out, _ := mustRun(t, append(args, "--store", db)...)
		if strings.TrimSpace(out) != "[]" {
			t.Errorf("%s: %s, want []", strings.Join(args, " "), out)
		}
	}
	out, _ = mustRun(t, "queries", "sparql", "positions", "--param", "actor=RU")
	if !strings.Contains(out, "VALUES (?actor ?object) { (<https://w3id.org/dipgraph/id/russia> UNDEF) } # dipgraph:params") {
		t.Errorf("queries sparql positions actor=RU:\n%s", out)
	}
	out, _ = mustRun(t, "queries", "sparql", "actor", `x"} ; DROP ALL #`)
	if !strings.Contains(out, `VALUES (?actor) { ("x\"} ; DROP ALL #") } # dipgraph:params`) {
		t.Errorf("queries sparql actor with quotes:\n%s", out)
	}

	// Usage errors exit 2.
	wantExit(t, 2, "queries", "run", "nosuchquery", "--store", db)
	wantExit(t, 2, "queries", "run", "format", "--store", db)
	wantExit(t, 2, "queries", "run", "events", "--param", "from=last year", "--store", db)
	wantExit(t, 2, "queries", "run", "events", "--param", "colour=red", "--store", db)
	wantExit(t, 2, "queries", "run", "timeline", "--format", "xml", "--store", db)
	wantExit(t, 2, "query", "--lang", "sparql", "SELECT * {}", "--store", db)
}

func TestQueryTimeout(t *testing.T) {
	db := loadStore(t, seedDoc(t))
	start := time.Now()
	_, _, err := runApp(t, "query", "--store", db, "--timeout", "300ms", "while(true){}")
	if err == nil || !strings.Contains(err.Error(), "ran past its timeout (300ms)") || !strings.Contains(err.Error(), "--timeout") {
		t.Errorf("while(true){}: %v, want a timeout message", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the runaway query was stopped after %s", d)
	}
	// GraphQL runs when cayley's query/graphql is compiled in; else it says so.
	out, _, err := runApp(t, "query", "--store", db, "--lang", "graphql", `{ nodes(id: "<https://w3id.org/dipgraph/id/russia>") { id } }`)
	if err != nil && !strings.Contains(err.Error(), "graphql is not compiled into this build") {
		t.Errorf("query --lang graphql: %v", err)
	} else if err == nil && !strings.Contains(out, "russia") {
		t.Errorf("query --lang graphql: %s", out)
	}
	out, _ = mustRun(t, "query", "--store", db, "--limit", "2", `g.V("<https://w3id.org/dipgraph/id/russia>").Out().All()`)
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 2 {
		t.Errorf("--limit 2 gives %d results:\n%s", n, out)
	}
}

// TestQueriesRunMatchesSPARQL: for every saved query, `queries run --format
// csv` on the corpus store gives the rows of its .rq twin (`queries sparql`)
// run by oxigraph over `dipgraph export`, compared as sorted rows of exact
// values (IRIs, lexical forms).
func TestQueriesRunMatchesSPARQL(t *testing.T) {
	if err := sparqltest.Available(); err != nil {
		t.Skip(err)
	}
	_, docs := corpus(t)
	db := loadStore(t, docs...)
	ttl := filepath.Join(t.TempDir(), "graph.ttl")
	mustRun(t, "export", "--store", db, "--format", "turtle", "-o", ttl)
	args := map[string][]string{
		"format":   {"Kremlin-White House expert group"},
		"actor":    {"Moscow"},
		"evidence": {"kremlin-white-house-expert-group", "terminatedBy", "US"},
		"events":   {"--param", "from=2021"},
		"timeline": {"--param", "actor=US"},
	}
	var texts []string
	var want [][]string
	var names []string
	for _, q := range queries.All() {
		out, _ := mustRun(t, append(append([]string{"queries", "run", q.Name}, args[q.Name]...), "--store", db, "--format", "csv")...)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", q.Name, err)
		}
		keep := map[int]bool{}
		for i, h := range rows[0] {
			keep[i] = !strings.HasSuffix(h, "_label")
		}
		var got []string
		for _, r := range rows[1:] {
			var cells []string
			for i, c := range r {
				if keep[i] {
					cells = append(cells, c)
				}
			}
			got = append(got, strings.Join(cells, "\x00"))
		}
		sort.Strings(got)
		text, _ := mustRun(t, append([]string{"queries", "sparql", q.Name}, args[q.Name]...)...)
		texts = append(texts, text)
		want = append(want, got)
		names = append(names, q.Name)
	}
	results, errs, err := sparqltest.SelectBatch(context.Background(), texts, ttl)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for i, q := range queries.All() {
		if errs[i] != nil {
			t.Errorf("%s: %v", names[i], errs[i])
			continue
		}
		set := map[string]bool{}
		for _, sol := range results[i].Rows {
			var cells []string
			for _, c := range q.Columns {
				if v, ok := sol[c.Name]; ok {
					cells = append(cells, queries.Lexical(v))
				} else {
					cells = append(cells, "")
				}
			}
			set[strings.Join(cells, "\x00")] = true
		}
		var sparql []string
		for k := range set {
			sparql = append(sparql, k)
		}
		sort.Strings(sparql)
		total += len(want[i])
		if strings.Join(want[i], "\n") != strings.Join(sparql, "\n") {
			t.Errorf("%s: queries run gives %d rows, its .rq %d", names[i], len(want[i]), len(sparql))
		}
	}
	t.Logf("%d rows of %d saved queries agree with oxigraph", total, len(names))
	if total == 0 {
		t.Error("no rows at all")
	}
}
