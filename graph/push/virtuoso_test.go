package push_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/push"
	"github.com/dipgraph/dipgraph/graph/push/virtuosotest"
)

const ex = "http://example.org/"

// sample is n triples of several kinds of terms, and a blank-node chain.
func sample(n int) []quad.Quad {
	var qs []quad.Quad
	for i := 0; i < n; i++ {
		s := quad.IRI(fmt.Sprintf("%sitem/%d", ex, i))
		switch i % 4 {
		case 0:
			qs = append(qs, quad.Make(s, quad.IRI(ex+"label"), quad.LangString{Value: quad.String(fmt.Sprintf("Ünïcode «%d»", i)), Lang: "en"}, nil))
		case 1:
			qs = append(qs, quad.Make(s, quad.IRI(ex+"begin"), quad.TypedString{Value: quad.String(fmt.Sprint(i)), Type: "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"}, nil))
		case 2:
			qs = append(qs, quad.Make(s, quad.IRI(ex+"text"), quad.String(fmt.Sprintf("line one\nline \"two\" \\ %d", i)), nil))
		default:
			qs = append(qs, quad.Make(s, quad.IRI(ex+"next"), quad.IRI(fmt.Sprintf("%sitem/%d", ex, i+1)), nil))
		}
	}
	b := quad.BNode("chain")
	qs = append(qs,
		quad.Make(quad.IRI(ex+"item/0"), quad.IRI(ex+"has"), b, nil),
		quad.Make(b, quad.IRI(ex+"value"), quad.String("in a blank node"), nil))
	return qs
}

func TestVirtuosoRoundTrip(t *testing.T) {
	v := virtuosotest.Start(t)
	ctx := context.Background()
	g := ex + "graph/one"

	p, err := push.New(push.Options{Endpoint: v.GraphStoreURL(), User: v.User, Password: v.Password, ChunkTriples: 300})
	if err != nil {
		t.Fatal(err)
	}
	qs := sample(1000)
	st, err := p.Replace(ctx, g, qs)
	if err != nil {
		t.Fatalf("%v\n%s", err, v.Log())
	}
	if st.Triples != 1002 || st.Requests != 4 {
		t.Errorf("stats %+v", st)
	}
	if n := v.Count(t, g); n != 1002 {
		t.Fatalf("graph holds %d triples after PUT+POST, want 1002", n)
	}
	// Replacing again replaces: the count stays.
	if _, err := p.Replace(ctx, g, qs); err != nil {
		t.Fatal(err)
	}
	if n := v.Count(t, g); n != 1002 {
		t.Errorf("graph holds %d triples after a second replace, want 1002", n)
	}
	// Add adds.
	if _, err := p.Add(ctx, g, sample(1010)[1000:1010]); err != nil {
		t.Fatal(err)
	}
	if n := v.Count(t, g); n != 1012 {
		t.Errorf("graph holds %d triples after adding 10, want 1012", n)
	}
	// The literals came through intact.
	rows := v.Select(t, `SELECT ?o WHERE { GRAPH <`+g+`> { <`+ex+`item/2> <`+ex+`text> ?o } }`)
	if len(rows) != 1 || rows[0]["o"] != "line one\nline \"two\" \\ 2" {
		t.Errorf("item/2 text: %q", rows)
	}
	rows = v.Select(t, `SELECT ?o WHERE { GRAPH <`+g+`> { <`+ex+`item/0> <`+ex+`has>/<`+ex+`value> ?o } }`)
	if len(rows) != 1 || rows[0]["o"] != "in a blank node" {
		t.Errorf("blank node chain: %q", rows)
	}

	// SPARQL Update: DROP SILENT GRAPH + INSERT DATA in chunks.
	u, err := push.New(push.Options{UpdateEndpoint: v.UpdateURL(), User: v.User, Password: v.Password, ChunkTriples: 400})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if _, err := u.Replace(ctx, g, qs[:900]); err != nil {
			t.Fatalf("%v\n%s", err, v.Log())
		}
		if n := v.Count(t, g); n != 900 {
			t.Errorf("update round %d: graph holds %d triples, want 900", i, n)
		}
	}

	// Turtle bodies.
	tp, err := push.New(push.Options{Endpoint: v.GraphStoreURL(), User: v.User, Password: v.Password, Format: "turtle"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tp.Replace(ctx, ex+"graph/turtle", qs); err != nil {
		t.Fatal(err)
	}
	if n := v.Count(t, ex+"graph/turtle"); n != 1002 {
		t.Errorf("turtle graph holds %d triples, want 1002", n)
	}

	// A wrong password fails clearly, for both protocols.
	for _, o := range []push.Options{
		{Endpoint: v.GraphStoreURL(), User: v.User, Password: "wrong-password"},
		{UpdateEndpoint: v.UpdateURL(), User: v.User, Password: "wrong-password"},
	} {
		bad, err := push.New(o)
		if err != nil {
			t.Fatal(err)
		}
		_, err = bad.Replace(ctx, g, qs[:5])
		if !errors.Is(err, push.ErrAuth) || !strings.Contains(err.Error(), "authentication failed (HTTP 401) at "+v.Base) || strings.Contains(err.Error(), "wrong-password") {
			t.Errorf("wrong password: %v", err)
		}
	}
	if n := v.Count(t, g); n != 900 {
		t.Errorf("graph holds %d triples after refused pushes, want 900", n)
	}
}
