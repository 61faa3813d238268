// Package benchquads makes real dipgraph output for the writer and store
// benchmarks: it generates documents with bench/corpus and extracts them,
// so the quads have the shapes, sizes and repetition of what `dipgraph
// extract` writes (mentions, contexts with whole texts, claims, labels).
//
// It is benchmark-only code: graph/rdfio and graph/store import it from
// their _test files alone, so the product's graph packages still never
// import extract.
package benchquads

import (
	"runtime"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/bench/corpus"
	"github.com/dipgraph/dipgraph/extract"
)

// Doc is one document's quads, all labelled with the document's IRI.
type Doc struct {
	Label quad.IRI
	Quads []quad.Quad
}

var (
	mu    sync.Mutex
	cache = map[int][]Doc{}
)

// Docs returns the quads of generated documents (seed 1), labelled per
// document, totalling at least n quads. Results are cached per n.
func Docs(n int) ([]Doc, error) {
	mu.Lock()
	defer mu.Unlock()
	if d, ok := cache[n]; ok {
		return d, nil
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		return nil, err
	}
	g, err := corpus.New(corpus.Options{Seed: 1, Size: 1 << 40})
	if err != nil {
		return nil, err
	}
	var out []Doc
	total := 0
	for total < n {
		// A batch of documents extracted in parallel, kept in order.
		batch := make([]corpus.Doc, 4*runtime.NumCPU())
		for i := range batch {
			batch[i] = g.Next()
		}
		res := make([]Doc, len(batch))
		errs := make([]error, len(batch))
		var wg sync.WaitGroup
		for i := range batch {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, err := extract.Parse(batch[i].Name, batch[i].Body)
				if err != nil {
					errs[i] = err
					return
				}
				label := extract.DocIRI(d)
				res[i] = Doc{Label: label, Quads: x.Extract(d).Quads(label)}
			}()
		}
		wg.Wait()
		for i := range res {
			if errs[i] != nil {
				return nil, errs[i]
			}
			if total >= n {
				break
			}
			out = append(out, res[i])
			total += len(res[i].Quads)
		}
	}
	cache[n] = out
	return out, nil
}

// Quads returns exactly n quads of Docs(n), in document order.
func Quads(n int) ([]quad.Quad, error) {
	docs, err := Docs(n)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, 0, n)
	for _, d := range docs {
		out = append(out, d.Quads...)
	}
	return out[:n], nil
}
