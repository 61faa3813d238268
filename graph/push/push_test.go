package push

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
)

const ex = "http://example.org/"

func triples(n int) []quad.Quad {
	var qs []quad.Quad
	for i := 0; i < n; i++ {
		qs = append(qs, quad.Make(quad.IRI(fmt.Sprintf("%ss%d", ex, i)), quad.IRI(ex+"p"), quad.String(fmt.Sprintf("value %d with \"quotes\"\n", i)), quad.IRI(ex+"g")))
	}
	return qs
}

// recorded is one request a test server saw.
type recorded struct {
	method, query, ctype, auth string
	body                       string
}

// recorder is a Graph Store or Update endpoint that records requests and
// answers with the statuses of script (then 204).
type recorder struct {
	mu     sync.Mutex
	reqs   []recorded
	script []int
	delay  time.Duration
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, recorded{r.Method, r.URL.RawQuery, r.Header.Get("Content-Type"), r.Header.Get("Authorization"), string(b)})
	status := http.StatusNoContent
	if len(rec.script) > 0 {
		status, rec.script = rec.script[0], rec.script[1:]
	}
	delay := rec.delay
	rec.delay = 0
	rec.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "0")
	}
	w.WriteHeader(status)
	fmt.Fprintf(w, "status %d", status)
}

func newPusher(t *testing.T, opt Options) *Pusher {
	t.Helper()
	p, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	p.sleep = func(context.Context, time.Duration) error { return nil }
	return p
}

// parseNT reads N-Triples bodies back into sorted lines.
func parseNT(t *testing.T, bodies ...string) []string {
	t.Helper()
	var out []string
	for _, b := range bodies {
		rd, err := rdfio.NewReader("ntriples", strings.NewReader(b), rdfio.ReadOptions{BlankPrefix: "x"})
		if err != nil {
			t.Fatal(err)
		}
		for {
			q, err := rd.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%v in\n%s", err, b)
			}
			out = append(out, q.String())
		}
	}
	sort.Strings(out)
	return out
}

func TestChunksPutThenPost(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	var progress []Request
	p := newPusher(t, Options{Endpoint: srv.URL + "/store?x=1", ChunkTriples: 10, Progress: func(r Request) { progress = append(progress, r) }})
	qs := append(triples(25), triples(5)...) // 5 duplicates
	st, err := p.Replace(context.Background(), ex+"graph one", qs[:0])
	if err == nil {
		t.Fatal("a graph IRI with a space was accepted")
	}
	st, err = p.Replace(context.Background(), ex+"g", qs)
	if err != nil {
		t.Fatal(err)
	}
	if st.Graphs != 1 || st.Triples != 25 || st.Requests != 3 || st.Retries != 0 {
		t.Errorf("stats %+v", st)
	}
	var methods []string
	var bodies []string
	var size int64
	for _, r := range rec.reqs {
		methods = append(methods, r.method)
		bodies = append(bodies, r.body)
		size += int64(len(r.body))
		if r.query != "x=1&graph=http%3A%2F%2Fexample.org%2Fg" || r.ctype != "application/n-triples; charset=utf-8" {
			t.Errorf("request %s ?%s %s", r.method, r.query, r.ctype)
		}
	}
	if strings.Join(methods, " ") != "PUT POST POST" || st.Bytes != size {
		t.Errorf("methods %v, bytes %d of %d", methods, st.Bytes, size)
	}
	if got := parseNT(t, bodies...); len(got) != 25 || strings.Contains(strings.Join(got, ""), "example.org/g>") {
		t.Errorf("sent %d triples (labels must be dropped):\n%s", len(got), strings.Join(got, "\n"))
	}
	if len(progress) != 3 || progress[0].Method != "PUT" || progress[0].Triples != 10 || progress[2].Triples != 5 || progress[2].Status != 204 {
		t.Errorf("progress %+v", progress)
	}
	if p.Total() != st {
		t.Errorf("total %+v, stats %+v", p.Total(), st)
	}

	// Add only POSTs; the default graph is ?default.
	rec.reqs = nil
	if _, err := p.Add(context.Background(), "", triples(3)); err != nil {
		t.Fatal(err)
	}
	if len(rec.reqs) != 1 || rec.reqs[0].method != "POST" || rec.reqs[0].query != "x=1&default" {
		t.Errorf("add: %+v", rec.reqs)
	}
	// Replacing with nothing PUTs an empty graph.
	rec.reqs = nil
	if st, err := p.Replace(context.Background(), ex+"g", nil); err != nil || st.Requests != 1 || rec.reqs[0].method != "PUT" || rec.reqs[0].body != "" {
		t.Errorf("empty replace: %+v %v %+v", st, err, rec.reqs)
	}
}

func TestChunkBytesAndBlankNodes(t *testing.T) {
	b1, b2 := quad.BNode("one"), quad.BNode("two")
	qs := []quad.Quad{
		quad.Make(quad.IRI(ex+"a"), quad.IRI(ex+"p"), b1, nil),
		quad.Make(quad.IRI(ex+"x"), quad.IRI(ex+"p"), quad.String(strings.Repeat("x", 100)), nil),
		quad.Make(b1, quad.IRI(ex+"q"), b2, nil),
		quad.Make(quad.IRI(ex+"y"), quad.IRI(ex+"p"), quad.String(strings.Repeat("y", 100)), nil),
		quad.Make(b2, quad.IRI(ex+"r"), quad.String("end"), nil),
	}
	chunks, n, err := makeChunks(qs, 2, 1<<20)
	if err != nil || n != 5 {
		t.Fatal(n, err)
	}
	var sizes []int
	for _, c := range chunks {
		sizes = append(sizes, len(c.quads))
	}
	// The three triples joined by _:one and _:two make one chunk, larger than 2.
	if fmt.Sprint(sizes) != "[3 2]" {
		t.Errorf("chunk sizes %v", sizes)
	}
	chunks, _, err = makeChunks(qs, 100, 150)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chunks[:len(chunks)-1] {
		if len(c.ntriples) > 150 && len(c.quads) > 1 {
			t.Errorf("chunk of %d bytes", len(c.ntriples))
		}
	}
	if len(chunks) < 2 {
		t.Errorf("%d chunks for 150 bytes", len(chunks))
	}
	if _, _, err := makeChunks([]quad.Quad{quad.Make(quad.IRI(""), quad.IRI(ex+"p"), quad.String("x"), nil)}, 10, 100); err == nil {
		t.Error("an empty IRI was accepted")
	}
}

func TestUpdateEndpoint(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	p := newPusher(t, Options{UpdateEndpoint: srv.URL + "/update", ChunkTriples: 2})
	if _, err := p.Replace(context.Background(), ex+"g", triples(3)); err != nil {
		t.Fatal(err)
	}
	if len(rec.reqs) != 2 {
		t.Fatalf("%d requests", len(rec.reqs))
	}
	first, second := rec.reqs[0], rec.reqs[1]
	if first.method != "POST" || first.ctype != "application/sparql-update; charset=utf-8" ||
		!strings.HasPrefix(first.body, "DROP SILENT GRAPH <http://example.org/g> ;\nINSERT DATA {\nGRAPH <http://example.org/g> {\n<http://example.org/s0> ") ||
		!strings.HasSuffix(first.body, " .\n}\n}\n") {
		t.Errorf("first request %+v", first)
	}
	if !strings.HasPrefix(second.body, "INSERT DATA {\nGRAPH <http://example.org/g> {\n") || strings.Contains(second.body, "DROP") {
		t.Errorf("second request %+v", second)
	}
	if !strings.Contains(first.body, `"value 0 with \"quotes\"\n"`) {
		t.Errorf("literal escaping: %s", first.body)
	}
	rec.reqs = nil
	if _, err := p.Replace(context.Background(), "", nil); err != nil || rec.reqs[0].body != "DROP SILENT DEFAULT" {
		t.Errorf("%v %+v", err, rec.reqs)
	}
	rec.reqs = nil
	if _, err := p.Add(context.Background(), "", triples(1)); err != nil || !strings.HasPrefix(rec.reqs[0].body, "INSERT DATA {\n<http") {
		t.Errorf("%v %+v", err, rec.reqs)
	}
	if !strings.HasPrefix(p.String(), "SPARQL Update endpoint http://127.0.0.1:") {
		t.Error(p.String())
	}
}

func TestTurtleBodies(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	p := newPusher(t, Options{Endpoint: srv.URL, Format: "turtle"})
	if _, err := p.Replace(context.Background(), ex+"g", triples(4)); err != nil {
		t.Fatal(err)
	}
	r := rec.reqs[0]
	if r.ctype != "text/turtle; charset=utf-8" || !strings.Contains(r.body, "@prefix") {
		t.Errorf("%+v", r)
	}
	if _, err := New(Options{Endpoint: srv.URL, Format: "rdfxml"}); err == nil {
		t.Error("format rdfxml accepted")
	}
}

func TestRetries(t *testing.T) {
	rec := &recorder{script: []int{503, 502, 500}}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	p := newPusher(t, Options{Endpoint: srv.URL, Retries: 3})
	var waits []time.Duration
	p.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	st, err := p.Replace(context.Background(), ex+"g", triples(2))
	if err != nil {
		t.Fatal(err)
	}
	if st.Retries != 3 || st.Requests != 1 || len(rec.reqs) != 4 {
		t.Errorf("stats %+v, %d requests", st, len(rec.reqs))
	}
	// 503 carries Retry-After: 0; then the backoff doubles: 500ms (after the 502), 1s.
	if fmt.Sprint(waits) != "[0s 1s 2s]" && fmt.Sprint(waits) != "[0s 500ms 1s]" {
		t.Errorf("waits %v", waits)
	}

	rec.reqs, rec.script = nil, []int{503, 503, 503, 503, 503}
	p = newPusher(t, Options{Endpoint: srv.URL, Retries: 2})
	_, err = p.Replace(context.Background(), ex+"g", triples(2))
	if err == nil || !strings.Contains(err.Error(), "failed after 3 tries: HTTP 503: status 503") || len(rec.reqs) != 3 {
		t.Errorf("%v, %d requests", err, len(rec.reqs))
	}

	// A client error is not retried.
	rec.reqs, rec.script = nil, []int{400}
	_, err = p.Replace(context.Background(), ex+"g", triples(2))
	if err == nil || !strings.Contains(err.Error(), "HTTP 400: status 400") || len(rec.reqs) != 1 {
		t.Errorf("%v, %d requests", err, len(rec.reqs))
	}
}

func TestTimeoutIsRetried(t *testing.T) {
	rec := &recorder{delay: 2 * time.Second}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	p := newPusher(t, Options{Endpoint: srv.URL, Timeout: 200 * time.Millisecond})
	st, err := p.Replace(context.Background(), ex+"g", triples(2))
	if err != nil {
		t.Fatal(err)
	}
	if st.Retries != 1 || len(rec.reqs) != 2 {
		t.Errorf("stats %+v, %d requests", st, len(rec.reqs))
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	rec := &recorder{script: []int{503, 503, 503, 503, 503}}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	p, err := New(Options{Endpoint: srv.URL, Backoff: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	rec.script[0] = 500 // no Retry-After: the backoff of an hour applies
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := p.Replace(ctx, ex+"g", triples(1)); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Errorf("%v after %s", err, time.Since(start))
	}
}

// basicServer wants user "alice" with password "s3cret pass".
func basicServer(t *testing.T) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, pw, ok := r.BasicAuth()
		if !ok || u != "alice" || pw != "s3cret pass" {
			w.Header().Set("WWW-Authenticate", `Basic realm="store", charset="UTF-8"`)
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, "who are you? you sent s3cret pass")
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
}

func TestBasicAuth(t *testing.T) {
	srv := basicServer(t)
	defer srv.Close()
	p := newPusher(t, Options{Endpoint: srv.URL, User: "alice", Password: "s3cret pass"})
	if _, err := p.Replace(context.Background(), ex+"g", triples(1)); err != nil {
		t.Fatal(err)
	}
	// Later requests send the credentials at once.
	if _, err := p.Add(context.Background(), ex+"g", triples(1)); err != nil {
		t.Fatal(err)
	}

	p = newPusher(t, Options{Endpoint: srv.URL + "/crud", User: "alice", Password: "wrong pass"})
	_, err := p.Replace(context.Background(), ex+"g", triples(1))
	want := "authentication failed (HTTP 401) at " + srv.URL + "/crud?graph=http%3A%2F%2Fexample.org%2Fg"
	if !errors.Is(err, ErrAuth) || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one containing %q", err, want)
	}
	if strings.Contains(err.Error(), "wrong pass") {
		t.Errorf("error shows the password: %v", err)
	}

	p = newPusher(t, Options{Endpoint: srv.URL})
	if _, err := p.Replace(context.Background(), ex+"g", triples(1)); !errors.Is(err, ErrAuth) || !strings.Contains(err.Error(), "authentication required (HTTP 401)") {
		t.Errorf("without credentials: %v", err)
	}
}

func TestCredentialsInURL(t *testing.T) {
	srv := basicServer(t)
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	u.User = url.UserPassword("alice", "s3cret pass")
	p := newPusher(t, Options{Endpoint: u.String() + "/crud"})
	if strings.Contains(p.String(), "s3cret") || strings.Contains(p.String(), "alice") {
		t.Errorf("String shows credentials: %s", p)
	}
	if _, err := p.Replace(context.Background(), ex+"g", triples(1)); err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("alice", "bad%pass")
	_, err := New(Options{Endpoint: u.String() + "/%zz"})
	if err == nil || strings.Contains(err.Error(), "bad") {
		t.Errorf("bad URL error %v", err)
	}
}

// TestDigestVectors checks the responses of RFC 7616 section 3.9.1.
func TestDigestVectors(t *testing.T) {
	for _, c := range []struct{ algo, want string }{
		{"MD5", "8ca523f5e9506fed4657c9700eebdbec"},
		{"SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
	} {
		ch := parseChallenges([]string{`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=` + c.algo +
			`, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`})
		if len(ch) != 1 {
			t.Fatalf("%+v", ch)
		}
		d, err := newDigest(ch[0], "Mufasa", "Circle of Life")
		if err != nil {
			t.Fatal(err)
		}
		d.cnonceForTest = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
		h, err := d.header("GET", "/dir/index.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(h, `response="`+c.want+`"`) || !strings.Contains(h, "qop=auth, nc=00000001") {
			t.Errorf("%s: %s", c.algo, h)
		}
	}
}

func TestParseChallenges(t *testing.T) {
	cs := parseChallenges([]string{
		`Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`,
		`Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="abc", qop="auth", algorithm="MD5", stale="false"`,
		`Bearer abc=, Negotiate`,
	})
	var got []string
	for _, c := range cs {
		var keys []string
		for k, v := range c.params {
			keys = append(keys, k+"="+v)
		}
		sort.Strings(keys)
		got = append(got, c.scheme+"("+strings.Join(keys, ";")+")")
	}
	want := `newauth(realm=apps;title=Login to "apps";type=1) basic(realm=simple) digest(algorithm=MD5;domain=/sparql-graph-crud-auth;nonce=abc;qop=auth;realm=SPARQL;stale=false) bearer(abc=) negotiate()` // a token68 reads as a parameter without value
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

// digestServer checks Digest MD5 qop=auth answers for user "dba",
// password "dba", and makes every nonce stale after staleAfter uses.
type digestServer struct {
	mu         sync.Mutex
	nonce      int
	uses       map[string]int
	staleAfter int
	ok, denied int
}

func (s *digestServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	challenge := func(stale bool) {
		s.nonce++
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Digest realm="SPARQL", domain="/crud", nonce="n%d", opaque="op", stale="%v", qop="auth", algorithm="MD5"`, s.nonce, stale))
		w.WriteHeader(http.StatusUnauthorized)
		s.denied++
	}
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Digest ") {
		challenge(false)
		return
	}
	cs := parseChallenges([]string{h}) // same syntax as a challenge
	p := cs[0].params
	md := func(s string) string { x := md5.Sum([]byte(s)); return hex.EncodeToString(x[:]) }
	want := md(md("dba:SPARQL:dba") + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":auth:" + md(r.Method+":"+p["uri"]))
	if p["response"] != want || p["uri"] != r.URL.RequestURI() || p["opaque"] != "op" || p["username"] != "dba" {
		challenge(false)
		return
	}
	s.uses[p["nonce"]]++
	if s.uses[p["nonce"]] > s.staleAfter {
		challenge(true)
		return
	}
	s.ok++
	w.WriteHeader(http.StatusCreated)
}

func TestDigestAuth(t *testing.T) {
	ds := &digestServer{uses: map[string]int{}, staleAfter: 2}
	srv := httptest.NewServer(ds)
	defer srv.Close()
	p := newPusher(t, Options{Endpoint: srv.URL + "/crud", User: "dba", Password: "dba", ChunkTriples: 1})
	st, err := p.Replace(context.Background(), ex+"g", triples(5))
	if err != nil {
		t.Fatal(err)
	}
	// 5 requests: the first challenged, then a nonce serves 2 requests
	// before it goes stale and is renewed.
	if st.Requests != 5 || st.Retries != 0 || ds.ok != 5 || ds.denied != 3 {
		t.Errorf("stats %+v, server ok %d denied %d", st, ds.ok, ds.denied)
	}

	p = newPusher(t, Options{Endpoint: srv.URL + "/crud", User: "dba", Password: "not-the-password"})
	_, err = p.Replace(context.Background(), ex+"g", triples(1))
	if !errors.Is(err, ErrAuth) || !strings.Contains(err.Error(), "authentication failed (HTTP 401) at "+srv.URL+"/crud?graph=") {
		t.Errorf("wrong password: %v", err)
	}
	if strings.Contains(err.Error(), "not-the-password") {
		t.Errorf("error shows the password: %v", err)
	}
}

func TestForbidden(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, "SPARQL_UPDATE not granted")
	}))
	defer srv.Close()
	p := newPusher(t, Options{Endpoint: srv.URL})
	_, err := p.Replace(context.Background(), ex+"g", triples(1))
	if !errors.Is(err, ErrAuth) || !strings.Contains(err.Error(), "HTTP 403, forbidden") || !strings.Contains(err.Error(), "SPARQL_UPDATE not granted") {
		t.Errorf("%v", err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []Options{{}, {Endpoint: "ftp://host/x"}, {Endpoint: "localhost:8890"}} {
		if _, err := New(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}
