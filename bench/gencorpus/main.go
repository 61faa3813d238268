// Command gencorpus writes a synthetic benchmark corpus: documents from
// templates with entities drawn from dipgraph's gazetteer, optionally
// interleaved with copies of real documents read at run time.
//
//	go run ./bench/gencorpus -size 100MB -o /tmp/corpus-100MB
//	go run ./bench/gencorpus -size 1GB -replicate ../shared/corpus -o /tmp/corpus-1GB
//
// The same -seed and -size give the same files.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/bench/corpus"
)

func main() {
	size := flag.String("size", "10MB", "target corpus `SIZE` (e.g. 10MB, 100MB, 1GB; decimal units, KiB/MiB/GiB binary)")
	out := flag.String("o", "", "output `DIR` (created)")
	seed := flag.Uint64("seed", 1, "random `SEED`")
	rep := flag.String("replicate", "", "`DIR` of real .md documents to interleave (read at run time, never copied into the repository)")
	every := flag.Int("every", 20, "with -replicate, every `N`-th document is a copy of a real one")
	perDir := flag.Int("per-dir", 1000, "documents per sub-directory")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -size SIZE -o DIR [-seed N] [-replicate DIR [-every N]]")
		os.Exit(2)
	}
	n, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
	start := time.Now()
	s, err := corpus.Write(*out, corpus.Options{Size: n, Seed: *seed, Replicate: *rep, ReplicateEvery: *every, PerDir: *perDir})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %s: %d documents (%d replicated), %d bytes in %.1fs\n",
		*out, s.Docs, s.Replicated, s.Bytes, time.Since(start).Seconds())
}

// parseSize reads "100MB", "1GB", "512KiB" or a number of bytes.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("-size %q: want a positive size such as 10MB or 1GB", s)
	}
	return int64(v * float64(mult)), nil
}
