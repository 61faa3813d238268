package extract

// The matcher's case rules in a compact form. A label token's rule is
// kept in the matcher's checks with the token itself as words of eight
// bytes (keyWords): comparing a text token of up to sixteen bytes with it
// is comparing two words, instead of reading the surface's own slices and
// strings (several cache misses for every name found). The text token has
// the label token's key, so when both are ASCII and of one length the
// text is the label in capitals exactly when it has no lower-case letter
// (upperWords). Longer tokens, and the capitals of a label token that is
// not ASCII, are left to labelCase.fits.

// caseSlow marks a label token whose rule the compact form cannot apply.
const caseSlow = caseUpper + 1

// caseCheck is one label token's case rule.
type caseCheck struct {
	a, b uint64 // keyWords of the label token
	rule uint8  // caseAny, caseExact, caseUpper or caseSlow
	n    uint8  // the label token's length in bytes
}

// newCaseCheck is the check of the label token text with rule c.
func newCaseCheck(text string, c labelCase) caseCheck {
	if c.rule == caseAny {
		return caseCheck{rule: caseAny}
	}
	if len(text) > 16 || c.rule == caseUpper && !isASCII(text) {
		return caseCheck{rule: caseSlow}
	}
	k := caseCheck{rule: c.rule, n: uint8(len(text))}
	k.a, k.b = keyWords(text)
	return k
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// upperWords reports whether the bytes in a and b (keyWords of a string)
// are ASCII with no lower-case letter (the zero bytes keyWords fills a
// short string with are neither).
func upperWords(a, b uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	lower := func(x uint64) uint64 {
		low := x &^ highs
		return (low + (0x80-'a')*ones) &^ (low + (0x7f-'z')*ones) &^ x
	}
	return (a|b|lower(a)|lower(b))&highs == 0
}

// fit is fitting(m.termsOf(n), toks): the surfaces whose case rule
// accepts the text tokens, toks the n.depth tokens that led to n.
func (m *Matcher) fit(n *trieNode, toks []Token) []surface {
	terms := m.termsOf(n)
	for k := range terms {
		if !m.fits(n, k, toks) {
			out := append([]surface(nil), terms[:k]...)
			for k++; k < len(terms); k++ {
				if m.fits(n, k, toks) {
					out = append(out, terms[k])
				}
			}
			return out
		}
	}
	return terms
}

// fits is m.termsOf(n)[k].fits(toks), from the compact checks.
func (m *Matcher) fits(n *trieNode, k int, toks []Token) bool {
	from := int(n.checks) + k*len(toks)
	cs := m.checks[from : from+len(toks)]
	for t := range cs {
		c := &cs[t]
		if c.rule == caseAny {
			continue
		}
		text := toks[t].Text
		if c.rule == caseSlow || len(text) > 16 {
			if s := &m.surfaces[int(n.terms)+k]; !s.cases[t].fits(s.toks[t], text) {
				return false
			}
			continue
		}
		if len(text) != int(c.n) {
			return false // neither the label token nor, ASCII, in capitals
		}
		a, b := keyWords(text)
		if a == c.a && b == c.b {
			continue // the label token
		}
		if c.rule == caseUpper && upperWords(a, b) {
			continue // the label token in capitals
		}
		return false
	}
	return true
}
