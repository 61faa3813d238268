package rdfio

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/cayleygraph/quad"
	"github.com/knakk/rdf"
)

// ReadOptions tune NewReader.
type ReadOptions struct {
	// Base is the IRI relative IRIs are resolved against (RFC 3986). Empty
	// leaves relative IRIs as they are. Documents with their own @base are
	// resolved by knakk, which concatenates instead of resolving.
	Base string
	// BlankPrefix is put in front of every blank-node label read, so that
	// blank nodes of different documents stay distinct when loaded into one
	// store. Empty means "r<N>_" with N counting readers made by this
	// process (deterministic in a sequential program).
	BlankPrefix string
}

var readerCount atomic.Int64

// NewReader reads format ("turtle", "ntriples" or "nquads") with knakk's
// decoders. Blank-node labels come back as BlankPrefix + "d" + the label in
// the document, or BlankPrefix + "b<N>" for blank nodes the document leaves
// unlabelled ([] and collections): knakk itself gives the latter labels
// _:b1, _:b2, ... that merge with a document's own _:b1, so document
// labels are renamed on the way in (see blankRenamer).
func NewReader(format string, r io.Reader, opt ReadOptions) (Reader, error) {
	if opt.BlankPrefix == "" {
		opt.BlankPrefix = fmt.Sprintf("r%d_", readerCount.Add(1))
	}
	kr := &knakkReader{opt: opt}
	switch format {
	case "turtle":
		dec := rdf.NewTripleDecoder(newBlankRenamer(r), rdf.Turtle)
		kr.next = func() (rdf.Quad, error) {
			t, err := dec.Decode()
			return rdf.Quad{Triple: t}, err
		}
	case "ntriples":
		dec := rdf.NewTripleDecoder(r, rdf.NTriples)
		kr.next = func() (rdf.Quad, error) {
			t, err := dec.Decode()
			return rdf.Quad{Triple: t}, err
		}
		kr.docPrefix = "d"
	case "nquads":
		dec := rdf.NewQuadDecoder(r, rdf.NQuads)
		dec.DefaultGraph = nil // knakk's default is the blank node _:defaultGraph
		kr.next = dec.Decode
		kr.docPrefix = "d"
	default:
		return nil, fmt.Errorf("rdfio: no reader for format %q", format)
	}
	return kr, nil
}

type knakkReader struct {
	next      func() (rdf.Quad, error)
	opt       ReadOptions
	docPrefix string // added to document labels not already renamed on input
}

func (kr *knakkReader) ReadQuad() (quad.Quad, error) {
	q, err := kr.next()
	if err != nil {
		return quad.Quad{}, err
	}
	out := quad.Quad{
		Subject:   kr.value(q.Subj),
		Predicate: kr.value(q.Pred),
		Object:    kr.value(q.Obj),
	}
	if q.Ctx != nil {
		out.Label = kr.value(q.Ctx)
	}
	return out, nil
}

func (kr *knakkReader) value(t rdf.Term) quad.Value {
	switch t := t.(type) {
	case rdf.Blank:
		return quad.BNode(kr.opt.BlankPrefix + kr.docPrefix + t.String())
	case rdf.IRI:
		return quad.IRI(kr.iri(t.String()))
	case rdf.Literal:
		switch dt := kr.iri(t.DataType.String()); {
		case t.Lang() != "":
			return quad.LangString{Value: quad.String(t.String()), Lang: t.Lang()}
		case dt == xsdString:
			return quad.String(t.String())
		default:
			return quad.TypedString{Value: quad.String(t.String()), Type: quad.IRI(dt)}
		}
	}
	return nil
}

const xsdString = "http://www.w3.org/2001/XMLSchema#string"

var hasScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

func (kr *knakkReader) iri(s string) string {
	if kr.opt.Base == "" {
		return s
	}
	return resolveIRI(kr.opt.Base, s)
}

var iriParts = regexp.MustCompile(`^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$`)

// resolveIRI implements RFC 3986 section 5.2 reference resolution on
// strings (net/url would re-escape IRI characters).
func resolveIRI(base, ref string) string {
	if hasScheme.MatchString(ref) {
		return ref
	}
	b := iriParts.FindStringSubmatchIndex(base)
	r := iriParts.FindStringSubmatchIndex(ref)
	part := func(s string, m []int, i int) (string, bool) {
		if m[2*i] < 0 {
			return "", false
		}
		return s[m[2*i]:m[2*i+1]], true
	}
	bScheme, _ := part(base, b, 1)
	bAuth, bHasAuth := part(base, b, 2)
	bPath, _ := part(base, b, 3)
	bQuery, bHasQuery := part(base, b, 4)
	rAuth, rHasAuth := part(ref, r, 2)
	rPath, _ := part(ref, r, 3)
	rQuery, rHasQuery := part(ref, r, 4)
	rFrag, rHasFrag := part(ref, r, 5)

	auth, hasAuth, path, query, hasQuery := rAuth, rHasAuth, removeDots(rPath), rQuery, rHasQuery
	if !rHasAuth {
		auth, hasAuth = bAuth, bHasAuth
		switch {
		case rPath == "":
			path = bPath
			if !rHasQuery {
				query, hasQuery = bQuery, bHasQuery
			}
		case strings.HasPrefix(rPath, "/"):
			path = removeDots(rPath)
		default:
			if bHasAuth && bPath == "" {
				path = removeDots("/" + rPath)
			} else {
				path = removeDots(bPath[:strings.LastIndex(bPath, "/")+1] + rPath)
			}
		}
	}
	out := bScheme + ":"
	if hasAuth {
		out += "//" + auth
	}
	out += path
	if hasQuery {
		out += "?" + query
	}
	if rHasFrag {
		out += "#" + rFrag
	}
	return out
}

// removeDots is remove_dot_segments of RFC 3986 section 5.2.4.
func removeDots(in string) string {
	var out []string
	for in != "" {
		switch {
		case strings.HasPrefix(in, "../"):
			in = in[3:]
		case strings.HasPrefix(in, "./"):
			in = in[2:]
		case strings.HasPrefix(in, "/./"):
			in = in[2:]
		case in == "/.":
			in = "/"
		case strings.HasPrefix(in, "/../") || in == "/..":
			in = "/" + in[min(4, len(in)):]
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case in == "." || in == "..":
			in = ""
		default:
			i := strings.IndexByte(in[1:], '/') + 1
			if i == 0 {
				i = len(in)
			}
			out = append(out, in[:i])
			in = in[i:]
		}
	}
	return strings.Join(out, "")
}

// blankRenamer rewrites a Turtle stream so that every blank-node label of
// the document gains a leading "d" (_:x becomes _:dx). knakk names the
// blank nodes it makes for [] and collections _:b1, _:b2, ...; after the
// rewrite no document label can take that form. It tracks just enough of
// Turtle's lexical structure (IRIs, strings, comments, prefixed names,
// language tags, numbers) to touch only real blank-node labels.
type blankRenamer struct {
	in    *bufio.Reader
	out   []byte
	err   error
	state byte // 0 normal, 'i' IRI, 'c' comment, 's' string
	run   byte // in normal state: 0 none, 'n' name, 'l' language tag, '9' number
	quote byte
	long  bool
}

func newBlankRenamer(r io.Reader) *blankRenamer {
	return &blankRenamer{in: bufio.NewReader(r)}
}

func (b *blankRenamer) Read(p []byte) (int, error) {
	for len(b.out) == 0 && b.err == nil {
		b.step()
	}
	n := copy(p, b.out)
	b.out = b.out[n:]
	if n == 0 {
		return 0, b.err
	}
	return n, nil
}

// copyNext copies the byte after a backslash, so that escapes never end a
// string or a name.
func (b *blankRenamer) copyNext() {
	if n, err := b.in.ReadByte(); err == nil {
		b.out = append(b.out, n)
	}
}

// follows reports whether the next two bytes are c, c (long quotes).
func (b *blankRenamer) follows(c byte) bool {
	pk, _ := b.in.Peek(2)
	if len(pk) == 2 && pk[0] == c && pk[1] == c {
		b.in.Discard(2)
		b.out = append(b.out, c, c)
		return true
	}
	return false
}

func (b *blankRenamer) step() {
	c, err := b.in.ReadByte()
	if err != nil {
		b.err = err
		return
	}
	b.out = append(b.out, c)
	switch b.state {
	case 'c':
		if c == '\n' || c == '\r' {
			b.state = 0
		}
	case 'i':
		if c == '>' {
			b.state = 0
		}
	case 's':
		switch {
		case c == '\\':
			b.copyNext()
		case c == b.quote && (!b.long || b.follows(c)):
			b.state = 0
		}
	default:
		b.normal(c)
	}
}

func (b *blankRenamer) normal(c byte) {
	if b.run == 'n' && c == '\\' {
		b.copyNext() // PN_LOCAL_ESC
		return
	}
	if b.inRun(c) {
		return
	}
	b.run = 0
	switch {
	case c == '#':
		b.state = 'c'
	case c == '<':
		b.state = 'i'
	case c == '"' || c == '\'':
		b.state, b.quote = 's', c
		b.long = b.follows(c)
	case c == '_':
		if pk, _ := b.in.Peek(2); len(pk) > 0 && pk[0] == ':' {
			b.in.Discard(1)
			b.out = append(b.out, ':')
			// Only valid labels are renamed, so that invalid ones still fail.
			if len(pk) == 2 && (isAlnum(pk[1]) || pk[1] == '_' || pk[1] >= 0x80) {
				b.out = append(b.out, 'd')
			}
		}
		b.run = 'n'
	case c == '@':
		b.run = 'l'
	case c >= '0' && c <= '9' || c == '+' || c == '-':
		b.run = '9'
	case c == ';':
		// Turtle allows a ';' that ends a predicate-object list ("[ ex:p
		// ex:o ; ]", "ex:a ex:b ex:c ; ."); knakk refuses it ("unexpected ;
		// as predicate"), so such a ';' is dropped.
		if next := b.nextNonSpace(); next == ';' || next == ']' || next == '.' {
			b.out = b.out[:len(b.out)-1]
		}
	case c <= ' ' || strings.IndexByte("()[]{},^.", c) >= 0:
	default:
		b.run = 'n' // prefixed name or keyword
	}
}

// nextNonSpace peeks at the next byte that is neither white space nor in
// a comment (0 if none within 4 KiB).
func (b *blankRenamer) nextNonSpace() byte {
	for n := 64; n <= 4096; n *= 4 {
		pk, _ := b.in.Peek(n)
		comment := false
		for _, c := range pk {
			switch {
			case comment:
				comment = c != '\n' && c != '\r'
			case c == '#':
				comment = true
			case c != ' ' && c != '\t' && c != '\n' && c != '\r':
				return c
			}
		}
		if len(pk) < n {
			return 0
		}
	}
	return 0
}

func (b *blankRenamer) inRun(c byte) bool {
	switch b.run {
	case 'n':
		return isAlnum(c) || c >= 0x80 || strings.IndexByte("_-.:%", c) >= 0
	case 'l':
		return isAlnum(c) || c == '-'
	case '9':
		return isAlnum(c) || c == '.' || c == '+' || c == '-'
	}
	return false
}
