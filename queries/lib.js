// lib.js: helpers for dipgraph's saved Gizmo queries.
//
// dipgraph runs a saved query NAME.gizmo.js as one program:
//
//   var params = JSON.parse("...");   the parameters, as values (never query text)
//   <this file>
//   <NAME.gizmo.js>
//
// with Cayley's JSON-LD collation, so that every value keeps its exact RDF
// form: an IRI is {"@id": IRI}, a literal is a string (xsd:string) or
// {"@value": V, "@type": T} or {"@value": V, "@language": L}. A parameter is
// null when not given, {"@id": IRI} when it names an entity, class or
// relation, else a string (which matches no IRI).
//
// The helpers read whole predicates into in-memory indexes (each triple
// once, however many documents' graphs hold it) and join them in
// JavaScript, following the SPARQL twin NAME.rq pattern by pattern:
// OPTIONAL is opt(), DISTINCT is done by dipgraph on the emitted rows.

var NS = {
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  dip: "https://w3id.org/dipgraph/ontology#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  prov: "http://www.w3.org/ns/prov#",
  nif: "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
  gaf: "http://groundedannotationframework.org/gaf#",
  owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#"
};

// The subclasses of dip:Happening: typed event nodes.
var EVENT_CLASSES = ["Establishment", "Termination", "Suspension", "Resumption",
  "Accusation", "Sanction", "Summit", "Statement"].map(function (n) { return iri(NS.dip + n); });

function iri(s) { return { "@id": s }; }

// key is a canonical string for a value: equal keys, same RDF term.
function key(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return "s" + v;
  if (typeof v === "number" || typeof v === "boolean") return "n" + String(v);
  if (v["@id"] !== undefined) return "i" + v["@id"];
  if (v["@language"] !== undefined) return "l" + String(v["@language"]).toLowerCase() + "\u0000" + v["@value"];
  if (v["@type"] !== undefined) {
    if (v["@type"] === NS.xsd + "string") return "s" + v["@value"];
    return "t" + v["@type"] + "\u0000" + v["@value"];
  }
  return "?" + String(v);
}

// same is SPARQL's sameTerm: false when either side is unbound.
function same(a, b) { return a !== null && a !== undefined && b !== null && b !== undefined && key(a) === key(b); }

function bound(v) { return v !== null && v !== undefined; }

function isIn(v, list) {
  for (var i = 0; i < list.length; i++) if (same(v, list[i])) return true;
  return false;
}

// lex is SPARQL's STR: the lexical form of a literal, the IRI of an IRI.
function lex(v) {
  if (!bound(v)) return null;
  if (typeof v !== "object") return String(v);
  if (v["@id"] !== undefined) return v["@id"];
  return String(v["@value"]);
}

// datatypeOf is SPARQL's DATATYPE for a literal.
function datatypeOf(v) {
  if (!bound(v)) return null;
  if (typeof v === "string") return NS.xsd + "string";
  if (v["@language"] !== undefined) return NS.rdf + "langString";
  if (v["@type"] !== undefined) return v["@type"];
  return null;
}

// precision names the precision of a dip:date: year, month, day (or other).
function precision(d) {
  var t = datatypeOf(d);
  if (t === null) return null;
  if (t === NS.xsd + "gYear") return "year";
  if (t === NS.xsd + "gYearMonth") return "month";
  if (t === NS.xsd + "date") return "day";
  return "other";
}

// inRange: with no bounds, everything; else only dated values with
// STR(d) >= from, and STR(d) <= to or STR(d) starting with to (so that
// to=2022 takes in 2022-03).
function inRange(d, from, to) {
  if (!bound(from) && !bound(to)) return true;
  if (!bound(d)) return false;
  var s = lex(d);
  if (bound(from) && !(s >= lex(from))) return false;
  if (bound(to) && !(s <= lex(to) || s.indexOf(lex(to)) === 0)) return false;
  return true;
}

// opt is OPTIONAL for one variable: the values, or one unbound.
function opt(list) { return list.length > 0 ? list : [null]; }

var INDEXES = {};

// index(p) reads every distinct triple with predicate p, once per run:
// out(s) gives the objects of s, in(o) the subjects of o, pairs all [s, o].
function index(p) {
  if (INDEXES[p]) return INDEXES[p];
  var pairs = [], seen = {}, outs = {}, ins = {};
  g.V().Tag("s").Out(g.IRI(p)).Tag("o").ForEach(function (t) {
    var ks = key(t.s), ko = key(t.o), k = ks + "\u0001" + ko;
    if (seen[k]) return;
    seen[k] = true;
    pairs.push([t.s, t.o]);
    (outs[ks] = outs[ks] || []).push(t.o);
    (ins[ko] = ins[ko] || []).push(t.s);
  });
  INDEXES[p] = {
    pairs: pairs,
    out: function (s) { return outs[key(s)] || []; },
    "in": function (o) { return ins[key(o)] || []; }
  };
  return INDEXES[p];
}

function P(local) { return index(NS.dip + local); }
function RDF(local) { return index(NS.rdf + local); }

// instances(classes) lists [node, class] for nodes typed with one of
// classes, read from the classes (not the whole rdf:type index).
function instances(classes) {
  var out = [], seen = {};
  var start = g.V.apply(g, classes.map(function (c) { return g.IRI(c["@id"]); }));
  start.Tag("c").In(g.IRI(NS.rdf + "type")).Tag("n").ForEach(function (t) {
    var k = key(t.n) + "\u0001" + key(t.c);
    if (seen[k]) return;
    seen[k] = true;
    out.push([t.n, t.c]);
  });
  return out;
}

// claims lists every dip:Claim with its triple: {claim, subject, predicate, object}
// (one entry for each combination when a claim has several).
function claims() {
  var out = [];
  instances([iri(NS.dip + "Claim")]).forEach(function (tc) {
    var c = tc[0];
    RDF("subject").out(c).forEach(function (s) {
      RDF("predicate").out(c).forEach(function (p) {
        RDF("object").out(c).forEach(function (o) {
          out.push({ claim: c, subject: s, predicate: p, object: o });
        });
      });
    });
  });
  return out;
}

// sentences(node, via) follows via (prov:wasDerivedFrom for a claim,
// gaf:denotedBy for an event) to its sentences, as the SPARQL
//   OPTIONAL { ?node via ?sentence .
//     OPTIONAL { ?sentence nif:anchorOf ?quote }
//     OPTIONAL { ?sentence nif:referenceContext ?context . ?context prov:wasDerivedFrom ?document } }
function sentences(node, via) {
  var out = [];
  via.out(node).forEach(function (s) {
    var docs = [];
    index(NS.nif + "referenceContext").out(s).forEach(function (ctx) {
      index(NS.prov + "wasDerivedFrom").out(ctx).forEach(function (d) { docs.push(d); });
    });
    opt(index(NS.nif + "anchorOf").out(s)).forEach(function (q) {
      opt(docs).forEach(function (d) { out.push({ sentence: s, quote: q, document: d }); });
    });
  });
  return out.length > 0 ? out : [{ sentence: null, quote: null, document: null }];
}

// details(c) gives a claim's provenance rows, as the SPARQL
//   OPTIONAL { ?claim dip:claimant ?claimant }
//   OPTIONAL { ?claim dip:date ?date }
//   OPTIONAL { ?claim dip:certainty ?certainty }
//   OPTIONAL { ?claim dip:polarity ?pol }  BIND(COALESCE(?pol, "positive") AS ?polarity)
//   OPTIONAL { ?claim dip:rule ?rule }
//   + sentences(?claim, prov:wasDerivedFrom)
function details(c) {
  var out = [];
  var sents = sentences(c, index(NS.prov + "wasDerivedFrom"));
  opt(P("claimant").out(c)).forEach(function (claimant) {
    opt(P("date").out(c)).forEach(function (date) {
      opt(P("certainty").out(c)).forEach(function (certainty) {
        opt(P("polarity").out(c)).forEach(function (pol) {
          opt(P("rule").out(c)).forEach(function (rule) {
            sents.forEach(function (s) {
              out.push({
                claimant: claimant, date: date, certainty: certainty,
                polarity: bound(pol) ? pol : "positive", rule: rule,
                sentence: s.sentence, quote: s.quote, document: s.document
              });
            });
          });
        });
      });
    });
  });
  return out;
}

// merge copies the fields of each object into a new one.
function merge() {
  var out = {};
  for (var i = 0; i < arguments.length; i++) {
    var o = arguments[i];
    for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) out[k] = o[k];
  }
  return out;
}

// emit sends one result row; unbound fields are left out. dipgraph keeps
// the declared columns only and removes duplicate rows (SELECT DISTINCT).
function emit(row) {
  var out = {};
  for (var k in row) if (Object.prototype.hasOwnProperty.call(row, k) && bound(row[k])) out[k] = row[k];
  g.Emit(out);
}
