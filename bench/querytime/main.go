// Command querytime times dipgraph's saved queries (queries.RunSaved with
// the engine -engine picks, in process: no start-up, no output formatting)
// on a store, each run -n times, and writes their bound SPARQL twins for the oxigraph
// baseline (bench/oxigraph.mjs). It prints one JSON array.
//
//	go run ./bench/querytime -store /tmp/dipgraph-bench/store.db -sparql /tmp/q.json
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"syscall"
	"time"

	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
	"github.com/dipgraph/dipgraph/queries"
)

// args are the arguments each saved query is run with: the examples of
// `dipgraph queries --help`, names the generated corpus uses. A query not
// listed runs without arguments.
var args = map[string][]string{
	"actor":    {"Russia"},
	"format":   {"Kremlin-White House expert group"},
	"evidence": {"kremlin-white-house-expert-group", "terminatedBy", "US"},
	"timeline": {"--param", "actor=Russia"},
	"events":   {"--param", "type=Termination"},
}

// Timing is one query's figures.
type Timing struct {
	Name     string    `json:"name"`
	Args     []string  `json:"args"`
	Rows     int       `json:"rows"`
	MedianMs float64   `json:"median_ms"`
	Ms       []float64 `json:"ms"`
	// CPUMs is the process CPU time (user+system, all goroutines, the
	// garbage collector included) of each run: on a shared machine it
	// varies less than the wall time.
	MedianCPUMs float64   `json:"median_cpu_ms"`
	CPUMs       []float64 `json:"cpu_ms"`
	Error       string    `json:"error,omitempty"`
	SPARQL      string    `json:"-"`
}

func main() {
	spec := flag.String("store", "dipgraph.db", "the store")
	n := flag.Int("n", 5, "runs per query")
	timeout := flag.Duration("timeout", 60*time.Second, "per-run timeout")
	sparqlOut := flag.String("sparql", "", "write the bound SPARQL twins here (JSON: [{name, query}])")
	only := flag.String("only", "", "time only the queries whose name matches this regular expression")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the runs here")
	memProfile := flag.String("memprofile", "", "write an allocation profile of the runs here (at the end)")
	engine := flag.String("engine", queries.EngineAuto, "the query engine: auto, gizmo or native (queries.Options.Engine)")
	flag.Parse()
	var onlyRE *regexp.Regexp
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			fail(err)
		}
		onlyRE = re
	}
	defer queries.TuneGC()() // as the query commands run
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10
	}
	gaz, err := ontology.LoadGazetteer()
	if err != nil {
		fail(err)
	}
	s, err := store.Open(*spec, store.Options{ReadOnly: true})
	if err != nil {
		fail(err)
	}
	defer s.Close()
	ctx := context.Background()
	var out []Timing
	type twin struct {
		Name  string `json:"name"`
		Query string `json:"query"`
	}
	var twins []twin
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	for _, q := range queries.All() {
		if onlyRE != nil && !onlyRE.MatchString(q.Name) {
			continue
		}
		t := Timing{Name: q.Name, Args: args[q.Name]}
		pos, pairs := []string{}, []string{}
		for i := 0; i < len(t.Args); i++ {
			if t.Args[i] == "--param" && i+1 < len(t.Args) {
				pairs = append(pairs, t.Args[i+1])
				i++
			} else {
				pos = append(pos, t.Args[i])
			}
		}
		b, err := bind(q, pos, pairs, &queries.Resolver{Gazetteer: gaz, Store: s.QuadStore()})
		if err != nil {
			t.Error = err.Error()
			out = append(out, t)
			continue
		}
		if text, err := q.SPARQLText(b); err == nil {
			twins = append(twins, twin{q.Name, text})
		}
		for range *n {
			start, cpu := time.Now(), cpuTime()
			res, err := queries.RunSaved(ctx, s.QuadStore(), q, b, queries.Options{Timeout: *timeout, Engine: *engine})
			ms := float64(time.Since(start).Microseconds()) / 1000
			cpuMs := float64((cpuTime() - cpu).Microseconds()) / 1000
			if err != nil {
				t.Error = err.Error()
				break
			}
			t.Rows = len(res.Rows)
			t.Ms = append(t.Ms, ms)
			t.CPUMs = append(t.CPUMs, cpuMs)
		}
		if len(t.Ms) > 0 {
			t.MedianMs = median(t.Ms)
			t.MedianCPUMs = median(t.CPUMs)
		}
		fmt.Fprintf(os.Stderr, "querytime: %s %v: %d rows, median %.1f ms (CPU %.1f ms) %s\n", q.Name, t.Args, t.Rows, t.MedianMs, t.MedianCPUMs, t.Error)
		out = append(out, t)
	}
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			fail(err)
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			fail(err)
		}
		f.Close()
	}
	if *sparqlOut != "" {
		b, _ := json.Marshal(twins)
		if err := os.WriteFile(*sparqlOut, b, 0o644); err != nil {
			fail(err)
		}
	}
	json.NewEncoder(os.Stdout).Encode(out)
}

func bind(q *queries.Query, pos, pairs []string, r *queries.Resolver) (*queries.Binding, error) {
	raw, err := q.ParseParams(pos, pairs)
	if err != nil {
		return nil, err
	}
	return q.Bind(raw, r)
}

// cpuTime is the CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "querytime:", err)
	os.Exit(1)
}
