// oxigraph.mjs: the baseline of the saved-query rows of BENCHMARKS.md. Loads
// an N-Quads file into oxigraph (the engine tools/sparql pins, from its
// node_modules: run `npm ci --prefix tools/sparql` first), then runs each
// SPARQL twin bench/querytime wrote N times over the union of the graphs, as
// tools/sparql/select.mjs does, and prints JSON: load time and the median
// time of each query. oxigraph's query call cannot be interrupted, so the
// store lives in a worker thread: a run past TIMEOUT_MS ends the worker,
// the query is reported as timed out, and a new worker (loading the data
// again) takes the remaining queries.
//
//   node bench/oxigraph.mjs QUERIES.json DATA.nq [N [TIMEOUT_MS]]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "tools", "sparql", "package.json"));

if (!isMainThread) {
  // Worker: load the data, then run what the main thread sends.
  const oxigraph = require("oxigraph");
  let t = performance.now();
  const store = new oxigraph.Store();
  store.load(readFileSync(workerData.data, "utf8"), { format: "application/n-quads" });
  parentPort.postMessage({ loaded: performance.now() - t, quads: store.size });
  parentPort.on("message", (query) => {
    t = performance.now();
    try {
      const res = store.query(query, { use_default_graph_as_union: true });
      parentPort.postMessage({ ms: performance.now() - t, rows: Array.isArray(res) ? res.length : 0 });
    } catch (e) {
      parentPort.postMessage({ error: String(e.message ?? e) });
    }
  });
} else {
  const [queriesPath, dataPath, nArg, timeoutArg] = process.argv.slice(2);
  if (!queriesPath || !dataPath) {
    process.stderr.write("usage: node bench/oxigraph.mjs QUERIES.json DATA.nq [N [TIMEOUT_MS]]\n");
    process.exit(2);
  }
  const n = Number(nArg ?? 5);
  const timeoutMs = Number(timeoutArg ?? 20000);
  const queries = JSON.parse(readFileSync(queriesPath, "utf8"));
  const out = { version: require("oxigraph/package.json").version, load_ms: null, quads: null, queries: [] };

  let worker = null;
  let pending = null; // resolve function of the message awaited
  const next = () => new Promise((resolve) => (pending = resolve));
  async function start() {
    worker = new Worker(fileURLToPath(import.meta.url), { workerData: { data: dataPath } });
    worker.on("message", (m) => pending?.(m));
    worker.on("error", (e) => pending?.({ error: String(e.message ?? e) }));
    const m = await next();
    if (m.error) throw new Error(m.error);
    out.load_ms ??= m.loaded;
    out.quads ??= m.quads;
  }
  // run sends one query; it resolves with the worker's answer or a timeout.
  function run(query) {
    const answer = next();
    worker.postMessage(query);
    let timer;
    const late = new Promise((resolve) => (timer = setTimeout(() => resolve({ timeout: true }), timeoutMs)));
    return Promise.race([answer, late]).finally(() => clearTimeout(timer));
  }

  await start();
  for (const { name, query } of queries) {
    const ms = [];
    let rows = 0;
    let error;
    for (let i = 0; i < n; i++) {
      const m = await run(query);
      if (m.timeout) {
        error = `timeout after ${timeoutMs} ms`;
        await worker.terminate();
        await start();
        break;
      }
      if (m.error) {
        error = m.error;
        break;
      }
      ms.push(m.ms);
      rows = m.rows;
    }
    const s = [...ms].sort((a, b) => a - b);
    const median = error || s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    out.queries.push({ name, rows, median_ms: median, ms, error });
    process.stderr.write(`oxigraph: ${name}: ${rows} rows, median ${median?.toFixed(1)} ms${error ? " " + error : ""}\n`);
  }
  await worker.terminate();
  process.stdout.write(JSON.stringify(out) + "\n");
}
