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
	"sync"
	"sync/atomic"

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
	// A document's id (and IRI) comes from its file name: two files with
	// one id would overwrite each other's graph in a store.
	byID := map[string]string{}
	for _, p := range out {
		id := extract.DocumentID(p)
		if other, ok := byID[id]; ok && other != p {
			return nil, fmt.Errorf("%s and %s would both be document %q (ids come from file names): rename one, or extract them in separate runs", other, p, id)
		}
		byID[id] = p
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

// defaultMaxSize is --max-size's default in MiB. Extraction runs at a few
// MB/s and holds a document's text, its quads and (for the nif:isString
// literal) a copy in memory: a 200 MB single-line file took minutes and
// gigabytes. Real documents are far smaller.
const defaultMaxSize = 64

// maxDocumentSize is --max-size in bytes (0: no limit), or the default for
// commands without the flag.
func maxDocumentSize(c *cli.Context) int64 {
	for _, f := range c.Command.Flags {
		if f.Names()[0] == "max-size" {
			return c.Int64("max-size") << 20
		}
	}
	return defaultMaxSize << 20
}

// errTooLarge says why a document was not read.
func errTooLarge(size, limit int64) error {
	return fmt.Errorf("%.1f MiB, more than --max-size %d MiB: not read (split the document, or raise --max-size; 0 means no limit)",
		float64(size)/(1<<20), limit>>20)
}

// warnMu keeps the warnings of documents read by concurrent workers whole.
var warnMu sync.Mutex

// docOptions are the flags readDocument applies, looked up once per
// command run: urfave/cli looks a flag up through the command's flag lists,
// and doing that for every document was about 1% of extraction.
type docOptions struct {
	c                           *cli.Context // the run they are of
	limit                       int64        // maxDocumentSize
	date, speaker, speakerState string
	dateErr                     error // --date is no ISO 8601 date
}

// lastDocOptions are the options of the last run that read a document.
var lastDocOptions atomic.Pointer[docOptions]

// docOptionsOf returns the options of c's run.
func docOptionsOf(c *cli.Context) *docOptions {
	if o := lastDocOptions.Load(); o != nil && o.c == c {
		return o
	}
	o := &docOptions{c: c, limit: maxDocumentSize(c), date: c.String("date"), speaker: c.String("speaker"),
		speakerState: c.String("speaker-state")}
	if o.date != "" {
		if _, err := extract.ParseISODate(o.date); err != nil {
			o.dateErr = fmt.Errorf("--date %q: %w", o.date, err)
		}
	}
	lastDocOptions.Store(o)
	return o
}

// readDocument reads one input and applies the metadata flags. A document
// larger than --max-size is refused before it is read.
func readDocument(c *cli.Context, path string) (*extract.Document, error) {
	o := docOptionsOf(c)
	b, err := readInput(path, o.limit)
	if err != nil {
		return nil, err
	}
	name := path
	if path == "-" {
		name = "stdin"
	}
	d, err := extract.ParseOwned(name, b) // b was read for it alone: no copy
	if err != nil {
		return nil, err
	}
	if len(d.Warnings) > 0 {
		warnMu.Lock()
		for _, w := range d.Warnings {
			fmt.Fprintln(c.App.ErrWriter, "dipgraph: warning:", w)
		}
		warnMu.Unlock()
	}
	if o.date != "" {
		if o.dateErr != nil {
			return nil, o.dateErr
		}
		d.Meta.Date = o.date
	}
	if o.speaker != "" {
		d.Meta.Speaker = o.speaker
	}
	if o.speakerState != "" {
		d.Meta.SpeakerState = o.speakerState
	}
	return d, nil
}

// readInput returns the bytes of an input, refusing one larger than limit
// (0: no limit). A file is opened, and its size asked of the open file,
// once: an os.Stat by name before os.ReadFile looked the path up twice.
func readInput(path string, limit int64) ([]byte, error) {
	if path == "-" {
		r := io.Reader(os.Stdin)
		if limit > 0 {
			r = io.LimitReader(os.Stdin, limit+1)
		}
		b, err := io.ReadAll(r)
		if err == nil && limit > 0 && int64(len(b)) > limit {
			return nil, fmt.Errorf("stdin: %w", errTooLarge(int64(len(b)), limit))
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
		}
		return b, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return readInputByName(path, limit) // says why, as it always did
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		return readInputByName(path, limit)
	}
	size := fi.Size()
	if fi.Mode().IsRegular() && limit > 0 && size > limit {
		return nil, fmt.Errorf("%s: %w", path, errTooLarge(size, limit))
	}
	// As os.ReadFile: to the end, whatever the size said (a file may
	// grow, a device has none); one byte more lets the end be seen
	// without growing.
	if !fi.Mode().IsRegular() || size < 0 {
		size = 0
	}
	b := make([]byte, 0, max(size+1, 512))
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				return b, nil
			}
			return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// readInputByName is readInput for the inputs that cannot be read as an
// open file: a missing or unreadable one, a directory.
func readInputByName(path string, limit int64) ([]byte, error) {
	var b []byte
	var err error
	if fi, serr := os.Stat(path); serr == nil && fi.Mode().IsRegular() && limit > 0 && fi.Size() > limit {
		return nil, fmt.Errorf("%s: %w", path, errTooLarge(fi.Size(), limit))
	} else if serr == nil && fi.IsDir() {
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
	return b, nil
}

// extractorFlags are shared by extract, load and eval.
func extractorFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "gazetteer", Usage: "extra gazetteer `FILE` (YAML, see ontology/README.md), merged with the built-in one; repeatable"},
		&cli.StringSliceFlag{Name: "rules", Usage: "extra relation rules `FILE` (YAML, see ontology/rules/relations.yaml); repeatable"},
		&cli.StringFlag{Name: "date", Usage: "document date `YYYY[-MM[-DD]]`, overriding the front matter"},
		&cli.StringFlag{Name: "speaker", Usage: "the speaker's `NAME`, overriding the front matter"},
		&cli.StringFlag{Name: "speaker-state", Usage: "the `STATE` \"we\" refers to in the speaker's turns"},
		&cli.Int64Flag{Name: "max-size", Value: defaultMaxSize, Usage: "skip documents larger than `MiB` mebibytes, with a message, without reading them (0: no limit)"},
	}
}

func newExtractor(c *cli.Context) (*extract.Extractor, error) {
	return extract.New(extract.Options{Gazetteers: c.StringSlice("gazetteer"), Rules: c.StringSlice("rules")})
}
