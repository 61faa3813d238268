package queries

import "runtime"

// fork runs part of a plan on a run of its own, on another goroutine,
// while the plan goes on: a part that only emits rows (its terms and rows
// its own; its reads on the same read transaction: store.KVQuery.Fork).
// join waits for the part and appends its rows after those emitted so
// far, their terms made this run's by their keys (adopt); the plan must
// call it before it returns, and defer it too, so that a plan that
// returns early still waits for the part (a second call does nothing).
// With one CPU, or on a store that two goroutines cannot read, the part
// runs on this run at join. part gets its run and must use nothing of
// r's but values (copied terms: adopt).
func (r *nrun) fork(part func(f *nrun)) (join func()) {
	joined := false
	fq := r.kq.Fork()
	if fq == nil || runtime.GOMAXPROCS(0) < 2 {
		return func() {
			if !joined {
				joined = true
				part(r)
			}
		}
	}
	f := newRun(r.ctx, fq, r.q, nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		part(f)
	}()
	return func() {
		if joined {
			return
		}
		joined = true
		<-done
		r.fail(f.err)
		if r.err != nil {
			return
		}
		remap := make([]int32, len(f.terms))
		for i := range remap {
			remap[i] = none
		}
		ncol := len(f.row)
		for ci, c := range f.rows {
			for at := 0; at+ncol <= len(c); at += ncol {
				for j, t := range c[at : at+ncol] {
					if t != none {
						if remap[t] == none {
							remap[t] = r.adopt(f.terms[t])
						}
						t = remap[t]
					}
					r.row[j] = t
				}
				r.emit()
			}
			f.rows[ci] = nil
		}
	}
}

// adopt is the term of this run with tm's value (a term of another run,
// copied before that run went on: runs are not safe for concurrent use).
func (r *nrun) adopt(tm term) int32 {
	return r.intern(tm.v, tm.native, tm.id)
}
