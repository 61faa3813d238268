package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/extract"
)

// documentExts are the file endings read from a directory.
var documentExts = map[string]bool{".txt": true, ".md": true, ".markdown": true, ".html": true, ".htm": true}

// expandInputs turns the arguments (files, directories, "-") into a sorted
// list of files; directories are read recursively for documentExts.
// Symbolic links inside directories are not followed (a link loop is never
// entered), though a link to a file with a document ending is read.
//
// A missing argument, or a directory or file the walk cannot read, stays in
// the list so that reading it fails with its cause and the run goes on with
// the other documents (readDocument); only when no argument exists at all
// is that an error here.
func expandInputs(args []string) ([]string, error) {
	var out []string
	var firstErr error
	exists := 0
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			exists++
			continue
		}
		info, err := os.Stat(a)
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("%s: %w", a, unwrapPathError(err))
			}
			out = append(out, a)
			continue
		}
		exists++
		if !info.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable directory or entry: readDocument
				// reports it, and the walk goes on.
				found = append(found, p)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && documentExts[strings.ToLower(filepath.Ext(p))] && !isProjectFile(d.Name()) {
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
	if exists == 0 && firstErr != nil {
		return nil, firstErr
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no documents found (directories are searched for .txt, .md, .markdown, .html and .htm files, README and LICENSE files left out)")
	}
	return out, nil
}

// isProjectFile: README, LICENSE and CHANGELOG files in a corpus folder
// describe the folder; they are not documents (name them to read them).
func isProjectFile(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	return base == "README" || base == "LICENSE" || base == "CHANGELOG" || base == "CONTRIBUTING"
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// readDocument reads one input and applies the metadata flags.
func readDocument(c *cli.Context, path string) (*extract.Document, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(os.Stdin)
	} else if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
		// A directory the walk could not read (expandInputs): say why.
		if _, err = os.ReadDir(path); err == nil {
			err = errors.New("is a directory")
		}
		return nil, fmt.Errorf("%s: directory not read: %w", path, unwrapPathError(err))
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	name := path
	if path == "-" {
		name = "stdin"
	}
	d, err := extract.Parse(name, b)
	if err != nil {
		return nil, err
	}
	if v := c.String("date"); v != "" {
		if _, err := extract.ParseISODate(v); err != nil {
			return nil, fmt.Errorf("--date %q: %w", v, err)
		}
		d.Meta.Date = v
	}
	if v := c.String("speaker"); v != "" {
		d.Meta.Speaker = v
	}
	if v := c.String("speaker-state"); v != "" {
		d.Meta.SpeakerState = v
	}
	return d, nil
}

// extractorFlags are shared by extract, load and eval.
func extractorFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "gazetteer", Usage: "extra gazetteer `FILE` (YAML, see ontology/README.md), merged with the built-in one; repeatable"},
		&cli.StringSliceFlag{Name: "rules", Usage: "extra relation rules `FILE` (YAML, see ontology/rules/relations.yaml); repeatable"},
		&cli.StringFlag{Name: "date", Usage: "document date `YYYY[-MM[-DD]]`, overriding the front matter"},
		&cli.StringFlag{Name: "speaker", Usage: "the speaker's `NAME`, overriding the front matter"},
		&cli.StringFlag{Name: "speaker-state", Usage: "the `STATE` \"we\" refers to in the speaker's turns"},
	}
}

func newExtractor(c *cli.Context) (*extract.Extractor, error) {
	return extract.New(extract.Options{Gazetteers: c.StringSlice("gazetteer"), Rules: c.StringSlice("rules")})
}
