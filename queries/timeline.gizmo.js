// name: timeline
// question: What happened when: the dated events in order, with the precision of each date?
// param: actor entity optional only events with this agent or patient (Moscow, Russia, RU, a slug)
// param: format entity optional only events that happen to this format or body (the patient)
// column: date date when it happened
// column: precision text year, month or day: the precision the text gives
// column: class term the event class (dip:Termination...)
// column: agent entity who acts
// column: patient entity who or what undergoes it
// column: claimant entity who says so
// column: quote text the sentence that says so
// column: event node the event node
// column: sentence node the sentence, a mention with offsets
// order: date class agent patient
// The events start from the actor (its events as agent and as patient), else
// the format (as patient), else the event classes.
var EVENTS;
if (bound(params.actor)) EVENTS = [start(params.actor).In(g.IRI(dip("agent"))), start(params.actor).In(g.IRI(dip("patient")))];
else if (bound(params.format)) EVENTS = [start(params.format).In(g.IRI(dip("patient")))];
else EVENTS = EVENT_CLASSES.map(function (c) { return start(c).In(g.IRI(RDF_TYPE)); });
var list = readEvents(EVENTS, [dip("claimant")], false);
eventsOf(list).forEach(function (ec) {
  var event = ec[0], cls = ec[1];
  out(event, dip("date")).forEach(function (date) {
    opt(out(event, dip("agent"))).forEach(function (agent) {
      opt(out(event, dip("patient"))).forEach(function (patient) {
        if (bound(params.actor) && !same(agent, params.actor) && !same(patient, params.actor)) return;
        if (bound(params.format) && !same(patient, params.format)) return;
        // OPTIONAL { ?event prov:wasDerivedFrom ?claim . ?claim dip:claimant ?claimant }
        var claimants = [];
        out(event, NS.prov + "wasDerivedFrom").forEach(function (claim) {
          out(claim, dip("claimant")).forEach(function (c) { claimants.push(c); });
        });
        sentences(event, NS.gaf + "denotedBy", false).forEach(function (s) {
          opt(claimants).forEach(function (claimant) {
            emit({
              date: date, precision: precision(date), "class": cls, agent: agent, patient: patient,
              claimant: claimant, quote: s.quote, event: event, sentence: s.sentence
            });
          });
        });
      });
    });
  });
});
