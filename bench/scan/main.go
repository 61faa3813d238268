// Command scan is the whole-command baseline of `dipgraph extract`: the
// bare gazetteer automaton pass (extract.Tokenize, then Matcher.Scan) over
// the same documents, with the same number of parallel jobs, reading each
// file as extract does. It prints one JSON object.
//
//	go run ./bench/scan -j 2 /tmp/dipgraph-bench/corpus-100MB
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dipgraph/dipgraph/extract"
)

// Result is what scan prints.
type Result struct {
	Docs    int     `json:"docs"`
	Bytes   int64   `json:"bytes"`
	Matches int64   `json:"matches"`
	Jobs    int     `json:"jobs"`
	Seconds float64 `json:"seconds"`
	MBps    float64 `json:"mb_per_s"`
}

func main() {
	jobs := flag.Int("j", runtime.NumCPU(), "documents scanned in parallel")
	flag.Parse()
	files, err := inputs(flag.Args())
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "usage: scan [-j N] DIR|FILE ...", err)
		os.Exit(2)
	}
	x, err := extract.New(extract.Options{}) // compiled before the clock starts, as in extract
	if err != nil {
		fmt.Fprintln(os.Stderr, "scan:", err)
		os.Exit(1)
	}
	var bytes, matches atomic.Int64
	next := make(chan string)
	var wg sync.WaitGroup
	start := time.Now()
	for range *jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				b, err := os.ReadFile(f)
				if err != nil {
					fmt.Fprintln(os.Stderr, "scan:", err)
					os.Exit(1)
				}
				text := string(b)
				matches.Add(int64(len(x.Matcher.Scan(extract.Tokenize(text, 0, len(text)), nil))))
				bytes.Add(int64(len(b)))
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	r := Result{Docs: len(files), Bytes: bytes.Load(), Matches: matches.Load(), Jobs: *jobs, Seconds: time.Since(start).Seconds()}
	r.MBps = float64(r.Bytes) / 1e6 / r.Seconds
	json.NewEncoder(os.Stdout).Encode(r)
}

// inputs lists the .md and .txt files under the arguments, sorted.
func inputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".md" || ext == ".txt") {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}
