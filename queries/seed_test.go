package queries_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
	"github.com/dipgraph/dipgraph/queries"
)

// loadSeed extracts the seed interview into a memory store.
func loadSeed(t *testing.T) *store.Store {
	t.Helper()
	path := filepath.Join(corpusDir, "00_seed.md")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("the seed interview is not at %s: %v", path, err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := extract.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open("memory", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	label := extract.DocIRI(d)
	if _, _, err := s.ReplaceGraph(label, x.Extract(d).Quads(label)); err != nil {
		t.Fatal(err)
	}
	return s
}

func run(t *testing.T, s *store.Store, name string, raw map[string]string) *queries.Result {
	t.Helper()
	q, ok := queries.Lookup(name)
	if !ok {
		t.Fatalf("no saved query %s", name)
	}
	gaz, err := ontology.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	b, err := q.Bind(raw, &queries.Resolver{Gazetteer: gaz, Store: s.QuadStore()})
	if err != nil {
		t.Fatal(err)
	}
	res, err := queries.RunSaved(context.Background(), s.QuadStore(), q, b, queries.Options{Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// has reports whether some row holds every column value of want.
func has(res *queries.Result, want map[string]quad.Value) bool {
	for _, row := range res.Rows {
		ok := true
		for col, v := range want {
			i := -1
			for j, c := range res.Columns {
				if c.Name == col {
					i = j
				}
			}
			if i < 0 || queries.Canonical(row[i]) != queries.Canonical(v) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func id(slug string) quad.IRI  { return quad.IRI(ontology.Entities + slug) }
func dip(name string) quad.IRI { return quad.IRI(ontology.DIP + name) }

func TestSeedAcceptance(t *testing.T) {
	s := loadSeed(t)

	// timeline: the March 2022 end of the Kremlin–White House expert group by the United States.
	tl := run(t, s, "timeline", nil)
	if !has(tl, map[string]quad.Value{
		"date":      quad.TypedString{Value: "2022-03", Type: ontology.XSDGYearMonth},
		"precision": quad.String("month"),
		"class":     dip("Termination"),
		"agent":     id("united-states"),
		"patient":   id("kremlin-white-house-expert-group"),
	}) {
		t.Errorf("timeline lacks the March 2022 termination of the expert group by the US: %v", tl.Rows)
	}

	// institutions: the OEWG established by Russia, part of the UN; the expert group under the
	// auspices of both security councils.
	in := run(t, s, "institutions", nil)
	for _, want := range []map[string]quad.Value{
		{"institution": id("oewg-2021-2025"), "role": quad.String("established by"), "other": id("russia")},
		{"institution": id("oewg-2021-2025"), "role": quad.String("part of"), "other": id("united-nations")},
		{"institution": id("kremlin-white-house-expert-group"), "role": quad.String("under the auspices of"), "other": id("russia-security-council")},
		{"institution": id("kremlin-white-house-expert-group"), "role": quad.String("under the auspices of"), "other": id("united-states-national-security-council")},
		{"institution": id("kremlin-white-house-expert-group"), "role": quad.String("terminated by"), "other": id("united-states"),
			"date": quad.TypedString{Value: "2022-03", Type: ontology.XSDGYearMonth}},
	} {
		if !has(in, want) {
			t.Errorf("institutions lacks %v", want)
		}
	}

	// positions: Russia advocates the four UN Charter principles.
	pos := run(t, s, "positions", map[string]string{"actor": "Russia"})
	for _, p := range []string{"justice", "sovereign-equality", "non-interference", "peaceful-settlement-of-disputes"} {
		if !has(pos, map[string]quad.Value{"actor": id("russia"), "stance": dip("advocates"), "object": id(p), "basis": id("un-charter")}) {
			t.Errorf("positions lacks Russia advocating %s (based on the UN Charter)", p)
		}
	}
}

// TestFixtureContradictions: the made-up fixture holds two denials and two
// competing accounts (who ended the hotline, who is behind SolarWinds).
func TestFixtureContradictions(t *testing.T) {
	s := loadFixture(t)
	res := run(t, s, "contradictions", nil)
	doc := func(d, frag string) quad.IRI { return quad.IRI(ontology.Docs + d + "#" + frag) }
	for _, want := range []map[string]quad.Value{
		{"kind": quad.String("denial"), "claim_a": doc("fixture-a", "claim-a1"), "claim_b": doc("fixture-b", "claim-b2"), "polarity_b": quad.String("negative")},
		{"kind": quad.String("denial"), "claim_a": doc("fixture-a", "claim-a3"), "claim_b": doc("fixture-b", "claim-b3")},
		{"kind": quad.String("competing account"), "relation": dip("terminatedBy"), "object_a": id("united-states"), "object_b": id("russia"),
			"claimant_a": id("lavrov"), "claimant_b": id("blinken")},
		{"kind": quad.String("competing account"), "relation": dip("responsibleFor"), "subject_a": id("united-states"), "subject_b": id("russia")},
	} {
		if !has(res, want) {
			t.Errorf("contradictions lacks %v", want)
		}
	}
	if len(res.Rows) != 4 {
		t.Errorf("%d contradictions, want 4", len(res.Rows))
	}
}
