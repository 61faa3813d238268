// select.mjs: run one SPARQL 1.1 SELECT query with oxigraph over RDF files.
//
//   node select.mjs QUERY.rq|- DATA.ttl [DATA.nq ...]
//
// Prints the W3C SPARQL 1.1 Query Results JSON document on stdout. The data
// format follows each file's extension (.ttl, .nt, .nq, .trig); quads in
// named graphs are queried as one union default graph. Exit status: 0 done,
// 2 usage, read, parse or query error (message on stderr).
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import oxigraph from "oxigraph";

const formats = {
  ".ttl": "text/turtle",
  ".nt": "application/n-triples",
  ".nq": "application/n-quads",
  ".trig": "application/trig",
};

function fail(msg) {
  process.stderr.write(`select.mjs: ${msg}\n`);
  process.exit(2);
}

const [queryPath, ...dataPaths] = process.argv.slice(2);
if (!queryPath || dataPaths.length === 0) {
  fail("usage: node select.mjs QUERY.rq|- DATA.ttl [DATA ...]");
}

let query;
try {
  query = readFileSync(queryPath === "-" ? 0 : queryPath, "utf8");
} catch (e) {
  fail(`${queryPath}: ${e.message}`);
}

const store = new oxigraph.Store();
for (const path of dataPaths) {
  const format = formats[extname(path).toLowerCase()];
  if (!format) fail(`${path}: unknown extension (one of ${Object.keys(formats).join(", ")})`);
  try {
    store.load(readFileSync(path, "utf8"), { format });
  } catch (e) {
    fail(`${path}: ${e.message ?? e}`);
  }
}

try {
  const out = store.query(query, {
    results_format: "application/sparql-results+json",
    use_default_graph_as_union: true,
  });
  process.stdout.write(typeof out === "string" ? out : JSON.stringify(out));
  process.stdout.write("\n");
} catch (e) {
  fail(`query: ${e.message ?? e}`);
}
