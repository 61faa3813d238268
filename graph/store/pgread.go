package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
)

// Reading a PostgreSQL store through Cayley's iterators costs a query per
// value (Quad calls NameOf for each direction, behind a 1,024-entry
// cache): exporting the 4,600-quad corpus took 5 s. The queries here join
// the nodes table instead, one query per scan, and decode values exactly
// as Cayley's NameOf does, so quads read here hash like the ones Cayley
// reads (deletions depend on that).

// nodeCols are the nodes columns NameOf reads, in its order.
var nodeCols = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

func nodeSelect(alias string) string {
	cols := make([]string, len(nodeCols))
	for i, c := range nodeCols {
		cols[i] = alias + "." + c
	}
	return strings.Join(cols, ", ")
}

// pgQuadsSQL selects quads with their four values; where and order are SQL
// fragments over the quads table q.
func pgQuadsSQL(distinct bool, where, order string) string {
	sel := "SELECT "
	if distinct {
		sel += "DISTINCT ON (q.subject_hash, q.predicate_hash, q.object_hash) "
	}
	sel += nodeSelect("s") + ", " + nodeSelect("p") + ", " + nodeSelect("o") + ", " + nodeSelect("l") + `
	FROM quads q
	JOIN nodes s ON s.hash = q.subject_hash
	JOIN nodes p ON p.hash = q.predicate_hash
	JOIN nodes o ON o.hash = q.object_hash
	LEFT JOIN nodes l ON l.hash = q.label_hash`
	if where != "" {
		sel += " WHERE " + where
	}
	if order != "" {
		sel += " ORDER BY " + order
	}
	return sel
}

// nodeScan holds one node's columns as scanned.
type nodeScan struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
	null   bool // all columns NULL: no node (an unlabelled quad's label)
}

func (n *nodeScan) dests() []any {
	return []any{&n.data, &n.str, &n.typ, &n.lang, &n.iri, &n.bnode, &n.vint, &n.vbool, &n.vfloat, &n.vtime}
}

// value decodes the columns as cayley/graph/sql's NameOf does.
func (n *nodeScan) value() (quad.Value, error) {
	unescape := func(s string) string { return strings.ReplaceAll(s, `\x00`, "\u0000") }
	switch {
	case n.str.Valid && n.iri.Bool:
		return quad.IRI(n.str.String), nil
	case n.str.Valid && n.bnode.Bool:
		return quad.BNode(n.str.String), nil
	case n.str.Valid && n.lang.Valid:
		return quad.LangString{Value: quad.String(unescape(n.str.String)), Lang: n.lang.String}, nil
	case n.str.Valid && n.typ.Valid:
		return quad.TypedString{Value: quad.String(unescape(n.str.String)), Type: quad.IRI(n.typ.String)}, nil
	case n.str.Valid:
		return quad.String(unescape(n.str.String)), nil
	case n.vint.Valid:
		return quad.Int(n.vint.Int64), nil
	case n.vbool.Valid:
		return quad.Bool(n.vbool.Bool), nil
	case n.vfloat.Valid:
		return quad.Float(n.vfloat.Float64), nil
	case n.vtime.Valid:
		return quad.Time(n.vtime.Time.UTC()), nil
	case n.data == nil:
		return nil, nil
	}
	v, err := pquads.UnmarshalValue(n.data)
	if err != nil {
		return nil, fmt.Errorf("unmarshal value: %w", err)
	}
	return v, nil
}

// pgScan runs a query made by pgQuadsSQL and calls fn per quad.
func (s *Store) pgScan(ctx context.Context, query string, args []any, fn func(quad.Quad) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	rows, err := s.pg.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var ns [4]nodeScan
	var dests []any
	for i := range ns {
		dests = append(dests, ns[i].dests()...)
	}
	for rows.Next() {
		if err := rows.Scan(dests...); err != nil {
			return err
		}
		var q quad.Quad
		for i, d := range quad.Directions {
			v, err := ns[i].value()
			if err != nil {
				return err
			}
			q.Set(d, v)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

func pgHash(v quad.Value) any { return csql.HashOf(v).SQLValue() }

// pgGraphs lists the labels (sorted as Graphs), passing unlabelled quads
// to unlabelled if not nil.
func (s *Store) pgGraphs(ctx context.Context, unlabelled func(quad.Quad) error) ([]quad.Value, error) {
	if unlabelled != nil {
		if err := s.pgScan(ctx, pgQuadsSQL(false, "q.label_hash IS NULL", "q.horizon"), nil, unlabelled); err != nil {
			return nil, err
		}
	}
	var out []quad.Value
	err := s.pgValues(ctx, `SELECT `+nodeSelect("n")+` FROM nodes n
		WHERE n.hash IN (SELECT DISTINCT label_hash FROM quads WHERE label_hash IS NOT NULL AND label_hash <> $1)`, []any{pgHash(ManifestGraph)},
		func(v quad.Value, _ []int64) { out = append(out, v) })
	sortValues(out)
	return out, err
}

// pgValues runs a query selecting one node's columns and then counts, and
// calls fn with each decoded value and its counts.
func (s *Store) pgValues(ctx context.Context, query string, args []any, fn func(quad.Value, []int64)) error {
	rows, err := s.pg.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var n nodeScan
	counts := make([]int64, len(cols)-len(nodeCols))
	dests := n.dests()
	for i := range counts {
		dests = append(dests, &counts[i])
	}
	for rows.Next() {
		if err := rows.Scan(dests...); err != nil {
			return err
		}
		v, err := n.value()
		if err != nil {
			return err
		}
		fn(v, append([]int64(nil), counts...))
	}
	return rows.Err()
}

// pgStats is Stats in four SQL aggregates, leaving out ManifestGraph.
func (s *Store) pgStats(ctx context.Context, sum *Summary) error {
	m := pgHash(ManifestGraph)
	err := s.pg.db.QueryRowContext(ctx, `SELECT count(*) FROM
		(SELECT DISTINCT subject_hash, predicate_hash, object_hash FROM quads
		 WHERE label_hash IS DISTINCT FROM $1) t`, m).Scan(&sum.Triples)
	if err != nil {
		return err
	}
	err = s.pg.db.QueryRowContext(ctx, `SELECT count(DISTINCT label_hash) FROM quads WHERE label_hash <> $1`, m).Scan(&sum.Graphs)
	if err != nil {
		return err
	}
	err = s.pgValues(ctx, `SELECT `+nodeSelect("n")+`, c.triples, c.quads FROM nodes n JOIN
		(SELECT predicate_hash, count(DISTINCT (subject_hash, object_hash)) AS triples, count(*) AS quads
		 FROM quads WHERE label_hash IS DISTINCT FROM $1 GROUP BY predicate_hash) c ON c.predicate_hash = n.hash`, []any{m},
		func(v quad.Value, c []int64) { sum.Predicates[v] = PredicateCount{Triples: c[0], Quads: c[1]} })
	if err != nil {
		return err
	}
	return s.pgValues(ctx, `SELECT `+nodeSelect("n")+`, c.instances FROM nodes n JOIN
		(SELECT object_hash, count(DISTINCT subject_hash) AS instances FROM quads
		 WHERE predicate_hash = $1 AND label_hash IS DISTINCT FROM $2 GROUP BY object_hash) c ON c.object_hash = n.hash`,
		[]any{pgHash(rdfType), m},
		func(v quad.Value, c []int64) { sum.Classes[v] = c[0] })
}

func sortValues(vs []quad.Value) {
	sort.Slice(vs, func(i, j int) bool { return quad.StringOf(vs[i]) < quad.StringOf(vs[j]) })
}
