package extract_test

// Throughput benchmarks (MB/s of input text) on generated documents (see
// bench/corpus): the whole extractor against the bare gazetteer automaton
// pass over the same text, its baseline. `make bench` runs them.

import (
	"io"
	"sync"
	"testing"

	"github.com/dipgraph/dipgraph/bench/corpus"
	"github.com/dipgraph/dipgraph/extract"
)

// benchBytes is the size of the generated text every benchmark reads.
const benchBytes = 1 << 20

var (
	benchOnce sync.Once
	benchX    *extract.Extractor
	benchDocs []corpus.Doc
	benchSize int64
	benchErr  error
)

func benchSetup(b *testing.B) (*extract.Extractor, []corpus.Doc, int64) {
	b.Helper()
	benchOnce.Do(func() {
		if benchX, benchErr = extract.New(extract.Options{}); benchErr != nil {
			return
		}
		benchDocs, benchErr = corpus.Texts(1, benchBytes)
		for _, d := range benchDocs {
			benchSize += int64(len(d.Body))
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchX, benchDocs, benchSize
}

// BenchmarkExtract: parse, extract and build the quads of every document.
func BenchmarkExtract(b *testing.B) {
	x, docs, size := benchSetup(b)
	b.SetBytes(size)
	b.ReportAllocs()
	quads := 0
	for b.Loop() {
		for _, d := range docs {
			doc, err := extract.Parse(d.Name, d.Body)
			if err != nil {
				b.Fatal(err)
			}
			quads += len(x.Extract(doc).Quads(nil))
		}
	}
	b.ReportMetric(float64(quads)/float64(b.N)/float64(size)*1e6, "quads/MB")
}

// BenchmarkExtractNTriples adds writing N-Triples: what `dipgraph extract
// -f ntriples -j 1` does per document. Like the command it appends each
// document's lines (Result.AppendLines) to a reused buffer sized for the
// usual output, and hands the buffer on (here to io.Discard).
func BenchmarkExtractNTriples(b *testing.B) {
	x, docs, size := benchSetup(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		for _, d := range docs {
			doc, err := extract.Parse(d.Name, d.Body)
			if err != nil {
				b.Fatal(err)
			}
			buf = buf[:0]
			if need := 27 * len(doc.Text); cap(buf) < need { // as cmd/dipgraph
				buf = make([]byte, 0, need)
			}
			if buf, err = x.Extract(doc).AppendLines(buf, nil); err != nil {
				b.Fatal(err)
			}
			if _, err := io.Discard.Write(buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParse: reading and segmenting documents alone.
func BenchmarkParse(b *testing.B) {
	_, docs, size := benchSetup(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := extract.Parse(d.Name, d.Body); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkGazetteerScan is the baseline: the bare gazetteer automaton pass
// (tokenize, then the leftmost-longest trie scan) over the same text, the
// limit for a gazetteer-driven extractor.
func BenchmarkGazetteerScan(b *testing.B) {
	x, docs, size := benchSetup(b)
	b.SetBytes(size)
	b.ReportAllocs()
	matches := 0
	for b.Loop() {
		for _, d := range docs {
			text := string(d.Body)
			matches += len(x.Matcher.Scan(extract.Tokenize(text, 0, len(text)), nil))
		}
	}
	b.ReportMetric(float64(matches)/float64(b.N)/float64(size)*1e6, "matches/MB")
}

// BenchmarkTokenize: the tokenizer alone, the first half of the baseline.
func BenchmarkTokenize(b *testing.B) {
	_, docs, size := benchSetup(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			text := string(d.Body)
			extract.Tokenize(text, 0, len(text))
		}
	}
}
