package queries

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
)

func TestRunawayQueryStops(t *testing.T) {
	qs := memstore.New(quad.Make(quad.IRI("a"), quad.IRI("p"), quad.IRI("b"), nil))
	start := time.Now()
	_, err := Run(context.Background(), qs, "gizmo", `while (true) {}`, Options{Timeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("while(true){} gives %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopped after %s", d)
	}
	// A new session after a stopped one works.
	out, err := Run(context.Background(), qs, "gizmo", `g.V("<a>").Out("<p>").All()`, Options{Timeout: 5 * time.Second})
	if err != nil || len(out) != 1 {
		t.Errorf("after a timeout: %v, %v", out, err)
	}
}

func TestRunLimitAndErrors(t *testing.T) {
	qs := memstore.New(
		quad.Make(quad.IRI("a"), quad.IRI("p"), quad.IRI("b"), nil),
		quad.Make(quad.IRI("a"), quad.IRI("p"), quad.IRI("c"), nil),
		quad.Make(quad.IRI("a"), quad.IRI("p"), quad.IRI("d"), nil),
	)
	out, err := Run(context.Background(), qs, "gizmo", `g.V("<a>").Out("<p>").All()`, Options{Limit: 2})
	if err != nil || len(out) != 2 {
		t.Errorf("limit 2: %v, %v", out, err)
	}
	if _, err := Run(context.Background(), qs, "gizmo", `g.V(.All()`, Options{}); err == nil {
		t.Error("a syntax error gives no error")
	}
	if _, err := Run(context.Background(), qs, "sparql", `SELECT * {}`, Options{}); err == nil {
		t.Error("an unknown language gives no error")
	}
}
