// select.mjs: run SPARQL 1.1 SELECT queries with oxigraph over RDF files.
//
//   node select.mjs QUERY.rq|- DATA.ttl [DATA.nq ...]
//   node select.mjs --batch DATA.ttl [DATA.nq ...] < queries.json
//
// The first form prints the W3C SPARQL 1.1 Query Results JSON document on
// stdout. The second reads a JSON array of query texts on stdin, loads the
// data once, and prints a JSON array with, for each query, its results
// document or {"error": "message"}. The data format follows each file's
// extension (.ttl, .nt, .nq, .trig); quads in named graphs are queried as one
// union default graph. Exit status: 0 done, 2 usage, read, parse or query
// error (message on stderr).
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
  fail("usage: node select.mjs QUERY.rq|- DATA.ttl [DATA ...] | node select.mjs --batch DATA... < queries.json");
}
const batch = queryPath === "--batch";

let input;
try {
  input = readFileSync(queryPath === "-" || batch ? 0 : queryPath, "utf8");
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

function select(query) {
  const out = store.query(query, {
    results_format: "application/sparql-results+json",
    use_default_graph_as_union: true,
  });
  return typeof out === "string" ? out : JSON.stringify(out);
}

if (batch) {
  let queries;
  try {
    queries = JSON.parse(input);
  } catch (e) {
    fail(`stdin: not a JSON array of queries: ${e.message}`);
  }
  if (!Array.isArray(queries)) fail("stdin: not a JSON array of queries");
  const parts = queries.map((q) => {
    try {
      return select(q);
    } catch (e) {
      return JSON.stringify({ error: String(e.message ?? e) });
    }
  });
  process.stdout.write("[" + parts.join(",\n") + "]\n");
} else {
  try {
    process.stdout.write(select(input) + "\n");
  } catch (e) {
    fail(`query: ${e.message ?? e}`);
  }
}
