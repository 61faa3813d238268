// Command peer is the peer benchmark of dipgraph's issue 8: it runs
// github.com/jdkato/prose/v3 (tokenisation, part-of-speech tagging and
// named-entity recognition; sentence segmentation off, as dipgraph's target
// names only tokenising and tagging entities) over the same documents that
// `dipgraph extract` reads, and prints the throughput as one JSON object.
//
// It is a module of its own so that dipgraph never depends on prose.
//
//	go run . -j 2 /tmp/corpus-10MB
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
	"time"

	"github.com/jdkato/prose/v3"
)

// Result is what peer prints.
type Result struct {
	Library  string  `json:"library"`
	Docs     int     `json:"docs"`
	Bytes    int64   `json:"bytes"`
	Tokens   int64   `json:"tokens"`
	Entities int64   `json:"entities"`
	Jobs     int     `json:"jobs"`
	Seconds  float64 `json:"seconds"`
	MBps     float64 `json:"mb_per_s"`
}

func main() {
	jobs := flag.Int("j", runtime.NumCPU(), "documents processed in parallel")
	limit := flag.Int64("limit", 0, "stop after this many bytes of input (0: all)")
	flag.Parse()
	files, err := inputs(flag.Args())
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "usage: peer [-j N] [-limit BYTES] DIR|FILE ...", err)
		os.Exit(2)
	}
	// Read first (dipgraph's figure includes reading, but reading is not
	// what differs), bounded by -limit.
	var texts []string
	var total int64
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "peer:", err)
			os.Exit(1)
		}
		texts = append(texts, string(b))
		total += int64(len(b))
		if *limit > 0 && total >= *limit {
			break
		}
	}
	// Load the models before the clock starts, as dipgraph's figure
	// excludes nothing but process start-up either way.
	if _, err := prose.NewDocument("Warm up the models in Geneva."); err != nil {
		fmt.Fprintln(os.Stderr, "peer:", err)
		os.Exit(1)
	}
	res := Result{Library: "github.com/jdkato/prose/v3", Docs: len(texts), Bytes: total, Jobs: *jobs}
	var mu sync.Mutex
	next := make(chan string)
	var wg sync.WaitGroup
	start := time.Now()
	for range *jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var toks, ents int64
			for t := range next {
				d, err := prose.NewDocument(t, prose.WithSegmentation(false))
				if err != nil {
					fmt.Fprintln(os.Stderr, "peer:", err)
					os.Exit(1)
				}
				toks += int64(len(d.Tokens()))
				ents += int64(len(d.Entities()))
			}
			mu.Lock()
			res.Tokens += toks
			res.Entities += ents
			mu.Unlock()
		}()
	}
	for _, t := range texts {
		next <- t
	}
	close(next)
	wg.Wait()
	res.Seconds = time.Since(start).Seconds()
	res.MBps = float64(res.Bytes) / 1e6 / res.Seconds
	json.NewEncoder(os.Stdout).Encode(res)
}

// inputs lists .md and .txt files under the arguments, sorted per
// directory as dipgraph does.
func inputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".md" || ext == ".txt") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}
