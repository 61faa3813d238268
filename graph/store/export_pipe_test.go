package store

import (
	"errors"
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestPipeQuads: fn gets read's quads in order, all those read passed on
// before failing, none after fn failed, and the first error.
func TestPipeQuads(t *testing.T) {
	q := func(i int) quad.Quad { return quad.Quad{Subject: quad.IRI(fmt.Sprint(i))} }
	errRead, errFn := errors.New("read failed"), errors.New("fn failed")
	for _, n := range []int{0, 1, pipeBatch - 1, pipeBatch, 5*pipeBatch + 3} {
		for _, failRead := range []bool{false, true} {
			var got []quad.Quad
			err := pipeQuads(func(out func(quad.Quad) error) error {
				for i := range n {
					if err := out(q(i)); err != nil {
						return err
					}
				}
				if failRead {
					return errRead
				}
				return nil
			}, func(x quad.Quad) error { got = append(got, x); return nil })
			if failRead && err != errRead || !failRead && err != nil {
				t.Errorf("%d quads, read fails %v: error %v", n, failRead, err)
			}
			if len(got) != n {
				t.Fatalf("%d quads, read fails %v: fn got %d", n, failRead, len(got))
			}
			for i, x := range got {
				if x != q(i) {
					t.Fatalf("%d quads: quad %d is %v", n, i, x)
				}
			}
		}
		// fn fails at quad n/2: read stops, fn is not called again.
		calls, readOn := 0, 0
		err := pipeQuads(func(out func(quad.Quad) error) error {
			for i := range 10 * pipeBatch {
				if err := out(q(i)); err != nil {
					readOn = i
					return err
				}
			}
			return nil
		}, func(quad.Quad) error {
			calls++
			if calls > n/2 {
				return errFn
			}
			return nil
		})
		if err != errFn || calls != n/2+1 {
			t.Errorf("fn fails at call %d: error %v after %d calls", n/2+1, err, calls)
		}
		if readOn == 0 || readOn > n/2+6*pipeBatch {
			t.Errorf("fn fails at call %d: read went on to quad %d", n/2+1, readOn)
		}
	}
}
