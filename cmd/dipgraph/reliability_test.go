package main

// Reliability tests (issue 9): bad input, hostile names, crashes during a
// load, two processes on one store, untrusted queries. docs/reliability.md
// lists what each proves. Tests that need another process re-run this test
// binary as dipgraph (TestMain, asMainEnv).

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
)

// asMainEnv makes the test binary run dipgraph's main with its arguments.
const asMainEnv = "DIPGRAPH_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// dipgraphProcess returns a command running dipgraph in a child process.
func dipgraphProcess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), asMainEnv+"=1")
	return cmd
}

// exitStatus runs cmd and returns its stdout, stderr and exit status.
func exitStatus(t *testing.T, cmd *exec.Cmd) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out.String(), errb.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	return out.String(), errb.String(), 0
}

// goodDoc is a small document with entities, relations and a claim.
func goodDoc(title string) string {
	return "---\ntitle: " + title + "\ndate: 2021-06-16\nspeaker: Sergey Lavrov\nspeaker_state: Russia\n---\n" +
		"Russia and the United States established the Kremlin-White House expert group in 2013.\n\n" +
		"We accuse the United States of cyberattacks against Russia. China advocates the principle of non-interference.\n"
}

func writeFile(t *testing.T, path string, b []byte, mode os.FileMode) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

// utf16LE encodes s as UTF-16 little-endian with a byte-order mark.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			out = append(out, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// badInput is one entry of the bad-input table: a file and either the
// cause its "skipped" message must give or "" when it must be read.
type badInput struct {
	name  string // file name in the corpus directory
	cause string // "" : a good document
}

// badCorpus writes the bad-input table into dir and returns it.
func badCorpus(t *testing.T, dir string) []badInput {
	t.Helper()
	good := goodDoc("Good")
	// Mixed line endings: LF in the front matter, CRLF, a lone CR and LF
	// in the body.
	mixed := "---\ntitle: Mixed\r\ndate: 2021-06-16\n---\r\n" +
		"Russia and the United States established the Kremlin-White House expert group in 2013.\r\n\r\n" +
		"We accuse the United States of cyberattacks.\rChina advocates the principle of non-interference.\n\r\n" +
		"Russia and China signed the agreement.\n"
	files := []struct {
		badInput
		data []byte
	}{
		{badInput{"a-good.md", ""}, []byte(good)},
		{badInput{"binary.md", "binary data (NUL bytes)"}, []byte("Russia\x00\x01\x02 and the US\x00")},
		{badInput{"latin1.md", "invalid UTF-8 at byte 32"}, []byte("Russia and the US signed it in M\xe9xico.\n")},
		{badInput{"utf16.md", ""}, utf16LE(good)},
		{badInput{"empty.md", "empty document"}, nil},
		{badInput{"blank.txt", "empty document"}, []byte(" \n\t\r\n")},
		{badInput{"badyaml.md", "front matter is not valid YAML"}, []byte("---\ntitle: [unclosed\n---\nRussia spoke.\n")},
		{badInput{"baddate.md", `front matter date "16 June 2021"`}, []byte("---\ndate: 16 June 2021\n---\nRussia spoke.\n")},
		{badInput{"unclosed.md", "front matter opened with --- is never closed"}, []byte("---\ntitle: x\nRussia spoke.\n")},
		{badInput{"crlf.md", ""}, []byte(strings.ReplaceAll(good, "\n", "\r\n"))},
		{badInput{"mixed.md", ""}, []byte(mixed)},
		{badInput{"odd-utf16.md", "UTF-16 text with an odd number of bytes"}, append(utf16LE("Russia"), 'x')},
	}
	var out []badInput
	for _, f := range files {
		writeFile(t, filepath.Join(dir, f.name), f.data, 0o644)
		out = append(out, f.badInput)
	}
	// Symbolic links: a loop back to the directory (not followed: no
	// document ending, and WalkDir does not follow links) and a link to
	// itself with a document ending, whose reading fails.
	if err := os.Symlink(".", filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self.md", filepath.Join(dir, "self.md")); err != nil {
		t.Fatal(err)
	}
	out = append(out, badInput{"self.md", "too many levels of symbolic links"})
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(dir, "sub", "up.md")); err != nil { // a link to a directory named like a document
		t.Fatal(err)
	}
	out = append(out, badInput{"sub/up.md", "is a directory"})
	writeFile(t, filepath.Join(dir, "sub", "z-good.md"), []byte(goodDoc("Also good")), 0o644)
	out = append(out, badInput{"sub/z-good.md", ""})
	return out
}

// checkSkips checks the "skipped" lines and the summary for the table.
func checkSkips(t *testing.T, what, dir, stderr string, err error, table []badInput, missing string) {
	t.Helper()
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Errorf("%s: exit %v, want status 1 (stderr %s)", what, err, stderr)
	}
	for _, b := range table {
		p := filepath.Join(dir, b.name)
		line := "dipgraph: skipped " + p + ": "
		if b.cause == "" {
			if strings.Contains(stderr, line) {
				t.Errorf("%s: %s skipped but is a good document: %s", what, b.name, stderr)
			}
			continue
		}
		line = "dipgraph: skipped " + p
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(line) + `(:\d+)?: .*` + regexp.QuoteMeta(b.cause)).MatchString(stderr) {
			t.Errorf("%s: no line %q...%q in stderr:\n%s", what, line, b.cause, stderr)
		}
		if err != nil && !strings.Contains(err.Error(), p) {
			t.Errorf("%s: the summary %q does not name %s", what, err, p)
		}
	}
	if missing != "" && !strings.Contains(stderr, "dipgraph: skipped "+missing+": no such file or directory") {
		t.Errorf("%s: the missing file is not reported:\n%s", what, stderr)
	}
}

// TestBadInputTable runs extract and load over a directory holding every
// kind of bad input next to good documents, plus a missing file: each bad
// one is skipped with its file and cause, the good ones are processed, the
// exit status is 1 and the summary names the skipped files; the store
// passes check. --keep-going=false stops at the first bad document.
func TestBadInputTable(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	table := badCorpus(t, corpus)
	missing := filepath.Join(dir, "missing.md")

	out := filepath.Join(dir, "out.nq")
	_, stderr, err := runApp(t, "extract", "-f", "nquads", "-o", out, corpus, missing)
	checkSkips(t, "extract", corpus, stderr, err, table, missing)
	b, rerr := os.ReadFile(out)
	if rerr != nil {
		t.Fatal(rerr)
	}
	for _, g := range []string{"a-good", "utf16", "crlf", "mixed", "z-good"} {
		if !bytes.Contains(b, []byte("/doc/"+g+">")) {
			t.Errorf("extract: no quads of %s", g)
		}
	}

	db := filepath.Join(dir, "bad.db")
	_, stderr, err = runApp(t, "load", "--store", db, corpus, missing)
	checkSkips(t, "load", corpus, stderr, err, table, missing)
	if !strings.Contains(stderr, "5 documents, +") {
		t.Errorf("load: the summary does not count the 5 good documents:\n%s", stderr)
	}
	stdout, _ := mustRun(t, "check", "--store", db)
	if !strings.Contains(stdout, "5 documents, 5 complete") {
		t.Errorf("check after a load with bad input: %s", stdout)
	}

	// extract --keep-going=false: the first bad document in order
	// (baddate.md) stops the run; the output holds a-good.md before it,
	// not crlf.md after it.
	stopOut := filepath.Join(dir, "stop.nq")
	_, stderr, err = runApp(t, "extract", "-f", "nquads", "-o", stopOut, "--keep-going=false", corpus)
	var xe exitError
	if !errors.As(err, &xe) || xe.code != 1 || !strings.Contains(err.Error(), "baddate.md") || !strings.Contains(err.Error(), "--keep-going=false") {
		t.Errorf("extract --keep-going=false: %v\n%s", err, stderr)
	}
	if b, _ := os.ReadFile(stopOut); !bytes.Contains(b, []byte("/doc/a-good>")) || bytes.Contains(b, []byte("/doc/crlf>")) {
		t.Errorf("extract --keep-going=false wrote:\n%s", b)
	}

	// --keep-going=false: the first bad document in order (baddate.md)
	// stops the load; a-good.md before it is loaded, crlf.md after it not.
	db2 := filepath.Join(dir, "stop.db")
	_, stderr, err = runApp(t, "load", "--store", db2, "--keep-going=false", corpus)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 || !strings.Contains(err.Error(), "baddate.md") || !strings.Contains(err.Error(), "--keep-going=false") {
		t.Errorf("load --keep-going=false: %v\n%s", err, stderr)
	}
	docs, _ := mustRun(t, "docs", "--tsv", "--store", db2)
	if !strings.Contains(docs, "a-good\t") || strings.Contains(docs, "crlf\t") {
		t.Errorf("load --keep-going=false loaded:\n%s", docs)
	}

	// CRLF and mixed line endings: every mention's offsets are exact
	// (checked by rdflib, which shares no code with dipgraph).
	needRdflib(t)
	ttl := extractTo(t, dir, "endings.ttl", "turtle", filepath.Join(corpus, "crlf.md"), filepath.Join(corpus, "mixed.md"), filepath.Join(corpus, "utf16.md"))
	if res, code := rdfcheck(t, "anchors", ttl); code != 0 {
		t.Errorf("offsets with CRLF, mixed endings and UTF-16:\n%s", res)
	} else {
		t.Log(strings.TrimSpace(res))
	}
}

// TestUnreadableInput: a file without read permission and a directory
// that cannot be listed are skipped with "permission denied"; the other
// documents are extracted. Root reads everything, so as root the test runs
// dipgraph as the user nobody (runuser).
func TestUnreadableInput(t *testing.T) {
	var prefix []string
	if os.Geteuid() == 0 {
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			t.Skip("running as root, which reads files without permission, and runuser is missing: cannot test unreadable files")
		}
		prefix = []string{runuser, "-u", "nobody", "--"}
	}
	// A directory every user can enter (t.TempDir's parents are private).
	base, err := os.MkdirTemp("", "dipgraph-unreadable-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(base, "corpus", "locked"), 0o755); os.RemoveAll(base) })
	bin := filepath.Join(base, "dipgraph.test")
	if err := copyFile(os.Args[0], bin, 0o755); err != nil {
		t.Fatal(err)
	}
	corpus := filepath.Join(base, "corpus")
	writeFile(t, filepath.Join(corpus, "a.md"), []byte(goodDoc("A")), 0o644)
	secret := writeFile(t, filepath.Join(corpus, "secret.md"), []byte(goodDoc("Secret")), 0o000)
	writeFile(t, filepath.Join(corpus, "locked", "inner.md"), []byte(goodDoc("Inner")), 0o644)
	locked := filepath.Join(corpus, "locked")
	for _, p := range []string{base, corpus} {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(prefix[0], append(prefix[1:], bin, "extract", "-f", "ntriples", corpus)...)
	if prefix == nil {
		cmd = exec.Command(bin, "extract", "-f", "ntriples", corpus)
	}
	cmd.Env = append(os.Environ(), asMainEnv+"=1")
	cmd.Dir = base
	stdout, stderr, code := exitStatus(t, cmd)
	if code != 1 {
		t.Errorf("exit status %d, want 1; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"dipgraph: skipped " + secret + ": permission denied",
		"dipgraph: skipped " + locked + ": directory not read: permission denied",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "/doc/a>") {
		t.Errorf("a.md was not extracted next to the unreadable files")
	}
}

func copyFile(from, to string, mode os.FileMode) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, mode)
}

// TestHostileNames feeds documents whose file names, front matter (title,
// speaker, speaker_state, source, interviewer) and text hold newlines, '>',
// '<', quotes, backslashes, braces and control characters. The triples
// written must be the triples rapper and rdflib read back (N-Triples and
// Turtle), and no IRI may hold a character that is unsafe in an IRI.
func TestHostileNames(t *testing.T) {
	dir := t.TempDir()
	nasty := "a\nb\r\"q\" 'q' <x> \\ \\n {b} |c| ^d^ `e` \x01\x07\x1b\x7f \u0085\u2028\u2029 \ufffe end"
	yamlQ := strconv.Quote(nasty) // a YAML double-quoted scalar
	names := []string{
		"evil\n<http:x> .\n#.md", // no '/': that would make directories
		"quote\"'`\\.md",
		"ctl\x01\x1b\x7f>.md",
		"space and ünïcode ✓.md",
		"...md",
	}
	for i, n := range names {
		fm := fmt.Sprintf("---\ntitle: %s\nspeaker: %s\nspeaker_state: %s\nsource: %s\ninterviewer: %s\nspeakers:\n  %s: %s\n---\n",
			yamlQ, yamlQ, yamlQ, yamlQ, yamlQ, strconv.Quote("X"+nasty), yamlQ)
		body := fmt.Sprintf("Document %d. %s\n\nRussia and the United States established the Kremlin-White House expert group in 2013. %s\n\n"+
			"X: We accuse \"the United States\" <of> cyberattacks \\ against Russia.\x01\n", i, nasty, nasty)
		writeFile(t, filepath.Join(dir, "docs", n), []byte(fm+body), 0o644)
	}
	docs := filepath.Join(dir, "docs")
	nt := extractTo(t, dir, "hostile.nt", "ntriples", docs)
	ttl := extractTo(t, dir, "hostile.ttl", "turtle", docs)
	// The triples written: the distinct lines of the N-Triples output
	// (documents stating the same triple each write it).
	ntLines := map[string]bool{}
	ntb, err := os.ReadFile(nt)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(ntb), "\n") {
		if l != "" {
			ntLines[l] = true
		}
	}
	written := len(ntLines)
	if written < 50 {
		t.Fatalf("only %d triples written", written)
	}

	// Our own reader: the same count from both files, and every IRI safe.
	unsafeIRI := regexp.MustCompile("[\\x00-\\x20<>\"{}|^`\\\\\\x7f-\\x9f]")
	for _, f := range []struct{ path, format string }{{nt, "ntriples"}, {ttl, "turtle"}} {
		fh, err := os.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := rdfio.NewReader(f.format, fh, rdfio.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for {
			q, err := rd.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f.format, err)
			}
			seen[q.NQuad()] = true
			for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object} {
				if iri, ok := v.(quad.IRI); ok && unsafeIRI.MatchString(string(iri)) {
					t.Errorf("%s: unsafe IRI %q", f.format, iri)
				}
			}
		}
		fh.Close()
		if len(seen) != written {
			t.Errorf("%s: our reader finds %d triples, %d written", f.format, len(seen), written)
		}
	}
	// Independent parsers.
	if _, err := os.Stat(rapperBin); err == nil {
		for _, f := range []struct{ path, syntax string }{{nt, "ntriples"}, {ttl, "turtle"}} {
			var errb bytes.Buffer
			cmd := exec.Command(rapperBin, "-q", "-i", f.syntax, "-o", "ntriples", f.path)
			cmd.Stderr = &errb
			out, err := cmd.Output()
			if err != nil || errb.Len() > 0 {
				t.Errorf("rapper %s: %v\n%s", f.syntax, err, errb.String())
				continue
			}
			got := map[string]bool{}
			for _, l := range strings.Split(string(out), "\n") {
				if l != "" {
					got[l] = true
				}
			}
			if len(got) != written {
				t.Errorf("rapper reads %d triples from the %s, %d written", len(got), f.syntax, written)
			}
		}
	} else {
		t.Logf("%s missing: rapper counts skipped", rapperBin)
	}
	needRdflib(t)
	for _, f := range []struct{ path, format string }{{nt, "nt"}, {ttl, "turtle"}} {
		out, code := rdfcheck(t, "count", f.format, f.path)
		if n, err := strconv.Atoi(strings.TrimSpace(out)); code != 0 || err != nil || n != written {
			t.Errorf("rdflib reads %q (status %d) from the %s, %d written", out, code, f.format, written)
		}
	}

	// The same documents load into a store and pass check.
	db := filepath.Join(dir, "hostile.db")
	mustRun(t, "load", "--store", db, docs)
	if stdout, _ := mustRun(t, "check", "--store", db); !strings.Contains(stdout, fmt.Sprintf("%d documents, %d complete", len(names), len(names))) {
		t.Errorf("check: %s", stdout)
	}
}

// TestLenientFrontMatterWarns: front matter YAML rejects only for a colon
// in a value is read, and extract and load say so naming the file, exit 0.
func TestLenientFrontMatterWarns(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "colon.md")
	writeFile(t, p, []byte("---\ntitle: Analysis: what next?\ndate: 2022-05-03\n---\nRussia and China signed the agreement.\n"), 0o644)
	out := filepath.Join(dir, "out.nt")
	for _, args := range [][]string{{"extract", "-f", "ntriples", "-o", out, p}, {"load", "--store", filepath.Join(dir, "s.db"), p}} {
		_, stderr, err := runApp(t, args...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", args[0], err, stderr)
		}
		if !strings.Contains(stderr, "dipgraph: warning: "+p+": front matter is not valid YAML") {
			t.Errorf("%s: no warning naming the file:\n%s", args[0], stderr)
		}
		if b, _ := os.ReadFile(out); args[0] == "extract" && !bytes.Contains(b, []byte(`"Analysis: what next?"`)) {
			t.Errorf("extract: the title is not in the output")
		}
	}
}
