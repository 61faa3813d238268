#!/usr/bin/env python3
"""Independent read-back check for the rdfio writers (used by go test).

Usage: isocheck.py JOBS.json [--no-rapper]

JOBS.json is a list of {"id", "expected": [quad...], "files": [{"path",
"format", "checkers" (optional)}], "source": {"path", "format"} (optional)}. A quad is a list of
3 or 4 terms; a term is {"t": "iri"|"bnode"|"lit", "v", "lang", "dt"}.

Every file is parsed by rdflib and, unless --no-rapper, by rapper (whose
N-Quads output is then read by rdflib), and compared with the expected
dataset up to blank-node renaming. "source" is the W3C file the expected
quads were parsed from by the Go test; checking it against rdflib validates
that parser. Prints a JSON list of {"id", "file", "checker", "ok", "error"}.
"""
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

rdflib.NORMALIZE_LITERALS = False  # compare lexical forms exactly

DEFAULT = URIRef("urn:x-rdfio-test:default-graph")
STMT = "urn:x-rdfio-test:"
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}
RAPPER_FORMATS = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig"}


def term(j, bnodes):
    if j["t"] == "iri":
        return URIRef(j["v"])
    if j["t"] == "bnode":
        return bnodes.setdefault(j["v"], BNode())
    return Literal(j["v"], lang=j.get("lang") or None,
                   datatype=URIRef(j["dt"]) if j.get("dt") else None)


XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def norm(quads, lower_lang):
    """RDF 1.1 equalities rdflib 6 does not apply: "x"^^xsd:string is "x",
    and language tags are case-insensitive (rapper lowercases them)."""
    def n(t):
        if isinstance(t, Literal):
            if t.datatype == XSD_STRING:
                return Literal(str(t))
            if t.language and lower_lang:
                return Literal(str(t), lang=t.language.lower())
        return t
    return [tuple(n(t) for t in q) for q in quads]


def encode(quads):
    """A dataset as one graph: each distinct quad becomes a fresh blank node
    with s, p, o, g arcs, so graph isomorphism is dataset isomorphism."""
    g = Graph()
    for s, p, o, c in set(quads):
        st = BNode()
        for name, val in (("s", s), ("p", p), ("o", o), ("g", c)):
            g.add((st, URIRef(STMT + name), val))
    return g


def expected_quads(job):
    bnodes = {}
    out = []
    for q in job["expected"]:
        ts = [term(t, bnodes) for t in q]
        out.append(tuple(ts[:3]) + (ts[3] if len(ts) > 3 else DEFAULT,))
    return out


def parse_rdflib(data, fmt):
    ds = rdflib.Dataset()
    ds.parse(data=data, format=RDFLIB_FORMATS[fmt], publicID=str(DEFAULT))
    return [(s, p, o, c) for s, p, o, c in ds.quads((None, None, None, None))]


def parse_rapper(path, fmt):
    r = subprocess.run(["rapper", "-q", "-i", RAPPER_FORMATS[fmt], "-o", "nquads",
                        path, "http://example.invalid/base"],
                       capture_output=True, timeout=60)
    if r.returncode != 0:
        raise ValueError("rapper: " + r.stderr.decode("utf-8", "replace").strip()[:500])
    return parse_rdflib(r.stdout.decode("utf-8"), "nquads")


def check(job, path, fmt, checker, want):
    res = {"id": job["id"], "file": path, "checker": checker, "ok": False, "error": ""}
    try:
        if checker == "rapper":
            got = parse_rapper(path, fmt)
        else:
            with open(path, encoding="utf-8") as f:
                got = parse_rdflib(f.read(), fmt)
        lower = checker == "rapper"
        got, want = norm(got, lower), norm(want, lower)
        if isomorphic(encode(got), encode(want)):
            res["ok"] = True
        else:
            res["error"] = "not isomorphic: got %d quads, want %d" % (len(set(got)), len(set(want)))
    except Exception as e:  # any parser failure is a reported failure
        res["error"] = "%s: %s" % (type(e).__name__, str(e)[:500])
    return res


def main():
    jobs = json.load(open(sys.argv[1], encoding="utf-8"))
    checkers = ["rdflib"] + ([] if "--no-rapper" in sys.argv else ["rapper"])
    tasks = []
    for job in jobs:
        want = expected_quads(job)
        if job.get("source"):
            tasks.append((job, job["source"]["path"], job["source"]["format"], "source", want))
        for f in job["files"]:
            for c in f.get("checkers") or checkers:
                tasks.append((job, f["path"], f["format"], c, want))

    def run(t):
        job, path, fmt, checker, want = t
        return check(job, path, fmt, "rdflib" if checker == "source" else checker, want) | (
            {"checker": "source"} if checker == "source" else {})

    for fmt in RDFLIB_FORMATS:  # load rdflib's plugins before threads race to
        parse_rdflib("[]" if fmt == "jsonld" else "", fmt)
    with ThreadPoolExecutor(max_workers=8) as ex:
        results = list(ex.map(run, tasks))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
