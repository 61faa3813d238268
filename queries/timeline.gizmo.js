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
instances(EVENT_CLASSES).forEach(function (ec) {
  var event = ec[0], cls = ec[1];
  P("date").out(event).forEach(function (date) {
    opt(P("agent").out(event)).forEach(function (agent) {
      opt(P("patient").out(event)).forEach(function (patient) {
        if (bound(params.actor) && !same(agent, params.actor) && !same(patient, params.actor)) return;
        if (bound(params.format) && !same(patient, params.format)) return;
        // OPTIONAL { ?event prov:wasDerivedFrom ?claim . ?claim dip:claimant ?claimant }
        var claimants = [];
        index(NS.prov + "wasDerivedFrom").out(event).forEach(function (claim) {
          P("claimant").out(claim).forEach(function (c) { claimants.push(c); });
        });
        sentences(event, index(NS.gaf + "denotedBy")).forEach(function (s) {
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
