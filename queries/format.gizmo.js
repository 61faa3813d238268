// name: format
// question: What is the full history of one format or body: every claim about it, dated, with who says so and the sentence that says it?
// param: format entity required the format or body: any name the gazetteer knows ("Kremlin-White House expert group", OEWG) or a slug
// column: date date when, where the claim dates it
// column: subject entity the claim's subject
// column: relation term the relation (dip:establishedBy, dip:terminatedBy...)
// column: object entity the claim's object
// column: claimant entity who says so
// column: certainty number the claim's certainty, when hedged
// column: polarity text positive, or negative when the claimant denies it
// column: rule text the rule or gazetteer entry that produced the claim
// column: quote text the sentence that says so
// column: document entity the document it comes from
// column: claim node the claim
// column: sentence node the sentence, a mention with offsets
// order: date relation subject object
// The claims with the format as subject or object: two index lookups.
var list = start(params.format) === null ? [] : readClaims([
  start(params.format).In(g.IRI(NS.rdf + "subject")),
  start(params.format).In(g.IRI(NS.rdf + "object"))
], true);
claimsOf(list).forEach(function (c) {
  if (!same(c.subject, params.format) && !same(c.object, params.format)) return;
  details(c.claim, true).forEach(function (d) {
    emit(merge(d, { subject: c.subject, relation: c.predicate, object: c.object, claim: c.claim }));
  });
});
