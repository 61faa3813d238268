package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// maxProblems bounds the problems a CheckReport lists; the rest are
// counted in Omitted.
const maxProblems = 200

// CheckReport is what Check found. A store passes when Problems is empty.
type CheckReport struct {
	Quads    int64 // the store's own count, completeness records included
	Scanned  int64 // quads read one by one from the store's quad log (table)
	Graphs   int   // graphs (documents), ManifestGraph not counted
	Complete int   // graphs whose quads match their completeness record
	Problems []string
	Omitted  int // problems beyond the first maxProblems
}

func (r *CheckReport) problem(format string, args ...any) {
	if len(r.Problems) >= maxProblems {
		r.Omitted++
		return
	}
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// OK reports whether Check found nothing wrong.
func (r *CheckReport) OK() bool { return len(r.Problems) == 0 && r.Omitted == 0 }

// CheckOptions extend Check.
type CheckOptions struct {
	// Graph, if not nil, is called with each graph's quads (read through
	// the label index) and returns what is wrong with them, for checks
	// that know what a document's graph must hold.
	Graph func(label quad.Value, quads []quad.Quad) []string
}

// Check verifies the store: that its quad count matches the quads it
// holds, that every quad's values resolve, that the subject, object and
// label indexes find as many quads for each value as the quad log holds
// (kv and memory stores; PostgreSQL keeps its own indexes), and that
// every graph holds exactly the number of quads in its completeness record
// (written by ReplaceGraph in the graph's transaction). Problems go into
// the report; the error is for a store that cannot be read at all.
func (s *Store) Check(ctx context.Context, opts CheckOptions) (*CheckReport, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, s.errClosed()
	}
	rep := &CheckReport{}
	var err error
	if rep.Quads, err = s.count(); err != nil {
		return nil, err
	}
	var perGraph map[string]*graphCount
	if s.pg != nil {
		perGraph, err = s.pgCheckScan(ctx, rep)
	} else {
		perGraph, err = s.kvCheckScan(ctx, rep)
	}
	if err != nil {
		return nil, fmt.Errorf("store %s: check: %w", s, err)
	}
	if rep.Scanned != rep.Quads {
		rep.problem("the store counts %d quads but its quad log holds %d", rep.Quads, rep.Scanned)
	}
	if err := s.checkRecords(ctx, rep, perGraph); err != nil {
		return nil, fmt.Errorf("store %s: check: %w", s, err)
	}
	if opts.Graph != nil {
		for _, k := range sortedGraphKeys(perGraph) {
			g := perGraph[k]
			var quads []quad.Quad
			err := s.scanLabel(ctx, g.label, func(q quad.Quad) error { quads = append(quads, q); return nil })
			if err != nil {
				return nil, fmt.Errorf("store %s: check: read graph %s: %w", s, g.label, err)
			}
			for _, p := range opts.Graph(g.label, quads) {
				rep.problem("graph %s: %s", g.label, p)
			}
		}
	}
	return rep, ctx.Err()
}

// graphCount is one label as Check counted it.
type graphCount struct {
	label   quad.Value
	scanned int64 // quads in the quad log
	indexed int64 // quads the label index finds
}

func sortedGraphKeys(m map[string]*graphCount) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// dirCount is one value of one direction as the quad log holds it.
type dirCount struct {
	ref graph.Ref
	n   int64
}

// kvCheckScan reads every quad of a kv or memory store once, counting the
// quads per subject, object and label, then asks each index for the same
// counts. It returns the graphs, ManifestGraph included.
func (s *Store) kvCheckScan(ctx context.Context, rep *CheckReport) (map[string]*graphCount, error) {
	dirs := []quad.Direction{quad.Subject, quad.Object, quad.Label}
	counts := make([]map[any]*dirCount, len(dirs))
	for i := range counts {
		counts[i] = map[any]*dirCount{}
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		ref := it.Result()
		rep.Scanned++
		q, err := s.qs.Quad(ref)
		if err != nil {
			rep.problem("quad %d of the log cannot be read: %v", rep.Scanned, err)
			continue
		}
		for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
			if q.Get(d) == nil {
				rep.problem("quad %d of the log (%s): its %s cannot be resolved", rep.Scanned, describe(q), d)
			}
		}
		for i, d := range dirs {
			dref, err := s.qs.QuadDirection(ref, d)
			if err != nil {
				rep.problem("quad %d of the log (%s): %s: %v", rep.Scanned, describe(q), d, err)
				continue
			}
			if isNilRef(dref) {
				continue
			}
			if d == quad.Label && q.Label == nil {
				rep.problem("quad %d of the log (%s): its label cannot be resolved", rep.Scanned, describe(q))
			}
			k := refs.ToKey(dref)
			c := counts[i][k]
			if c == nil {
				c = &dirCount{ref: dref}
				counts[i][k] = c
			}
			c.n++
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	graphs := map[string]*graphCount{}
	for i, d := range dirs {
		for _, c := range counts[i] {
			n, err := s.countShape(ctx, s.qs.QuadIterator(d, c.ref))
			if err != nil {
				return nil, err
			}
			name, err := s.qs.NameOf(c.ref)
			if err != nil || name == nil {
				rep.problem("a %s value of %d quads cannot be resolved (%v)", d, c.n, err)
				continue
			}
			if n != c.n {
				rep.problem("the %s index finds %d quads for %s, the quad log holds %d", d, n, name, c.n)
			}
			if d == quad.Label {
				graphs[quad.StringOf(name)] = &graphCount{label: name, scanned: c.n, indexed: n}
			}
		}
	}
	return graphs, nil
}

// pgCheckScan compares the quads table with the quads whose values all
// resolve in the nodes table, and counts each graph's quads.
func (s *Store) pgCheckScan(ctx context.Context, rep *CheckReport) (map[string]*graphCount, error) {
	graphs := map[string]*graphCount{}
	err := s.pgScan(ctx, pgQuadsSQL(false, "", ""), nil, func(q quad.Quad) error {
		rep.Scanned++
		if q.Label == nil {
			return nil
		}
		k := quad.StringOf(q.Label)
		g := graphs[k]
		if g == nil {
			g = &graphCount{label: q.Label}
			graphs[k] = g
		}
		g.scanned++
		return nil
	})
	if err != nil {
		return nil, err
	}
	var labelled int64
	err = s.pg.db.QueryRowContext(ctx, `SELECT count(*) FROM quads WHERE label_hash IS NOT NULL`).Scan(&labelled)
	if err != nil {
		return nil, err
	}
	var joined int64
	for _, g := range graphs {
		joined += g.scanned
		n, err := s.countLabelPG(ctx, g.label)
		if err != nil {
			return nil, err
		}
		g.indexed = n
		if n != g.scanned {
			rep.problem("graph %s: %d quads by label, %d with all values resolved", g.label, n, g.scanned)
		}
	}
	if joined != labelled {
		rep.problem("%d labelled quads, %d of them with a resolvable label", labelled, joined)
	}
	return graphs, nil
}

func (s *Store) countLabelPG(ctx context.Context, label quad.Value) (int64, error) {
	var n int64
	err := s.pg.db.QueryRowContext(ctx, `SELECT count(*) FROM quads WHERE label_hash = $1`, pgHash(label)).Scan(&n)
	return n, err
}

// checkRecords compares every graph with its completeness record.
func (s *Store) checkRecords(ctx context.Context, rep *CheckReport, graphs map[string]*graphCount) error {
	records := map[string]int64{}
	var recQuads []quad.Quad
	if g := graphs[quad.StringOf(ManifestGraph)]; g != nil {
		err := s.scanLabel(ctx, ManifestGraph, func(q quad.Quad) error { recQuads = append(recQuads, q); return nil })
		if err != nil {
			return err
		}
	}
	for _, q := range recQuads {
		if quad.StringOf(q.Predicate) != quad.StringOf(QuadCount) {
			rep.problem("record graph holds a quad that is not a record: %s", describe(q))
			continue
		}
		n, err := recordCount(q)
		if err != nil {
			rep.problem("record of graph %s: %v", q.Subject, err)
			continue
		}
		k := quad.StringOf(q.Subject)
		if _, dup := records[k]; dup {
			rep.problem("graph %s has more than one completeness record", q.Subject)
			continue
		}
		records[k] = n
		if graphs[k] == nil {
			rep.problem("graph %s: its record says %d quads, the store holds none", q.Subject, n)
		}
	}
	for _, k := range sortedGraphKeys(graphs) {
		g := graphs[k]
		if isManifest(g.label) {
			continue
		}
		rep.Graphs++
		n, ok := records[k]
		switch {
		case !ok:
			rep.problem("graph %s: no completeness record (loaded by an older dipgraph or by another tool): load the document again", g.label)
		case n != g.indexed:
			rep.problem("graph %s: its record says %d quads, the store holds %d: incomplete, load the document again", g.label, n, g.indexed)
		default:
			rep.Complete++
		}
	}
	return nil
}
