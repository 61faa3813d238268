# dipgraph: the two set-up commands are `make demo` and `make test`.
GO      ?= go
BIN     := bin/dipgraph
DEMO    := examples/demo.md
STORE   := demo.db

.PHONY: all build demo test vet fmt bench tools clean fuzz

all: build

build:
	$(GO) build -o $(BIN) ./cmd/dipgraph

# The main job on the bundled example: extract to Turtle, load into the embedded
# bolt store, answer a query from it, export it again.
demo: build
	@mkdir -p out
	$(BIN) extract -o out/demo.ttl $(DEMO)
	@echo "wrote out/demo.ttl ($$(wc -l < out/demo.ttl) lines)"
	rm -f $(STORE)
	$(BIN) load --store $(STORE) $(DEMO)
	$(BIN) query --store $(STORE) 'g.V("<https://w3id.org/dipgraph/id/kremlin-white-house-expert-group>").Out("<https://w3id.org/dipgraph/ontology#terminatedBy>").Out("<http://www.w3.org/2004/02/skos/core#prefLabel>").All()'
	$(BIN) export --store $(STORE) --format ntriples -o out/demo-export.nt
	@echo "exported out/demo-export.nt ($$(wc -l < out/demo-export.nt) triples)"

# Node tools for the independent SHACL validator (tests skip without them).
# Node tools the tests use as independent checkers: rdf-validate-shacl (tools/shacl) and
# oxigraph (tools/sparql), pinned in their package-lock.json files.
tools:
	@for d in tools/shacl tools/sparql; do \
	  if [ -f $$d/package-lock.json ] && [ ! -d $$d/node_modules ]; then npm ci --prefix $$d --no-audit --no-fund || exit 1; fi; \
	done

# Each fuzz target for a short budget (FUZZTIME, default 15000 inputs each); the seed corpora also run in
# `make test`. A count, not a duration: Go 1.26's fuzz coordinator can fail a run with a bare "context
# deadline exceeded" when a duration ends while a worker is busy (golang/go#75804, fixed in Go 1.27).
FUZZTIME ?= 15000x
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./extract
	$(GO) test -run '^$$' -fuzz '^FuzzSegment$$' -fuzztime $(FUZZTIME) ./extract
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME) ./extract
	$(GO) test -run '^$$' -fuzz '^FuzzWriters$$' -fuzztime $(FUZZTIME) ./graph/rdfio
	$(GO) test -run '^$$' -fuzz '^FuzzReplaceGraph$$' -fuzztime $(FUZZTIME) ./graph/store

test: tools vet
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || (echo "gofmt needed:"; gofmt -l .; exit 1)

# Go benchmarks plus whole-command measurements against baselines (serdi, prose,
# the bare gazetteer pass); writes BENCHMARKS.md. Not part of `make test`.
# Takes about half an hour on 2 cores; see bench/run.sh for its settings.
bench:
	bench/run.sh

clean:
	rm -rf bin out $(STORE)
