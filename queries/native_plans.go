package queries

// The native plans of the saved queries that start from one value or one
// relation (the whole-graph ones are in native_graph.go). Each follows
// its NAME.gizmo.js line by line; the comments name the step.

func init() {
	nativePlans["accusations"] = planAccusations
	nativePlans["positions"] = planPositions
	nativePlans["evidence"] = planEvidence
	nativePlans["format"] = planFormat
	nativePlans["events"] = planEvents
	nativePlans["timeline"] = planTimeline
	nativePlans["actor"] = planActor
}

func planAccusations(r *nrun) error {
	accuses, responsible := r.iri(nsDIP+"accuses"), r.iri(nsDIP+"responsibleFor")
	claims := r.readClaims(false, r.readIn(rdfPredicate, accuses, responsible))
	accuser, accused := r.param("accuser"), r.param("accused")
	type kase struct{ accuser, accused, charge int32 }
	for _, c := range r.claimsOf(claims) {
		var cases []kase
		if c.p == accuses {
			cases = append(cases, kase{c.s, c.o, none})
		} else if c.p == responsible {
			for _, claimant := range r.outs(c.c, dipClaimant) {
				cases = append(cases, kase{claimant, c.s, c.o})
			}
		}
		for _, k := range cases {
			if accuser != none && k.accuser != accuser || accused != none && k.accused != accused {
				continue
			}
			for _, d := range r.details(c.c, false) {
				r.start()
				r.setDetails(d)
				r.set("accuser", k.accuser)
				r.set("accused", k.accused)
				r.set("charge", k.charge)
				r.set("claim", c.c)
				r.emit()
			}
		}
	}
	return r.err
}

func planPositions(r *nrun) error {
	stances := r.dipTerms("advocates", "opposes")
	actor, object := r.param("actor"), r.param("object")
	var from [][]int32
	switch {
	case actor != none:
		from = [][]int32{r.readIn(rdfSubject, actor)}
	case object != none:
		from = [][]int32{r.readIn(rdfObject, object)}
	default:
		from = [][]int32{r.readIn(rdfPredicate, stances...)}
	}
	claims := r.readClaims(false, from...)
	for _, c := range r.claimsOf(claims) {
		if !contains(stances, c.p) || actor != none && c.s != actor || object != none && c.o != object {
			continue
		}
		ds := r.details(c.c, false)
		for _, basis := range opt(r.outs(c.o, nsDIP+"basedOn")) {
			for _, d := range ds {
				r.start()
				r.setDetails(d)
				r.set("actor", c.s)
				r.set("stance", c.p)
				r.set("object", c.o)
				r.set("basis", basis)
				r.set("claim", c.c)
				r.emit()
			}
		}
	}
	return r.err
}

func planEvidence(r *nrun) error {
	subject, relation, object := r.param("subject"), r.param("relation"), r.param("object")
	var from []int32
	switch {
	case subject != none:
		from = r.readIn(rdfSubject, subject)
	case object != none:
		from = r.readIn(rdfObject, object)
	case relation != none:
		from = r.readIn(rdfPredicate, relation)
	}
	for _, c := range r.claimsOf(r.readClaims(true, from)) {
		if subject == none || c.s != subject || relation == none || c.p != relation || object == none || c.o != object {
			continue
		}
		for _, d := range r.details(c.c, true) {
			r.start()
			r.setDetails(d)
			r.set("claim", c.c)
			r.emit()
		}
	}
	return r.err
}

func planFormat(r *nrun) error {
	format := r.param("format")
	if format == none {
		return r.err
	}
	claims := r.readClaims(true, r.readIn(rdfSubject, format), r.readIn(rdfObject, format))
	for _, c := range r.claimsOf(claims) {
		if c.s != format && c.o != format {
			continue
		}
		for _, d := range r.details(c.c, true) {
			r.start()
			r.setDetails(d)
			r.set("subject", c.s)
			r.set("relation", c.p)
			r.set("object", c.o)
			r.set("claim", c.c)
			r.emit()
		}
	}
	return r.err
}

// eventPaths are the events of events and timeline: from the actor (as
// agent and as patient), else from one node by a predicate, else from
// every event class.
func (r *nrun) eventPaths(actor, from int32, via string) []int32 {
	switch {
	case actor != none:
		return r.readEvents(r.readIn(dipAgent, actor), r.readIn(dipPatient, actor))
	case from != none:
		return r.readEvents(r.readIn(via, from))
	}
	return r.readEvents(r.readIn(rdfType, r.dipTerms(eventClasses...)...))
}

func planEvents(r *nrun) error {
	typ, actor, from, to := r.param("type"), r.param("actor"), r.param("from"), r.param("to")
	list := r.eventPaths(actor, typ, rdfType)
	type account struct{ claimant, certainty int32 }
	for _, ec := range r.eventsOf(list) {
		event, cls := ec[0], ec[1]
		if typ != none && cls != typ {
			continue
		}
		for _, agent := range opt(r.outs(event, dipAgent)) {
			for _, patient := range opt(r.outs(event, dipPatient)) {
				if actor != none && agent != actor && patient != actor {
					continue
				}
				for _, date := range opt(r.outs(event, dipDate)) {
					if !r.inRange(date, from, to) {
						continue
					}
					var accounts []account
					for _, claim := range r.outs(event, provDerived) {
						for _, claimant := range r.outs(claim, dipClaimant) {
							for _, cert := range opt(r.outs(claim, dipCertainty)) {
								accounts = append(accounts, account{claimant, cert})
							}
						}
					}
					if len(accounts) == 0 {
						accounts = append(accounts, account{none, none})
					}
					for _, s := range r.sentences(event, gafDenotedBy, false) {
						for _, a := range accounts {
							r.start()
							r.set("date", date)
							r.set("class", cls)
							r.set("agent", agent)
							r.set("patient", patient)
							r.set("claimant", a.claimant)
							r.set("certainty", a.certainty)
							r.set("quote", s.quote)
							r.set("event", event)
							r.set("sentence", s.sentence)
							r.emit()
						}
					}
				}
			}
		}
	}
	return r.err
}

func planTimeline(r *nrun) error {
	actor, format := r.param("actor"), r.param("format")
	list := r.eventPaths(actor, format, dipPatient)
	for _, ec := range r.eventsOf(list) {
		event, cls := ec[0], ec[1]
		for _, date := range r.outs(event, dipDate) {
			for _, agent := range opt(r.outs(event, dipAgent)) {
				for _, patient := range opt(r.outs(event, dipPatient)) {
					if actor != none && agent != actor && patient != actor || format != none && patient != format {
						continue
					}
					claimants := r.claimantsOf(event)
					for _, s := range r.sentences(event, gafDenotedBy, false) {
						for _, claimant := range opt(claimants) {
							r.start()
							r.set("date", date)
							r.set("precision", r.precision(date))
							r.set("class", cls)
							r.set("agent", agent)
							r.set("patient", patient)
							r.set("claimant", claimant)
							r.set("quote", s.quote)
							r.set("event", event)
							r.set("sentence", s.sentence)
							r.emit()
						}
					}
				}
			}
		}
	}
	return r.err
}

func planActor(r *nrun) error {
	actor := r.param("actor")
	// Names and types.
	for _, p := range []string{rdfType, nsSKOS + "prefLabel", nsSKOS + "altLabel", nsOWL + "sameAs"} {
		for _, o := range r.outs(actor, p) {
			r.start()
			r.set("aspect", r.str("identity"))
			r.set("subject", actor)
			r.set("relation", r.iri(p))
			r.set("object", o)
			r.emit()
		}
	}
	// Claims about the actor, and claims it makes.
	claims := r.readClaims(false, r.readIn(rdfSubject, actor), r.readIn(rdfObject, actor), r.readIn(dipClaimant, actor))
	for _, c := range r.claimsOf(claims) {
		var aspects []string
		if actor != none && c.s == actor {
			aspects = append(aspects, "relation out")
		}
		if actor != none && c.o == actor {
			aspects = append(aspects, "relation in")
		}
		if actor != none && contains(r.outs(c.c, dipClaimant), actor) {
			aspects = append(aspects, "says")
		}
		if len(aspects) == 0 {
			continue
		}
		sents := r.sentences(c.c, provDerived, false)
		for _, aspect := range aspects {
			claimants := []int32{actor}
			if aspect != "says" {
				claimants = opt(r.outs(c.c, dipClaimant))
			}
			for _, claimant := range claimants {
				for _, date := range opt(r.outs(c.c, dipDate)) {
					for _, s := range sents {
						r.start()
						r.set("aspect", r.str(aspect))
						r.set("subject", c.s)
						r.set("relation", c.p)
						r.set("object", c.o)
						r.set("date", date)
						r.set("claimant", claimant)
						r.set("quote", s.quote)
						r.set("node", c.c)
						r.emit()
					}
				}
			}
		}
	}
	// Events with the actor as agent or patient.
	events := r.readEvents(r.readIn(dipAgent, actor), r.readIn(dipPatient, actor))
	for _, ec := range r.eventsOf(events) {
		event, cls := ec[0], ec[1]
		if actor == none || !contains(r.outs(event, dipAgent), actor) && !contains(r.outs(event, dipPatient), actor) {
			continue
		}
		claimants := r.claimantsOf(event)
		sents := r.sentences(event, gafDenotedBy, false)
		for _, agent := range opt(r.outs(event, dipAgent)) {
			for _, patient := range opt(r.outs(event, dipPatient)) {
				for _, date := range opt(r.outs(event, dipDate)) {
					for _, claimant := range opt(claimants) {
						for _, s := range sents {
							r.start()
							r.set("aspect", r.str("event"))
							r.set("subject", agent)
							r.set("relation", cls)
							r.set("object", patient)
							r.set("date", date)
							r.set("claimant", claimant)
							r.set("quote", s.quote)
							r.set("node", event)
							r.emit()
						}
					}
				}
			}
		}
	}
	return r.err
}
