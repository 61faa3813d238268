// name: actor
// question: Everything about one actor: its names and types, the claims about it (relations out and in), the events it takes part in, and the claims it makes.
// param: actor entity required the actor: any name the gazetteer knows (Moscow, Russia, RU) or a slug
// column: aspect text identity, relation out, relation in, event, or says
// column: subject entity the subject (the actor, for identity and relation out; the agent of an event)
// column: relation term the property, relation or event class
// column: object entity the object (a name, type or Wikidata entity for identity; the patient of an event)
// column: date date when, where the claim or event dates it
// column: claimant entity who says so
// column: quote text the sentence that says so
// column: node node the claim or the event
// order: aspect relation subject object date
var actor = params.actor;
var IDENTITY = [NS.rdf + "type", NS.skos + "prefLabel", NS.skos + "altLabel", NS.owl + "sameAs"];

// Names and types.
IDENTITY.forEach(function (p) {
  out(actor, p).forEach(function (o) {
    emit({ aspect: "identity", subject: actor, relation: iri(p), object: o });
  });
});

// Claims about the actor, and claims it makes: those with the actor as
// subject, object or claimant.
var CLAIMS = readClaims(["subject", "object"].map(function (d) { return start(actor).In(g.IRI(NS.rdf + d)); })
  .concat([start(actor).In(g.IRI(dip("claimant")))]), false);
claimsOf(CLAIMS).forEach(function (c) {
  var aspects = [];
  if (same(c.subject, actor)) aspects.push("relation out");
  if (same(c.object, actor)) aspects.push("relation in");
  var says = isIn(actor, out(c.claim, dip("claimant")));
  if (says) aspects.push("says");
  if (aspects.length === 0) return;
  var sents = sentences(c.claim, NS.prov + "wasDerivedFrom", false);
  aspects.forEach(function (aspect) {
    // relation out/in: OPTIONAL claimant; says: the claimant is the actor.
    var claimants = aspect === "says" ? [actor] : opt(out(c.claim, dip("claimant")));
    claimants.forEach(function (claimant) {
      opt(out(c.claim, dip("date"))).forEach(function (date) {
        sents.forEach(function (s) {
          emit({ aspect: aspect, subject: c.subject, relation: c.predicate, object: c.object,
            date: date, claimant: claimant, quote: s.quote, node: c.claim });
        });
      });
    });
  });
});

// Events with the actor as agent or patient.
var EVENTS = readEvents([start(actor).In(g.IRI(dip("agent"))), start(actor).In(g.IRI(dip("patient")))], [dip("claimant")], false);
eventsOf(EVENTS).forEach(function (ec) {
  var event = ec[0], cls = ec[1];
  if (!isIn(actor, out(event, dip("agent"))) && !isIn(actor, out(event, dip("patient")))) return;
  var claimants = [];
  out(event, NS.prov + "wasDerivedFrom").forEach(function (claim) {
    out(claim, dip("claimant")).forEach(function (c) { claimants.push(c); });
  });
  var sents = sentences(event, NS.gaf + "denotedBy", false);
  opt(out(event, dip("agent"))).forEach(function (agent) {
    opt(out(event, dip("patient"))).forEach(function (patient) {
      opt(out(event, dip("date"))).forEach(function (date) {
        opt(claimants).forEach(function (claimant) {
          sents.forEach(function (s) {
            emit({ aspect: "event", subject: agent, relation: cls, object: patient,
              date: date, claimant: claimant, quote: s.quote, node: event });
          });
        });
      });
    });
  });
});
