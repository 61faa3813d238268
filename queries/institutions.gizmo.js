// name: institutions
// question: Which bodies and formats exist, part of what, established by whom and when, under whose auspices, with which participants, and were they suspended, resumed or terminated?
// column: institution entity the format, body or organisation
// column: class term its class (dip:BilateralFormat, dip:IntergovernmentalBody, dip:InternationalOrganization)
// column: role text the step or tie: part of, established by, under the auspices of, based on, participant, member, terminated by, suspended by, resumed by
// column: other entity the other end: parent, founder, sponsor, basis, participant, member, or who ended, suspended or resumed it
// column: date date when, where the claim or the event dates it
// column: claimant entity who says so
// column: quote text the sentence that says so
// order: institution role other date
var CLASSES = ["BilateralFormat", "IntergovernmentalBody", "InternationalOrganization"].map(function (n) { return iri(dip(n)); });
var OUT_ROLES = [["partOf", "part of"], ["establishedBy", "established by"], ["underAuspicesOf", "under the auspices of"],
  ["basedOn", "based on"], ["terminatedBy", "terminated by"]];
var IN_ROLES = [["participatesIn", "participant"], ["memberOf", "member"]];
var EVENT_ROLES = [["Suspension", "suspended by"], ["Resumption", "resumed by"]];
var INSTANCES = instances(CLASSES);

// The ties: [institution, class, role, relation, subject, object, other], each
// read from the institution (one index lookup per institution and relation).
var TIES = [];
INSTANCES.forEach(function (ic) {
  var inst = ic[0], cls = ic[1];
  OUT_ROLES.forEach(function (r) {
    out(inst, dip(r[0])).forEach(function (other) { TIES.push([inst, cls, r[1], iri(dip(r[0])), inst, other, other]); });
  });
  IN_ROLES.forEach(function (r) {
    ins(inst, dip(r[0])).forEach(function (other) { TIES.push([inst, cls, r[1], iri(dip(r[0])), other, inst, other]); });
  });
});

// The claims behind each tie: the claims with an institution as subject
// or object, read from each institution (index lookups), by triple.
var BEHIND = {};
var CLAIMS = [], SEEN = {};
INSTANCES.forEach(function (ic) {
  if (SEEN[key(ic[0])]) return;
  SEEN[key(ic[0])] = true;
  readClaims([start(ic[0]).In(g.IRI(NS.rdf + "subject")), start(ic[0]).In(g.IRI(NS.rdf + "object"))], false)
    .forEach(function (claim) {
      if (SEEN[key(claim)]) return;
      SEEN[key(claim)] = true;
      CLAIMS.push(claim);
    });
});
claimsOf(CLAIMS).forEach(function (c) {
  var k = key(c.subject) + "\u0001" + key(c.predicate) + "\u0001" + key(c.object);
  (BEHIND[k] || (BEHIND[k] = [])).push(c.claim);
});

// OPTIONAL { ?claim rdf:type dip:Claim ; rdf:subject S ; rdf:predicate P ; rdf:object O ; dip:claimant ?claimant .
//            OPTIONAL { ?claim dip:date ?date }
//            OPTIONAL { ?claim prov:wasDerivedFrom ?sentence . ?sentence nif:anchorOf ?quote } }
function evidence(s, p, o) {
  var res = [];
  (BEHIND[key(s) + "\u0001" + key(p) + "\u0001" + key(o)] || []).forEach(function (claim) {
    if (!isIn(iri(dip("Claim")), out(claim, RDF_TYPE)) || !isIn(s, out(claim, NS.rdf + "subject")) ||
        !isIn(p, out(claim, NS.rdf + "predicate")) || !isIn(o, out(claim, NS.rdf + "object"))) return;
    var quotes = [];
    out(claim, NS.prov + "wasDerivedFrom").forEach(function (sent) {
      out(sent, NS.nif + "anchorOf").forEach(function (q) { quotes.push(q); });
    });
    out(claim, dip("claimant")).forEach(function (claimant) {
      opt(out(claim, dip("date"))).forEach(function (date) {
        opt(quotes).forEach(function (quote) { res.push({ claimant: claimant, date: date, quote: quote }); });
      });
    });
  });
  return res.length > 0 ? res : [{}];
}

TIES.forEach(function (t) {
  evidence(t[4], t[3], t[5]).forEach(function (e) {
    emit({ institution: t[0], "class": t[1], role: t[2], other: t[6],
      date: e.date, claimant: e.claimant, quote: e.quote });
  });
});

// Suspensions and resumptions of each institution, read from the event classes.
var IS_INSTANCE = {};
INSTANCES.forEach(function (ic) { (IS_INSTANCE[key(ic[0])] = IS_INSTANCE[key(ic[0])] || []).push(ic[1]); });
EVENT_ROLES.forEach(function (r) {
  var cls = iri(dip(r[0]));
  var events = readEvents([start(cls).In(g.IRI(RDF_TYPE))], [dip("claimant")], false);
  events.forEach(function (event) {
    if (!isIn(cls, out(event, RDF_TYPE))) return;
    out(event, dip("patient")).forEach(function (inst) {
      (IS_INSTANCE[key(inst)] || []).forEach(function (instCls) {
        var claimants = [];
        out(event, NS.prov + "wasDerivedFrom").forEach(function (claim) {
          out(claim, dip("claimant")).forEach(function (c) { claimants.push(c); });
        });
        var quotes = [];
        out(event, NS.gaf + "denotedBy").forEach(function (sent) {
          out(sent, NS.nif + "anchorOf").forEach(function (q) { quotes.push(q); });
        });
        opt(out(event, dip("agent"))).forEach(function (other) {
          opt(out(event, dip("date"))).forEach(function (date) {
            opt(claimants).forEach(function (claimant) {
              opt(quotes).forEach(function (quote) {
                emit({ institution: inst, "class": instCls, role: r[1], other: other, date: date, claimant: claimant, quote: quote });
              });
            });
          });
        });
      });
    });
  });
});
