package main

// Tests of `extract -j` and `--shard` (issue 8): the output is the same
// bytes for every -j, and the outputs of shards 0/n..n-1/n concatenated are
// one run's output.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gencorpus "github.com/dipgraph/dipgraph/bench/corpus"
)

// genCorpus writes a small generated corpus (with copies of the shared
// corpus' documents when it is present) and one unreadable document, whose
// "skipped" message must also come out in input order.
func genCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	opt := gencorpus.Options{Size: 200 << 10, Seed: 7, MinDoc: 1 << 10, MaxDoc: 16 << 10, PerDir: 16}
	if _, err := os.Stat(filepath.Join(corpusRel, "README.md")); err == nil {
		opt.Replicate, opt.ReplicateEvery = corpusRel, 5
	}
	s, err := gencorpus.Write(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if s.Docs < 30 {
		t.Fatalf("generated only %d documents", s.Docs)
	}
	if err := os.WriteFile(filepath.Join(dir, "d0001", "bad.md"), []byte("ok\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// extractRun runs extract and returns the output file's bytes and stderr.
func extractRun(t *testing.T, args ...string) ([]byte, string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, err := runApp(t, append([]string{"extract", "-o", out}, args...)...)
	b, rerr := os.ReadFile(out)
	if rerr != nil {
		t.Fatalf("extract %v: %v (stderr: %s)", args, rerr, stderr)
	}
	return b, stderr, err
}

func sameRun(t *testing.T, what string, want, got []byte, wantErr, gotErr string) {
	t.Helper()
	if !bytes.Equal(want, got) {
		i := 0
		for i < len(want) && i < len(got) && want[i] == got[i] {
			i++
		}
		t.Errorf("%s: output differs at byte %d of %d/%d", what, i, len(want), len(got))
	}
	if wantErr != gotErr {
		t.Errorf("%s: stderr differs:\n%s\nvs\n%s", what, wantErr, gotErr)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func checkParallel(t *testing.T, dir string, formats ...string) {
	for _, f := range formats {
		want, wantStderr, wantErr := extractRun(t, "-f", f, "-j", "1", dir)
		if len(want) == 0 {
			t.Fatalf("%s: -j 1 wrote nothing", f)
		}
		for _, j := range []string{"4", "0"} {
			got, gotStderr, gotErr := extractRun(t, "-f", f, "-j", j, dir)
			sameRun(t, fmt.Sprintf("%s -j %s", f, j), want, got, wantStderr, gotStderr)
			if errString(wantErr) != errString(gotErr) {
				t.Errorf("%s -j %s: error %v, -j 1: %v", f, j, gotErr, wantErr)
			}
		}
	}
}

func TestExtractParallelSharedCorpus(t *testing.T) {
	dir, _ := corpus(t)
	checkParallel(t, dir, "ntriples", "nquads", "turtle")
}

func TestExtractParallelGenerated(t *testing.T) {
	dir := genCorpus(t)
	checkParallel(t, dir, "nquads", "trig")
}

func TestExtractShardsConcatenate(t *testing.T) {
	dir := genCorpus(t)
	for f, shards := range map[string][]int{"ntriples": {1, 3, 7}, "nquads": {2, 61}} {
		want, wantStderr, _ := extractRun(t, "-f", f, dir)
		// 61 shards: more shards than documents, so some are empty.
		for _, n := range shards {
			var got []byte
			var gotStderr string
			for i := range n {
				b, stderr, _ := extractRun(t, "-f", f, "-j", "3", "--shard", fmt.Sprintf("%d/%d", i, n), dir)
				got = append(got, b...)
				gotStderr += stderr
			}
			sameRun(t, fmt.Sprintf("%s, %d shards", f, n), want, got, wantStderr, gotStderr)
		}
	}
}

func TestShardRange(t *testing.T) {
	for _, count := range []int{0, 1, 5, 100, 101} {
		for n := 1; n <= 12; n++ {
			next := 0
			for i := range n {
				lo, hi := shardRange(i, n, count)
				if lo != next || hi < lo || hi-lo > count/n+1 {
					t.Fatalf("shard %d/%d of %d: [%d,%d) after %d", i, n, count, lo, hi, next)
				}
				next = hi
			}
			if next != count {
				t.Fatalf("%d shards of %d end at %d", n, count, next)
			}
		}
	}
}

func TestExtractBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--shard", "3/3"}, {"--shard", "-1/2"}, {"--shard", "1"}, {"--shard", "a/b"}, {"--shard", "0/0"},
		{"-j", "-2"},
	} {
		_, stderr, err := runApp(t, append(append([]string{"extract"}, args...), "x.md")...)
		var ee exitError
		if err == nil || !asExit(err, &ee) || ee.code != 2 {
			t.Errorf("extract %v: want exit status 2, got %v (stderr %q)", args, err, stderr)
		}
	}
}

func asExit(err error, ee *exitError) bool {
	e, ok := err.(exitError)
	if ok {
		*ee = e
	}
	return ok
}

// TestRunOrderedWindow: results come out in input order, and no more than
// 4*jobs+1 documents are between process and emit at any time (memory is
// bounded by the largest documents, not by the corpus).
func TestRunOrderedWindow(t *testing.T) {
	paths := make([]string, 500)
	for i := range paths {
		paths[i] = fmt.Sprint(i)
	}
	for _, jobs := range []int{1, 2, 3, 8} {
		var mu sync.Mutex
		inFlight, peak := 0, 0
		process := func(p string) docResult {
			mu.Lock()
			inFlight++
			peak = max(peak, inFlight)
			mu.Unlock()
			return docResult{path: p}
		}
		next := 0
		emit := func(r docResult) error {
			if r.path != paths[next] {
				t.Fatalf("-j %d: emitted %s, want %s", jobs, r.path, paths[next])
			}
			next++
			time.Sleep(50 * time.Microsecond) // a slow writer: workers run ahead
			mu.Lock()
			inFlight--
			mu.Unlock()
			return nil
		}
		if err := runOrdered(paths, jobs, process, emit); err != nil {
			t.Fatal(err)
		}
		if next != len(paths) {
			t.Fatalf("-j %d: emitted %d of %d", jobs, next, len(paths))
		}
		t.Logf("-j %d: at most %d documents in flight", jobs, peak)
		if limit := 4*jobs + 1; peak > limit {
			t.Errorf("-j %d: %d documents in flight, limit %d", jobs, peak, limit)
		}
	}
}

// TestRunOrderedStops: an emit error ends the run without processing the
// rest of the corpus.
func TestRunOrderedStops(t *testing.T) {
	paths := make([]string, 10000)
	var processed atomic.Int64
	stop := errors.New("disk full")
	err := runOrdered(paths, 4, func(p string) docResult {
		processed.Add(1)
		return docResult{}
	}, func(docResult) error { return stop })
	if err != stop {
		t.Fatalf("got %v, want %v", err, stop)
	}
	time.Sleep(10 * time.Millisecond)
	if n := processed.Load(); n > 100 {
		t.Errorf("%d documents processed after the first emit failed", n)
	}
}
