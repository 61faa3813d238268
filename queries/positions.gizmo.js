// name: positions
// question: Which actor advocates or opposes which principle or instrument, on what basis, by whose account and when?
// param: actor entity optional only this actor's positions (Moscow, Russia, RU, a slug)
// param: object entity optional only positions on this principle or instrument
// column: actor entity who holds the position
// column: stance term dip:advocates or dip:opposes
// column: object entity the principle or instrument
// column: basis entity what the principle rests on (its dip:basedOn, such as the UN Charter)
// column: claimant entity who says so
// column: date date when, where the claim dates it
// column: certainty number the claim's certainty, when hedged
// column: polarity text positive, or negative when the claimant denies it
// column: quote text the sentence that says so
// column: claim node the claim
// order: actor stance object basis
var STANCES = [iri(NS.dip + "advocates"), iri(NS.dip + "opposes")];
claims().forEach(function (c) {
  if (!isIn(c.predicate, STANCES)) return;
  if (bound(params.actor) && !same(c.subject, params.actor)) return;
  if (bound(params.object) && !same(c.object, params.object)) return;
  opt(P("basedOn").out(c.object)).forEach(function (basis) {
    details(c.claim).forEach(function (d) {
      emit(merge(d, { actor: c.subject, stance: c.predicate, object: c.object, basis: basis, claim: c.claim }));
    });
  });
});
