package queries

import (
	"strings"

	"github.com/cayleygraph/quad"
)

// The native plan of institutions, following institutions.gizmo.js step
// by step (contradictions, the other whole-graph query, is in
// native_contradictions.go; the denial candidates' helpers are here).

func init() {
	nativePlans["institutions"] = planInstitutions
}

type spo struct{ s, p, o int32 }

func planInstitutions(r *nrun) error {
	classes := r.dipTerms("BilateralFormat", "IntergovernmentalBody", "InternationalOrganization")
	outRoles := [][2]string{{"partOf", "part of"}, {"establishedBy", "established by"},
		{"underAuspicesOf", "under the auspices of"}, {"basedOn", "based on"}, {"terminatedBy", "terminated by"}}
	inRoles := [][2]string{{"participatesIn", "participant"}, {"memberOf", "member"}}
	eventRoles := [][2]string{{"Suspension", "suspended by"}, {"Resumption", "resumed by"}}
	insts := r.instances(classes)

	// The ties, read on a run of their own side by side with the claims
	// behind them (fork), then made this run's terms (adopt).
	type tie struct {
		inst, cls, role int32
		spo
		other int32
	}
	instList := make([]int32, len(insts))
	instTerms := make([][2]term, len(insts))
	for i, ic := range insts {
		instList[i] = ic[0]
		instTerms[i] = [2]term{r.terms[ic[0]], r.terms[ic[1]]}
	}
	var forkTerms []term // the fork's terms, and its ties in them
	var forkTies [][7]int32
	join := r.fork(func(f *nrun) {
		list := make([]int32, len(instTerms))
		for i, ic := range instTerms {
			list[i] = f.adopt(ic[0])
		}
		for _, role := range outRoles {
			f.outsEach(list, nsDIP+role[0])
		}
		for _, role := range inRoles {
			f.insEach(list, nsDIP+role[0])
		}
		for i, ic := range instTerms {
			inst, cls := list[i], f.adopt(ic[1])
			for _, role := range outRoles {
				p := f.iri(nsDIP + role[0])
				for _, other := range f.outs(inst, nsDIP+role[0]) {
					forkTies = append(forkTies, [7]int32{inst, cls, f.str(role[1]), inst, p, other, other})
				}
			}
			for _, role := range inRoles {
				p := f.iri(nsDIP + role[0])
				for _, other := range f.insOf(inst, nsDIP+role[0]) {
					forkTies = append(forkTies, [7]int32{inst, cls, f.str(role[1]), other, p, inst, other})
				}
			}
			if !f.tick() {
				return
			}
		}
		forkTerms = f.terms
	})
	defer join()

	// The claims behind each tie: the claims with an institution as
	// subject or object, read from each institution (both in one pass:
	// readIns).
	behind := map[spo][]int32{}
	ri := r.readIns(inSpec{rdfSubject, instList}, inSpec{rdfObject, instList})
	for _, c := range r.claimsOf(r.readClaims(false, ri...)) {
		k := spo{c.s, c.p, c.o}
		behind[k] = append(behind[k], c.c)
	}
	join()
	if r.err != nil {
		return r.err
	}
	ties := make([]tie, len(forkTies))
	adopted := make([]int32, len(forkTerms))
	for i := range adopted {
		adopted[i] = none
	}
	adopt := func(t int32) int32 {
		if adopted[t] == none {
			adopted[t] = r.adopt(forkTerms[t])
		}
		return adopted[t]
	}
	for i, ft := range forkTies {
		ties[i] = tie{adopt(ft[0]), adopt(ft[1]), adopt(ft[2]), spo{adopt(ft[3]), adopt(ft[4]), adopt(ft[5])}, adopt(ft[6])}
	}
	type ev struct{ claimant, date, quote int32 }
	evidenceOf := func(k spo) []ev {
		var res []ev
		// The claims behind k are dip:Claims with k's subject, relation
		// and object (claimsOf made k from them): the checks of
		// institutions.gizmo.js's evidence() hold for each.
		for _, claim := range behind[k] {
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
	var col [7]int // the columns, by index
	for i, name := range []string{"institution", "class", "role", "other", "date", "claimant", "quote"} {
		col[i] = r.colIndex(name)
	}
	for _, t := range ties {
		for _, e := range evidence(t.spo) {
			r.start()
			for i, v := range [7]int32{t.inst, t.cls, t.role, t.other, e.date, e.claimant, e.quote} {
				r.setAt(col[i], v)
			}
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
