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
var CLASSES = ["BilateralFormat", "IntergovernmentalBody", "InternationalOrganization"].map(function (n) { return iri(NS.dip + n); });
var OUT_ROLES = [["partOf", "part of"], ["establishedBy", "established by"], ["underAuspicesOf", "under the auspices of"],
  ["basedOn", "based on"], ["terminatedBy", "terminated by"]];
var IN_ROLES = [["participatesIn", "participant"], ["memberOf", "member"]];
var EVENT_ROLES = [["Suspension", "suspended by"], ["Resumption", "resumed by"]];

// Suspensions and resumptions by class and patient: LIFECYCLE[class][patient] -> [event].
var LIFECYCLE = {};
EVENT_ROLES.forEach(function (r) {
  var byPatient = LIFECYCLE[r[0]] = {};
  instances([iri(NS.dip + r[0])]).forEach(function (ec) {
    P("patient").out(ec[0]).forEach(function (p) { (byPatient[key(p)] = byPatient[key(p)] || []).push(ec[0]); });
  });
});

// The claims behind each triple: "s p o" -> [claim].
var BEHIND = {};
claims().forEach(function (c) {
  var k = key(c.subject) + "\u0001" + key(c.predicate) + "\u0001" + key(c.object);
  (BEHIND[k] = BEHIND[k] || []).push(c.claim);
});

// OPTIONAL { ?claim rdf:subject S ; rdf:predicate P ; rdf:object O ; dip:claimant ?claimant .
//            OPTIONAL { ?claim dip:date ?date }
//            OPTIONAL { ?claim prov:wasDerivedFrom ?sentence . ?sentence nif:anchorOf ?quote } }
function evidence(s, p, o) {
  var out = [];
  (BEHIND[key(s) + "\u0001" + key(p) + "\u0001" + key(o)] || []).forEach(function (claim) {
    var quotes = [];
    index(NS.prov + "wasDerivedFrom").out(claim).forEach(function (sent) {
      index(NS.nif + "anchorOf").out(sent).forEach(function (q) { quotes.push(q); });
    });
    P("claimant").out(claim).forEach(function (claimant) {
      opt(P("date").out(claim)).forEach(function (date) {
        opt(quotes).forEach(function (quote) { out.push({ claimant: claimant, date: date, quote: quote }); });
      });
    });
  });
  return out.length > 0 ? out : [{}];
}

instances(CLASSES).forEach(function (ic) {
  var inst = ic[0], cls = ic[1];
  var base = { institution: inst, "class": cls };
  OUT_ROLES.forEach(function (r) {
    var p = iri(NS.dip + r[0]);
    P(r[0]).out(inst).forEach(function (other) {
      evidence(inst, p, other).forEach(function (e) { emit(merge(base, { role: r[1], other: other }, e)); });
    });
  });
  IN_ROLES.forEach(function (r) {
    var p = iri(NS.dip + r[0]);
    P(r[0])["in"](inst).forEach(function (other) {
      evidence(other, p, inst).forEach(function (e) { emit(merge(base, { role: r[1], other: other }, e)); });
    });
  });
  EVENT_ROLES.forEach(function (r) {
    (LIFECYCLE[r[0]][key(inst)] || []).forEach(function (event) {
      var claimants = [];
      index(NS.prov + "wasDerivedFrom").out(event).forEach(function (claim) {
        P("claimant").out(claim).forEach(function (c) { claimants.push(c); });
      });
      var quotes = [];
      index(NS.gaf + "denotedBy").out(event).forEach(function (sent) {
        index(NS.nif + "anchorOf").out(sent).forEach(function (q) { quotes.push(q); });
      });
      opt(P("agent").out(event)).forEach(function (other) {
        opt(P("date").out(event)).forEach(function (date) {
          opt(claimants).forEach(function (claimant) {
            opt(quotes).forEach(function (quote) {
              emit(merge(base, { role: r[1], other: other, date: date, claimant: claimant, quote: quote }));
            });
          });
        });
      });
    });
  });
});
