// Package queries runs Gizmo queries against a Cayley store: ad hoc ones
// from the command line, with a deadline and a result limit.
package queries

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// Options bound a query run.
type Options struct {
	Timeout time.Duration // 0: no deadline
	Limit   int           // 0: no limit
}

// ErrTimeout is returned when a query runs past its deadline.
var ErrTimeout = errors.New("query stopped: it ran past its timeout")

// RunGizmo executes a Gizmo query and returns its results as JSON-ready
// values. A new session per query: a Gizmo session fails every query after
// its first Close (cayley-notes.md). The deadline is passed to it.Next,
// since Execute ignores its context.
func RunGizmo(ctx context.Context, qs graph.QuadStore, text string, opt Options) ([]any, error) {
	if opt.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opt.Timeout)
		defer cancel()
	}
	s := gizmo.NewSession(qs)
	it, err := s.Execute(ctx, text, query.Options{Collation: query.JSON, Limit: opt.Limit})
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	defer it.Close()
	var out []any
	for it.Next(ctx) {
		out = append(out, it.Result())
		if opt.Limit > 0 && len(out) >= opt.Limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
			return out, fmt.Errorf("%w (%s)", ErrTimeout, opt.Timeout)
		}
		return out, fmt.Errorf("gizmo: %w", err)
	}
	if ctx.Err() != nil {
		return out, fmt.Errorf("%w (%s)", ErrTimeout, opt.Timeout)
	}
	return out, nil
}
