package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestFitSameAsFitting: a trie node's compact case checks (fit) keep the
// surfaces the case rules themselves (fitting) keep, for every label of
// the gazetteer written as it is, in lower case, in capitals, with its
// first letter or one random letter changed in case, and with a non-ASCII
// letter changed.
func TestFitSameAsFitting(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := x.Matcher
	r := rand.New(rand.NewPCG(5, 6))
	flip := func(s string, i int) string {
		rs := []rune(s)
		if i < 0 || i >= len(rs) {
			return s
		}
		if unicode.IsUpper(rs[i]) {
			rs[i] = unicode.ToLower(rs[i])
		} else {
			rs[i] = unicode.ToUpper(rs[i])
		}
		return string(rs)
	}
	var labels []string
	for _, e := range m.gaz.Entries {
		labels = append(labels, e.Label)
		labels = append(labels, e.Aliases...)
		labels = append(labels, e.Modifiers...)
	}
	labels = append(labels, "Côte d'Ivoire", "CÔTE D'IVOIRE", "côte d’ivoire", "US & UK", "u.S.", "\u212Aorea") // K: the Kelvin sign
	checked, slow, refused := 0, 0, 0
	for _, l := range labels {
		rs := []rune(l)
		for _, v := range []string{l, strings.ToLower(l), strings.ToUpper(l), flip(l, 0), flip(l, r.IntN(len(rs)+1)), flip(strings.ToUpper(l), len(rs)-1)} {
			toks := TokenizeString(v)
			ids := m.vocab.appendIDs(nil, toks)
			for i := range toks {
				n := m.firstNode(ids[i])
				for j := i; n != nil; {
					if terms := m.termsOf(n); len(terms) > 0 && !n.anyCase {
						got, want := m.fit(n, toks[i:j+1]), fitting(terms, toks[i:j+1])
						if !sameSurfaces(got, want) {
							t.Fatalf("%q tokens %d-%d: fit kept %d surfaces, fitting %d", v, i, j+1, len(got), len(want))
						}
						checked++
						if len(want) < len(terms) {
							refused++
						}
						for _, c := range m.checks[n.checks : int(n.checks)+len(terms)*int(n.depth)] {
							if c.rule == caseSlow {
								slow++
							}
						}
					}
					if j++; j >= len(toks) {
						break
					}
					n = m.child(n, ids[j])
				}
			}
		}
	}
	if checked < 1000 || refused < 100 {
		t.Fatalf("only %d nodes checked, %d with a surface refused: the test tests little", checked, refused)
	}
	t.Logf("%d nodes checked, %d refused a surface, %d slow checks met", checked, refused, slow)
}

func sameSurfaces(a, b []surface) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k].entry != b[k].entry || a[k].kind != b[k].kind || a[k].word != b[k].word || a[k].role != b[k].role {
			return false
		}
	}
	return true
}

// TestMayStart: a token mayStart rejects starts no match (longestFrom from
// its node finds none), on generated documents.
func TestMayStart(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := x.Matcher
	text := "The US and the Americans, the French and the United Kingdom; the sides met in Geneva. the"
	toks := TokenizeString(text)
	ids := m.vocab.appendIDs(nil, toks)
	rejected := 0
	for i := range toks {
		n := m.firstNode(ids[i])
		if n == nil || m.mayStart(ids, i) {
			continue
		}
		rejected++
		if _, ok := m.longestFrom(toks, ids, i, n, false); ok {
			t.Fatalf("mayStart rejects token %d %q, which starts a match", i, toks[i].Text)
		}
	}
	if rejected == 0 {
		t.Fatal("no token rejected: the test tests nothing")
	}
}
