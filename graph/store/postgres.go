package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	cpostgres "github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"
	_ "github.com/lib/pq" // database/sql driver "postgres", also used by cayley
)

// writerLockKey is the PostgreSQL advisory lock a read-write Store holds
// for its lifetime, so that two loads into one database fail like two
// loads into one bolt file instead of interleaving ReplaceGraph's
// read-compare-write steps. Readers take no lock (PostgreSQL isolates
// them). The number is arbitrary: "dipgraph" in ASCII.
const writerLockKey int64 = 0x6469706772617068

// labelIndexSQL adds the label index Cayley's SQL schema lacks; without it
// every QuadsIn, ReplaceGraph and RemoveGraph scans the whole quads table.
const labelIndexSQL = `CREATE INDEX IF NOT EXISTS dipgraph_label_index ON quads (label_hash, subject_hash, predicate_hash)`

// pgConn is what a Store keeps besides Cayley's quad store: a database
// handle for schema checks and the session that holds the writer lock.
type pgConn struct {
	db   *sql.DB
	lock *sql.Conn // nil when read-only
}

func (p *pgConn) close() error {
	if p.lock != nil {
		p.lock.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", writerLockKey)
		p.lock.Close()
	}
	return p.db.Close()
}

// openPostgres opens a database as a Cayley store, creating Cayley's tables
// in an empty database. A database with a quads or nodes table of another
// shape is refused.
func openPostgres(spec string, opts Options) (graph.QuadStore, *pgConn, error) {
	name := redactURL(spec)
	if !graph.IsRegistered(cpostgres.Type) {
		return nil, nil, fmt.Errorf("store %s: cayley's postgres backend is not registered", name)
	}
	if _, err := url.Parse(spec); err != nil {
		return nil, nil, fmt.Errorf("store %s: bad URL", name) // err would repeat the password
	}
	db, err := sql.Open("postgres", spec)
	if err != nil {
		return nil, nil, fmt.Errorf("store %s: %w", name, err)
	}
	pc := &pgConn{db: db}
	fail := func(err error) (graph.QuadStore, *pgConn, error) {
		pc.close()
		return nil, nil, fmt.Errorf("store %s: %w", name, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return fail(err)
	}
	if !opts.ReadOnly {
		if pc.lock, err = lockWriter(db, opts.LockTimeout); err != nil {
			if errors.Is(err, ErrInUse) {
				pc.close()
				return nil, nil, fmt.Errorf("%w: %s (waited %s)", ErrInUse, name, opts.LockTimeout)
			}
			return fail(err)
		}
	}
	state, err := pgSchema(ctx, db)
	switch {
	case err != nil:
		return fail(err)
	case state == schemaForeign:
		return fail(fmt.Errorf("%w: its quads or nodes table is not Cayley's", ErrNotStore))
	case state == schemaNone && opts.ReadOnly:
		return fail(errors.New("database holds no store; open it read-write once"))
	case state == schemaNone:
		if err := graph.InitQuadStore(cpostgres.Type, spec, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			return fail(fmt.Errorf("create tables: %w", err))
		}
	}
	if !opts.ReadOnly {
		if _, err := db.ExecContext(ctx, labelIndexSQL); err != nil {
			return fail(fmt.Errorf("create label index: %w", err))
		}
	}
	qs, err := graph.NewQuadStore(cpostgres.Type, spec, nil)
	if err != nil {
		return fail(err)
	}
	return qs, pc, nil
}

// lockWriter takes the writer lock on a connection of its own, retrying
// until timeout.
func lockWriter(db *sql.DB, timeout time.Duration) (*sql.Conn, error) {
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	for {
		var ok bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", writerLockKey).Scan(&ok); err != nil {
			conn.Close()
			return nil, err
		}
		if ok {
			return conn, nil
		}
		if time.Now().After(deadline) {
			conn.Close()
			return nil, ErrInUse
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type schemaState int

const (
	schemaNone schemaState = iota
	schemaCayley
	schemaForeign
)

// pgSchema tells whether the current schema holds Cayley's tables.
func pgSchema(ctx context.Context, db *sql.DB) (schemaState, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name IN ('quads', 'nodes')`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols := map[string]bool{}
	tables := map[string]bool{}
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return 0, err
		}
		tables[t] = true
		cols[t+"."+c] = true
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(tables) == 0 {
		return schemaNone, nil
	}
	for _, c := range []string{"quads.horizon", "quads.subject_hash", "quads.predicate_hash", "quads.object_hash",
		"quads.label_hash", "nodes.hash", "nodes.refs", "nodes.value_string", "nodes.iri"} {
		if !cols[c] {
			return schemaForeign, nil
		}
	}
	return schemaCayley, nil
}

// validatePostgres refuses values PostgreSQL would store differently from
// what was loaded, so the quad read back would hash differently and could
// never be deleted: times are kept in microseconds and come back in UTC;
// and Cayley stores U+0000 as the four characters \x00, so a literal that
// contains those characters would come back with U+0000 instead.
func validatePostgres(v quad.Value) error {
	var text string
	switch v := v.(type) {
	case quad.String:
		text = string(v)
	case quad.TypedString:
		text = string(v.Value)
	case quad.LangString:
		text = string(v.Value)
	}
	if strings.Contains(text, `\x00`) {
		return fmt.Errorf("literal %q contains the text \\x00, which the postgres backend reads back as U+0000", text)
	}
	t, ok := v.(quad.Time)
	if !ok {
		return nil
	}
	tt := time.Time(t)
	if tt.Nanosecond()%1000 != 0 {
		return fmt.Errorf("time %s has sub-microsecond precision, which postgres drops", tt.Format(time.RFC3339Nano))
	}
	if _, off := tt.Zone(); off != 0 || tt.Location() != time.UTC {
		return fmt.Errorf("time %s is not in UTC, and postgres returns it in UTC", tt.Format(time.RFC3339Nano))
	}
	return nil
}
