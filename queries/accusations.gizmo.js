// name: accusations
// question: Who accuses whom, of what, by whose account, how certainly, and in which words? (A claim that X is responsible for Y counts as the claimant accusing X of Y.)
// param: accuser entity optional only accusations by this actor (Moscow, Russia, RU, a slug)
// param: accused entity optional only accusations against this actor
// column: accuser entity who accuses: the subject of dip:accuses, or the claimant of dip:responsibleFor
// column: accused entity who is accused
// column: charge entity what the accused is held responsible for (dip:responsibleFor), if said
// column: claimant entity who says so
// column: certainty number the claim's certainty, when hedged
// column: polarity text positive, or negative when the claimant denies it
// column: date date when, where the claim dates it
// column: quote text the sentence that says so
// column: claim node the claim
// order: accuser accused charge
var ACCUSES = iri(dip("accuses")), RESPONSIBLE = iri(dip("responsibleFor"));
// The claims of the two relations, from the relations.
var CLAIMS = readClaims([start(ACCUSES).In(g.IRI(NS.rdf + "predicate")), start(RESPONSIBLE).In(g.IRI(NS.rdf + "predicate"))], false);
claimsOf(CLAIMS).forEach(function (c) {
  var cases = [];
  if (same(c.predicate, ACCUSES)) {
    cases.push({ accuser: c.subject, accused: c.object, charge: null });
  } else if (same(c.predicate, RESPONSIBLE)) {
    out(c.claim, dip("claimant")).forEach(function (claimant) {
      cases.push({ accuser: claimant, accused: c.subject, charge: c.object });
    });
  }
  cases.forEach(function (k) {
    if (bound(params.accuser) && !same(k.accuser, params.accuser)) return;
    if (bound(params.accused) && !same(k.accused, params.accused)) return;
    details(c.claim, false).forEach(function (d) { emit(merge(d, k, { claim: c.claim })); });
  });
});
