package rdfio

import (
	"io"

	"github.com/cayleygraph/quad"
)

// flushAt is the size at which the writers hand their buffer to the
// underlying io.Writer.
const flushAt = 64 << 10

// LineEncoder appends the N-Triples or N-Quads line of a quad to a byte
// slice the caller owns: the writer of the line formats without its
// buffer, for a caller that keeps the bytes itself (extract serialises
// each document into its own slice, in parallel, so the lines are written
// once and never copied into a writer's buffer first). It checks every
// term exactly as the writers do, and keeps nothing between quads but
// caches of checked IRIs and datatypes, so the lines of a sequence of
// quads do not depend on how the sequence is cut between slices. An
// encoder is not safe for concurrent use.
type LineEncoder struct {
	labels bool // N-Quads: write the graph label
	conv   termConv
	// IRIs already checked, at any position (an IRI that passes the checks
	// at one passes them at all).
	iris lineIRIs
	// Datatype IRIs of typed literals already checked (by their short
	// form), each with its ^^<full> suffix.
	dts    [4]dtSuffix
	dtNext int
}

type dtSuffix struct {
	short  quad.IRI
	suffix string // "^^<full>", or "" for xsd:string; unused while short is ""
}

// NewLineEncoder returns the encoder of a line format ("ntriples" or
// "nquads"), and false for any other format.
func NewLineEncoder(format string) (*LineEncoder, bool) {
	switch format {
	case "ntriples":
		return &LineEncoder{}, true
	case "nquads":
		return &LineEncoder{labels: true}, true
	}
	return nil, false
}

// lineWriter streams N-Triples or N-Quads: one quad, one line, nothing
// buffered beyond one flushAt-sized buffer, so it suits dumps of any size.
// Each line is encoded straight into that buffer; a quad that fails a
// check is cut off again, so nothing of it is written.
type lineWriter struct {
	w   io.Writer
	buf []byte
	err error // sticky error of the underlying writer
	enc LineEncoder
}

// NewNTriplesWriter writes N-Triples. Graph labels are dropped: N-Triples
// has only the default graph, into which all quads are merged.
func NewNTriplesWriter(w io.Writer) Writer { return &lineWriter{w: w} }

// NewNQuadsWriter writes N-Quads.
func NewNQuadsWriter(w io.Writer) Writer { return &lineWriter{w: w, enc: LineEncoder{labels: true}} }

func (lw *lineWriter) WriteQuad(q quad.Quad) error {
	if lw.err != nil {
		return lw.err
	}
	if lw.buf == nil {
		// Room for a full buffer and the line that fills it, at once
		// instead of doubling up to it.
		lw.buf = make([]byte, 0, flushAt+4<<10)
	}
	var err error
	if lw.buf, err = lw.enc.AppendQuad(lw.buf, q); err != nil {
		return err
	}
	if len(lw.buf) >= flushAt {
		return lw.flush()
	}
	return nil
}

// AppendQuad appends the line of q to dst and returns the extended slice.
// When a term fails a check it returns dst as it was (nothing of q is
// appended) and the error the writers return.
func (e *LineEncoder) AppendQuad(dst []byte, q quad.Quad) ([]byte, error) {
	return e.AppendTerms(dst, q.Subject, q.Predicate, q.Object, q.Label)
}

// AppendTerms is AppendQuad of the quad of these four terms. A caller that
// has a quad.Quad handed to it (a callback's argument) and passes its
// fields here avoids copying the quad whole: its eight words, just written
// one at a time, were read back sixteen bytes at a time by the copy, which
// the processor cannot forward from its store buffer, and that stall
// alone was 3% of the extract command.
func (e *LineEncoder) AppendTerms(dst []byte, subject, predicate, object, label quad.Value) ([]byte, error) {
	mark := len(dst)
	dst, err := e.line(dst, subject, predicate, object, label)
	if err != nil {
		return dst[:mark], err
	}
	return dst, nil
}

// lineIRIs is the LineEncoder's cache of checked IRIs: direct-mapped,
// keyed by a hash of the length and the last eight bytes. The IRIs a
// document's lines repeat are mostly its own (spans, claims, entities),
// first as subjects and later as objects: one cache for all positions
// checks each of them about once (with 64 slots per position, a third of
// the IRIs were checked again; with 1024 shared slots, a sixth). 4096
// slots checked fewer again, but the 64 KB table left the processor's
// first-level cache and the encoder took longer (perf: 7.7% of extract's
// samples against 7.1%). Each slot keeps the IRI's hash too: another IRI
// of the same length in the slot is told apart without comparing bytes
// (IRIs share long prefixes; the comparisons were 1% of extract).
type lineIRIs struct {
	key [1 << lineIRIBits]string
	tag [1 << lineIRIBits]uint64 // lineIRIHash(key)
}

const lineIRIBits = 10

// lineIRISlot is the slot of an IRI of hash h in lineIRIs.
func lineIRISlot(h uint64) int { return int(h >> (64 - lineIRIBits)) }

// lineIRIHash is the hash of a non-empty IRI for lineIRIs.
func lineIRIHash(iri string) uint64 {
	var x uint64
	if n := len(iri); n >= 8 {
		s := iri[n-8:]
		x = uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	} else {
		for i := 0; i < n; i++ {
			x = x<<8 | uint64(iri[i])
		}
	}
	x ^= uint64(len(iri)) << 56
	return x * 0x9E3779B97F4A7C15
}

// appendSeen appends <iri> for a value c has seen.
func appendSeen(dst []byte, v quad.Value) []byte {
	dst = append(dst, '<')
	dst = append(dst, v.(quad.IRI)...)
	return append(dst, '>')
}

// The positions of a quad, for appendTerm.
const (
	posSubject = iota
	posPredicate
	posObject
	posLabel
)

var posName = [...]string{"subject", "predicate", "object", "graph label"}

// appendTerm appends the N-Triples form of v at position pos, checked as
// quadTerms checks it. The common terms (IRIs, plain, language-tagged and
// typed literals) take a fast path that checks and encodes in one pass;
// whatever that path does not accept goes through toTerm and appendNT,
// which give the same bytes for every term the fast path takes, and the
// errors.
func (e *LineEncoder) appendTerm(dst []byte, v quad.Value, pos int) ([]byte, error) {
	mark := len(dst)
	ok := false
	seen := &e.iris
	switch v := v.(type) {
	case quad.IRI:
		if v != "" {
			h := lineIRIHash(string(v))
			i := lineIRISlot(h)
			if seen.tag[i] == h && seen.key[i] == string(v) {
				return appendSeen(dst, v), nil
			}
			if simpleIRI(string(v)) { // valid, and nothing to escape
				seen.key[i], seen.tag[i] = string(v), h
				dst = append(dst, '<')
				dst = append(dst, v...)
				return append(dst, '>'), nil
			}
		}
	case quad.String:
		if pos == posObject {
			dst, ok = appendLiteral(dst, string(v))
		}
	case quad.LangString:
		if pos == posObject && validLangTag(v.Lang) {
			if dst, ok = appendLiteral(dst, string(v.Value)); ok {
				dst = append(dst, '@')
				dst = append(dst, v.Lang...)
			}
		}
	case quad.TypedString:
		if pos == posObject {
			if suffix, known := e.dtSuffix(v.Type); known {
				if dst, ok = appendLiteral(dst, string(v.Value)); ok {
					dst = append(dst, suffix...)
				}
			}
		}
	}
	if ok {
		return dst, nil
	}
	dst = dst[:mark]
	t, err := e.conv.term(v)
	if err != nil {
		return dst, wrapPos(posName[pos], err)
	}
	switch {
	case pos == posPredicate && t.kind != kindIRI:
		return dst, notIRIPredicate(t)
	case (pos == posSubject || pos == posLabel) && t.kind == kindLiteral:
		return dst, literalAt(posName[pos], t)
	}
	if t.kind == kindIRI {
		h := lineIRIHash(t.val)
		seen.key[lineIRISlot(h)], seen.tag[lineIRISlot(h)] = t.val, h
	}
	if t.kind == kindLiteral && t.lang == "" && t.dt != "" {
		e.addDT(v, t.dt)
	}
	return t.appendNT(dst), nil
}

// dtSuffix returns the ^^<full> suffix of a datatype IRI seen before in a
// typed literal that toTerm accepted.
func (e *LineEncoder) dtSuffix(short quad.IRI) (string, bool) {
	if short == "" {
		return "", false
	}
	for i := range e.dts {
		if d := &e.dts[i]; d.short == short {
			return d.suffix, true
		}
	}
	return "", false
}

// addDT remembers the datatype of v, a typed literal whose full datatype
// IRI dt passed toTerm's checks.
func (e *LineEncoder) addDT(v quad.Value, dt string) {
	ts, ok := v.(quad.TypedString)
	if !ok || ts.Type == "" {
		return // a native value: its datatype is not looked up by dtSuffix
	}
	e.dts[e.dtNext] = dtSuffix{ts.Type, "^^" + string(appendIRIRef(nil, dt))}
	e.dtNext = (e.dtNext + 1) % len(e.dts)
}

// line appends the line of q to dst. The checks, and their order, are
// those of quadTerms.
func (e *LineEncoder) line(dst []byte, subject, predicate, object, label quad.Value) ([]byte, error) {
	var err error
	if dst, err = e.appendTerm(dst, subject, posSubject); err != nil {
		return dst, err
	}
	dst = append(dst, ' ')
	if dst, err = e.appendTerm(dst, predicate, posPredicate); err != nil {
		return dst, err
	}
	dst = append(dst, ' ')
	if dst, err = e.appendTerm(dst, object, posObject); err != nil {
		return dst, err
	}
	if label != nil {
		// Checked in N-Triples too, where it is not written.
		mark := len(dst)
		dst = append(dst, ' ')
		if dst, err = e.appendTerm(dst, label, posLabel); err != nil {
			return dst, err
		}
		if !e.labels {
			dst = dst[:mark]
		}
	}
	return append(dst, " .\n"...), nil
}

func (lw *lineWriter) flush() error {
	if lw.err != nil {
		return lw.err
	}
	if len(lw.buf) > 0 {
		n, err := lw.w.Write(lw.buf)
		if err == nil && n < len(lw.buf) {
			err = io.ErrShortWrite
		}
		if err != nil {
			lw.err = err
			return err
		}
	}
	lw.buf = lw.buf[:0]
	return nil
}

func (lw *lineWriter) Close() error { return lw.flush() }
