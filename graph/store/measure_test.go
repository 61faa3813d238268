package store

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// TestMeasure logs load and read timings; run with DIPGRAPH_STORE_MEASURE=1.
func TestMeasure(t *testing.T) {
	if os.Getenv("DIPGRAPH_STORE_MEASURE") == "" {
		t.Skip("set DIPGRAPH_STORE_MEASURE=1")
	}
	const docs, perDoc = 100, 1000
	var all []quad.Quad
	for d := 0; d < docs; d++ {
		for i := 0; i < perDoc; i++ {
			all = append(all, quad.Quad{
				Subject:   iri(fmt.Sprintf("d%d/s%d", d, i/10)),
				Predicate: iri(fmt.Sprintf("p%d", i%10)),
				Object:    quad.TypedString{Value: quad.String(fmt.Sprint(i)), Type: xsd + "integer"},
				Label:     iri(fmt.Sprintf("doc%d", d)),
			})
		}
	}
	forEachBackend(t, func(t *testing.T, spec string) {
		s := mustOpen(t, spec)
		start := time.Now()
		n, err := s.Load(all)
		if err != nil {
			t.Fatal(err)
		}
		el := time.Since(start)
		t.Logf("load %d quads: %v (%.0f quads/s)", n, el, float64(n)/el.Seconds())
		start = time.Now()
		n, _ = s.Load(all)
		t.Logf("reload (all duplicates, %d new): %v", n, time.Since(start))
		start = time.Now()
		c := 0
		s.QuadsIn(context.Background(), iri("doc50"), func(quad.Quad) error { c++; return nil })
		t.Logf("QuadsIn 1 doc (%d quads): %v", c, time.Since(start))
		start = time.Now()
		g, _ := s.Graphs()
		t.Logf("Graphs (%d): %v", len(g), time.Since(start))
		start = time.Now()
		c = 0
		s.Quads(context.Background(), func(quad.Quad) error { c++; return nil })
		t.Logf("Quads all (%d): %v", c, time.Since(start))
		start = time.Now()
		a, r, _ := s.ReplaceGraph(iri("doc7"), all[7*perDoc+500:8*perDoc])
		t.Logf("ReplaceGraph (+%d -%d): %v", a, r, time.Since(start))
		start = time.Now()
		r, _ = s.RemoveGraph(iri("doc8"))
		t.Logf("RemoveGraph (%d): %v", r, time.Since(start))
	})
}
