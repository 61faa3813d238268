// name: evidence
// question: Which claims and sentences stand behind one relation: who says that SUBJECT RELATION OBJECT, when, how certainly, where?
// param: subject entity required the subject: any name the gazetteer knows or a slug
// param: relation relation required one of the 17 relations: a local name (terminatedBy) or an IRI
// param: object entity required the object: any name the gazetteer knows, a slug, or a literal (Geneva)
// column: claimant entity who says so
// column: date date when, where the claim dates it
// column: certainty number the claim's certainty, when hedged
// column: polarity text positive, or negative when the claimant denies it
// column: rule text the rule or gazetteer entry that produced the claim
// column: quote text the sentence that says so
// column: document entity the document it comes from
// column: claim node the claim
// column: sentence node the sentence, a mention with offsets
// order: document date claimant
// The claims start from the subject (else the object, else the relation):
// an index lookup, where reading every claim would read them all.
var from = start(params.subject) || start(params.object) || start(params.relation);
var via = start(params.subject) ? "subject" : start(params.object) ? "object" : "predicate";
var list = from === null ? [] : readClaims([from.In(g.IRI(NS.rdf + via))], true);
claimsOf(list).forEach(function (c) {
  if (!same(c.subject, params.subject) || !same(c.predicate, params.relation) || !same(c.object, params.object)) return;
  details(c.claim, true).forEach(function (d) { emit(merge(d, { claim: c.claim })); });
});
