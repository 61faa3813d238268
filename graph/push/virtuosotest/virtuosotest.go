// Package virtuosotest runs a throw-away Virtuoso (OpenLink Virtuoso Open
// Source, Debian package virtuoso-opensource) for tests: its own database
// directory, loopback ports, stopped when the test ends.
//
//	v := virtuosotest.Start(t) // skips when virtuoso-t is not installed
//	push to v.GraphStoreURL() with user v.User, password v.Password (Digest)
//	n := v.Count(t, "https://example.org/graph")
package virtuosotest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Binary is where Debian's virtuoso-opensource package installs the server.
const Binary = "/usr/bin/virtuoso-t"

// Server is a running Virtuoso.
type Server struct {
	// Base is the HTTP server, e.g. http://127.0.0.1:41234.
	Base string
	// User and Password are the administrator's (Virtuoso's defaults),
	// which have SPARQL_UPDATE.
	User, Password string
	Dir            string // database directory
	cmd            *exec.Cmd
	done           chan error
}

// Path finds virtuoso-t: on PATH, else Binary. It returns "" when absent.
func Path() string {
	if p, err := exec.LookPath("virtuoso-t"); err == nil {
		return p
	}
	if _, err := os.Stat(Binary); err == nil {
		return Binary
	}
	return ""
}

// Start starts Virtuoso in a temporary directory and waits until its HTTP
// server answers SPARQL queries. It skips the test when virtuoso-t is not
// installed, and stops the server when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Path()
	if bin == "" {
		t.Skip("virtuoso-t not found: install Virtuoso with apt-get install virtuoso-opensource")
	}
	dir := t.TempDir()
	sqlPort, httpPort := freePort(t), freePort(t)
	for httpPort == sqlPort {
		httpPort = freePort(t)
	}
	ini := filepath.Join(dir, "virtuoso.ini")
	if err := os.WriteFile(ini, []byte(config(dir, sqlPort, httpPort)), 0o644); err != nil {
		t.Fatal(err)
	}
	logFile, err := os.Create(filepath.Join(dir, "stdout.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "+foreground", "+configfile", ini)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group, stopped as a whole; killed with the test
	// binary should that die without running its cleanups.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		t.Fatalf("start %s: %v", bin, err)
	}
	s := &Server{
		Base: fmt.Sprintf("http://127.0.0.1:%d", httpPort),
		User: "dba", Password: "dba", Dir: dir,
		cmd: cmd, done: make(chan error, 1),
	}
	go func() { s.done <- cmd.Wait(); logFile.Close() }()
	t.Cleanup(s.stop)

	deadline := time.Now().Add(120 * time.Second)
	for {
		select {
		case err := <-s.done:
			s.done <- err
			t.Fatalf("virtuoso-t exited while starting (%v):\n%s", err, s.Log())
		default:
		}
		if _, err := s.query("ASK { ?s ?p ?o }"); err == nil {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("virtuoso-t did not answer on %s within 2 minutes:\n%s", s.Base, s.Log())
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// stop ends the server: SIGTERM to its process group, SIGKILL after 20 s.
func (s *Server) stop() {
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case err := <-s.done:
		s.done <- err
	case <-time.After(20 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		err := <-s.done
		s.done <- err
	}
}

// Log returns the end of the server's log.
func (s *Server) Log() string {
	var out []string
	for _, f := range []string{"stdout.log", "virtuoso.log"} {
		b, err := os.ReadFile(filepath.Join(s.Dir, f))
		if err != nil {
			continue
		}
		if len(b) > 3000 {
			b = b[len(b)-3000:]
		}
		out = append(out, f+":\n"+string(b))
	}
	return strings.Join(out, "\n")
}

// GraphStoreURL is the SPARQL 1.1 Graph Store endpoint that asks for Digest
// authentication.
func (s *Server) GraphStoreURL() string { return s.Base + "/sparql-graph-crud-auth" }

// UpdateURL is the SPARQL endpoint that asks for Digest authentication
// (queries and updates).
func (s *Server) UpdateURL() string { return s.Base + "/sparql-auth" }

// QueryURL is the public SPARQL query endpoint.
func (s *Server) QueryURL() string { return s.Base + "/sparql" }

// Count returns the number of triples in graph (the default graph of the
// query, that is all graphs, when graph is "").
func (s *Server) Count(t testing.TB, graph string) int {
	t.Helper()
	q := "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
	if graph != "" {
		q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + graph + "> { ?s ?p ?o } }"
	}
	rows, err := s.query(q)
	if err != nil {
		t.Fatalf("SPARQL %s: %v", q, err)
	}
	if len(rows) != 1 {
		t.Fatalf("SPARQL %s: %d rows", q, len(rows))
	}
	n, err := strconv.Atoi(rows[0]["n"])
	if err != nil {
		t.Fatalf("SPARQL %s: count %q", q, rows[0]["n"])
	}
	return n
}

// Select runs a SPARQL SELECT query over HTTP and returns its rows (variable
// → value).
func (s *Server) Select(t testing.TB, q string) []map[string]string {
	t.Helper()
	rows, err := s.query(q)
	if err != nil {
		t.Fatalf("SPARQL %s: %v", q, err)
	}
	return rows
}

func (s *Server) query(q string) ([]map[string]string, error) {
	req, err := http.NewRequest(http.MethodPost, s.QueryURL(), strings.NewReader(url.Values{"query": {q}}.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/sparql-results+json")
	client := &http.Client{Timeout: 60 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, bytes.TrimSpace(body))
	}
	var res struct {
		Boolean *bool `json:"boolean"`
		Results struct {
			Bindings []map[string]struct {
				Value string `json:"value"`
			} `json:"bindings"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		return nil, fmt.Errorf("%v: %s", err, body)
	}
	var rows []map[string]string
	for _, b := range res.Results.Bindings {
		row := map[string]string{}
		for k, v := range b {
			row[k] = v.Value
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// config is a minimal virtuoso.ini: everything in dir, loopback ports only.
func config(dir string, sqlPort, httpPort int) string {
	return fmt.Sprintf(`[Database]
DatabaseFile       = %[1]s/virtuoso.db
ErrorLogFile       = %[1]s/virtuoso.log
LockFile           = %[1]s/virtuoso.lck
TransactionFile    = %[1]s/virtuoso.trx
xa_persistent_file = %[1]s/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = %[1]s/virtuoso-temp.db
TransactionFile    = %[1]s/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:%[2]d
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
DirsAllowed              = ., %[1]s
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000
ThreadsPerQuery          = 2

[HTTPServer]
ServerPort               = 127.0.0.1:%[3]d
ServerRoot               = %[1]s
ServerThreads            = 10
MaxClientConnections     = 10
MaxKeepAlives            = 10
KeepAliveTimeout         = 10
Charset                  = UTF-8

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryExecutionTime      = 120
MaxQueryCostEstimationTime = 400
`, dir, sqlPort, httpPort)
}
