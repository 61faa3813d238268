package extract

import (
	"reflect"
	"testing"

	"github.com/dipgraph/dipgraph/bench/corpus"
)

// refPrefixesAt is how mentions found the shorter matches inside a match
// before scan kept them: every match starting at token i that ends before
// to, walking the trie again.
func refPrefixesAt(m *Matcher, toks []Token, ids []int32, i, to int) []Match {
	var out []Match
	if to-i < 2 {
		return nil // no token before the last
	}
	n := m.firstNode(ids[i])
	for j := i; j < to-1 && n != nil; j++ {
		if j > i {
			n = m.child(n, ids[j])
			if n == nil {
				break
			}
		}
		terms := m.termsOf(n)
		if len(terms) == 0 {
			continue
		}
		if n.anyCase {
			out = append(out, Match{From: i, To: j + 1, Cands: terms})
		} else if c := fitting(terms, toks[i:j+1]); len(c) > 0 {
			out = append(out, Match{From: i, To: j + 1, Cands: c})
		}
	}
	return out
}

// TestScanPrefixes: the prefixes scan keeps in each match are the matches
// the walk of refPrefixesAt finds, on generated documents and on names
// with a shorter name inside.
func TestScanPrefixes(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := corpus.Texts(2, 200<<10)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"The UN Charter and the US Administration; Putin's press conference at the Moscow Summit."}
	for _, d := range docs {
		texts = append(texts, string(d.Body))
	}
	withPrefixes := 0
	for _, text := range texts {
		toks := Tokenize(text, 0, len(text))
		ids := x.Matcher.vocab.appendIDs(nil, toks)
		for _, mt := range x.Matcher.scan(toks, ids, nil) {
			want := refPrefixesAt(x.Matcher, toks, ids, mt.From, mt.To)
			if !reflect.DeepEqual(mt.prefixes, want) {
				t.Fatalf("%q: prefixes %v, want %v", text[toks[mt.From].Start:toks[mt.To-1].End], mt.prefixes, want)
			}
			if len(want) > 0 {
				withPrefixes++
			}
		}
	}
	if withPrefixes == 0 {
		t.Fatal("no match with a shorter one inside: the test tests nothing")
	}
}
