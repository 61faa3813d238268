#!/usr/bin/env bash
# Whole-command measurements for issue 8 and BENCHMARKS.md; `make bench` runs it.
# Builds the tools, generates the corpora (bench/gencorpus), runs the Go benchmarks,
# times dipgraph and the baselines on the same inputs under /usr/bin/time -v, then
# writes BENCHMARKS.md with bench/report.
#
# Environment:
#   BENCH_DIR         work directory for corpora, stores and outputs (/tmp/dipgraph-bench)
#   BENCH_JOBS        parallel jobs for extract and the baselines (2: issue 8's "2 cores")
#   BENCH_SHARED      real documents copied into the corpora at run time (../shared/corpus)
#   BENCH_BIG         size of the corpus for the peak-RSS run (1GB)
#   BENCH_BIG_BUDGET  seconds the peak-RSS run may take (600); the run extracts the largest
#                     leading part of the big corpus (a --shard 0/k) that the 100 MB rate
#                     says fits; 0 extracts all of it
#   BENCH_BENCHTIME   -benchtime of the Go benchmarks (3x)
#   BENCH_COMMIT      the commit to name in BENCHMARKS.md (default: git rev-parse HEAD)
#   BENCH_QUERY_RUNS, BENCH_QUERY_TIMEOUT
#                     runs per saved query (5) and the timeout of one run in seconds (20)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
W=${BENCH_DIR:-/tmp/dipgraph-bench}
J=${BENCH_JOBS:-2}
SHARED=${BENCH_SHARED:-../shared/corpus}
BIG=${BENCH_BIG:-1GB}
BUDGET=${BENCH_BIG_BUDGET:-600}
BENCHTIME=${BENCH_BENCHTIME:-3x}
QRUNS=${BENCH_QUERY_RUNS:-5}
QTIMEOUT=${BENCH_QUERY_TIMEOUT:-20}
SEED=1
START=$(date +%s)
mkdir -p "$W/bin"
R=$W/results.tsv
: >"$R"
put() { printf '%s\t%s\n' "$1" "$2" >>"$R"; }
log() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time is missing (Debian: apt-get install time)" >&2
	exit 1
fi
SERDI=$(command -v serdi || true)

# measure NAME CMD...: run CMD under /usr/bin/time -v; record NAME.wall (s),
# NAME.cpu (user+sys s) and NAME.rss_kb (peak resident set).
measure() {
	local name=$1
	shift
	log "$name: $*"
	/usr/bin/time -v -o "$W/$name.time" "$@"
	awk -F': ' -v n="$name" '
		/Elapsed \(wall clock\)/ { k = split($2, t, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + t[i]; printf "%s.wall\t%.3f\n", n, s }
		/User time/ { u = $2 } /System time/ { sy = $2 }
		/Maximum resident set size/ { printf "%s.rss_kb\t%d\n", n, $2 }
		END { printf "%s.cpu\t%.3f\n", n, u + sy }' "$W/$name.time" >>"$R"
}

corpus_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
corpus_docs() { find "$1" -type f | wc -l; }

# gen NAME SIZE: generate corpus-NAME (a prefix of every larger one: same seed).
gen() {
	local dir=$W/corpus-$1
	rm -rf "$dir"
	local rep=()
	[ -d "$SHARED" ] && rep=(-replicate "$SHARED" -every 20)
	"$W/bin/gencorpus" -size "$2" -seed $SEED "${rep[@]}" -o "$dir"
	put "corpus.$1.bytes" "$(corpus_bytes "$dir")"
	put "corpus.$1.docs" "$(corpus_docs "$dir")"
}

# ---------------------------------------------------------------- machine
put date "$(date -u +%Y-%m-%d)"
if [ -n "${BENCH_COMMIT:-}" ]; then # e.g. when run in a `git archive` copy
	put commit "$BENCH_COMMIT"
else
	put commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes in the work tree)')"
fi
put nproc "$(nproc)"
put cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
put mem "$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
put os "$(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -r)"
put go "$(go version | cut -d' ' -f3-)"
put load.before "$(cut -d' ' -f1-3 /proc/loadavg)"
put jobs "$J"
put seed "$SEED"
put benchtime "$BENCHTIME"
put prose.version "$(grep -o 'jdkato/prose/v3 v[0-9.]*' bench/peer/go.mod | cut -d' ' -f2)"
put serdi.version "$([ -n "$SERDI" ] && "$SERDI" -v 2>&1 | awk '{ print $1 " " $2; exit }' || echo missing)"
if [ -d "$SHARED" ]; then
	put replicate "every 20th document is a copy of one of the $(ls "$SHARED"/*.md | grep -vc README) real documents of $SHARED, read at run time"
else
	put replicate "no real documents mixed in ($SHARED is absent)"
fi

# ---------------------------------------------------------------- build
log "build"
go build -o "$W/bin/dipgraph" ./cmd/dipgraph
go build -o "$W/bin/gencorpus" ./bench/gencorpus
go build -o "$W/bin/scan" ./bench/scan
(cd bench/peer && go build -o "$W/bin/peer" .)
DG=$W/bin/dipgraph

# ---------------------------------------------------------------- corpora
gen 10MB 10MB
gen 100MB 100MB

# ---------------------------------------------------------------- Go benchmarks
log "go benchmarks (-benchtime $BENCHTIME)"
go test -run '^$' -bench . -benchmem -benchtime "$BENCHTIME" -timeout 60m ./extract ./graph/rdfio ./graph/store | tee "$W/gobench.txt" >&2
go test -run '^$' -bench 'ExtractNTriples$' -benchtime 2x -cpuprofile "$W/extract.prof" -o "$W/extract.test" ./extract >/dev/null
go tool pprof -top -cum -nodecount 200 "$W/extract.test" "$W/extract.prof" 2>/dev/null |
	awk '/flat%/ { print; next } /dipgraph|regexp\.\(\*Regexp\)\.(doExecute|FindAll)|strings\.\(\*Builder\)/ && n < 24 { print; n++ }' |
	sed 's|github.com/dipgraph/dipgraph/||' >"$W/profile.txt"

# ---------------------------------------------------------------- extraction
measure extract10 "$DG" extract -j "$J" -f ntriples -o "$W/out-10MB.nt" "$W/corpus-10MB"
put corpus.10MB.ntbytes "$(stat -c %s "$W/out-10MB.nt")"
rm -f "$W/out-10MB.nt"
measure extractttl10 "$DG" extract -j "$J" -f turtle -o /dev/null "$W/corpus-10MB"
measure extract100 "$DG" extract -j "$J" -f ntriples -o /dev/null "$W/corpus-100MB"
measure scan100 "$W/bin/scan" -j "$J" "$W/corpus-100MB" >"$W/scan100.json"
put scan100.mbps "$(sed 's/.*"mb_per_s":\([0-9.e+-]*\).*/\1/' "$W/scan100.json")"

# ---------------------------------------------------------------- peak RSS on the big corpus
gen big "$BIG"
put big.size "$BIG"
bigbytes=$(awk -F'\t' '$1 == "corpus.big.bytes" { print $2 }' "$R")
rate=$(awk -F'\t' '$1 == "extract100.wall" { w = $2 } $1 == "corpus.100MB.bytes" { b = $2 } END { print b / w }' "$R")
k=1
if [ "$BUDGET" != 0 ]; then
	k=$(awk -v b="$bigbytes" -v r="$rate" -v t="$BUDGET" 'BEGIN { k = b / (r * t); k = (k == int(k)) ? k : int(k) + 1; print (k < 1) ? 1 : k }')
fi
measure extractbig "$DG" extract -j "$J" -f ntriples -o /dev/null --shard "0/$k" "$W/corpus-big"
if [ "$k" = 1 ]; then
	put big.full 1
	put big.label "$BIG"
	put big.note "The peak-RSS row extracted the whole $BIG corpus."
else
	part=$(awk -v b="$bigbytes" -v k="$k" 'BEGIN { printf "%.0f", b / k / 1e6 }')
	put big.full 0
	put big.label "$BIG (its first 1/$k, ${part} MB, \`--shard 0/$k\`)"
	put big.note "The peak-RSS row extracted only the first 1/$k of the $BIG corpus (\`--shard 0/$k\`, about $part MB): the whole corpus would take about $(awk -v b="$bigbytes" -v r="$rate" 'BEGIN { printf "%.0f", b / r / 60 }') minutes at the 100 MB rate. Memory is bounded by the documents in flight, not by their number (compare the 10 MB and 100 MB rows); \`BENCH_BIG_BUDGET=0 make bench\` runs it all."
fi
rm -rf "$W/corpus-big"

# ---------------------------------------------------------------- peer
# prose and extract on the 10 MB corpus, one right after the other.
measure peer "$W/bin/peer" -j "$J" "$W/corpus-10MB" >"$W/peer.json"
measure extractpeer "$DG" extract -j "$J" -f ntriples -o /dev/null "$W/corpus-10MB"
put peer.mbps "$(sed 's/.*"mb_per_s":\([0-9.e+-]*\).*/\1/' "$W/peer.json")"

# ---------------------------------------------------------------- store, export, serdi
rm -f "$W/store.db"
measure load10 "$DG" load --quiet --store "$W/store.db" "$W/corpus-10MB"
measure exportnq "$DG" export --store "$W/store.db" -f nquads -o "$W/store.nq"
put store.quads "$(wc -l <"$W/store.nq")"
measure exportnt "$DG" export --store "$W/store.db" -f ntriples -o "$W/store.nt"
measure exportttl "$DG" export --store "$W/store.db" -f turtle -o "$W/store.ttl"
put store.triples "$(wc -l <"$W/store.nt")"
if [ -n "$SERDI" ]; then
	measure serdittl "$SERDI" -i ntriples -o turtle "$W/store.nt" >"$W/serdi.ttl"
	measure serdint "$SERDI" -i ntriples -o ntriples "$W/store.nt" >"$W/serdi.nt"
	rm -f "$W/serdi.ttl" "$W/serdi.nt"
else
	log "serdi missing (Debian: apt-get install serdi, or serd-utils on newer releases): its rows stay empty"
fi
rm -f "$W/store.ttl"

# ---------------------------------------------------------------- saved queries
# In process (bench/querytime: queries.RunSaved on the bolt store, native engine),
# each query BENCH_QUERY_RUNS times; a query that runs past BENCH_QUERY_TIMEOUT is
# run once. The Gizmo engine is timed the same way for comparison.
# Baseline: oxigraph (tools/sparql's pinned version) on the SPARQL twins over the
# store's N-Quads export, the data loaded once.
if "$DG" queries --help 2>/dev/null | grep -w run >/dev/null; then # not grep -q: its early exit fails the pipe (pipefail)
	go build -o "$W/bin/querytime" ./bench/querytime
	measure querytime "$W/bin/querytime" -store "$W/store.db" -n "$QRUNS" -engine native \
		-timeout "${QTIMEOUT}s" -sparql "$W/queries.json" >"$W/querytime.json"
	# The same queries on the Gizmo engine (the .gizmo.js texts users edit), for the ratio.
	measure querytime_gizmo "$W/bin/querytime" -store "$W/store.db" -n "$QRUNS" -engine gizmo \
		-timeout "${QTIMEOUT}s" >"$W/querytime-gizmo.json"
	put queries measured
	put query.timeout "${QTIMEOUT}s"
	put query.runs "$QRUNS"
	if command -v node >/dev/null && [ -f tools/sparql/node_modules/oxigraph/package.json ]; then
		measure oxigraph node bench/oxigraph.mjs "$W/queries.json" "$W/store.nq" "$QRUNS" "${QTIMEOUT}000" >"$W/oxigraph.json"
	else
		log "oxigraph missing (npm ci --prefix tools/sparql): its column stays empty"
		rm -f "$W/oxigraph.json"
	fi
else
	put queries "not measured: saved queries not merged yet"
fi
rm -f "$W/store.nq"

put load.after "$(cut -d' ' -f1-3 /proc/loadavg)"
put minutes "$(( ($(date +%s) - START + 59) / 60 ))"
go run ./bench/report -dir "$W" -o "$ROOT/BENCHMARKS.md"
log "wrote BENCHMARKS.md ($(( ($(date +%s) - START) / 60 )) min)"
