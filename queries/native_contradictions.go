package queries

import "slices"

// The native plan of contradictions, following contradictions.gizmo.js
// step by step.

func init() {
	nativePlans["contradictions"] = planContradictions
}

// side is one side of a contradiction (contradictions.gizmo.js sides()).
type side struct {
	claimT
	claimant, polarity, date, quote int32
}

func planContradictions(r *nrun) error {
	// The denials are read and emitted on a run of their own, side by side
	// with the competing accounts (fork): a row's kind, a sort key, sets a
	// denial apart from every competing account, so the order in which
	// the two come changes no row and no row's place.
	join := r.fork(func(f *nrun) { f.denials(newPairer(f)) })
	defer join()
	agentive := r.dipTerms("establishedBy", "terminatedBy")
	responsible := r.iri(nsDIP + "responsibleFor")
	actorClasses := r.dipTerms("State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody", "Person")
	actors := map[int32]bool{}
	for _, nc := range r.instances(actorClasses) {
		actors[nc[0]] = true
	}
	pr := newPairer(r)
	sides, pair := pr.sides, pr.pair

	// Competing accounts: the claims of the three relations, grouped by
	// the shared end.
	type groupKey struct{ p, end int32 }
	groups := map[groupKey][]claimT{}
	var order []groupKey
	competing := r.readClaims(false, r.readIn(rdfPredicate, append(append([]int32(nil), agentive...), responsible)...))
	for _, c := range r.claimsOf(competing) {
		isAgentive := contains(agentive, c.p)
		if !isAgentive && c.p != responsible {
			continue
		}
		k := groupKey{c.p, c.o}
		if isAgentive {
			k.end = c.s
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], c)
	}
	isActorT := make([]bool, len(r.terms))
	for t := range actors {
		isActorT[t] = true
	}
	isActor := func(t int32) bool { return t != none && int(t) < len(isActorT) && isActorT[t] }
	var byLex []int
	for _, k := range order {
		var all []side
		var claimLex []string // lex(claim) of each side of all
		for _, c := range groups[k] {
			for _, s := range sides(c) {
				if r.lex(s.polarity) == positiveString {
					all = append(all, s)
					claimLex = append(claimLex, r.lex(s.c))
				}
			}
		}
		// lexRank[i] < lexRank[j] exactly when claimLex[i] < claimLex[j]
		// (JavaScript's order): ranks of the sorted claims' texts.
		byLex = byLex[:0]
		for i := range all {
			byLex = append(byLex, i)
		}
		slices.SortFunc(byLex, func(i, j int) int {
			switch {
			case jsLess(claimLex[i], claimLex[j]):
				return -1
			case jsLess(claimLex[j], claimLex[i]):
				return 1
			}
			return 0
		})
		lexRank := make([]int32, len(all))
		for n, i := range byLex {
			lexRank[i] = int32(n)
			if n > 0 && !jsLess(claimLex[byLex[n-1]], claimLex[i]) {
				lexRank[i] = lexRank[byLex[n-1]]
			}
		}
		for i, a := range all {
			isAgentive := contains(agentive, a.p)
			if isAgentive && !isActor(a.o) || !isAgentive && !isActor(a.s) {
				continue
			}
			for j, b := range all {
				if !r.tick() {
					return r.err
				}
				if a.claimant == b.claimant || lexRank[i] >= lexRank[j] {
					continue
				}
				if isAgentive && (a.o == b.o || !isActor(b.o)) || !isAgentive && (a.s == b.s || !isActor(b.s)) {
					continue
				}
				pair(a, b, false)
			}
		}
	}
	join()
	return r.err
}

// pairer makes contradictions' rows on a run: the sides of claims (each
// claim's made once) and the row of a pair.
type pairer struct {
	r                   *nrun
	memo                map[claimT][]side
	col                 [16]int
	all                 bool // col names every column of the row once
	inOrder             bool // ... in the row's order
	denialT, competingT int32
}

var pairColumns = []string{"kind", "relation", "subject_a", "object_a", "claimant_a", "date_a", "quote_a",
	"subject_b", "object_b", "claimant_b", "polarity_b", "date_b", "quote_b", "claim_a", "claim_b"}

func newPairer(r *nrun) *pairer {
	p := &pairer{r: r, memo: map[claimT][]side{}, denialT: r.str("denial"), competingT: r.str("competing account")}
	seen := map[int]bool{}
	for i, name := range pairColumns {
		p.col[i] = r.colIndex(name)
		seen[p.col[i]] = true
	}
	p.all = len(pairColumns) == len(r.row) && len(seen) == len(r.row) && !seen[-1]
	p.inOrder = p.all
	for i := range pairColumns {
		p.inOrder = p.inOrder && p.col[i] == i
	}
	return p
}

// sides is contradictions.gizmo.js sides(c).
func (p *pairer) sides(c claimT) []side {
	if s, ok := p.memo[c]; ok {
		return s
	}
	r := p.r
	var res []side
	sents := r.sentences(c.c, provDerived, false)
	for _, claimant := range r.outs(c.c, dipClaimant) {
		for _, pol := range opt(r.outs(c.c, dipPolarity)) {
			for _, date := range opt(r.outs(c.c, dipDate)) {
				for _, s := range sents {
					res = append(res, side{c, claimant, r.polarity(pol), date, s.quote})
				}
			}
		}
	}
	p.memo[c] = res
	return res
}

// pair emits the row of sides a and b (written in place when the pair's
// columns are the row's: 233k rows).
func (p *pairer) pair(a, b side, denial bool) {
	r := p.r
	kind := p.competingT
	if denial {
		kind = p.denialT
	}
	cells := [...]int32{kind, a.p, a.s, a.o, a.claimant, a.date, a.quote,
		b.s, b.o, b.claimant, b.polarity, b.date, b.quote, a.c, b.c}
	if p.all {
		row := r.emitCells()
		if p.inOrder {
			copy(row, cells[:])
			return
		}
		for i, t := range cells {
			row[p.col[i]] = t
		}
		return
	}
	r.start()
	for i, t := range cells {
		r.setAt(p.col[i], t)
	}
	r.emit()
}

// denials emits contradictions' denials.
func (r *nrun) denials(pr *pairer) {
	sides, pair := pr.sides, pr.pair
	// Denials: B, the claims with a "negative" polarity.
	negative, isNegative := []int32{}, map[int32]bool{}
	addNegative := func(c, pol int32) {
		if r.lex(pol) != "negative" || isNegative[c] {
			return
		}
		isNegative[c] = true
		negative = append(negative, c)
	}
	claimClass := r.iri(dipClaimClass)
	if r.kq.HasPredicateIndex() {
		type so struct{ s, o uint64 }
		var list []so
		r.fail(r.kq.Predicate(r.pid(dipPolarity), func(s, o uint64) error { list = append(list, so{s, o}); return nil }))
		for _, x := range list {
			c, pol := r.node(x.s), r.node(x.o)
			if c != none && pol != none && r.lex(pol) == "negative" && contains(r.outs(c, rdfType), claimClass) {
				addNegative(c, pol)
			}
		}
	} else if cid := r.idOf(claimClass); cid != 0 {
		// Every claim's polarities, without decoding the claims: one pass
		// over the subject index. Whether a claim's rdf:type quad is live
		// is read only for the claims with a polarity.
		claims, typeQuads, ok, err := r.kq.InPostings(cid, r.pid(rdfType))
		r.fail(err)
		if !ok {
			claims, err = r.kq.InIDs(cid, r.pid(rdfType))
			r.fail(err)
		}
		type so struct{ s, o uint64 }
		var list []so
		r.fail(r.kq.OutEach(claims, r.pid(dipPolarity), func(s, o uint64) error { list = append(list, so{s, o}); return nil }))
		for _, x := range list {
			if ok {
				var quads []uint64
				if i, found := slices.BinarySearch(claims, x.s); found {
					quads = typeQuads[i]
				}
				live, err := r.kq.AnyLive(quads)
				if r.fail(err); !live {
					continue
				}
			}
			if c, pol := r.node(x.s), r.node(x.o); c != none && pol != none {
				addNegative(c, pol)
			}
		}
	}
	r.readNodes(negative)
	triples := map[spo]bool{}
	var subjects []int32
	for _, b := range r.claimsOf(negative) {
		triples[spo{b.s, b.p, b.o}] = true
		subjects = append(subjects, b.s)
	}
	// A: the claims with B's subject, relation and object, among the
	// claims with B's subject (their relation and object read, then all
	// of those that match). The claims with B's subject are read from the
	// object index only where they could match: where the index lists
	// them with one of B's triples (deniedCandidates).
	var denied []int32
	isDenied := map[int32]bool{}
	subs := nodesOf(subjects)
	var cands []int32
	var candsOf [][]int32
	if among, ok := r.deniedCandidates(triples); ok {
		for _, s := range subs {
			l := r.insAmong(s, rdfSubject, among)
			candsOf = append(candsOf, l)
			cands = append(cands, l...)
		}
	} else {
		r.insEach(subs, rdfSubject)
		for _, s := range subs {
			l := r.insOf(s, rdfSubject)
			candsOf = append(candsOf, l)
			cands = append(cands, l...)
		}
	}
	r.outsEach(cands, rdfPredicate)
	r.outsEach(cands, rdfObject)
	for i, s := range subs {
		for _, c := range candsOf[i] {
			if isDenied[c] {
				continue
			}
			for _, p := range r.outs(c, rdfPredicate) {
				for _, o := range r.outs(c, rdfObject) {
					if !isDenied[c] && triples[spo{s, p, o}] {
						isDenied[c] = true
						denied = append(denied, c)
					}
				}
			}
		}
	}
	deniedClaims := r.claimsOf(denied)
	for _, cb := range r.claimsOf(negative) {
		for _, b := range sides(cb) {
			if r.lex(b.polarity) != "negative" {
				continue
			}
			for _, ca := range deniedClaims {
				if ca.p != cb.p || ca.s != cb.s || ca.o != cb.o {
					continue
				}
				for _, a := range sides(ca) {
					if r.lex(a.polarity) == positiveString {
						pair(a, b, true)
					}
				}
			}
		}
	}
}
