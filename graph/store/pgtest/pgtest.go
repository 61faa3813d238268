// Package pgtest gives tests a PostgreSQL server: the one named by
// DIPGRAPH_TEST_POSTGRES (a postgres:// URL of a database whose user may
// create databases), or a throwaway server it starts on 127.0.0.1 from the
// Debian binaries under /usr/lib/postgresql/*/bin (apt-get install
// postgresql). Each test gets its own database.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/lib/pq" // the "postgres" database/sql driver
)

// EnvURL names the variable that points the tests at an existing server.
const EnvURL = "DIPGRAPH_TEST_POSTGRES"

// ErrNoPostgres is returned by Start when no PostgreSQL binaries exist.
var ErrNoPostgres = errors.New("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql, or set " + EnvURL + ")")

// Server is a PostgreSQL server for tests.
type Server struct {
	URL  string // of its "postgres" database, or EnvURL's value
	dir  string // data directory and socket of a server we started
	cmd  *exec.Cmd
	done chan error
}

// binDir returns the newest /usr/lib/postgresql/N/bin holding initdb.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

// Start returns the server named by EnvURL, or starts one: initdb in a new
// temporary directory, postgres on a free loopback port with its socket in
// that directory, fsync off. PostgreSQL refuses to run as root, so as root
// the directory is given to the "postgres" user and the server runs as it.
// The server also stops if the test process dies.
func Start() (*Server, error) {
	if u := os.Getenv(EnvURL); u != "" {
		return &Server{URL: u}, nil
	}
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "dipgraph-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir}
	if err := s.start(bin); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) start(bin string) error {
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("pgtest: running as root and no postgres user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(s.dir, uid, gid); err != nil {
			return err
		}
	}
	data := filepath.Join(s.dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "dipgraph",
		"--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("pgtest: initdb: %v\n%s", err, out)
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return err
		}
		cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port),
			"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="+s.dir,
			"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Setpgid: true, Pdeathsig: syscall.SIGQUIT}
		logf, err := os.Create(filepath.Join(s.dir, "server.log"))
		if err != nil {
			return err
		}
		cmd.Stdout, cmd.Stderr = logf, logf
		if err := startLocked(cmd); err != nil {
			logf.Close()
			return fmt.Errorf("pgtest: start postgres: %w", err)
		}
		logf.Close()
		s.cmd, s.done = cmd, make(chan error, 1)
		go func() { s.done <- cmd.Wait() }()
		s.URL = fmt.Sprintf("postgres://dipgraph@127.0.0.1:%d/postgres?sslmode=disable", port)
		if lastErr = s.waitReady(30 * time.Second); lastErr == nil {
			return nil
		}
		s.stopServer()
	}
	log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
	return fmt.Errorf("pgtest: postgres did not start: %v\n%s", lastErr, log)
}

// startLocked starts cmd from an OS thread that never exits, because
// Pdeathsig fires when the starting thread ends, not the process.
var (
	starterOnce sync.Once
	starter     chan func()
)

func startLocked(cmd *exec.Cmd) error {
	starterOnce.Do(func() {
		starter = make(chan func())
		go func() {
			runtime.LockOSThread()
			for f := range starter {
				f()
			}
		}()
	})
	errc := make(chan error)
	starter <- func() { errc <- cmd.Start() }
	return <-errc
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		db, err := sql.Open("postgres", s.URL)
		if err == nil {
			err = db.Ping()
			db.Close()
		}
		if err == nil {
			return nil
		}
		select {
		case werr := <-s.done:
			s.done <- werr
			return fmt.Errorf("server exited: %v (last connection error: %v)", werr, err)
		default:
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *Server) stopServer() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGINT) // fast shutdown
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
}

// Stop stops a server Start started and removes its directory; for an
// EnvURL server it does nothing.
func (s *Server) Stop() {
	if s == nil || s.dir == "" {
		return
	}
	s.stopServer()
	os.RemoveAll(s.dir)
}

var dbSeq atomic.Int64

// NewDB creates a new empty database on the server and returns its URL. It
// is dropped when t ends.
func (s *Server) NewDB(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("dipgraph_test_%d_%d", os.Getpid(), dbSeq.Add(1))
	admin, err := sql.Open("postgres", s.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		// WITH (FORCE) ends sessions a test left open (PostgreSQL 13+).
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Redact drops the password from a URL for messages.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	return u.Redacted()
}

// ForTest starts a server (see Start) that stops when t ends, or skips t
// when PostgreSQL is not installed.
func ForTest(t testing.TB) *Server {
	t.Helper()
	s, err := Start()
	if errors.Is(err, ErrNoPostgres) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}
