package rdfio

import (
	"bytes"
	"math/rand"
	"runtime"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/dipgraph/dipgraph/ontology"
)

// writeTerms writes qs through Term and WriteTerms, each value numbered
// once, the label given even to the Turtle writer (which drops it).
func writeTerms(t *testing.T, format string, qs []quad.Quad) string {
	t.Helper()
	f, _ := FormatByName(format)
	var buf bytes.Buffer
	w := f.NewWriter(&buf).(TermWriter)
	nums := map[quad.Value]uint32{}
	num := func(v quad.Value) uint32 {
		if v == nil {
			return 0
		}
		if n, ok := nums[v]; ok {
			return n
		}
		n, err := w.Term(v)
		if err != nil || n == 0 {
			t.Fatalf("%s: Term(%v) = %d, %v", format, v, n, err)
		}
		nums[v] = n
		return n
	}
	for _, q := range qs {
		if err := w.WriteTerms(num(q.Subject), num(q.Predicate), num(q.Object), num(q.Label)); err != nil {
			t.Fatalf("%s: %v: %v", format, q, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteTermsMatchesWriteQuad(t *testing.T) {
	qs := hostileQuads()
	rdfType := quad.IRI(ontology.RDFType)
	s := quad.IRI(ex + "s")
	qs = append(qs,
		quad.Quad{Subject: s, Predicate: quad.IRI(ex + "p"), Object: rdfType}, // rdf:type not as predicate
		quad.Quad{Subject: rdfType, Predicate: rdfType, Object: rdfType},
		quad.Quad{Subject: s, Predicate: quad.IRI(ex + "n"), Object: quad.Int(7)},
		quad.Quad{Subject: s, Predicate: quad.IRI(ex + "n"), Object: quad.TypedString{Value: "7", Type: ontology.XSD + "integer"}},
	)
	qs = append(qs, qs[:15]...) // duplicates are dropped
	rng := rand.New(rand.NewSource(3))
	for _, format := range []string{"turtle", "trig"} {
		want := write(t, format, qs)
		for range 3 {
			rng.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
			if got := writeTerms(t, format, qs); got != want {
				t.Fatalf("%s: WriteTerms differs from WriteQuad:\n%s\n---\n%s", format, want, got)
			}
		}
	}
}

// TestWriteTermsRejects: every quad WriteQuad refuses is refused by Term
// or WriteTerms, and nothing of it is written.
func TestWriteTermsRejects(t *testing.T) {
	s, p := quad.IRI(ex+"s"), quad.IRI(ex+"p")
	bad := []quad.Quad{
		{Subject: s, Predicate: p, Object: quad.String("bad \xff utf8")},
		{Subject: s, Predicate: p, Object: quad.IRI("")},
		{Subject: s, Predicate: p, Object: s, Label: quad.IRI(ex + "a b")},
		{Subject: quad.String("lit"), Predicate: p, Object: s},
		{Subject: s, Predicate: quad.BNode("b"), Object: s},
		{Subject: s, Predicate: quad.String("lit"), Object: s},
		{Subject: s, Predicate: p, Object: s, Label: quad.String("g")},
		{Subject: s, Predicate: p},
	}
	for _, format := range []string{"turtle", "trig"} {
		f, _ := FormatByName(format)
		for _, q := range bad {
			var buf bytes.Buffer
			w := f.NewWriter(&buf).(TermWriter)
			var ns [4]uint32
			var err error
			for i, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				if v == nil && i == 3 {
					break
				}
				if ns[i], err = w.Term(v); err != nil {
					break
				}
			}
			if err == nil {
				err = w.WriteTerms(ns[0], ns[1], ns[2], ns[3])
			}
			if err == nil {
				t.Errorf("%s: %v: no error", format, q)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(buf.String(), ex) {
				t.Errorf("%s: rejected quad written:\n%s", format, buf.String())
			}
		}
		w := f.NewWriter(&bytes.Buffer{}).(TermWriter)
		if err := w.WriteTerms(1, 2, 3, 0); err == nil {
			t.Errorf("%s: numbers Term did not give: no error", format)
		}
	}
}

// TestParallelSort splits Close's sorts in 2, 3 and 4 parts on tiny
// chunks: the output must be that of one sequential sort.
func TestParallelSort(t *testing.T) {
	qs := hostileQuads()
	qs = append(qs, qs[:20]...)
	for _, format := range []string{"turtle", "trig"} {
		want := write(t, format, qs)
		for _, w := range []int{2, 3, 4} {
			func() {
				defer func(procs, min, chunk int) {
					runtime.GOMAXPROCS(procs)
					minParallel, stmtChunk = min, chunk
				}(runtime.GOMAXPROCS(w), minParallel, stmtChunk)
				minParallel, stmtChunk = 1, 3
				if got := write(t, format, qs); got != want {
					t.Fatalf("%s, %d parts: output differs:\n%s\n---\n%s", format, w, want, got)
				}
				if got := writeTerms(t, format, qs); got != want {
					t.Fatalf("%s, %d parts, from terms: output differs:\n%s\n---\n%s", format, w, want, got)
				}
			}()
		}
	}
}

func TestSortTerms(t *testing.T) {
	defer func(min int) { minParallel = min }(minParallel)
	minParallel = 1
	tt := newTermTable()
	rng := rand.New(rand.NewSource(4))
	for range 1000 {
		key := []byte{'<', byte('a' + rng.Intn(26)), byte('a' + rng.Intn(26)), byte('a' + rng.Intn(26)), '>'}
		if _, slot, h, ok := tt.lookup(key); !ok {
			tt.insert(key, nil, slot, h)
		}
	}
	for _, w := range []int{1, 2, 3, 4} {
		procs := runtime.GOMAXPROCS(w)
		order := sortTerms(tt)
		runtime.GOMAXPROCS(procs)
		if len(order) != len(tt.refs) {
			t.Fatalf("%d parts: %d ids, want %d", w, len(order), len(tt.refs))
		}
		for i := 1; i < len(order); i++ {
			if bytes.Compare(tt.key(order[i-1]), tt.key(order[i])) >= 0 {
				t.Fatalf("%d parts: ids %d and %d out of order", w, order[i-1], order[i])
			}
		}
	}
}

// TestDatatypeCache cycles through more datatypes than termConv keeps:
// every literal keeps its own.
func TestDatatypeCache(t *testing.T) {
	types := []quad.IRI{"xsd:integer", "xsd:date", quad.IRI(ex + "t1"), "xsd:gYear", quad.IRI(ex + "t2"), "xsd:boolean"}
	var c termConv
	for round := range 3 {
		for i, dt := range types {
			if round == 1 && i%2 == 1 {
				dt = types[0] // the same one again in between
			}
			v := quad.TypedString{Value: "v", Type: dt}
			got, err := c.term(v)
			want, werr := toTerm(v)
			if err != nil || werr != nil || got != want {
				t.Fatalf("round %d, %s: %+v (%v), want %+v (%v)", round, dt, got, err, want, werr)
			}
		}
	}
}
