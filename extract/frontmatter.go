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
		field, bit := m.field(key)
		if field == nil {
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

// lenientFrontMatter reads front matter that YAML rejects but whose intent
// is plain: every line is blank or "key: value" with one of the string keys
// of Meta or another plain key (ignored, as yaml.Unmarshal ignores it), as
// people write a title with a colon in it ("title: Analysis: what next?").
// The value is the rest of the line, trimmed, without one pair of
// surrounding quotes. Anything else (nesting, a list, a repeated key)
// gives ok=false and the YAML error stands.
func lenientFrontMatter(block string) (m Meta, ok bool) {
	seen := map[string]bool{}
	for _, line := range strings.Split(block, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		key, v, found := strings.Cut(line, ":")
		if !found || !plainKey(key) || seen[key] || !utf8.ValidString(line) {
			return Meta{}, false
		}
		seen[key] = true
		v = strings.TrimSpace(v)
		if v != "" && strings.ContainsRune("[]{}&*!|>%@`#,", rune(v[0])) {
			return Meta{}, false // YAML syntax meant as such: the error stands
		}
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		if field, _ := m.field(key); field != nil {
			*field = v
		}
	}
	return m, true
}

// field is the string field of Meta a front-matter key sets, and a bit of
// its own (to tell a repeated key); nil for other keys.
func (m *Meta) field(key string) (*string, uint8) {
	switch key {
	case "title":
		return &m.Title, 1 << 0
	case "date":
		return &m.Date, 1 << 1
	case "type":
		return &m.Type, 1 << 2
	case "source":
		return &m.Source, 1 << 3
	case "speaker":
		return &m.Speaker, 1 << 4
	case "speaker_organization":
		return &m.SpeakerOrganization, 1 << 5
	case "speaker_state":
		return &m.SpeakerState, 1 << 6
	case "interviewer":
		return &m.Interviewer, 1 << 7
	}
	return nil, 0
}

// plainKey: k is a YAML key written as a bare word (letters, digits, _ -),
// so the line is no indented, list or flow item.
func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || i > 0 && ('0' <= c && c <= '9' || c == '-')) {
			return false
		}
	}
	return true
}
