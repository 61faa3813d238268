package store

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// txKV wraps the kv database Cayley writes to so that several ApplyDeltas
// calls can share one write transaction (see applyAtomic). Outside such a
// batch it passes everything through.
//
// Why: Cayley's kv ApplyDeltas nets each value's reference count over the
// whole delta list before it writes. A value used by an added quad whose
// count goes down overall (a document's label when its new version has
// fewer quads than the old, a predicate whose quads mostly go) is treated
// as a deleted value only, and the added quad is written without it: its
// label or predicate is lost. Adding first and deleting second, in two
// ApplyDeltas calls, avoids the netting; sharing the transaction keeps the
// replacement atomic.
type txKV struct {
	hkv.KV
	tx hkv.Tx // the batch's transaction; nil outside a batch
}

func (k *txKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	if rw && k.tx != nil {
		return sharedTx{k.tx}, nil
	}
	return k.KV.Tx(ctx, rw)
}

func (k *txKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	if k.tx != nil {
		return fn(sharedTx{k.tx})
	}
	return hkv.Update(ctx, k.KV, fn)
}

func (k *txKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, k.KV, fn)
}

// sharedTx is the batch's transaction as one ApplyDeltas call sees it:
// committing or closing it is left to the batch.
type sharedTx struct{ hkv.Tx }

func (sharedTx) Commit(context.Context) error { return nil }
func (sharedTx) Close() error                 { return nil }

// applyAtomic applies the additions, then the deletions, as one
// transaction: one kv transaction shared by two ApplyDeltas calls on bolt
// and leveldb; on PostgreSQL and in memory, whose ApplyDeltas do not net
// reference counts, one ApplyDeltas call. A failed kv batch leaves Cayley's
// caches out of step with the rolled-back data, so the store is closed.
// Called with s.mu held for writing.
func (s *Store) applyAtomic(adds, dels []graph.Delta, opts graph.IgnoreOpts) error {
	if s.kv == nil {
		return s.qs.ApplyDeltas(append(adds, dels...), opts)
	}
	ctx := context.Background()
	tx, err := s.kv.KV.Tx(ctx, true)
	if err != nil {
		return err
	}
	s.kv.tx = tx
	err = func() error {
		if len(adds) > 0 {
			if err := s.qs.ApplyDeltas(adds, opts); err != nil {
				return err
			}
		}
		if len(dels) > 0 {
			if err := s.qs.ApplyDeltas(dels, opts); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	}()
	s.kv.tx = nil
	if err != nil {
		tx.Close() // roll back
		s.closed = true
		s.qs.Close()
		return fmt.Errorf("%w (the store was closed: open it again)", err)
	}
	return nil
}
