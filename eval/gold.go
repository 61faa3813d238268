// Package eval scores the RDF output of one document against its hand-made
// gold annotation (../shared/corpus/NAME.gold.tsv), so that changes to the
// extractor can be judged by numbers instead of by reading Turtle.
//
// It reads only what the output contract (../shared/docs/output-contract.md)
// promises: typed entities with skos:prefLabel and gaf:denotedBy mentions,
// direct dip: relation triples, and dip:Claim reifications carrying dip:date.
// Anything else in the output is ignored, so richer output never hurts.
package eval

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

// Gold is the annotation of one document.
type Gold struct {
	Name      string // the name given to ReadGold, used in reports and errors
	Entities  []Entity
	Relations []Relation
	// OutOfScope lists the names of "# out-of-scope mentions:" lines.
	// Output entities called so are neither rewarded nor penalised.
	OutOfScope []string
}

// Entity is one E line.
type Entity struct {
	Name  string   // canonical name, the key R lines refer to
	Type  string   // local name of the dip: class, e.g. "State"
	Forms []string // surface forms, verbatim from the text
	Line  int
}

// Relation is one R line.
type Relation struct {
	Subject  string // canonical name of an entity
	Rel      string // local name of the dip: relation, e.g. "partyTo"
	Object   string // canonical name, or "lit:text" for a literal object
	Date     string // YYYY, YYYY-MM, YYYY-MM-DD or empty
	Evidence string
	Line     int
}

// litPrefix marks an R object that is no typed entity.
const litPrefix = "lit:"

// Literal returns the text of a literal object and true, or "" and false
// when the object is an entity.
func (r Relation) Literal() (string, bool) {
	if strings.HasPrefix(r.Object, litPrefix) {
		return strings.TrimPrefix(r.Object, litPrefix), true
	}
	return "", false
}

var dateRE = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// ReadGold parses a gold file. name (usually the file name) prefixes every
// error together with the line number, because gold files are edited by
// hand and a message without a location is useless to the annotator.
//
// Beyond the syntax it checks what scoring relies on: known entity types
// and relations, unique canonical names, R lines that refer to E lines, and
// ISO dates. Trailing empty fields (date, evidence) may be missing, since
// editors tend to strip trailing tabs.
func ReadGold(r io.Reader, name string) (*Gold, error) {
	g := &Gold{Name: name}
	errf := func(line int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...))
	}
	known := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			g.OutOfScope = append(g.OutOfScope, outOfScope(line)...)
			continue
		}
		f := strings.Split(line, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		switch f[0] {
		case "E":
			if len(f) != 4 {
				return nil, errf(n, "E line has %d fields, want 4 (E, name, type, forms)", len(f))
			}
			e := Entity{Name: f[1], Type: f[2], Line: n}
			if e.Name == "" {
				return nil, errf(n, "empty canonical name")
			}
			if known[e.Name] {
				return nil, errf(n, "duplicate canonical name %q", e.Name)
			}
			if !ontology.IsEntityType(e.Type) {
				return nil, errf(n, "unknown entity type %q", e.Type)
			}
			for _, s := range strings.Split(f[3], "|") {
				if s = strings.TrimSpace(s); s != "" {
					e.Forms = append(e.Forms, s)
				}
			}
			known[e.Name] = true
			g.Entities = append(g.Entities, e)
		case "R":
			if len(f) < 4 || len(f) > 6 {
				return nil, errf(n, "R line has %d fields, want 6 (R, subject, relation, object, date, evidence)", len(f))
			}
			f = append(f, "", "")[:6]
			rel := Relation{Subject: f[1], Rel: f[2], Object: f[3], Date: f[4], Evidence: f[5], Line: n}
			if !ontology.IsRelation(rel.Rel) {
				return nil, errf(n, "unknown relation %q", rel.Rel)
			}
			if rel.Date != "" && !dateRE.MatchString(rel.Date) {
				return nil, errf(n, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", rel.Date)
			}
			if lit, ok := rel.Literal(); ok && strings.TrimSpace(lit) == "" {
				return nil, errf(n, "empty literal object")
			}
			g.Relations = append(g.Relations, rel)
		default:
			return nil, errf(n, "line starts with %q, want E, R or #", f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	// R lines may precede the E lines they name, so references are checked
	// once the whole file is read.
	for _, rel := range g.Relations {
		if !known[rel.Subject] {
			return nil, errf(rel.Line, "subject %q is no E line", rel.Subject)
		}
		if _, lit := rel.Literal(); !lit && !known[rel.Object] {
			return nil, errf(rel.Line, "object %q is no E line (use lit:text for a literal)", rel.Object)
		}
	}
	return g, nil
}

// outOfScope returns the names listed on a "# out-of-scope mentions: A, B"
// comment (an annotator note in parentheses may precede the colon), or nil
// for any other comment.
//
// The list is free text, so it is read generously: each item is kept as
// written and without a trailing "(note)", and adjacent items are also
// joined again, because a name may itself contain a comma ("Washington,
// DC"). Extra names cost nothing: they only excuse output entities that
// match no gold entity anyway.
func outOfScope(line string) []string {
	s := strings.TrimSpace(strings.TrimPrefix(line, "#"))
	const key = "out-of-scope mentions"
	if !strings.HasPrefix(strings.ToLower(s), key) {
		return nil
	}
	i := strings.Index(s, ":")
	if i < 0 {
		return nil
	}
	var items []string
	for _, it := range strings.Split(s[i+1:], ",") {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	var names []string
	for k, it := range items {
		names = append(names, it)
		if short := stripNote(it); short != it {
			names = append(names, short)
		}
		if k > 0 {
			names = append(names, items[k-1]+", "+it)
		}
	}
	return names
}

// stripNote removes a trailing annotator note in parentheses:
// "SolarWinds (company)" → "SolarWinds".
func stripNote(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i > 0 {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}
