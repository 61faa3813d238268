package queries

import (
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// The native plans of the whole-graph saved queries: institutions and
// contradictions, following their .gizmo.js step by step.

func init() {
	nativePlans["institutions"] = planInstitutions
	nativePlans["contradictions"] = planContradictions
}

type spo struct{ s, p, o int32 }

func planInstitutions(r *nrun) error {
	classes := r.dipTerms("BilateralFormat", "IntergovernmentalBody", "InternationalOrganization")
	outRoles := [][2]string{{"partOf", "part of"}, {"establishedBy", "established by"},
		{"underAuspicesOf", "under the auspices of"}, {"basedOn", "based on"}, {"terminatedBy", "terminated by"}}
	inRoles := [][2]string{{"participatesIn", "participant"}, {"memberOf", "member"}}
	eventRoles := [][2]string{{"Suspension", "suspended by"}, {"Resumption", "resumed by"}}
	insts := r.instances(classes)

	// The ties.
	type tie struct {
		inst, cls, role int32
		spo
		other int32
	}
	var ties []tie
	instList := make([]int32, len(insts))
	for i, ic := range insts {
		instList[i] = ic[0]
	}
	for _, role := range outRoles {
		r.outsEach(instList, nsDIP+role[0])
	}
	for _, role := range inRoles {
		r.insEach(instList, nsDIP+role[0])
	}
	for _, ic := range insts {
		inst, cls := ic[0], ic[1]
		for _, role := range outRoles {
			p := r.iri(nsDIP + role[0])
			for _, other := range r.outs(inst, nsDIP+role[0]) {
				ties = append(ties, tie{inst, cls, r.str(role[1]), spo{inst, p, other}, other})
			}
		}
		for _, role := range inRoles {
			p := r.iri(nsDIP + role[0])
			for _, other := range r.insOf(inst, nsDIP+role[0]) {
				ties = append(ties, tie{inst, cls, r.str(role[1]), spo{other, p, inst}, other})
			}
		}
		if !r.tick() {
			return r.err
		}
	}

	// The claims behind each tie: the claims with an institution as
	// subject or object, read from each institution (both in one pass:
	// readIns).
	behind := map[spo][]int32{}
	ri := r.readIns(inSpec{rdfSubject, instList}, inSpec{rdfObject, instList})
	for _, c := range r.claimsOf(r.readClaims(false, ri...)) {
		k := spo{c.s, c.p, c.o}
		behind[k] = append(behind[k], c.c)
	}
	claimClass := r.iri(dipClaimClass)
	type ev struct{ claimant, date, quote int32 }
	evidenceOf := func(k spo) []ev {
		var res []ev
		for _, claim := range behind[k] {
			if !contains(r.outs(claim, rdfType), claimClass) || !contains(r.outs(claim, rdfSubject), k.s) ||
				!contains(r.outs(claim, rdfPredicate), k.p) || !contains(r.outs(claim, rdfObject), k.o) {
				continue
			}
			var quotes []int32
			for _, sent := range r.outs(claim, provDerived) {
				quotes = append(quotes, r.outs(sent, nifAnchorOf)...)
			}
			for _, claimant := range r.outs(claim, dipClaimant) {
				for _, date := range opt(r.outs(claim, dipDate)) {
					for _, q := range opt(quotes) {
						res = append(res, ev{claimant, date, q})
					}
				}
			}
		}
		if len(res) == 0 {
			return []ev{{none, none, none}}
		}
		return res
	}
	// A tie's evidence depends only on its triple: an institution of two
	// classes, or a tie read from both ends, asks for it again.
	evMemo := map[spo][]ev{}
	evidence := func(k spo) []ev {
		if res, ok := evMemo[k]; ok {
			return res
		}
		res := evidenceOf(k)
		evMemo[k] = res
		return res
	}
	for _, t := range ties {
		for _, e := range evidence(t.spo) {
			r.start()
			r.set("institution", t.inst)
			r.set("class", t.cls)
			r.set("role", t.role)
			r.set("other", t.other)
			r.set("date", e.date)
			r.set("claimant", e.claimant)
			r.set("quote", e.quote)
			r.emit()
		}
	}

	// Suspensions and resumptions.
	isInstance := map[int32][]int32{}
	for _, ic := range insts {
		isInstance[ic[0]] = append(isInstance[ic[0]], ic[1])
	}
	for _, role := range eventRoles {
		cls := r.iri(nsDIP + role[0])
		roleT := r.str(role[1])
		for _, event := range r.readEvents(r.readIn(rdfType, cls)) {
			if !contains(r.outs(event, rdfType), cls) {
				continue
			}
			for _, inst := range r.outs(event, dipPatient) {
				for _, instCls := range isInstance[inst] {
					claimants := r.claimantsOf(event)
					var quotes []int32
					for _, sent := range r.outs(event, gafDenotedBy) {
						quotes = append(quotes, r.outs(sent, nifAnchorOf)...)
					}
					for _, other := range opt(r.outs(event, dipAgent)) {
						for _, date := range opt(r.outs(event, dipDate)) {
							for _, claimant := range opt(claimants) {
								for _, q := range opt(quotes) {
									r.start()
									r.set("institution", inst)
									r.set("class", instCls)
									r.set("role", roleT)
									r.set("other", other)
									r.set("date", date)
									r.set("claimant", claimant)
									r.set("quote", q)
									r.emit()
								}
							}
						}
					}
				}
			}
		}
	}
	return r.err
}

// side is one side of a contradiction (contradictions.gizmo.js sides()).
type side struct {
	claimT
	claimant, polarity, date, quote int32
}

func planContradictions(r *nrun) error {
	agentive := r.dipTerms("establishedBy", "terminatedBy")
	responsible := r.iri(nsDIP + "responsibleFor")
	actorClasses := r.dipTerms("State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody", "Person")
	actors := map[int32]bool{}
	for _, nc := range r.instances(actorClasses) {
		actors[nc[0]] = true
	}
	sidesMemo := map[claimT][]side{}
	sides := func(c claimT) []side {
		if s, ok := sidesMemo[c]; ok {
			return s
		}
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
		sidesMemo[c] = res
		return res
	}
	var col [16]int
	for i, name := range []string{"kind", "relation", "subject_a", "object_a", "claimant_a", "date_a", "quote_a",
		"subject_b", "object_b", "claimant_b", "polarity_b", "date_b", "quote_b", "claim_a", "claim_b"} {
		col[i] = r.colIndex(name)
	}
	denialT, competingT := r.str("denial"), r.str("competing account")
	pair := func(a, b side, denial bool) {
		r.start()
		if denial {
			r.setAt(col[0], denialT)
		} else {
			r.setAt(col[0], competingT)
		}
		for i, t := range [...]int32{a.p, a.s, a.o, a.claimant, a.date, a.quote,
			b.s, b.o, b.claimant, b.polarity, b.date, b.quote, a.c, b.c} {
			r.setAt(col[i+1], t)
		}
		r.emit()
	}

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
	return r.err
}

// deniedCandidates is a superset of the node ids of the claims with one of
// the triples as subject, relation and object: for each triple, the
// subjects the object index lists (deleted or not) with an edge
// rdf:subject to its subject, rdf:predicate to its relation and
// rdf:object to its object (a relation or an object that is no IRI may be
// carried by several nodes: it is not checked). ok is false when the
// store's object index cannot list them.
func (r *nrun) deniedCandidates(triples map[spo]bool) (among map[uint64]bool, ok bool) {
	type key struct{ o, p uint64 }
	memo := map[key]map[uint64]bool{}
	listed := func(t int32, p string) (map[uint64]bool, bool) {
		k := key{r.idOf(t), r.pid(p)}
		if l, ok := memo[k]; ok {
			return l, true
		}
		subjects, _, ok, err := r.kq.InPostings(k.o, k.p)
		r.fail(err)
		if !ok {
			return nil, false
		}
		l := make(map[uint64]bool, len(subjects))
		for _, s := range subjects {
			l[s] = true
		}
		memo[k] = l
		return l, true
	}
	among = map[uint64]bool{}
	for t := range triples {
		if r.idOf(t.s) == 0 || r.idOf(t.p) == 0 && r.onlyNode(t.p) || r.idOf(t.o) == 0 && r.onlyNode(t.o) {
			continue // no claim has it
		}
		subj, ok := listed(t.s, rdfSubject)
		if !ok {
			return nil, false
		}
		var and []map[uint64]bool
		if r.onlyNode(t.p) {
			l, _ := listed(t.p, rdfPredicate)
			and = append(and, l)
		}
		if r.onlyNode(t.o) {
			l, _ := listed(t.o, rdfObject)
			and = append(and, l)
		}
	next:
		for c := range subj {
			for _, l := range and {
				if !l[c] {
					continue next
				}
			}
			among[c] = true
		}
	}
	return among, r.err == nil
}

// onlyNode reports whether t is carried by one node at most: an IRI that
// does not name a blank node (other values share a key: "x" and
// "x"^^xsd:string, numbers written two ways).
func (r *nrun) onlyNode(t int32) bool {
	if t == none {
		return false
	}
	iri, ok := r.terms[t].v.(quad.IRI)
	return ok && !strings.HasPrefix(string(iri), "_:")
}

// insAmong is insOf(o, p) of the subjects among: the distinct subjects of
// the live quads with object o and predicate p whose node ids are in
// among, in the order of the object index.
func (r *nrun) insAmong(o int32, p string, among map[uint64]bool) []int32 {
	oid, pid := r.idOf(o), r.pid(p)
	if oid == 0 || pid == 0 || r.err != nil {
		return nil
	}
	subjects, quads, _, err := r.kq.InPostings(oid, pid)
	r.fail(err)
	var ids []uint64
	for i, s := range subjects {
		if !among[s] {
			continue
		}
		live, err := r.kq.AnyLive(quads[i])
		if r.fail(err); live {
			ids = append(ids, s)
		}
	}
	r.resolve(ids)
	return r.distinct(ids)
}
