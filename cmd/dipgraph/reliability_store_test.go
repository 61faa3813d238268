package main

// Reliability tests of stores, processes and queries (issue 9): refused store files, kill -9
// during a load, two processes on one store, untrusted queries, a huge single-line file.
// docs/reliability.md lists what each proves.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	gencorpus "github.com/dipgraph/dipgraph/bench/corpus"
	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/store"
)

// TestStoreFileRefusedCLI: a truncated bolt file, a text file, an empty
// file and a directory of someone else's files given as --store are
// refused with a message by load, check and export, and left byte for
// byte as they were.
func TestStoreFileRefusedCLI(t *testing.T) {
	dir := t.TempDir()
	doc := writeFile(t, filepath.Join(dir, "doc.md"), []byte(goodDoc("Doc")), 0o644)
	good := filepath.Join(dir, "good.db")
	mustRun(t, "load", "--store", good, doc)
	whole, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign")
	writeFile(t, filepath.Join(foreign, "notes.txt"), []byte("mine\n"), 0o644)
	cases := []struct{ spec, file string }{
		{writeFile(t, filepath.Join(dir, "truncated.db"), whole[:len(whole)/2], 0o644), ""},
		{writeFile(t, filepath.Join(dir, "thesis.txt"), bytes.Repeat([]byte("my thesis\n"), 1000), 0o644), ""},
		{writeFile(t, filepath.Join(dir, "empty.db"), nil, 0o644), ""},
		{"leveldb:" + foreign, filepath.Join(foreign, "notes.txt")},
	}
	for _, c := range cases {
		file := c.file
		if file == "" {
			file = c.spec
		}
		before, _ := os.ReadFile(file)
		for _, args := range [][]string{{"load", doc}, {"check"}, {"export"}} {
			_, _, err := runApp(t, append([]string{args[0], "--store", c.spec}, args[1:]...)...)
			if err == nil || !strings.Contains(err.Error(), "not a dipgraph store") {
				t.Errorf("%s --store %s: %v", args[0], c.spec, err)
			}
		}
		if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
			t.Errorf("%s was changed", file)
		}
	}
}

// killCorpus writes n small generated documents and returns their paths.
func killCorpus(t *testing.T, dir string, seed uint64) []string {
	t.Helper()
	_, err := gencorpus.Write(dir, gencorpus.Options{Size: 45 << 10, Seed: seed, MinDoc: 1 << 10, MaxDoc: 2 << 10, PerDir: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	return paths
}

// expectedQuads is how many quads each document's graph must hold: its
// extraction, without repeats. cache maps path and text to earlier counts.
func expectedQuads(t *testing.T, x *extract.Extractor, paths []string, cache map[string]int64) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, p := range paths {
		d, err := extract.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		label := extract.DocIRI(d)
		key := p + "\x00" + d.Text
		if n, ok := cache[key]; ok {
			out[string(label)] = n
			continue
		}
		seen := map[[4]string]bool{}
		for _, q := range x.Extract(d).Quads(label) {
			seen[[4]string{quad.StringOf(q.Subject), quad.StringOf(q.Predicate), quad.StringOf(q.Object), quad.StringOf(q.Label)}] = true
		}
		out[string(label)] = int64(len(seen))
		cache[key] = int64(len(seen))
	}
	return out
}

// storeState returns each document's quad count and, when full, what
// check finds; else only whether every graph matches its record.
func storeState(t *testing.T, db string, full bool) (map[string]int64, *store.CheckReport) {
	t.Helper()
	s, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	defer s.Close()
	ctx := context.Background()
	rep := &store.CheckReport{}
	if full {
		if rep, err = s.Check(ctx, store.CheckOptions{Graph: checkDocumentGraph}); err != nil {
			t.Fatalf("check: %v", err)
		}
	}
	graphs, err := s.Graphs()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, g := range graphs {
		n, err := s.CountIn(ctx, g)
		if err != nil {
			t.Fatal(err)
		}
		out[string(g.(quad.IRI))] = n
		if !full {
			rep.Graphs++
			if r, ok, err := s.Record(ctx, g); err != nil || !ok || r != n {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %d quads, record %d %v %v", g, n, r, ok, err))
			} else {
				rep.Complete++
			}
		}
	}
	return out, rep
}

// TestKillDuringLoad kills a child `dipgraph load` with SIGKILL at random
// points, 20 times, over ~30 small documents of which some change
// between runs (so kills also land in replacements). After each kill the
// store must open and pass check; every document the child reported
// loaded must hold its new quads, every other one its old or new quads;
// re-running the load must finish the job.
func TestKillDuringLoad(t *testing.T) {
	iterations := 20
	if testing.Short() {
		iterations = 5
		t.Logf("-short: %d kill iterations instead of 20", iterations)
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	paths := killCorpus(t, corpus, 11)
	if len(paths) < 25 {
		t.Fatalf("only %d documents generated", len(paths))
	}
	// Other documents to swap in, some shorter (a replacement that shrinks).
	spares := killCorpus(t, filepath.Join(dir, "spares"), 12)
	x := libExtractor(t)
	db := filepath.Join(dir, "kill.db")
	rng := rand.New(rand.NewPCG(9, 9))
	loaded := regexp.MustCompile(`^(.*): (loaded|unchanged) \(\+\d+ -\d+ quads\)$`)

	prev := map[string]int64{} // the last complete state
	cache := map[string]int64{}
	kills, midway := 0, 0
	var inChild, inCheck, inRerun time.Duration
	for it := 0; it < iterations; it++ {
		// Change a few documents (from the second run on).
		if it > 0 {
			for range 4 {
				p := paths[rng.IntN(len(paths))]
				b, err := os.ReadFile(spares[rng.IntN(len(spares))])
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		want := expectedQuads(t, x, paths, cache)

		cmd := dipgraphProcess("load", "--store", db, "--lock-timeout", "20s", corpus)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after the k-th "loaded" line plus a random delay, or at a
		// random time from the start when k is 0.
		k := rng.IntN(len(paths) + 1)
		delay := time.Duration(rng.IntN(8000)) * time.Microsecond
		var done []string
		lines := bufio.NewScanner(stderr)
		if k == 0 {
			time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		} else {
			for len(done) < k && lines.Scan() {
				if m := loaded.FindStringSubmatch(lines.Text()); m != nil {
					done = append(done, m[1])
				}
			}
			time.Sleep(delay)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		// Lines written before the kill but not yet read still count.
		for lines.Scan() {
			if m := loaded.FindStringSubmatch(lines.Text()); m != nil {
				done = append(done, m[1])
			}
		}
		werr := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			kills++
			if len(done) > 0 && len(done) < len(paths) {
				midway++
			}
		} else {
			t.Logf("iteration %d: the load finished before the kill (%v)", it, werr)
		}

		t1 := time.Now()
		inChild += t1.Sub(t0)
		got, rep := storeState(t, db, true)
		if !rep.OK() {
			t.Fatalf("iteration %d (killed after %d documents): check fails: %q", it, len(done), rep.Problems)
		}
		doneSet := map[string]bool{}
		for _, p := range done {
			doneSet[p] = true
		}
		for _, p := range paths {
			d, err := extract.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			l := string(extract.DocIRI(d))
			switch {
			case doneSet[p] && got[l] != want[l]:
				t.Errorf("iteration %d: %s was reported loaded but holds %d quads, want %d", it, p, got[l], want[l])
			case !doneSet[p] && got[l] != want[l] && got[l] != prev[l]:
				t.Errorf("iteration %d: %s holds %d quads: neither the old %d nor the new %d", it, p, got[l], prev[l], want[l])
			}
		}

		// Re-running the load finishes it.
		t2 := time.Now()
		inCheck += t2.Sub(t1)
		_, errOut := mustRun(t, "load", "--store", db, corpus)
		inRerun += time.Since(t2)
		got, rep = storeState(t, db, it == iterations-1)
		if !rep.OK() || rep.Graphs != len(paths) || rep.Complete != len(paths) {
			t.Fatalf("iteration %d: after the re-run check says %+v\n%s", it, rep, errOut)
		}
		for l, n := range want {
			if got[l] != n {
				t.Errorf("iteration %d: after the re-run %s holds %d quads, want %d", it, l, got[l], n)
			}
		}
		prev = want
	}
	t.Logf("%d iterations: %d loads killed, %d of them after some documents and before the last; time in the killed loads %s, checks %s, re-runs %s",
		iterations, kills, midway, inChild.Round(time.Millisecond), inCheck.Round(time.Millisecond), inRerun.Round(time.Millisecond))
	if kills < iterations*3/4 {
		t.Errorf("only %d of %d loads were killed before they finished", kills, iterations)
	}
}

// waitHeld waits until another process holds the bolt store db for
// writing (a read-only open then times out).
func waitHeld(t *testing.T, db string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		s, err := store.Open(db, store.Options{ReadOnly: true, LockTimeout: 100 * time.Millisecond})
		if errors.Is(err, store.ErrInUse) {
			return
		}
		if err == nil {
			s.Close()
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the writer never took the store")
}

// TestTwoLoadProcesses: while one `dipgraph load` process holds a bolt
// store (it waits for its document on standard input), a second load gives
// up after --lock-timeout with "store in use by another process", and so
// do readers; a third load with a longer --lock-timeout waits and succeeds
// once the first finishes; then readers (export, queries run, query,
// check, docs) run side by side.
func TestTwoLoadProcesses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shared.db")
	docA := goodDoc("A")
	docB := writeFile(t, filepath.Join(dir, "b.md"), []byte(goodDoc("B")), 0o644)
	docC := writeFile(t, filepath.Join(dir, "c.md"), []byte(goodDoc("C")), 0o644)
	mustRun(t, "load", "--store", db, docC) // the store exists before the race

	first := dipgraphProcess("load", "--store", db, "-")
	stdin, err := first.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	waitHeld(t, db)

	start := time.Now()
	_, stderr, code := exitStatus(t, dipgraphProcess("load", "--store", db, "--lock-timeout", "1s", docB))
	el := time.Since(start)
	if code != 1 || !strings.Contains(stderr, "store in use by another process") || !strings.Contains(stderr, "waited 1s") {
		t.Errorf("second load: status %d, stderr %q", code, stderr)
	}
	if el < 900*time.Millisecond || el > 10*time.Second {
		t.Errorf("second load gave up after %s, want about 1s", el)
	}
	for _, args := range [][]string{{"export"}, {"check"}, {"queries", "run", "timeline"}} {
		full := append(append([]string{}, args...), "--store", db, "--lock-timeout", "300ms")
		_, stderr, code := exitStatus(t, dipgraphProcess(full...))
		if code == 0 || !strings.Contains(stderr, "store in use by another process") {
			t.Errorf("%s while a load writes: status %d, stderr %q", args[0], code, stderr)
		}
	}

	// A third load waits for the first.
	third := dipgraphProcess("load", "--store", db, "--lock-timeout", "30s", docB)
	var thirdErr bytes.Buffer
	third.Stderr = &thirdErr
	if err := third.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	io.WriteString(stdin, docA)
	stdin.Close()
	if err := first.Wait(); err != nil {
		t.Fatalf("first load: %v\n%s", err, firstErr.String())
	}
	if err := third.Wait(); err != nil {
		t.Fatalf("third load (waiting for the first): %v\n%s", err, thirdErr.String())
	}

	// No writer: readers run at the same time.
	storeArgs := []string{"--store", db, "--lock-timeout", "10s"}
	readers := [][]string{
		append([]string{"export", "--format", "nquads"}, storeArgs...),
		append([]string{"export", "--format", "turtle"}, storeArgs...),
		append([]string{"queries", "run", "timeline", "--format", "tsv"}, storeArgs...),
		append(append([]string{"query"}, storeArgs...), `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/dipgraph/ontology#State>").All()`),
		append([]string{"check"}, storeArgs...),
		append([]string{"docs", "--tsv"}, storeArgs...),
	}
	type result struct {
		args           []string
		stdout, stderr string
		err            error
	}
	results := make(chan result, len(readers))
	for _, args := range readers {
		go func() {
			cmd := dipgraphProcess(args...)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			err := cmd.Run()
			results <- result{args, out.String(), errb.String(), err}
		}()
	}
	for range readers {
		r := <-results
		if r.err != nil || r.stdout == "" {
			t.Errorf("%v beside other readers: %v\n%s", r.args, r.err, r.stderr)
		}
		if r.args[0] == "check" && !strings.Contains(r.stdout, "3 documents, 3 complete") {
			t.Errorf("check: %s", r.stdout)
		}
	}
}

// TestUntrustedQueries: a Gizmo query cannot read files, open sockets or
// load code (require, fetch, XMLHttpRequest, load, import, process, os,
// Java, ...: each fails with an error, nothing leaks), runs no longer than
// --timeout, returns at most --limit results, and is stopped when it
// takes more memory than allowed (DIPGRAPH_QUERY_MEMORY_MIB).
func TestUntrustedQueries(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	doc := writeFile(t, filepath.Join(dir, "doc.md"), []byte(goodDoc("Q")), 0o644)
	mustRun(t, "load", "--store", db, doc)
	secret := writeFile(t, filepath.Join(dir, "secret.txt"), []byte("TOP-SECRET-CONTENT\n"), 0o644)
	marker := filepath.Join(dir, "written-by-query")
	for _, q := range []string{
		`require("fs").readFileSync("` + secret + `")`,
		`require("child_process").execSync("touch ` + marker + `")`,
		`fetch("http://127.0.0.1:9/")`,
		`new XMLHttpRequest()`,
		`load("` + secret + `")`,
		`readFile("` + secret + `")`,
		`read("` + secret + `")`,
		`open("` + secret + `")`,
		`importScripts("` + secret + `")`,
		`import("fs")`,
		`process.env`,
		`os.readFile("` + secret + `")`,
		`Java.type("java.io.File")`,
		`new WebSocket("ws://127.0.0.1:9/")`,
		`Deno.readTextFileSync("` + secret + `")`,
		`g.V("<` + secret + `>").All(); require("net")`,
		`eval("require('fs')")`,
		`Function("return require")()("fs")`,
		`this.constructor.constructor("return process")()`,
	} {
		stdout, stderr, err := runApp(t, "query", "--store", db, "--timeout", "5s", q)
		if err == nil {
			t.Errorf("%s: no error (stdout %q)", q, stdout)
			continue
		}
		if strings.Contains(stdout+stderr+err.Error(), "TOP-SECRET") {
			t.Errorf("%s: the file's content leaked", q)
		}
		t.Logf("%s -> %v", q, err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("a query created a file")
	}
	// Gizmo's own API has no file or network access either: loading a
	// graph or writing is refused.
	for _, q := range []string{
		`g.V().Has("<x>").ForEach(function(d){ g.Emit(d) }); graph.Load("` + secret + `")`,
		`g.addQuad("<a>", "<b>", "<c>")`,
	} {
		if _, _, err := runApp(t, "query", "--store", db, "--timeout", "5s", q); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
	// Timeout.
	start := time.Now()
	_, _, err := runApp(t, "query", "--store", db, "--timeout", "500ms", `while (true) {}`)
	if err == nil || !strings.Contains(err.Error(), "ran past its timeout") || time.Since(start) > 10*time.Second {
		t.Errorf("while(true): %v after %s", err, time.Since(start))
	}
	// Result limit.
	stdout, _, err := runApp(t, "query", "--store", db, "--limit", "7", `for (var i = 0; i < 100000; i++) { g.emit(i) }`)
	if err != nil || strings.Count(stdout, "\n") != 7 {
		t.Errorf("--limit 7: %d lines, %v", strings.Count(stdout, "\n"), err)
	}
	// Memory, in a child process so that the test's own heap is not
	// what is measured.
	cmd := dipgraphProcess("query", "--store", db, "--timeout", "60s",
		`var a = [], s = "x".repeat(1 << 20); while (true) { a.push(s + a.length) }`)
	cmd.Env = append(cmd.Env, "DIPGRAPH_QUERY_MEMORY_MIB=256")
	start = time.Now()
	_, stderr, code := exitStatus(t, cmd)
	if code == 0 || !strings.Contains(stderr, "used more memory than allowed (256 MiB") {
		t.Errorf("a query filling memory: status %d, stderr %q", code, stderr)
	}
	if el := time.Since(start); el > 30*time.Second {
		t.Errorf("the memory bound stopped the query after %s", el)
	}
}

// writeSingleLine writes a file of size bytes without a newline: sentences
// of plain text with one naming two states every ~1 KB.
func writeSingleLine(t *testing.T, path string, size int) {
	t.Helper()
	chunk := strings.Repeat("The delegation discussed information security at length, and the talks went on without a single outcome ", 9) +
		"Russia and the United States held talks. "
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(fh, 1<<20)
	for n := 0; n < size; n += len(chunk) {
		w.WriteString(chunk[:min(len(chunk), size-n)])
	}
	if err := errors.Join(w.Flush(), fh.Close()); err != nil {
		t.Fatal(err)
	}
}

// runPeak runs cmd and returns its stderr, exit status and peak resident
// memory, read from /proc/PID/status (VmHWM) while it runs: the rusage of
// a child started by Go counts the parent's memory, since Linux keeps the
// high-water mark of the address space the child had before exec.
func runPeak(t *testing.T, cmd *exec.Cmd) (stderr string, code int, peak int64) {
	t.Helper()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	done := make(chan struct{})
	polled := make(chan int64)
	go func() {
		var hwm int64
		for {
			if b, err := os.ReadFile(status); err == nil {
				if m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(b); m != nil {
					if n, _ := strconv.ParseInt(string(m[1]), 10, 64); n<<10 > hwm {
						hwm = n << 10
					}
				}
			}
			select {
			case <-done:
				polled <- hwm
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	peak = <-polled
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return errb.String(), ee.ExitCode(), peak
	}
	if err != nil {
		t.Fatal(err)
	}
	return errb.String(), 0, peak
}

// TestLargeSingleLineFile: a 200 MB file without a line break is refused
// by size (--max-size, 64 MiB by default) before it is read: a clear
// message, exit status 1, the other document extracted, and the process
// stays small. (Read anyway, it took 4.5 minutes and 11.6 GB of memory on
// 2 cores: extraction runs at 1-2 MB/s, and the nif:isString literal and
// the quads of 200k sentences are held until the document is written.) A
// 2 MB single-line document is extracted, and its peak memory is logged.
func TestLargeSingleLineFile(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the 200 MB single-line file is not written")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	writeFile(t, filepath.Join(corpus, "a-good.md"), []byte(goodDoc("Good")), 0o644)
	big := filepath.Join(corpus, "big.md")
	start := time.Now()
	writeSingleLine(t, big, 200<<20)
	t.Logf("wrote 200 MiB in %s", time.Since(start))

	out := filepath.Join(dir, "out.nt")
	start = time.Now()
	stderr, code, rss := runPeak(t, dipgraphProcess("extract", "-f", "ntriples", "-o", out, corpus))
	t.Logf("extract with the 200 MiB file: status %d in %s, peak RSS %d MiB", code, time.Since(start), rss>>20)
	if code != 1 || !strings.Contains(stderr, "dipgraph: skipped "+big+": 200.0 MiB, more than --max-size 64 MiB: not read") {
		t.Errorf("status %d, stderr %q", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.Contains(b, []byte("/doc/a-good>")) {
		t.Errorf("the good document was not extracted next to the large one (%v)", err)
	}
	if rss > 200<<20 {
		t.Errorf("peak RSS %d MiB: the large file was read", rss>>20)
	}
	os.Remove(big)

	line := filepath.Join(dir, "line.md")
	writeSingleLine(t, line, 2<<20)
	start = time.Now()
	stderr, code, rss = runPeak(t, dipgraphProcess("extract", "-f", "ntriples", "-o", out, line))
	el := time.Since(start)
	fi, _ := os.Stat(out)
	t.Logf("a 2 MiB single-line document: status %d in %s, peak RSS %d MiB, %d MiB of N-Triples", code, el, rss>>20, fi.Size()>>20)
	if code != 0 {
		t.Errorf("status %d: %s", code, stderr)
	}
	if rss > 1<<30 {
		t.Errorf("peak RSS %d MiB for a 2 MiB document", rss>>20)
	}
}
