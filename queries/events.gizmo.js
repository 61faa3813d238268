// name: events
// question: Which events (establishments, terminations, suspensions, accusations, sanctions...) does the graph record: who did what to whom, when, by whose account, in which sentence?
// param: type class optional the event class: a local name (Termination) or an IRI
// param: actor entity optional an agent or patient of the event: any name the gazetteer knows (Moscow, Russia, RU) or a slug
// param: from date optional only events dated on or after: YYYY, YYYY-MM or YYYY-MM-DD (undated events drop out)
// param: to date optional only events dated on or before (2022 takes in 2022-03 and 2022-03-15)
// column: date date when it happened, at the precision the text gives
// column: class term the event class (dip:Termination...)
// column: agent entity who acts
// column: patient entity who or what undergoes it
// column: claimant entity who says so (the claim behind the event)
// column: certainty number the claim's certainty, when hedged
// column: quote text the sentence that says so
// column: event node the event node
// column: sentence node the sentence, a mention with offsets
// order: date class agent patient
// The events start from the actor (its events as agent and as patient), else
// the class, else every event class.
var EVENTS;
if (bound(params.actor)) EVENTS = [start(params.actor).In(g.IRI(dip("agent"))), start(params.actor).In(g.IRI(dip("patient")))];
else if (bound(params.type)) EVENTS = [start(params.type).In(g.IRI(RDF_TYPE))];
else EVENTS = EVENT_CLASSES.map(function (c) { return start(c).In(g.IRI(RDF_TYPE)); });
var list = readEvents(EVENTS, [dip("claimant"), dip("certainty")], false);
eventsOf(list).forEach(function (ec) {
  var event = ec[0], cls = ec[1];
  if (bound(params.type) && !same(cls, params.type)) return;
  opt(out(event, dip("agent"))).forEach(function (agent) {
    opt(out(event, dip("patient"))).forEach(function (patient) {
      if (bound(params.actor) && !same(agent, params.actor) && !same(patient, params.actor)) return;
      opt(out(event, dip("date"))).forEach(function (date) {
        if (!inRange(date, params.from, params.to)) return;
        // OPTIONAL { ?event prov:wasDerivedFrom ?claim . ?claim dip:claimant ?claimant .
        //            OPTIONAL { ?claim dip:certainty ?certainty } }
        var accounts = [];
        out(event, NS.prov + "wasDerivedFrom").forEach(function (claim) {
          out(claim, dip("claimant")).forEach(function (claimant) {
            opt(out(claim, dip("certainty"))).forEach(function (certainty) {
              accounts.push({ claimant: claimant, certainty: certainty });
            });
          });
        });
        if (accounts.length === 0) accounts.push({});
        sentences(event, NS.gaf + "denotedBy", false).forEach(function (s) {
          accounts.forEach(function (a) {
            emit({
              date: date, "class": cls, agent: agent, patient: patient,
              claimant: a.claimant, certainty: a.certainty,
              quote: s.quote, event: event, sentence: s.sentence
            });
          });
        });
      });
    });
  });
});
