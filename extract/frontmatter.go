package extract

import (
	"strings"
	"unicode/utf8"
)

// simpleFrontMatter reads front matter (the YAML between the --- lines) of
// the common shape, one "key: value" line per known string field, without
// the YAML parser, which was a few percent of extraction. It returns
// ok=false for anything else (another key, a repeated one, speakers,
// comments, blank lines, single quotes, escapes, values YAML reads
// otherwise than as written): parseFrontMatter then hands the block to
// yaml.Unmarshal, which gives the same Meta for every block this accepts
// (TestSimpleFrontMatterAsYAML).
func simpleFrontMatter(block string) (m Meta, ok bool) {
	var seen uint8
	for block != "" {
		line, rest, found := strings.Cut(block, "\n")
		if !found {
			return Meta{}, false // parseFrontMatter's block ends with a newline
		}
		block = rest
		key, raw, found := strings.Cut(line, ": ")
		if !found {
			return Meta{}, false
		}
		v, ok := simpleScalar(raw)
		if !ok {
			return Meta{}, false
		}
		var field *string
		var bit uint8
		switch key {
		case "title":
			field, bit = &m.Title, 1<<0
		case "date":
			field, bit = &m.Date, 1<<1
		case "type":
			field, bit = &m.Type, 1<<2
		case "source":
			field, bit = &m.Source, 1<<3
		case "speaker":
			field, bit = &m.Speaker, 1<<4
		case "speaker_organization":
			field, bit = &m.SpeakerOrganization, 1<<5
		case "speaker_state":
			field, bit = &m.SpeakerState, 1<<6
		case "interviewer":
			field, bit = &m.Interviewer, 1<<7
		default:
			return Meta{}, false
		}
		if seen&bit != 0 {
			return Meta{}, false // YAML rejects a repeated key
		}
		seen |= bit
		*field = v
	}
	return m, true
}

// simpleScalar is the string YAML reads from raw, the text after "key: ",
// when raw is a plain scalar starting with an ASCII letter or digit or a
// double-quoted one without escapes, on one line; ok=false otherwise.
func simpleScalar(raw string) (string, bool) {
	if raw == "" || !safeYAMLText(raw) {
		return "", false
	}
	if raw[0] == '"' {
		v := raw[1:]
		if len(v) == 0 || v[len(v)-1] != '"' {
			return "", false
		}
		v = v[:len(v)-1]
		if strings.ContainsAny(v, `"\`) {
			return "", false
		}
		return v, true
	}
	c, last := raw[0], raw[len(raw)-1]
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
		return "", false // an indicator (quote, anchor, tag, block, flow) or space
	}
	if last == ' ' || last == ':' || strings.Contains(raw, ": ") || strings.Contains(raw, " #") {
		return "", false // trimmed, a mapping, a comment
	}
	switch raw {
	case "null", "Null", "NULL":
		return "", false // YAML's null: an empty string
	}
	return raw, true
}

// safeYAMLText: raw is valid UTF-8 of printable characters that are no
// YAML line break, tab or byte order mark.
func safeYAMLText(raw string) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(raw[i:])
		if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || (r >= 0xd800 && r < 0xe000) || r == 0xfffe || r == 0xffff {
			return false
		}
		i += n
	}
	return true
}
