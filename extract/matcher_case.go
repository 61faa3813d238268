package extract

// The matcher's case rules in a compact form. A label token's rule is
// kept in the node's checks with the token itself, and its capitals when
// the rule takes them, as words of eight bytes (keyWords): comparing a
// text token of up to sixteen bytes with them is comparing two words,
// instead of reading the surface's own slices and strings (several cache
// misses for every name found). Longer tokens are left to labelCase.fits.

// caseSlow marks a label token whose rule the compact form cannot apply.
const caseSlow = caseUpper + 1

// caseCheck is one label token's case rule.
type caseCheck struct {
	a, b   uint64 // keyWords of the label token
	ua, ub uint64 // keyWords of the token in capitals (caseUpper)
	rule   uint8  // caseAny, caseExact, caseUpper or caseSlow
	n, un  uint8  // the lengths of the token and of its capitals
}

// newCaseCheck is the check of the label token text with rule c.
func newCaseCheck(text string, c labelCase) caseCheck {
	if c.rule == caseAny {
		return caseCheck{rule: caseAny}
	}
	if len(text) > 16 || len(c.upper) > 16 {
		return caseCheck{rule: caseSlow}
	}
	k := caseCheck{rule: c.rule, n: uint8(len(text))}
	k.a, k.b = keyWords(text)
	if c.rule == caseUpper {
		k.un = uint8(len(c.upper))
		k.ua, k.ub = keyWords(c.upper)
	}
	return k
}

// setChecks makes the checks of n's surfaces (finish).
func (n *trieNode) setChecks() {
	n.checks = nil
	if len(n.terms) == 0 || n.anyCase {
		return
	}
	d := int(n.depth)
	n.checks = make([]caseCheck, 0, len(n.terms)*d)
	for _, t := range n.terms {
		for k := range d {
			n.checks = append(n.checks, newCaseCheck(t.toks[k], t.cases[k]))
		}
	}
}

// fit is fitting(n.terms, toks): the surfaces whose case rule accepts the
// text tokens, toks the n.depth tokens that led to n.
func (n *trieNode) fit(toks []Token) []surface {
	for k := range n.terms {
		if !n.fits(k, toks) {
			out := append([]surface(nil), n.terms[:k]...)
			for k++; k < len(n.terms); k++ {
				if n.fits(k, toks) {
					out = append(out, n.terms[k])
				}
			}
			return out
		}
	}
	return n.terms[:len(n.terms):len(n.terms)]
}

// fits is n.terms[k].fits(toks), from the compact checks.
func (n *trieNode) fits(k int, toks []Token) bool {
	cs := n.checks[k*len(toks) : (k+1)*len(toks)]
	for t := range cs {
		c := &cs[t]
		if c.rule == caseAny {
			continue
		}
		text := toks[t].Text
		if c.rule == caseSlow || len(text) > 16 {
			if s := &n.terms[k]; !s.cases[t].fits(s.toks[t], text) {
				return false
			}
			continue
		}
		a, b := keyWords(text)
		if len(text) == int(c.n) && a == c.a && b == c.b {
			continue // the label token
		}
		if c.rule == caseUpper && len(text) == int(c.un) && a == c.ua && b == c.ub {
			continue // the label token in capitals
		}
		return false
	}
	return true
}
