package store

import (
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/store/pgtest"
)

// One PostgreSQL server for the package's tests, started on first use and
// stopped by TestMain; each test gets a database of its own.
var pg struct {
	once sync.Once
	srv  *pgtest.Server
	err  error
}

func postgresSpec(t *testing.T) string {
	t.Helper()
	pg.once.Do(func() { pg.srv, pg.err = pgtest.Start() })
	if errors.Is(pg.err, pgtest.ErrNoPostgres) {
		t.Skip(pg.err)
	}
	if pg.err != nil {
		t.Fatal(pg.err)
	}
	return pg.srv.NewDB(t)
}

func stopPostgres() { pg.srv.Stop() }

// displayPath is how Open's errors name a spec.
func displayPath(spec string) string {
	if strings.HasPrefix(spec, "postgres") {
		return redactURL(spec)
	}
	return strings.TrimPrefix(spec, "leveldb:")
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5/db?sslmode=disable":      "postgres://***@h:5/db?sslmode=disable",
		"postgresql://h/db?password=secret&sslmode=allow": "postgresql://h/db?password=***&sslmode=allow",
		"postgres://h/db": "postgres://h/db",
	} {
		if got := redactURL(in); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPostgresUnreachable(t *testing.T) {
	_, err := Open("postgres://user:secret@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", Options{})
	if err == nil || strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Fatalf("Open(unreachable) error = %v", err)
	}
}

// TestPostgresSchema: an empty database gets Cayley's tables and the label
// index; a database whose quads table is someone else's is refused.
func TestPostgresSchema(t *testing.T) {
	spec := postgresSpec(t)
	mustOpen(t, spec).Close()
	db, err := sql.Open("postgres", spec)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_indexes WHERE indexname = 'dipgraph_label_index'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("label index: %d, %v", n, err)
	}

	foreign := postgresSpec(t)
	fdb, err := sql.Open("postgres", foreign)
	if err != nil {
		t.Fatal(err)
	}
	defer fdb.Close()
	if _, err := fdb.Exec(`CREATE TABLE quads (id int, body text)`); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(foreign, Options{}); !errors.Is(err, ErrNotStore) {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open(foreign schema) = %v, want ErrNotStore", err)
	}
	if err := fdb.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_name = 'nodes'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("nodes table created in a foreign database: %d, %v", n, err)
	}
}

// TestPostgresTimes: postgres keeps microseconds and returns UTC, so other
// times are refused rather than silently changed; UTC microsecond times
// round-trip and can be removed again.
func TestPostgresTimes(t *testing.T) {
	s := mustOpen(t, postgresSpec(t))
	doc := iri("doc")
	zoned := quad.Time(time.Date(2022, 3, 1, 10, 0, 0, 0, time.FixedZone("X", 3600)))
	nanos := quad.Time(time.Date(2022, 3, 1, 10, 0, 0, 5, time.UTC))
	for _, v := range []quad.Value{zoned, nanos} {
		_, _, err := s.ReplaceGraph(doc, []quad.Quad{{Subject: iri("s"), Predicate: iri("t"), Object: v}})
		if err == nil || !strings.Contains(err.Error(), "postgres") {
			t.Errorf("ReplaceGraph(%v) error = %v", v, err)
		}
	}
	ok := quad.Time(time.Date(2022, 3, 1, 10, 0, 0, 123000, time.UTC))
	q := quad.Quad{Subject: iri("s"), Predicate: iri("t"), Object: ok, Label: doc}
	if a, _, err := s.ReplaceGraph(doc, []quad.Quad{q}); err != nil || a != 1 {
		t.Fatalf("ReplaceGraph(UTC µs) = %d, %v", a, err)
	}
	equalLines(t, "time round trip", contents(t, s, doc), nquads([]quad.Quad{q}))
	if r, err := s.RemoveGraph(doc); err != nil || r != 1 || mustCount(t, s) != 0 {
		t.Errorf("RemoveGraph = %d, %v; %d quads left", r, err, mustCount(t, s))
	}
}

// TestPostgresNulText: U+0000 round-trips; the text \x00, which Cayley uses
// to store U+0000, is refused rather than read back as U+0000.
func TestPostgresNulText(t *testing.T) {
	s := mustOpen(t, postgresSpec(t))
	doc := iri("doc")
	nul := quad.Quad{Subject: iri("s"), Predicate: iri("p"), Object: quad.String("a\x00b"), Label: doc}
	if _, _, err := s.ReplaceGraph(doc, []quad.Quad{nul}); err != nil {
		t.Fatal(err)
	}
	equalLines(t, "U+0000", contents(t, s, doc), nquads([]quad.Quad{nul}))
	text := quad.Quad{Subject: iri("s"), Predicate: iri("p"), Object: quad.String(`a\x00b`)}
	if _, _, err := s.ReplaceGraph(doc, []quad.Quad{text}); err == nil || !strings.Contains(err.Error(), `\x00`) {
		t.Errorf("ReplaceGraph(text \\x00) error = %v", err)
	}
}
