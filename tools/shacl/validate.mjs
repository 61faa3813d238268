#!/usr/bin/env node
// Validate RDF data against SHACL shapes, independently of dipgraph's own Go code.
//
// Usage: node validate.mjs SHAPES.ttl DATA.ttl [MORE_DATA ...]
//
// Files are read by extension: .nt (N-Triples), .nq (N-Quads), .trig (TriG), else Turtle.
// Quads in named graphs are validated as one data graph (their union).
//
// Prints one JSON object on stdout:
//   {"conforms": bool, "violations": N, "results": [{focus, path, constraint, message, severity, value, shape}]}
// where violations counts the validation results (of any severity) and results are sorted so that
// the same input prints the same bytes.
// Exit status: 0 conforms, 1 does not conform, 2 usage, read or parse error (message on stderr).

import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Parser } from 'n3'
import SHACLValidator from 'rdf-validate-shacl'

const SH = 'http://www.w3.org/ns/shacl#'

function formatOf (path) {
  switch (extname(path).toLowerCase()) {
    case '.nt': return 'N-Triples'
    case '.nq': return 'N-Quads'
    case '.trig': return 'TriG'
    default: return 'Turtle'
  }
}

async function parseFile (path) {
  const text = await readFile(path, 'utf8')
  const parser = new Parser({ format: formatOf(path), baseIRI: pathToFileURL(path).href })
  try {
    return parser.parse(text)
  } catch (err) {
    throw new Error(`${path}: ${err.message}`)
  }
}

function show (term) {
  if (!term) return null
  switch (term.termType) {
    case 'NamedNode': return term.value
    case 'BlankNode': return '_:' + term.value
    case 'Literal': {
      const lex = JSON.stringify(term.value)
      if (term.language) return `${lex}@${term.language}`
      return `${lex}^^<${term.datatype.value}>`
    }
    default: return term.value
  }
}

function local (term) {
  if (!term) return null
  return term.value.startsWith(SH) ? 'sh:' + term.value.slice(SH.length) : term.value
}

async function main (argv) {
  if (argv.length < 2) {
    process.stderr.write('usage: node validate.mjs SHAPES.ttl DATA.ttl [MORE_DATA ...]\n')
    return 2
  }
  const [shapesPath, ...dataPaths] = argv
  const shapes = await parseFile(shapesPath)
  const validator = new SHACLValidator(shapes)
  const f = validator.factory
  const quads = []
  for (const p of dataPaths) {
    for (const q of await parseFile(p)) {
      // One data graph: the union of all graphs of all files.
      quads.push(f.quad(q.subject, q.predicate, q.object))
    }
  }
  const report = await validator.validate(f.dataset(quads))
  const results = report.results.map(r => ({
    focus: show(r.focusNode),
    path: show(r.path),
    constraint: local(r.sourceConstraintComponent),
    message: r.message.map(m => m.value).sort().join(' | '),
    severity: local(r.severity),
    value: show(r.value),
    shape: show(r.sourceShape)
  }))
  // Blank-node shapes get fresh labels from the parser; keep the output stable without them.
  for (const r of results) {
    if (r.shape && r.shape.startsWith('_:')) r.shape = null
  }
  const key = r => [r.focus, r.path, r.constraint, r.value, r.message].map(x => x ?? '').join('\u0000')
  results.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  const out = { conforms: report.conforms, violations: results.length, results }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n')
  return report.conforms ? 0 : 1
}

main(process.argv.slice(2)).then(
  code => { process.exitCode = code },
  err => {
    process.stderr.write(`validate.mjs: ${err && err.message ? err.message : err}\n`)
    process.exitCode = 2
  }
)
