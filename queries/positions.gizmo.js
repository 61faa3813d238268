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
var STANCES = [iri(dip("advocates")), iri(dip("opposes"))];
// The claims start from the actor (as subject), else the object, else the
// two relations.
var FROM;
if (bound(params.actor)) FROM = [start(params.actor).In(g.IRI(NS.rdf + "subject"))];
else if (bound(params.object)) FROM = [start(params.object).In(g.IRI(NS.rdf + "object"))];
else FROM = STANCES.map(function (s) { return start(s).In(g.IRI(NS.rdf + "predicate")); });
var CLAIMS = readClaims(FROM, false);
claimsOf(CLAIMS).forEach(function (c) {
  if (!isIn(c.predicate, STANCES)) return;
  if (bound(params.actor) && !same(c.subject, params.actor)) return;
  if (bound(params.object) && !same(c.object, params.object)) return;
  var ds = details(c.claim, false);
  opt(out(c.object, dip("basedOn"))).forEach(function (basis) {
    ds.forEach(function (d) {
      emit({ actor: c.subject, stance: c.predicate, object: c.object, basis: basis, claim: c.claim,
        claimant: d.claimant, date: d.date, certainty: d.certainty, polarity: d.polarity, quote: d.quote });
    });
  });
});
