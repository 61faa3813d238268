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
var AGENTIVE = [iri(dip("establishedBy")), iri(dip("terminatedBy"))];
var RESPONSIBLE = iri(dip("responsibleFor"));
var ACTOR_CLASSES = ["State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody", "Person"]
  .map(function (n) { return iri(dip(n)); });

// isActor is EXISTS { ?v rdf:type ?t . FILTER(?t IN (actor classes)) }.
var ACTORS = {};
instances(ACTOR_CLASSES).forEach(function (nc) { ACTORS[key(nc[0])] = true; });
function isActor(v) { return ACTORS[key(v)] === true; }

// One side of a pair: claimant (required), polarity, date and quote, as
//   ?claim dip:claimant ?claimant .
//   OPTIONAL { ?claim dip:polarity ?pol } BIND(COALESCE(?pol, "positive") AS ?polarity)
//   OPTIONAL { ?claim dip:date ?date }
//   OPTIONAL { ?claim prov:wasDerivedFrom ?sentence . OPTIONAL { ?sentence nif:anchorOf ?quote } }
var SIDES = {};
function sides(c) {
  var k = key(c.claim) + "\u0001" + key(c.subject) + "\u0001" + key(c.predicate) + "\u0001" + key(c.object);
  if (SIDES[k]) return SIDES[k];
  var res = [];
  var sents = sentences(c.claim, NS.prov + "wasDerivedFrom", false);
  out(c.claim, dip("claimant")).forEach(function (claimant) {
    opt(out(c.claim, dip("polarity"))).forEach(function (pol) {
      opt(out(c.claim, dip("date"))).forEach(function (date) {
        sents.forEach(function (s) {
          res.push({ claim: c, claimant: claimant, polarity: bound(pol) ? pol : "positive", date: date, quote: s.quote });
        });
      });
    });
  });
  SIDES[k] = res;
  return res;
}

function pair(a, b, denial) {
  var ca = a.claim, cb = b.claim;
  emit({
    kind: denial ? "denial" : "competing account", relation: ca.predicate,
    subject_a: ca.subject, object_a: ca.object, claimant_a: a.claimant, date_a: a.date, quote_a: a.quote,
    subject_b: cb.subject, object_b: cb.object, claimant_b: b.claimant, polarity_b: b.polarity,
    date_b: b.date, quote_b: b.quote, claim_a: ca.claim, claim_b: cb.claim
  });
}

// Denials. B: a claim with a polarity whose text is "negative": read from
// the polarity relation (the predicate index), else from every claim (the
// polarity of each, one index lookup per claim). A: a claim with B's
// subject, relation and object, among the claims with B's subject (their
// relation and object read first, then all of those that match).
var NEGATIVE = [], IS_NEGATIVE = {};
function negative(c, pol) {
  if (lex(pol) !== "negative" || IS_NEGATIVE[key(c)]) return;
  IS_NEGATIVE[key(c)] = true;
  NEGATIVE.push(c);
}
if (PREDICATE_INDEX) {
  relation(dip("polarity")).ForEach(function (t) {
    var c = nat(t.s), pol = nat(t.o);
    if (lex(pol) === "negative" && isIn(iri(dip("Claim")), out(c, RDF_TYPE))) negative(c, pol);
  });
} else {
  start(iri(dip("Claim"))).In(g.IRI(RDF_TYPE)).Unique().Tag("s").Out(g.IRI(dip("polarity"))).Tag("o")
    .ForEach(function (t) { negative(nat(t.s), nat(t.o)); });
}
readNodes(NEGATIVE);
var TRIPLES = {}, SUBJECTS = [];
claimsOf(NEGATIVE).forEach(function (b) {
  TRIPLES[key(b.subject) + "\u0001" + key(b.predicate) + "\u0001" + key(b.object)] = true;
  SUBJECTS.push(b.subject);
});
var DENIED = [], IS_DENIED = {};
SUBJECTS.forEach(function (s) {
  var cands = ins(s, NS.rdf + "subject");
  read(start(s).In(g.IRI(NS.rdf + "subject")), [NS.rdf + "predicate", NS.rdf + "object"], cands);
  cands.forEach(function (c) {
    if (IS_DENIED[key(c)]) return;
    out(c, NS.rdf + "predicate").forEach(function (p) {
      out(c, NS.rdf + "object").forEach(function (o) {
        if (IS_DENIED[key(c)] || !TRIPLES[key(s) + "\u0001" + key(p) + "\u0001" + key(o)]) return;
        IS_DENIED[key(c)] = true;
        DENIED.push(c);
      });
    });
  });
});
readNodes(DENIED);
var SENT = [];
DENIED.concat(NEGATIVE).forEach(function (c) { out(c, NS.prov + "wasDerivedFrom").forEach(function (s) { SENT.push(s); }); });
readNodes(SENT);
var DENIED_CLAIMS = claimsOf(DENIED);
claimsOf(NEGATIVE).forEach(function (cb) {
  sides(cb).forEach(function (b) {
    if (lex(b.polarity) !== "negative") return;
    DENIED_CLAIMS.forEach(function (ca) {
      if (!same(ca.predicate, cb.predicate) || !same(ca.subject, cb.subject) || !same(ca.object, cb.object)) return;
      sides(ca).forEach(function (a) { if (lex(a.polarity) === "positive") pair(a, b, true); });
    });
  });
});

// Competing accounts: the claims of the three relations, read from the
// relations, grouped by the shared end (the subject of establishedBy and
// terminatedBy, the object of responsibleFor).
var GROUPS = {};
var CLAIMS = readClaims(AGENTIVE.concat([RESPONSIBLE]).map(function (p) { return start(p).In(g.IRI(NS.rdf + "predicate")); }), false);
claimsOf(CLAIMS).forEach(function (c) {
  var agentive = isIn(c.predicate, AGENTIVE);
  if (!agentive && !same(c.predicate, RESPONSIBLE)) return;
  var k = key(c.predicate) + "\u0001" + key(agentive ? c.subject : c.object);
  (GROUPS[k] = GROUPS[k] || []).push(c);
});
Object.keys(GROUPS).forEach(function (k) {
  var all = [];
  GROUPS[k].forEach(function (c) {
    sides(c).forEach(function (s) { if (lex(s.polarity) === "positive") all.push(s); });
  });
  all.forEach(function (a) {
    var ca = a.claim, agentive = isIn(ca.predicate, AGENTIVE);
    if (!isActor(agentive ? ca.object : ca.subject)) return;
    all.forEach(function (b) {
      var cb = b.claim;
      if (!(lex(ca.claim) < lex(cb.claim)) || same(a.claimant, b.claimant)) return;
      if (agentive ? same(ca.object, cb.object) || !isActor(cb.object) : same(ca.subject, cb.subject) || !isActor(cb.subject)) return;
      pair(a, b, false);
    });
  });
});
