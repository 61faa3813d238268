package rdfio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// tools finds the independent parsers the tests read our output back with:
// a python3 that can import rdflib, and rapper.
var tools = sync.OnceValues(func() (python string, rapper bool) {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import rdflib").Run() == nil {
			python = p
			break
		}
	}
	_, err := exec.LookPath("rapper")
	return python, err == nil
})

func needPython(t *testing.T) string {
	t.Helper()
	py, _ := tools()
	if py == "" {
		t.Skip("python3 with rdflib not installed (apt-get install python3-rdflib)")
	}
	return py
}

// jTerm is a term as isocheck.py reads it.
type jTerm struct {
	T    string `json:"t"`
	V    string `json:"v"`
	Lang string `json:"lang,omitempty"`
	DT   string `json:"dt,omitempty"`
}

type jFile struct {
	Path     string   `json:"path"`
	Format   string   `json:"format"`
	Checkers []string `json:"checkers,omitempty"`
}

type job struct {
	ID       string    `json:"id"`
	Expected [][]jTerm `json:"expected"`
	Files    []jFile   `json:"files"`
	Source   *jFile    `json:"source,omitempty"`
}

type result struct {
	ID, File, Checker, Error string
	OK                       bool
}

// jsonQuads describes quads for isocheck.py directly from their values,
// independently of any writer of this package.
func jsonQuads(t *testing.T, qs []quad.Quad) [][]jTerm {
	t.Helper()
	out := make([][]jTerm, 0, len(qs))
	for _, q := range qs {
		vs := []quad.Value{q.Subject, q.Predicate, q.Object}
		if q.Label != nil {
			vs = append(vs, q.Label)
		}
		var row []jTerm
		for _, v := range vs {
			tm, err := toTerm(v)
			if err != nil {
				t.Fatalf("expected quad %v: %v", q, err)
			}
			j := jTerm{V: tm.val, Lang: tm.lang, DT: tm.dt}
			switch tm.kind {
			case kindIRI:
				j.T = "iri"
			case kindBlank:
				j.T, j.V = "bnode", string(v.(quad.BNode))
			default:
				j.T = "lit"
			}
			row = append(row, j)
		}
		out = append(out, row)
	}
	return out
}

// runIsocheck runs testdata/isocheck.py once over all jobs.
func runIsocheck(t *testing.T, jobs []job) []result {
	t.Helper()
	py := needPython(t)
	_, rapper := tools()
	path := filepath.Join(t.TempDir(), "jobs.json")
	data, err := json.Marshal(jobs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"testdata/isocheck.py", path}
	if !rapper {
		args = append(args, "--no-rapper")
	}
	cmd := exec.Command(py, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("isocheck.py: %v\n%s", err, stderr.String())
	}
	var res []result
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("isocheck.py output: %v", err)
	}
	return res
}

// writeFile writes qs with the named format into dir and returns the path.
func writeFile(dir, name, format string, qs []quad.Quad) (string, error) {
	f, _ := FormatByName(format)
	var buf bytes.Buffer
	w := f.NewWriter(&buf)
	for _, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			return "", err
		}
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+f.Ext[0])
	return path, os.WriteFile(path, buf.Bytes(), 0o644)
}

// parseNQuads is a strict N-Triples/N-Quads parser for the expected results
// of the W3C suites. It shares no code with the package under test, so a
// wrong escape in the writers cannot cancel out against the same mistake
// in reading.
func parseNQuads(src string) ([]quad.Quad, error) {
	var out []quad.Quad
	for n, line := range strings.FieldsFunc(src, func(r rune) bool { return r == '\n' || r == '\r' }) {
		p := &ntParser{s: line}
		p.space()
		if p.done() {
			continue
		}
		var vs []quad.Value
		for !p.done() && p.s[p.i] != '.' {
			v, err := p.term()
			if err != nil {
				return nil, fmt.Errorf("line %d: %v: %q", n+1, err, line)
			}
			vs = append(vs, v)
			p.space()
		}
		if p.done() || (len(vs) != 3 && len(vs) != 4) {
			return nil, fmt.Errorf("line %d: bad statement: %q", n+1, line)
		}
		p.i++
		p.space()
		if !p.done() {
			return nil, fmt.Errorf("line %d: trailing text: %q", n+1, line)
		}
		q := quad.Quad{Subject: vs[0], Predicate: vs[1], Object: vs[2]}
		if len(vs) == 4 {
			q.Label = vs[3]
		}
		out = append(out, q)
	}
	return out, nil
}

type ntParser struct {
	s string
	i int
}

func (p *ntParser) done() bool { return p.i >= len(p.s) || p.s[p.i] == '#' }

func (p *ntParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *ntParser) term() (quad.Value, error) {
	switch {
	case p.s[p.i] == '<':
		iri, err := p.until('>')
		return quad.IRI(iri), err
	case strings.HasPrefix(p.s[p.i:], "_:"):
		j := p.i + 2
		for j < len(p.s) && !strings.ContainsRune(" \t<\"#", rune(p.s[j])) {
			j++
		}
		for j > p.i+2 && p.s[j-1] == '.' {
			j--
		}
		label := p.s[p.i+2 : j]
		p.i = j
		if label == "" {
			return nil, errors.New("empty blank node label")
		}
		return quad.BNode(label), nil
	case p.s[p.i] == '"':
		lex, err := p.until('"')
		if err != nil {
			return nil, err
		}
		switch {
		case strings.HasPrefix(p.s[p.i:], "@"):
			j := p.i + 1
			for j < len(p.s) && (isAlnum(p.s[j]) || p.s[j] == '-') {
				j++
			}
			lang := p.s[p.i+1 : j]
			p.i = j
			return quad.LangString{Value: quad.String(lex), Lang: lang}, nil
		case strings.HasPrefix(p.s[p.i:], "^^<"):
			p.i += 2
			dt, err := p.until('>')
			return quad.TypedString{Value: quad.String(lex), Type: quad.IRI(dt)}, err
		}
		return quad.String(lex), nil
	}
	return nil, fmt.Errorf("unexpected %q", p.s[p.i:])
}

// until reads from an opening delimiter to the closing one, decoding
// ECHAR and UCHAR escapes.
func (p *ntParser) until(end byte) (string, error) {
	var b strings.Builder
	for p.i++; p.i < len(p.s); {
		c := p.s[p.i]
		switch {
		case c == end:
			p.i++
			if !utf8.ValidString(b.String()) {
				return "", errors.New("invalid UTF-8")
			}
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.s):
			e := p.s[p.i+1]
			if n := map[byte]int{'u': 4, 'U': 8}[e]; n > 0 && p.i+2+n <= len(p.s) {
				r, err := strconv.ParseUint(p.s[p.i+2:p.i+2+n], 16, 32)
				if err != nil {
					return "", err
				}
				b.WriteRune(rune(r))
				p.i += 2 + n
				continue
			}
			un, ok := map[byte]string{'t': "\t", 'b': "\b", 'n': "\n", 'r': "\r", 'f': "\f", '"': "\"", '\'': "'", '\\': "\\"}[e]
			if !ok {
				return "", fmt.Errorf("bad escape \\%c", e)
			}
			b.WriteString(un)
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", fmt.Errorf("unterminated term, want %q", end)
}
