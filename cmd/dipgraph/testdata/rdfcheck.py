#!/usr/bin/python3
"""Independent checks of dipgraph's RDF output with rdflib, for e2e_test.go.

  rdfcheck.py count FORMAT FILE              print the number of triples
  rdfcheck.py anchors FILE...                check text[B:E] == anchorOf for every mention
  rdfcheck.py iso FMT1 FILE1 FMT2 FILE2      exit 0 when the two graphs are isomorphic

FORMAT is an rdflib parser name (turtle, nt). Exit status 1 on a failed check,
2 on a usage or parse error; details go to standard output.
"""
import re
import sys

from rdflib import Graph, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
XSD_NNI = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
CHAR = re.compile(r"#char=(\d+),(\d+)$")


def load(fmt, path):
    g = Graph()
    g.parse(path, format=fmt)
    return g


def one(g, s, p):
    vals = list(g.objects(s, p))
    return vals[0] if len(vals) == 1 else None


def anchors(paths):
    checked, bad = 0, []
    for path in paths:
        g = load("turtle", path)
        for m in sorted(set(g.subjects(NIF.anchorOf, None))):
            anchor, b, e, ctx = (one(g, m, p) for p in
                                 (NIF.anchorOf, NIF.beginIndex, NIF.endIndex, NIF.referenceContext))
            text = one(g, ctx, NIF.isString) if ctx is not None else None
            if None in (anchor, b, e, text):
                bad.append(f"{path}: {m}: needs exactly one anchorOf, beginIndex, endIndex, "
                           f"referenceContext with one isString")
                continue
            if b.datatype != XSD_NNI or e.datatype != XSD_NNI:
                bad.append(f"{path}: {m}: offsets typed {b.datatype}, {e.datatype}")
            bi, ei = int(b), int(e)
            got = str(text)[bi:ei]
            if got != str(anchor):
                bad.append(f"{path}: {m}: text[{bi}:{ei}] = {got!r}, anchorOf = {str(anchor)!r}")
            mm = CHAR.search(str(m))
            if mm and (int(mm.group(1)), int(mm.group(2))) != (bi, ei):
                bad.append(f"{path}: {m}: IRI offsets differ from beginIndex {bi}, endIndex {ei}")
            checked += 1
    print(f"checked {checked}")
    for line in bad[:50]:
        print(line)
    if len(bad) > 50:
        print(f"... and {len(bad) - 50} more")
    return 1 if bad or checked == 0 else 0


def iso(f1, p1, f2, p2):
    g1, g2 = load(f1, p1), load(f2, p2)
    print(f"{len(g1)} and {len(g2)} triples")
    if isomorphic(g1, g2):
        print("isomorphic")
        return 0
    _, only1, only2 = graph_diff(to_isomorphic(g1), to_isomorphic(g2))
    for name, only in ((p1, only1), (p2, only2)):
        triples = sorted(only)
        print(f"only in {name}: {len(triples)}")
        for t in triples[:20]:
            print("  ", " ".join(x.n3() for x in t))
    return 1


def main(argv):
    try:
        if len(argv) == 3 and argv[0] == "count":
            print(len(load(argv[1], argv[2])))
            return 0
        if len(argv) >= 2 and argv[0] == "anchors":
            return anchors(argv[1:])
        if len(argv) == 5 and argv[0] == "iso":
            return iso(*argv[1:])
    except Exception as exc:  # a parse error is a finding, not a crash
        print(f"error: {type(exc).__name__}: {exc}")
        return 2
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
