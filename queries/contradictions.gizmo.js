// name: contradictions
// question: Where do claims contradict each other? A denial: the same triple asserted by one claim and denied (dip:polarity "negative") by another. A competing account: two claimants each naming a different actor (a state, agency, organisation, body or person) for the same single-actor fact: who established or terminated X (same subject, establishedBy or terminatedBy, different objects), or who is responsible for X (same object, responsibleFor, different subjects).
// column: kind text denial, or competing account
// column: relation term the relation both claims are about
// column: subject_a entity claim A's subject (A asserts; in a denial, B denies)
// column: object_a entity claim A's object
// column: claimant_a entity who says A
// column: date_a date when, where claim A dates it
// column: quote_a text the sentence of claim A
// column: subject_b entity claim B's subject
// column: object_b entity claim B's object
// column: claimant_b entity who says B
// column: polarity_b text positive or negative: B's polarity (A's is positive)
// column: date_b date when, where claim B dates it
// column: quote_b text the sentence of claim B
// column: claim_a node claim A
// column: claim_b node claim B
// order: relation kind subject_a object_a subject_b object_b
var AGENTIVE = [iri(NS.dip + "establishedBy"), iri(NS.dip + "terminatedBy")];
var RESPONSIBLE = iri(NS.dip + "responsibleFor");
var ACTOR_CLASSES = ["State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody", "Person"]
  .map(function (n) { return iri(NS.dip + n); });

// isActor is EXISTS { ?v rdf:type ?t . FILTER(?t IN (actor classes)) }.
var ACTORS = {};
instances(ACTOR_CLASSES).forEach(function (nc) { ACTORS[key(nc[0])] = true; });
function isActor(v) { return ACTORS[key(v)] === true; }

// One side of a pair: claimant (required), polarity, date and quote, as
//   ?claim dip:claimant ?claimant .
//   OPTIONAL { ?claim dip:polarity ?pol } BIND(COALESCE(?pol, "positive") AS ?polarity)
//   OPTIONAL { ?claim dip:date ?date }
//   OPTIONAL { ?claim prov:wasDerivedFrom ?sentence . OPTIONAL { ?sentence nif:anchorOf ?quote } }
function sides(c) {
  var out = [];
  var sents = sentences(c.claim, index(NS.prov + "wasDerivedFrom"));
  P("claimant").out(c.claim).forEach(function (claimant) {
    opt(P("polarity").out(c.claim)).forEach(function (pol) {
      opt(P("date").out(c.claim)).forEach(function (date) {
        sents.forEach(function (s) {
          out.push({ claim: c, claimant: claimant, polarity: bound(pol) ? pol : "positive", date: date, quote: s.quote });
        });
      });
    });
  });
  return out;
}

var byRelation = {};
claims().forEach(function (c) {
  var k = key(c.predicate);
  (byRelation[k] = byRelation[k] || []).push(c);
});

Object.keys(byRelation).forEach(function (k) {
  var list = byRelation[k], all = [];
  list.forEach(function (c) { sides(c).forEach(function (s) { all.push(s); }); });
  all.forEach(function (a) {
    all.forEach(function (b) {
      var ca = a.claim, cb = b.claim, rel = ca.predicate;
      var pa = lex(a.polarity), pb = lex(b.polarity);
      var denial = same(ca.subject, cb.subject) && same(ca.object, cb.object) && pa === "positive" && pb === "negative";
      var competing = lex(ca.claim) < lex(cb.claim) && pa === "positive" && pb === "positive" &&
        !same(a.claimant, b.claimant) &&
        ((isIn(rel, AGENTIVE) && same(ca.subject, cb.subject) && !same(ca.object, cb.object) &&
          isActor(ca.object) && isActor(cb.object)) ||
         (same(rel, RESPONSIBLE) && same(ca.object, cb.object) && !same(ca.subject, cb.subject) &&
          isActor(ca.subject) && isActor(cb.subject)));
      if (!denial && !competing) return;
      emit({
        kind: denial ? "denial" : "competing account", relation: rel,
        subject_a: ca.subject, object_a: ca.object, claimant_a: a.claimant, date_a: a.date, quote_a: a.quote,
        subject_b: cb.subject, object_b: cb.object, claimant_b: b.claimant, polarity_b: b.polarity,
        date_b: b.date, quote_b: b.quote, claim_a: ca.claim, claim_b: cb.claim
      });
    });
  });
});
