// Package push sends graphs to SPARQL stores over HTTP: the SPARQL 1.1
// Graph Store HTTP Protocol (PUT replaces a graph, POST adds to it) or, for
// stores without it, SPARQL 1.1 Update (DROP SILENT GRAPH, INSERT DATA).
//
// Graphs go in chunks of whole triples (a chunk never splits the triples
// that share a blank node, which the store would otherwise take for
// different nodes); replacing a graph larger than one chunk PUTs the first
// chunk and POSTs the rest. Requests that fail with 5xx, 408, 429 or a
// network error or timeout are retried with exponential backoff. Basic and
// Digest authentication (RFC 7616, as Virtuoso's /sparql-graph-crud-auth
// asks for) answer the server's challenge; a password never appears in an
// error or in the endpoint shown by String.
package push

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/graph/rdfio"
)

// Defaults of Options.
const (
	DefaultChunkTriples = 10000
	DefaultChunkBytes   = 4 << 20
	DefaultRetries      = 4
	DefaultBackoff      = 500 * time.Millisecond
	DefaultMaxBackoff   = 15 * time.Second
	DefaultTimeout      = 2 * time.Minute
)

// Options configure a Pusher.
type Options struct {
	// Endpoint is the Graph Store HTTP Protocol endpoint, e.g.
	// http://localhost:8890/sparql-graph-crud-auth; graphs are addressed
	// with ?graph=IRI (or ?default).
	Endpoint string
	// UpdateEndpoint, when set, is a SPARQL 1.1 Update endpoint used
	// instead of Endpoint.
	UpdateEndpoint string
	// User and Password answer Basic or Digest challenges. Credentials in
	// the endpoint URL (http://user:pass@host/...) are used when these are
	// empty, and removed from the URL either way.
	User, Password string
	// Format of Graph Store request bodies: "ntriples" (default) or
	// "turtle". Update requests carry N-Triples inside INSERT DATA.
	Format string
	// ChunkTriples and ChunkBytes bound one request's triples and body
	// size (a group of triples sharing a blank node may exceed them).
	ChunkTriples, ChunkBytes int
	// Retries is how many times a failed request is tried again (0: the
	// default, negative: never). Backoff is the first wait, doubled after
	// each try up to MaxBackoff; a Retry-After header is honoured up to
	// MaxBackoff.
	Retries             int
	Backoff, MaxBackoff time.Duration
	// Timeout bounds one request (default 2 minutes).
	Timeout time.Duration
	// Client sends the requests; nil means a new http.Client.
	Client *http.Client
	// Progress, when set, is told about each request sent.
	Progress func(Request)
}

// Request describes one request sent, for progress display.
type Request struct {
	Method, Graph   string // Graph "" is the default graph
	Triples, Bytes  int
	Attempt, Status int // Attempt counts from 1; Status 0 for network errors
}

// Stats count what was sent.
type Stats struct {
	Graphs   int   // graphs replaced or added to
	Triples  int   // distinct triples sent
	Requests int   // successful requests
	Bytes    int64 // request body bytes of successful requests
	Retries  int   // requests sent again after a failure
}

func (s *Stats) add(o Stats) {
	s.Graphs += o.Graphs
	s.Triples += o.Triples
	s.Requests += o.Requests
	s.Bytes += o.Bytes
	s.Retries += o.Retries
}

// Pusher sends graphs to one endpoint. It is not safe for concurrent use.
type Pusher struct {
	opt      Options
	endpoint *url.URL // without credentials
	update   bool
	client   *http.Client
	auth     authorizer
	total    Stats
	sleep    func(context.Context, time.Duration) error
}

// ErrAuth is wrapped by errors of requests the server refused for their
// credentials (HTTP 401 after answering its challenge, or 403).
var ErrAuth = errors.New("authentication failed")

// New checks the options and returns a Pusher.
func New(opt Options) (*Pusher, error) {
	raw, update := opt.Endpoint, false
	if opt.UpdateEndpoint != "" {
		raw, update = opt.UpdateEndpoint, true
	}
	if raw == "" {
		return nil, errors.New("push: no endpoint")
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the URL, credentials and all
		}
		return nil, fmt.Errorf("push: endpoint is not a valid URL: %s", redactErr(err, opt.Password))
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("push: endpoint %s is not an http(s) URL", redactURL(u))
	}
	if u.User != nil {
		if opt.User == "" {
			opt.User = u.User.Username()
			opt.Password, _ = u.User.Password()
		}
		u.User = nil
	}
	switch opt.Format {
	case "":
		opt.Format = "ntriples"
	case "ntriples", "turtle":
	default:
		return nil, fmt.Errorf("push: format %q: ntriples or turtle", opt.Format)
	}
	if opt.ChunkTriples <= 0 {
		opt.ChunkTriples = DefaultChunkTriples
	}
	if opt.ChunkBytes <= 0 {
		opt.ChunkBytes = DefaultChunkBytes
	}
	switch {
	case opt.Retries == 0:
		opt.Retries = DefaultRetries
	case opt.Retries < 0:
		opt.Retries = 0
	}
	if opt.Backoff <= 0 {
		opt.Backoff = DefaultBackoff
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = DefaultMaxBackoff
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	client := opt.Client
	if client == nil {
		client = &http.Client{}
	}
	return &Pusher{opt: opt, endpoint: u, update: update, client: client, sleep: sleepCtx}, nil
}

// String names the endpoint and protocol, without credentials.
func (p *Pusher) String() string {
	if p.update {
		return "SPARQL Update endpoint " + p.endpoint.String()
	}
	return "Graph Store endpoint " + p.endpoint.String()
}

// Total returns what this Pusher has sent so far.
func (p *Pusher) Total() Stats { return p.total }

// Replace makes graph (an IRI; "" for the default graph) hold exactly the
// triples of quads (their labels are ignored; duplicates are sent once).
func (p *Pusher) Replace(ctx context.Context, graph string, quads []quad.Quad) (Stats, error) {
	return p.push(ctx, graph, quads, true)
}

// Add adds the triples of quads to graph ("" for the default graph).
func (p *Pusher) Add(ctx context.Context, graph string, quads []quad.Quad) (Stats, error) {
	return p.push(ctx, graph, quads, false)
}

func (p *Pusher) push(ctx context.Context, graph string, quads []quad.Quad, replace bool) (Stats, error) {
	var st Stats
	if graph != "" {
		if err := checkGraphIRI(graph); err != nil {
			return st, err
		}
	}
	chunks, n, err := makeChunks(quads, p.opt.ChunkTriples, p.opt.ChunkBytes)
	if err != nil {
		return st, fmt.Errorf("push: graph %s: %w", showGraph(graph), err)
	}
	st.Graphs, st.Triples = 1, n
	if len(chunks) == 0 && replace {
		chunks = []chunk{{}} // an empty graph: PUT nothing, or DROP
	}
	for i, c := range chunks {
		method, body, ctype, err := p.request(graph, c, replace && i == 0)
		if err != nil {
			return st, err
		}
		retries, err := p.send(ctx, method, graph, body, ctype, len(c.quads))
		st.Retries += retries
		if err != nil {
			p.total.add(st)
			return st, err
		}
		st.Requests++
		st.Bytes += int64(len(body))
	}
	p.total.add(st)
	return st, nil
}

// request builds the method, body and content type of one chunk.
func (p *Pusher) request(graph string, c chunk, first bool) (method string, body []byte, ctype string, err error) {
	if p.update {
		var b bytes.Buffer
		target := "DEFAULT"
		if graph != "" {
			target = "GRAPH <" + graph + ">"
		}
		if first {
			fmt.Fprintf(&b, "DROP SILENT %s", target)
			if len(c.quads) == 0 {
				return http.MethodPost, b.Bytes(), "application/sparql-update", nil
			}
			b.WriteString(" ;\n")
		}
		b.WriteString("INSERT DATA {\n")
		if graph != "" {
			fmt.Fprintf(&b, "GRAPH <%s> {\n", graph)
		}
		b.Write(c.ntriples)
		if graph != "" {
			b.WriteString("}\n")
		}
		b.WriteString("}\n")
		return http.MethodPost, b.Bytes(), "application/sparql-update", nil
	}
	method = http.MethodPost
	if first {
		method = http.MethodPut
	}
	if p.opt.Format == "turtle" {
		var b bytes.Buffer
		w := rdfio.NewTurtleWriter(&b)
		for _, q := range c.quads {
			if err := w.WriteQuad(q); err != nil {
				return "", nil, "", err
			}
		}
		if err := w.Close(); err != nil {
			return "", nil, "", err
		}
		return method, b.Bytes(), "text/turtle", nil
	}
	return method, c.ntriples, "application/n-triples", nil
}

// target is the URL of a request for graph.
func (p *Pusher) target(graph string) string {
	if p.update {
		return p.endpoint.String()
	}
	u := *p.endpoint
	q := u.RawQuery
	if q != "" {
		q += "&"
	}
	if graph == "" {
		q += "default"
	} else {
		q += "graph=" + url.QueryEscape(graph)
	}
	u.RawQuery = q
	return u.String()
}

// send sends one request, answering authentication challenges and retrying
// transient failures. It returns the number of retries.
func (p *Pusher) send(ctx context.Context, method, graph string, body []byte, ctype string, triples int) (int, error) {
	target := p.target(graph)
	where := redactURLString(target)
	retries, authRounds := 0, 0
	freshAuth := false // the credentials sent answer a challenge of this request
	for attempt := 1; ; attempt++ {
		status, resp, err := p.do(ctx, method, target, body, ctype)
		if p.opt.Progress != nil {
			p.opt.Progress(Request{Method: method, Graph: graph, Triples: triples, Bytes: len(body), Attempt: attempt, Status: status})
		}
		if err == nil && status >= 200 && status < 300 {
			return retries, nil
		}
		if ctx.Err() != nil {
			return retries, fmt.Errorf("push: %s %s: %w", method, where, ctx.Err())
		}
		if err == nil && status == http.StatusUnauthorized {
			if p.opt.User == "" {
				return retries, fmt.Errorf("push: %w: authentication required (HTTP 401) at %s: give a user and password (--user/--password or DIPGRAPH_PUSH_USER/DIPGRAPH_PUSH_PASSWORD)", ErrAuth, where)
			}
			a, stale, aerr := answer(resp, p.opt.User, p.opt.Password)
			if aerr != nil {
				return retries, fmt.Errorf("push: %w (HTTP 401) at %s: %v", ErrAuth, where, aerr)
			}
			authRounds++
			if freshAuth && !stale || authRounds > 3 {
				return retries, fmt.Errorf("push: %w (HTTP 401) at %s: check the user and password", ErrAuth, where)
			}
			p.auth, freshAuth = a, true
			attempt-- // answering a challenge is no retry
			continue
		}
		if err == nil && status == http.StatusForbidden {
			return retries, fmt.Errorf("push: %w (HTTP 403, forbidden) at %s: %s", ErrAuth, where, p.snippet(resp))
		}
		transient := err != nil || status >= 500 || status == http.StatusRequestTimeout || status == http.StatusTooManyRequests
		if !transient {
			return retries, fmt.Errorf("push: %s %s: HTTP %d: %s", method, where, status, p.snippet(resp))
		}
		why := ""
		if err != nil {
			why = redactErr(err, p.opt.Password)
		} else {
			why = fmt.Sprintf("HTTP %d: %s", status, p.snippet(resp))
		}
		if retries >= p.opt.Retries {
			return retries, fmt.Errorf("push: %s %s failed after %d tries: %s", method, where, attempt, why)
		}
		wait := p.opt.Backoff << retries
		if wait > p.opt.MaxBackoff || wait <= 0 {
			wait = p.opt.MaxBackoff
		}
		if resp != nil {
			if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && s >= 0 {
				if ra := time.Duration(s) * time.Second; ra < p.opt.MaxBackoff {
					wait = ra
				} else {
					wait = p.opt.MaxBackoff
				}
			}
		}
		if err := p.sleep(ctx, wait); err != nil {
			return retries, fmt.Errorf("push: %s %s: %w", method, where, err)
		}
		retries++
	}
}

// response keeps what send needs of an HTTP response after its body is
// read and closed.
type response = http.Response

// do sends one request and reads the response. The body of the response
// is kept (up to 4 KiB) for error messages.
func (p *Pusher) do(ctx context.Context, method, target string, body []byte, ctype string) (int, *response, error) {
	ctx, cancel := context.WithTimeout(ctx, p.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", ctype+"; charset=utf-8")
	req.Header.Set("Accept", "*/*")
	req.Header.Set("User-Agent", "dipgraph-push")
	if p.auth != nil {
		h, err := p.auth.header(method, req.URL.RequestURI(), body)
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("Authorization", h)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return 0, nil, fmt.Errorf("timeout after %s", p.opt.Timeout)
		}
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp.StatusCode, resp, nil
}

// snippet is the start of a response body, on one line, without the
// password.
func (p *Pusher) snippet(resp *response) string {
	if resp == nil {
		return ""
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(b))
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	if s == "" {
		s = "(empty response)"
	}
	if p.opt.Password != "" {
		s = strings.ReplaceAll(s, p.opt.Password, "***")
	}
	return s
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func showGraph(g string) string {
	if g == "" {
		return "(default graph)"
	}
	return "<" + g + ">"
}

func checkGraphIRI(g string) error {
	u, err := url.Parse(g)
	if err != nil || u.Scheme == "" {
		return fmt.Errorf("push: graph %q is not an absolute IRI", g)
	}
	if strings.ContainsAny(g, "<>\"{}|^`\\ \t\n\r") {
		return fmt.Errorf("push: graph IRI %q contains characters IRIs cannot contain", g)
	}
	return nil
}

// redactURL writes u without its password.
func redactURL(u *url.URL) string {
	if u.User == nil {
		return u.String()
	}
	c := *u
	c.User = url.User(u.User.Username())
	return c.String()
}

func redactURLString(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return redactURL(u)
}

// redactErr is err's message without the password.
func redactErr(err error, password string) string {
	s := err.Error()
	if password != "" {
		s = strings.ReplaceAll(s, password, "***")
		s = strings.ReplaceAll(s, url.QueryEscape(password), "***")
		s = strings.ReplaceAll(s, url.PathEscape(password), "***")
	}
	return s
}
