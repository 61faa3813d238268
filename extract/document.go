// Package extract turns documents into facts and their RDF form.
//
// The flow is one way: a file becomes a Document (front matter, turns,
// sentences with exact offsets), the gazetteer finds Mentions in each
// sentence, the rules turn mentions into Facts, and Facts become quads built
// with the ontology's vocabulary. Nothing here knows RDF syntax or storage.
package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"gopkg.in/yaml.v3"
)

// Meta is the document metadata of the YAML front matter (keys in
// ../shared/corpus/README.md). Flags on the command line override it.
type Meta struct {
	Title               string `yaml:"title"`
	Date                string `yaml:"date"`
	Type                string `yaml:"type"`
	Source              string `yaml:"source"`
	Speaker             string `yaml:"speaker"`
	SpeakerOrganization string `yaml:"speaker_organization"`
	SpeakerState        string `yaml:"speaker_state"`
	Interviewer         string `yaml:"interviewer"`
	// Speakers maps transcript labels ("THE PRESIDENT") to person names.
	Speakers map[string]string `yaml:"speakers"`
}

// Document is one input text with its structure. All offsets are byte
// offsets into Text, the file exactly as read (front matter included);
// code-point offsets are computed at the RDF edge with RuneOffset.
type Document struct {
	ID        string // stable id: the IRI is ontology.Docs + ID
	Path      string // where it was read from ("-" for stdin)
	Text      string // the whole file as read
	BodyStart int    // byte offset where the text after the front matter starts
	Meta      Meta
	Turns     []Turn
	Sentences []Sentence
	// Warnings are problems the reader worked around (front matter read
	// leniently): the document is extracted, the user is told.
	Warnings []string

	runeIndex []int32 // code-point offset every runeStride bytes, built lazily
}

// Turn is a stretch of a transcript said by one speaker.
type Turn struct {
	Start, End int    // byte span, marker included
	Label      string // the marker as written: "Question", "THE PRESIDENT"
	Role       string // "interviewer", "speaker" or "other"
}

// Sentence is one sentence with its turn (-1 outside any turn).
type Sentence struct {
	Start, End int
	Turn       int
	Paragraph  int
}

// ReadFile reads and parses one document file.
func ReadFile(path string) (*Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

// ErrBinary is returned for input that is not text.
var ErrBinary = errors.New("binary data (NUL bytes), not a text document")

// Parse builds a Document from raw bytes. name is used for the id and in
// errors. Invalid UTF-8 is an error naming the byte offset: silently
// replacing it would shift every offset after it.
func Parse(name string, b []byte) (*Document, error) { return parse(name, b, false) }

// ParseOwned is Parse for bytes the caller hands over (a file just read):
// the document's text is b itself rather than a copy, so b must not be
// changed afterwards.
func ParseOwned(name string, b []byte) (*Document, error) { return parse(name, b, true) }

func parse(name string, b []byte, owned bool) (*Document, error) {
	if u, ok, err := decodeUTF16(b); ok {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		b = u
	}
	// After decoding: a UTF-16 file holding only its byte-order mark, or a
	// UTF-8 one with only its BOM and spaces, is empty too.
	if len(bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, fmt.Errorf("%s: empty document", name)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrBinary)
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, n := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		line := bytes.Count(b[:off], []byte("\n")) + 1
		return nil, fmt.Errorf("%s:%d: invalid UTF-8 at byte %d", name, line, off)
	}
	if IsHTML(name, b) {
		t, err := HTMLText(b)
		if err != nil {
			return nil, fmt.Errorf("%s: HTML: %w", name, err)
		}
		b = []byte(t)
	}
	text := ""
	if owned && len(b) > 0 {
		text = unsafe.String(&b[0], len(b))
	} else {
		text = string(b)
	}
	d := &Document{Path: name, Text: text, ID: DocumentID(name)}
	if err := d.parseFrontMatter(); err != nil {
		return nil, err
	}
	d.segment()
	return d, nil
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// DocumentID derives a stable id from a file name: the base name without
// its extension, restricted to characters that are safe in an IRI.
func DocumentID(path string) string {
	base := filepath.Base(path)
	if path == "-" || path == "" {
		return "stdin"
	}
	base = strings.TrimSuffix(base, filepath.Ext(base))
	id := strings.Trim(unsafeID.ReplaceAllString(base, "-"), "-.")
	if id == "" {
		id = "document"
	}
	return id
}

// parseFrontMatter reads a leading "---" YAML block.
func (d *Document) parseFrontMatter() error {
	t := d.Text
	if strings.HasPrefix(t, "\ufeff") {
		d.BodyStart = 3
		t = t[3:]
	}
	if !strings.HasPrefix(t, "---\n") && !strings.HasPrefix(t, "---\r\n") {
		return nil
	}
	first := strings.Index(t, "\n") + 1
	rest := t[first:]
	end := -1
	for off := 0; off < len(rest); {
		nl := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if strings.TrimRight(line, "\r ") == "---" {
			end = off
			if nl >= 0 {
				off += nl + 1
			} else {
				off = len(rest)
			}
			d.BodyStart += first + off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return fmt.Errorf("%s:1: front matter opened with --- is never closed", d.Path)
	}
	m, ok := simpleFrontMatter(rest[:end])
	if !ok {
		if err := yaml.Unmarshal([]byte(rest[:end]), &m); err != nil {
			lm, lok := lenientFrontMatter(rest[:end])
			if !lok {
				return fmt.Errorf("%s: front matter is not valid YAML: %w", d.Path, err)
			}
			m = lm
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s: front matter is not valid YAML (%v); read it line by line as \"key: value\" (quote values that hold \": \")", d.Path, err))
		}
	}
	if m.Date != "" {
		if _, err := ParseISODate(m.Date); err != nil {
			return fmt.Errorf("%s: front matter date %q: %w", d.Path, m.Date, err)
		}
	}
	d.Meta = m
	return nil
}

// decodeUTF16 turns a UTF-16 file with a byte-order mark into UTF-8 (ok
// is false for any other input). Offsets then index the UTF-8 text, which
// is what nif:isString records.
func decodeUTF16(b []byte) ([]byte, bool, error) {
	if len(b) < 2 {
		return nil, false, nil
	}
	var order binary.ByteOrder
	switch {
	case b[0] == 0xFE && b[1] == 0xFF:
		order = binary.BigEndian
	case b[0] == 0xFF && b[1] == 0xFE:
		order = binary.LittleEndian
	default:
		return nil, false, nil
	}
	if len(b)%2 != 0 {
		return nil, true, errors.New("UTF-16 text with an odd number of bytes")
	}
	u := make([]uint16, 0, len(b)/2-1)
	for i := 2; i+1 < len(b); i += 2 {
		u = append(u, order.Uint16(b[i:]))
	}
	var out bytes.Buffer
	for _, r := range utf16.Decode(u) {
		if r == utf8.RuneError {
			return nil, true, errors.New("invalid UTF-16 (unpaired surrogate)")
		}
		out.WriteRune(r)
	}
	return out.Bytes(), true, nil
}

// ParseISODate checks an ISO 8601 date of precision year, month or day.
func ParseISODate(s string) (Date, error) {
	for _, f := range []struct {
		layout string
		prec   Precision
	}{{"2006-01-02", Day}, {"2006-01", Month}, {"2006", Year}} {
		if t, err := time.Parse(f.layout, s); err == nil {
			return Date{t.Year(), int(t.Month()), t.Day(), f.prec}, nil
		}
	}
	return Date{}, fmt.Errorf("not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
}

// runeStride is how many bytes apart the rune-offset checkpoints are:
// 4 bytes of index per 256 bytes of text, so a 200 MB file needs 3 MB.
const runeStride = 256

// RuneOffset converts a byte offset into Text to a Unicode code-point
// offset, the unit of the output contract.
func (d *Document) RuneOffset(byteOff int) int {
	if d.runeIndex == nil {
		d.runeIndex = make([]int32, len(d.Text)/runeStride+1)
		n := int32(0)
		for i := 0; i < len(d.Text); i += runeStride {
			d.runeIndex[i/runeStride] = n
			n += int32(runeStarts(d.Text[i:min(i+runeStride, len(d.Text))]))
		}
		// The checkpoint at the very end, when the length is a multiple
		// of the stride: without it RuneLen was 0 for such documents.
		if len(d.Text)%runeStride == 0 {
			d.runeIndex[len(d.Text)/runeStride] = n
		}
	}
	base := (byteOff / runeStride) * runeStride
	return int(d.runeIndex[byteOff/runeStride]) + runeStarts(d.Text[base:byteOff])
}

// runeStarts counts the bytes of s that start a code point
// (utf8.RuneStart: all but the continuation bytes 10xxxxxx), eight at a
// time.
func runeStarts(s string) int {
	n := len(s)
	// s[0] to s[7] of s, len(s) >= 8, are one load with no bounds checks.
	for ; len(s) >= 8; s = s[8:] {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		// Bit 7 of a byte is kept where bit 7 is set and bit 6 (shifted
		// up into its place) is not: a continuation byte.
		n -= bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for i := 0; i < len(s); i++ {
		if !utf8.RuneStart(s[i]) {
			n--
		}
	}
	return n
}

// RuneLen is the document length in code points.
func (d *Document) RuneLen() int { return d.RuneOffset(len(d.Text)) }
