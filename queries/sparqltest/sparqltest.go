// Package sparqltest runs SPARQL 1.1 SELECT queries with an engine
// independent of dipgraph and Cayley: oxigraph on node, installed in
// tools/sparql by
//
//	npm ci --prefix tools/sparql
//
// Tests use it to check that a saved query's Gizmo text and its .rq twin
// give the same rows:
//
//	if err := sparqltest.Available(); err != nil {
//		t.Skip(err)
//	}
//	res, err := sparqltest.Select(ctx, queryText, "graph.ttl")
package sparqltest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/cayleygraph/quad"
)

// ErrUnavailable is wrapped by the errors of Available and Select when node
// or oxigraph is missing, so that tests can skip instead of failing.
var ErrUnavailable = errors.New("SPARQL engine (oxigraph) unavailable")

const xsdString = "http://www.w3.org/2001/XMLSchema#string"

// ToolDir returns tools/sparql of the module holding this file.
func ToolDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "tools", "sparql")
}

// Available reports why Select cannot run (node or node_modules missing).
func Available() error {
	if _, err := exec.LookPath("node"); err != nil {
		return fmt.Errorf("%w: node is not on PATH", ErrUnavailable)
	}
	dir := ToolDir()
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "oxigraph")); err != nil {
		return fmt.Errorf("%w: run npm ci --prefix tools/sparql (%s)", ErrUnavailable, dir)
	}
	return nil
}

// Result is a SELECT result: the variables, and one map per solution from
// variable to term (a variable unbound in a solution is absent).
type Result struct {
	Vars []string
	Rows []map[string]quad.Value
}

// Select runs query over the data files (.ttl, .nt, .nq, .trig) with
// tools/sparql/select.mjs.
func Select(ctx context.Context, query string, data ...string) (*Result, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	args := append([]string{filepath.Join(ToolDir(), "select.mjs"), "-"}, data...)
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Stdin = strings.NewReader(query)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("oxigraph: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return Parse(stdout.Bytes())
}

// SelectBatch runs many queries over the same data, loading it once; the
// i-th result or error answers the i-th query.
func SelectBatch(ctx context.Context, queries []string, data ...string) ([]*Result, []error, error) {
	if err := Available(); err != nil {
		return nil, nil, err
	}
	in, err := json.Marshal(queries)
	if err != nil {
		return nil, nil, err
	}
	args := append([]string{filepath.Join(ToolDir(), "select.mjs"), "--batch"}, data...)
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, nil, fmt.Errorf("oxigraph: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var docs []json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &docs); err != nil {
		return nil, nil, fmt.Errorf("oxigraph batch output: %w", err)
	}
	if len(docs) != len(queries) {
		return nil, nil, fmt.Errorf("oxigraph: %d results for %d queries", len(docs), len(queries))
	}
	results, errs := make([]*Result, len(docs)), make([]error, len(docs))
	for i, d := range docs {
		var e struct {
			Error *string `json:"error"`
		}
		if json.Unmarshal(d, &e) == nil && e.Error != nil {
			errs[i] = fmt.Errorf("oxigraph: %s", *e.Error)
			continue
		}
		results[i], errs[i] = Parse(d)
	}
	return results, errs, nil
}

type binding struct {
	Type     string `json:"type"`
	Value    string `json:"value"`
	Lang     string `json:"xml:lang"`
	Datatype string `json:"datatype"`
}

// Parse reads a SPARQL 1.1 Query Results JSON document.
func Parse(b []byte) (*Result, error) {
	var doc struct {
		Head struct {
			Vars []string `json:"vars"`
		} `json:"head"`
		Results struct {
			Bindings []map[string]binding `json:"bindings"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("SPARQL results: %w", err)
	}
	res := &Result{Vars: doc.Head.Vars}
	for _, sol := range doc.Results.Bindings {
		row := map[string]quad.Value{}
		for k, b := range sol {
			switch b.Type {
			case "uri":
				row[k] = quad.IRI(b.Value)
			case "bnode":
				row[k] = quad.BNode(b.Value)
			case "literal", "typed-literal":
				switch {
				case b.Lang != "":
					row[k] = quad.LangString{Value: quad.String(b.Value), Lang: b.Lang}
				case b.Datatype != "" && b.Datatype != xsdString:
					row[k] = quad.TypedString{Value: quad.String(b.Value), Type: quad.IRI(b.Datatype)}
				default:
					row[k] = quad.String(b.Value)
				}
			default:
				return nil, fmt.Errorf("SPARQL results: unknown term type %q", b.Type)
			}
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}
