// lib.js: helpers for dipgraph's saved Gizmo queries.
//
// dipgraph runs a saved query NAME.gizmo.js as one program:
//
//   var DIPGRAPH = {...};             what dipgraph says of the store
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
// The helpers read the graph from the values a query starts from (a
// class, a relation, the entity a parameter names) and walk from there:
// Cayley's kv stores index quads by subject and by object, not by
// predicate, so reading one predicate across the store scans every quad,
// unless the store has dipgraph's predicate index (PREDICATE_INDEX,
// relation(p)).
// What is read is kept in memory (each triple once, however many
// documents' graphs hold it) and joined in JavaScript, following the
// SPARQL twin NAME.rq pattern by pattern: OPTIONAL is opt(), DISTINCT is
// done by dipgraph on the emitted rows.

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
  if (v._key !== undefined) return v._key;
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

// ---- Reading the graph ----
//
// OUT[key(s)][p].l lists the distinct objects of s by predicate IRI p
// (.s: their keys), IN the subjects of an object. HAVE says which lists are complete: "s" once
// every edge out of s was read (read(path)), "s\u0001p" once its p edges
// were (read(path, [p]) or a lookup). out() and ins() look up what is not
// complete yet, one node at a time: correct whatever was read before, and
// fast when the query read its nodes in bulk first.
var OUT = {}, IN = {}, HAVE = {};

var RDF_TYPE = NS.rdf + "type";

// DIPGRAPH is what dipgraph says of the store, in a line before the
// parameters: predicateIndex when it reads the quads of one predicate
// without scanning every quad (a store made with the predicate index, or
// the memory store).
var DIPGRAPH = DIPGRAPH || {};
var PREDICATE_INDEX = DIPGRAPH.predicateIndex === true;

// relation(p) is the path of every subject with an edge p (an IRI), tagged
// "s", to the objects, tagged "o": one scan of the predicate index. Only
// with PREDICATE_INDEX: without the index it scans every quad.
function relation(p) { return g.V().Tag("s").Out(g.IRI(p)).Tag("o"); }

// nat is v as a plain JavaScript value, one object for each value (Gizmo
// hands values over as Go maps, slow to read from JavaScript), its key()
// kept in a hidden property.
var VALUES = {};
function nat(v) {
  if (v === null || v === undefined || typeof v !== "object") return v;
  var id = v["@id"], o, k;
  if (id !== undefined) {
    k = "i" + id;
    o = VALUES[k];
    if (o) return o;
    o = { "@id": String(id) };
  } else {
    var lang = v["@language"], type = v["@type"];
    k = (lang !== undefined ? "l" + lang : "") + "\u0000" + (type !== undefined ? "t" + type : "") + "\u0000" + v["@value"];
    o = VALUES[k];
    if (o) return o;
    o = { "@value": v["@value"] };
    if (lang !== undefined) o["@language"] = String(lang);
    if (type !== undefined) o["@type"] = String(type);
  }
  Object.defineProperty(o, "_key", { value: key(o) });
  VALUES[k] = o;
  return o;
}

// put records the triple s p o (p an IRI, s and o plain values), once;
// with rev, also as an edge into o.
function put(s, p, o, rev) {
  var ks = key(s), ko = key(o);
  var m = OUT[ks] || (OUT[ks] = {});
  var e = m[p] || (m[p] = { l: [], s: {} });
  if (!e.s[ko]) {
    e.s[ko] = true;
    e.l.push(o);
  }
  if (!rev) return;
  var n = IN[ko] || (IN[ko] = {});
  var f = n[p] || (n[p] = { l: [], s: {} });
  if (!f.s[ks]) {
    f.s[ks] = true;
    f.l.push(s);
  }
}

// term is a value as Gizmo takes it, exactly (null for a number or a
// boolean, which Gizmo cannot name exactly).
function term(v) {
  if (!bound(v)) return null;
  if (typeof v === "string") return str(v);
  if (typeof v !== "object") return null;
  if (v["@id"] !== undefined) {
    var id = String(v["@id"]);
    return id.indexOf("_:") === 0 ? bnode(id.substring(2)) : g.IRI(id);
  }
  if (v["@language"] !== undefined) return lang(String(v["@value"]), String(v["@language"]));
  if (v["@type"] !== undefined) {
    if (v["@type"] === NS.xsd + "string") return str(String(v["@value"]));
    return typed(String(v["@value"]), String(v["@type"]));
  }
  return null;
}

// isNode: an IRI or a blank node, the only values with edges out.
function isNode(v) { return bound(v) && typeof v === "object" && v["@id"] !== undefined; }

// start is the path of one value: g.V(term(v)). A path from a single value
// through one predicate is an index lookup; from several values it may
// become a scan of every quad, so queries start from one value at a time.
function start(v) { var t = term(v); return t === null ? null : g.V(t); }

// nodes lists the distinct nodes a path ends on.
function nodes(path) {
  var out = [], seen = {};
  path.Unique().ToArray().forEach(function (v) {
    v = nat(v);
    var k = key(v);
    if (seen[k]) return;
    seen[k] = true;
    out.push(v);
  });
  return out;
}

// read(path, preds, known) reads the edges out of the nodes a path ends on: all of
// them (preds null: one run of the path), or those of the predicates preds
// (IRIs; known, if given, lists the path's nodes, found by an earlier
// read). It returns the nodes (without preds: those with an edge out,
// which is every claim, event and sentence). A path must not hold too many
// nodes with many edges (an entity has thousands of labels and types, one
// per document).
function read(path, preds, known) {
  var list = [];
  if (!preds) {
    var here = {};
    path.Unique().Tag("s").Out(null, "p").Tag("o").ForEach(function (t) {
      var s = nat(t.s), ks = key(s);
      if (!here[ks]) {
        here[ks] = true;
        list.push(s);
      }
      put(s, String(t.p["@id"]), nat(t.o));
    });
    list.forEach(function (s) { HAVE[key(s)] = true; });
    return list;
  }
  list = known || nodes(path);
  if (list.length === 0) return list;
  preds.forEach(function (p) {
    path.Unique().Tag("s").Out(g.IRI(p)).Tag("o").ForEach(function (t) { put(nat(t.s), p, nat(t.o)); });
    list.forEach(function (s) { HAVE[key(s) + "\u0001" + p] = true; });
  });
  return list;
}

// readNodes(list) reads every edge out of the nodes of list (IRIs and
// blank nodes not read yet), a batch of them per path.
function readNodes(list) {
  var todo = [], seen = {};
  list.forEach(function (v) {
    var k = key(v);
    if (!isNode(v) || HAVE[k] || seen[k]) return;
    seen[k] = true;
    todo.push(v);
  });
  for (var i = 0; i < todo.length; i += 500) {
    var batch = todo.slice(i, i + 500);
    g.V.apply(g, batch.map(term)).Tag("s").Out(null, "p").Tag("o").ForEach(function (t) {
      put(nat(t.s), String(t.p["@id"]), nat(t.o));
    });
    batch.forEach(function (v) { HAVE[key(v)] = true; });
  }
}

// out(s, p) lists the distinct objects of s by predicate p (an IRI).
function out(s, p) {
  if (!isNode(s)) return [];
  var ks = key(s);
  if (!HAVE[ks] && !HAVE[ks + "\u0001" + p]) {
    start(s).Out(g.IRI(p)).ToArray().forEach(function (o) { put(s, p, nat(o)); });
    HAVE[ks + "\u0001" + p] = true;
  }
  var e = OUT[ks] && OUT[ks][p];
  return e ? e.l : [];
}

// ins(o, p) lists the distinct subjects with predicate p (an IRI) and object o.
function ins(o, p) {
  var ko = key(o), k = "\u0002" + ko + "\u0001" + p;
  if (!HAVE[k]) {
    var from = start(o);
    if (from !== null) from.In(g.IRI(p)).ToArray().forEach(function (s) { put(nat(s), p, o, true); });
    HAVE[k] = true;
  }
  var e = IN[ko] && IN[ko][p];
  return e ? e.l : [];
}

function dip(local) { return NS.dip + local; }

// instances(classes) lists [node, class] for nodes typed with one of
// classes, read from each class (not the whole rdf:type index).
function instances(classes) {
  var out = [];
  classes.forEach(function (c) {
    nodes(start(c).In(g.IRI(RDF_TYPE))).forEach(function (n) { out.push([n, c]); });
  });
  return out;
}

// claimsOf(list) gives the dip:Claims among the nodes of list with their
// triple: {claim, subject, predicate, object} (one entry for each
// combination when a claim has several).
function claimsOf(list) {
  var res = [];
  list.forEach(function (c) {
    if (!isIn(iri(dip("Claim")), out(c, RDF_TYPE))) return;
    out(c, NS.rdf + "subject").forEach(function (s) {
      out(c, NS.rdf + "predicate").forEach(function (p) {
        out(c, NS.rdf + "object").forEach(function (o) {
          res.push({ claim: c, subject: s, predicate: p, object: o });
        });
      });
    });
  });
  return res;
}

// readClaims(paths, docs) reads the claims the paths end on, the sentences
// they come from and, if docs, the documents of those sentences, so that
// claimsOf, details and sentences need no further lookups. It returns the
// claims' nodes.
function readClaims(paths, docs) {
  var list = [], seen = {};
  paths.forEach(function (p) {
    if (p === null) return;
    var claims = read(p, null);
    claims.forEach(function (c) {
      if (seen[key(c)]) return;
      seen[key(c)] = true;
      list.push(c);
    });
    readSentences(p.Out(g.IRI(NS.prov + "wasDerivedFrom")), docs, targets(claims, NS.prov + "wasDerivedFrom"));
  });
  return list;
}

// readEvents(paths, claimPreds, docs) reads the events the paths end on,
// the predicates claimPreds of the claims they come from and their
// sentences (with their documents if docs). It returns the events' nodes.
function readEvents(paths, claimPreds, docs) {
  var list = [], seen = {};
  paths.forEach(function (p) {
    if (p === null) return;
    var events = read(p, null);
    events.forEach(function (e) {
      if (seen[key(e)]) return;
      seen[key(e)] = true;
      list.push(e);
    });
    read(p.Out(g.IRI(NS.prov + "wasDerivedFrom")), claimPreds, targets(events, NS.prov + "wasDerivedFrom"));
    readSentences(p.Out(g.IRI(NS.gaf + "denotedBy")), docs, targets(events, NS.gaf + "denotedBy"));
  });
  return list;
}

// eventsOf(list) gives [event, class] for the nodes of list typed with one
// of EVENT_CLASSES, once for each such class.
function eventsOf(list) {
  var res = [];
  list.forEach(function (e) {
    out(e, RDF_TYPE).forEach(function (c) { if (isIn(c, EVENT_CLASSES)) res.push([e, c]); });
  });
  return res;
}

// targets lists the distinct nodes the nodes of list lead to by p, from
// what was read.
function targets(list, p) {
  var res = [], seen = {};
  list.forEach(function (n) {
    out(n, p).forEach(function (t) {
      var k = key(t);
      if (!isNode(t) || seen[k]) return;
      seen[k] = true;
      res.push(t);
    });
  });
  return res;
}

// readSentences(path, docs, known) reads the sentences a path ends on (their
// quotes and contexts) and, if docs, the documents of their contexts.
function readSentences(path, docs, known) {
  if (!docs) {
    read(path, [NS.nif + "anchorOf"], known);
    return;
  }
  read(path, null);
  read(path.Out(g.IRI(NS.nif + "referenceContext")), [NS.prov + "wasDerivedFrom"]);
}

// sentences(node, via, docs) follows via (prov:wasDerivedFrom for a claim,
// gaf:denotedBy for an event) to its sentences, as the SPARQL
//   OPTIONAL { ?node via ?sentence .
//     OPTIONAL { ?sentence nif:anchorOf ?quote }
//     OPTIONAL { ?sentence nif:referenceContext ?context . ?context prov:wasDerivedFrom ?document } }
// Without docs the document is left out (a query that does not show it
// gets the same distinct rows without reading it).
function sentences(node, via, docs) {
  var res = [];
  out(node, via).forEach(function (s) {
    var ds = [];
    if (docs) {
      out(s, NS.nif + "referenceContext").forEach(function (ctx) {
        out(ctx, NS.prov + "wasDerivedFrom").forEach(function (d) { ds.push(d); });
      });
    }
    opt(out(s, NS.nif + "anchorOf")).forEach(function (q) {
      opt(ds).forEach(function (d) { res.push({ sentence: s, quote: q, document: d }); });
    });
  });
  return res.length > 0 ? res : [{ sentence: null, quote: null, document: null }];
}

// details(c, docs) gives a claim's provenance rows, as the SPARQL
//   OPTIONAL { ?claim dip:claimant ?claimant }
//   OPTIONAL { ?claim dip:date ?date }
//   OPTIONAL { ?claim dip:certainty ?certainty }
//   OPTIONAL { ?claim dip:polarity ?pol }  BIND(COALESCE(?pol, "positive") AS ?polarity)
//   OPTIONAL { ?claim dip:rule ?rule }
//   + sentences(?claim, prov:wasDerivedFrom, docs)
function details(c, docs) {
  var res = [];
  var sents = sentences(c, NS.prov + "wasDerivedFrom", docs);
  opt(out(c, dip("claimant"))).forEach(function (claimant) {
    opt(out(c, dip("date"))).forEach(function (date) {
      opt(out(c, dip("certainty"))).forEach(function (certainty) {
        opt(out(c, dip("polarity"))).forEach(function (pol) {
          opt(out(c, dip("rule"))).forEach(function (rule) {
            sents.forEach(function (s) {
              res.push({
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
  return res;
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

// emit sends one result row; unbound fields (null, undefined) are no
// value, as if left out. dipgraph keeps
// the declared columns only and removes duplicate rows (SELECT DISTINCT).
// Rows go out in batches (g.Emit of an array of rows): each g.Emit is a
// hand-over between goroutines. dipgraph calls flush() after the query.
var ROWS = [];
function emit(row) {
  ROWS.push(row);
  if (ROWS.length >= 5000) flush();
}

function flush() {
  if (ROWS.length > 0) g.Emit(ROWS);
  ROWS = [];
}
