package store

import (
	"errors"

	"github.com/cayleygraph/quad"
)

// pipeBatch is how many quads the reading goroutine of pipeQuads hands
// over at a time.
const pipeBatch = 512

// pipeQuads runs read, which passes quads to its out function, in a
// goroutine of its own, and calls fn with those quads, in the same order,
// in the calling goroutine: reading the store (read uses the transaction,
// and only it) and what fn does with the quads (an export's writer)
// overlap. fn is called with exactly the quads it would be called with
// if read called it directly: every quad read passed to out before read
// failed, none after fn failed; the error is read's, or fn's when fn
// failed first. Memory holds at most a few batches of quads.
func pipeQuads(read func(out func(quad.Quad) error) error, fn func(quad.Quad) error) error {
	full := make(chan []quad.Quad, 2)
	free := make(chan []quad.Quad, 3)
	quit := make(chan struct{})
	var readErr error
	go func() {
		defer close(full)
		batch := make([]quad.Quad, 0, pipeBatch)
		send := func() (err error) {
			batch, err = sendBatch(batch, pipeBatch, full, free, quit)
			return err
		}
		err := read(func(q quad.Quad) error {
			batch = append(batch, q)
			if len(batch) == pipeBatch {
				return send()
			}
			return nil
		})
		if len(batch) > 0 && !errors.Is(err, errQuit) {
			if serr := send(); err == nil {
				err = serr
			}
		}
		readErr = err
	}()
	var err error
	for batch := range full {
		if err == nil {
			for _, q := range batch {
				if err = fn(q); err != nil {
					close(quit)
					break
				}
			}
		}
		clear(batch)
		select {
		case free <- batch[:0]:
		default:
		}
	}
	if err != nil {
		return err
	}
	return readErr
}

// sendBatch hands batch to the consumer on full and returns an empty batch
// to fill next: one the consumer gave back on free, else a new one of
// capacity size. It returns errQuit, without blocking, once quit is
// closed: a consumer that stopped drains no more.
func sendBatch[T any](batch []T, size int, full chan<- []T, free <-chan []T, quit <-chan struct{}) ([]T, error) {
	select {
	case <-quit: // the consumer drains full: look first
		return batch, errQuit
	default:
	}
	select {
	case full <- batch:
	case <-quit:
		return batch, errQuit
	}
	select {
	case b := <-free:
		return b, nil
	default:
		return make([]T, 0, size), nil
	}
}
