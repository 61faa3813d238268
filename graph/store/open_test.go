package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// holderEnv makes the test binary act as another process holding a store:
// it opens the spec, prints "ready" and waits until stdin closes.
const holderEnv = "DIPGRAPH_STORE_TEST_HOLD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(holderEnv); spec != "" {
		s, err := Open(spec, Options{})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
		s.Close()
		os.Exit(0)
	}
	code := m.Run()
	stopPostgres()
	os.Exit(code)
}

// holdInOtherProcess opens spec in a child process until the test ends.
func holdInOtherProcess(t *testing.T, spec string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holderEnv+"="+spec)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("holder process: %q, %v", line, err)
	}
}

func checkInUse(t *testing.T, spec, path string, timeout time.Duration) {
	t.Helper()
	start := time.Now()
	s, err := Open(spec, Options{LockTimeout: timeout})
	elapsed := time.Since(start)
	if err == nil {
		s.Close()
		t.Fatal("second Open succeeded on a store held elsewhere")
	}
	want := fmt.Sprintf("store in use by another process: %s (waited %s)", path, timeout)
	if !errors.Is(err, ErrInUse) || err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	// bbolt stops one 50ms retry early; goleveldb retries here until timeout.
	if elapsed < timeout-100*time.Millisecond || elapsed > timeout+2*time.Second {
		t.Errorf("gave up after %v, want about %v", elapsed, timeout)
	}
}

func TestLockedByOtherProcess(t *testing.T) {
	for _, b := range backends[1:] {
		t.Run(b.name, func(t *testing.T) {
			spec := b.spec(t)
			holdInOtherProcess(t, spec)
			checkInUse(t, spec, displayPath(spec), 700*time.Millisecond)
		})
	}
}

// TestLockedInProcess checks that the lock also holds between two opens in
// one process: both bolt and goleveldb flock a fresh file descriptor, and
// flock locks conflict between descriptors even within a process.
func TestLockedInProcess(t *testing.T) {
	for _, b := range backends[1:] {
		t.Run(b.name, func(t *testing.T) {
			spec := b.spec(t)
			s := mustOpen(t, spec)
			checkInUse(t, spec, displayPath(spec), 300*time.Millisecond)
			// Usable again once released.
			s.Close()
			mustOpen(t, spec).Close()
		})
	}
}

func TestDefaultLockTimeoutMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("waits 5s")
	}
	path := filepath.Join(t.TempDir(), "dipgraph.db")
	mustOpen(t, path)
	checkInUse(t, path, path, DefaultLockTimeout) // "... (waited 5s)"
}

// refused opens spec, expects ErrNotStore and checks file is unchanged.
func refused(t *testing.T, spec, file string) {
	t.Helper()
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	st0, _ := os.Stat(file)
	s, err := Open(spec, Options{LockTimeout: time.Second})
	if err == nil {
		s.Close()
		t.Fatalf("Open(%q) accepted a file that is not a store", spec)
	}
	if !errors.Is(err, ErrNotStore) || !strings.Contains(err.Error(), strings.TrimPrefix(spec, "leveldb:")) {
		t.Errorf("error = %v; want ErrNotStore naming the path", err)
	}
	after, _ := os.ReadFile(file)
	st1, _ := os.Stat(file)
	if !bytes.Equal(before, after) || !st0.ModTime().Equal(st1.ModTime()) {
		t.Errorf("%s was modified", file)
	}
	t.Logf("refused: %v", err)
}

func TestRefuseNonStore(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("text", func(t *testing.T) {
		p := write("notes.txt", bytes.Repeat([]byte("not a database\n"), 2000))
		refused(t, p, p)
	})
	t.Run("short text", func(t *testing.T) {
		p := write("short.txt", []byte("hello\n"))
		refused(t, p, p)
	})
	t.Run("empty", func(t *testing.T) {
		p := write("empty.db", nil)
		refused(t, p, p)
	})
	t.Run("truncated bolt", func(t *testing.T) {
		p := filepath.Join(dir, "trunc.db")
		s := mustOpen(t, p)
		if _, err := s.Load(docQuads("a", 3000)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		data, _ := os.ReadFile(p)
		p = write("trunc2.db", data[:len(data)/2])
		refused(t, p, p)
	})
	t.Run("foreign bolt", func(t *testing.T) {
		p := filepath.Join(dir, "foreign.db")
		db, err := bolt.Open(p, 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		db.Update(func(tx *bolt.Tx) error {
			b, _ := tx.CreateBucket([]byte("theirs"))
			return b.Put([]byte("k"), []byte("v"))
		})
		db.Close()
		refused(t, p, p)
	})
	t.Run("leveldb on a file", func(t *testing.T) {
		p := write("level.txt", []byte("text\n"))
		refused(t, "leveldb:"+p, p)
	})
	t.Run("leveldb in a foreign dir", func(t *testing.T) {
		d := filepath.Join(dir, "foreign")
		os.Mkdir(d, 0o755)
		p := filepath.Join(d, "keep.txt")
		os.WriteFile(p, []byte("mine\n"), 0o644)
		refused(t, "leveldb:"+d, p)
	})
}

// TestLabelIndexConfigured reads the index list Cayley recorded in a new
// bolt store: the label index must be there and not unique.
func TestLabelIndexConfigured(t *testing.T) {
	p := filepath.Join(t.TempDir(), "dipgraph.db")
	mustOpen(t, p).Close()
	if len(kv.DefaultQuadIndexes) != 2 {
		t.Errorf("kv.DefaultQuadIndexes left modified: %v", kv.DefaultQuadIndexes)
	}
	db, err := bolt.Open(p, 0o644, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var inds []kv.QuadIndex
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("meta"))
		if b == nil {
			return errors.New("no meta bucket")
		}
		return json.Unmarshal(b.Get([]byte("indexes")), &inds)
	})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range inds {
		if len(in.Dirs) > 0 && in.Dirs[0] == quad.Label {
			found = true
			if in.Unique {
				t.Error("label index is unique")
			}
		}
	}
	if !found {
		t.Errorf("no label index in %v", inds)
	}
}

// TestCayleyDirLayout opens a store laid out by the cayley tool
// (PATH/indexes.bolt) by its directory.
func TestCayleyDirLayout(t *testing.T) {
	d := t.TempDir()
	s := mustOpen(t, filepath.Join(d, "indexes.bolt"))
	if _, err := s.Load(docQuads("a", 5)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if n := mustCount(t, mustOpen(t, d)); n != 5 {
		t.Errorf("Count = %d, want 5", n)
	}
}
