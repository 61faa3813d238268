package shacl

import (
	"bytes"
	"io"
)

// fixTrailingSemicolons removes the semicolons that Turtle allows at the
// end of a predicate-object list ("[ sh:path ex:p ; ]", "ex:a ex:b ex:c ; ;
// ex:d ex:e .") and knakk/rdf's decoder, under graph/rdfio, refuses with
// "unexpected ; as predicate": a ';' is dropped when the next token is ';',
// ']' or '.'. Strings, IRIs and comments are copied untouched. Shapes
// files are commonly written in that style (ontology/shapes.ttl is).
//
// TODO: move into graph/rdfio's Turtle reader, then drop this.
func fixTrailingSemicolons(r io.Reader) (io.Reader, error) {
	in, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(in, []byte{';'}) {
		return bytes.NewReader(in), nil
	}
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); {
		c := in[i]
		switch {
		case c == '#':
			j := i
			for j < len(in) && in[j] != '\n' && in[j] != '\r' {
				j++
			}
			out, i = append(out, in[i:j]...), j
		case c == '<':
			j := i + 1
			for j < len(in) && in[j] != '>' && in[j] != '\n' {
				j++
			}
			if j < len(in) && in[j] == '>' {
				j++
			}
			out, i = append(out, in[i:j]...), j
		case c == '"' || c == '\'':
			j := skipString(in, i)
			out, i = append(out, in[i:j]...), j
		case c == ';' && nextToken(in, i+1) != 0 && bytes.IndexByte([]byte(";]."), nextToken(in, i+1)) >= 0:
			i++ // dropped
		default:
			out, i = append(out, c), i+1
		}
	}
	return bytes.NewReader(out), nil
}

// skipString returns the index after the string literal starting at i.
func skipString(in []byte, i int) int {
	q := in[i]
	long := i+2 < len(in) && in[i+1] == q && in[i+2] == q
	if long {
		i += 3
		for i < len(in) {
			switch {
			case in[i] == '\\':
				i += 2
			case i+2 < len(in) && in[i] == q && in[i+1] == q && in[i+2] == q:
				return i + 3
			default:
				i++
			}
		}
		return len(in)
	}
	i++
	for i < len(in) {
		switch in[i] {
		case '\\':
			i += 2
		case q:
			return i + 1
		case '\n', '\r':
			return i // unterminated: let the decoder report it
		default:
			i++
		}
	}
	return len(in)
}

// nextToken returns the first byte after i that is neither white space nor
// in a comment, or 0 at the end.
func nextToken(in []byte, i int) byte {
	for i < len(in) {
		switch c := in[i]; c {
		case ' ', '\t', '\n', '\r':
			i++
		case '#':
			for i < len(in) && in[i] != '\n' && in[i] != '\r' {
				i++
			}
		default:
			return c
		}
	}
	return 0
}
