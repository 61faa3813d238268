package ontology

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Data holds the embedded knowledge files: gazetteer/*.yaml, rules/*.yaml,
// the OWL ontology and the SHACL shapes.
//
//go:embed gazetteer/*.yaml rules/*.yaml *.ttl
var Data embed.FS

// Entry is one entity the extractor knows. The YAML schema is documented in
// ontology/README.md; every field but ID, Type and Label is optional.
type Entry struct {
	// ID is the stable slug: the entity's IRI is Entities+ID.
	ID string `yaml:"id"`
	// Type is the local name of one of the closed entity classes.
	Type string `yaml:"type"`
	// Label is the skos:prefLabel (English).
	Label string `yaml:"label"`
	// Aliases are other names (skos:altLabel); matched like Label.
	Aliases []string `yaml:"aliases,omitempty"`
	// Modifiers are demonyms and adjectives ("Russian") that denote the
	// entity when they modify a noun (skos:hiddenLabel).
	Modifiers []string `yaml:"modifiers,omitempty"`
	// Metonyms are capitals and seats of government ("Moscow", "the
	// Kremlin") that stand for the state unless the context makes them a
	// place ("talks in Moscow") (skos:hiddenLabel).
	Metonyms []string `yaml:"metonyms,omitempty"`
	// Local are the short names a state's own texts use for one of its
	// agencies ("Treasury" in a US statement is the US Treasury, in a
	// British one HM Treasury): they denote the entry only in a document
	// whose speaker_state is the entry's State (skos:hiddenLabel).
	Local []string `yaml:"local,omitempty"`
	// Role is the generic noun for an agency ("foreign ministry", "security
	// council"), so that "the security councils of the two countries" or
	// "the Russian foreign ministry" resolve to it together with State.
	Role string `yaml:"role,omitempty"`
	// State is the slug of the state an agency or person belongs to.
	State string `yaml:"state,omitempty"`
	// Date is an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD): when an event
	// took place or an agreement was signed.
	Date string `yaml:"date,omitempty"`
	// Ended is when a format or agreement was ended or suspended (the date
	// of its terminatedBy link): a text dated before it is not reminded of
	// the end.
	Ended string `yaml:"ended,omitempty"`
	// Place is where an event was held (a literal place name).
	Place string `yaml:"place,omitempty"`
	// Region is the continent of a state (M.49 continental name, from the
	// reference table), for sampling and filtering.
	Region string `yaml:"region,omitempty"`
	// Wikidata is a Q-id, only from a verified source (see README).
	Wikidata string `yaml:"wikidata,omitempty"`
	// Codes are identifiers such as ISO 3166 alpha-2/alpha-3 (not matched).
	Codes []string `yaml:"codes,omitempty"`
	// Links are facts the knowledge base knows, this entry being the
	// subject: relation name -> object slugs.
	Links map[string][]string `yaml:"links,omitempty"`
	// Inverse are facts with this entry as the object: relation name ->
	// subject slugs ("participatesIn: [russia, united-states]").
	Inverse map[string][]string `yaml:"inverse,omitempty"`
	// Note is a short description (rdfs:comment).
	Note string `yaml:"note,omitempty"`

	// Source names the file the entry came from (set by the loader).
	Source string `yaml:"-"`
}

// IRI returns the entity's IRI.
func (e *Entry) IRI() string { return Entities + e.ID }

// Link is one fact the knowledge base knows.
type Link struct {
	Subject, Relation, Object string // slugs and relation local name
	Source                    string // slug of the entry that states it
}

// Gazetteer is the whole knowledge base: entries by slug.
type Gazetteer struct {
	Entries []*Entry          // sorted by ID
	byID    map[string]*Entry // slug -> entry
}

// Lookup returns the entry with slug id.
func (g *Gazetteer) Lookup(id string) (*Entry, bool) {
	e, ok := g.byID[id]
	return e, ok
}

// Links lists every fact the entries state (Links and Inverse), sorted.
func (g *Gazetteer) Links() []Link {
	var out []Link
	for _, e := range g.Entries {
		for rel, objs := range e.Links {
			for _, o := range objs {
				out = append(out, Link{e.ID, rel, o, e.ID})
			}
		}
		for rel, subs := range e.Inverse {
			for _, s := range subs {
				out = append(out, Link{s, rel, e.ID, e.ID})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Relation != b.Relation {
			return a.Relation < b.Relation
		}
		return a.Object < b.Object
	})
	return dedupeLinks(out)
}

func dedupeLinks(in []Link) []Link {
	out := in[:0]
	for i, l := range in {
		if i > 0 && l.Subject == in[i-1].Subject && l.Relation == in[i-1].Relation && l.Object == in[i-1].Object {
			continue
		}
		out = append(out, l)
	}
	return out
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
var dateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// LoadGazetteer reads the built-in gazetteer and then each user file in
// order. A user entry with the slug of an existing one replaces it only if
// it has the same type; any other conflict is an error naming both files.
func LoadGazetteer(userFiles ...string) (*Gazetteer, error) {
	g := &Gazetteer{byID: map[string]*Entry{}}
	names, err := fs.Glob(Data, "gazetteer/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := Data.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := g.add(name, b, false); err != nil {
			return nil, err
		}
	}
	for _, f := range userFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		if err := g.add(f, b, true); err != nil {
			return nil, err
		}
	}
	if err := g.check(); err != nil {
		return nil, err
	}
	g.Entries = g.Entries[:0]
	for _, e := range g.byID {
		g.Entries = append(g.Entries, e)
	}
	sort.Slice(g.Entries, func(i, j int) bool { return g.Entries[i].ID < g.Entries[j].ID })
	return g, nil
}

// add parses one YAML file of entries.
func (g *Gazetteer) add(name string, b []byte, user bool) error {
	var entries []*Entry
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&entries); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("gazetteer %s: %w", name, err)
	}
	for i, e := range entries {
		if e == nil {
			return fmt.Errorf("gazetteer %s: entry %d is empty", name, i+1)
		}
		e.Source = name
		where := fmt.Sprintf("gazetteer %s: entry %d (%q)", name, i+1, e.ID)
		switch {
		case !slugRE.MatchString(e.ID):
			return fmt.Errorf("%s: id must match %s", where, slugRE)
		case !IsEntityType(e.Type):
			return fmt.Errorf("%s: type %q is not one of %s", where, e.Type, strings.Join(EntityTypes, ", "))
		case strings.TrimSpace(e.Label) == "":
			return fmt.Errorf("%s: label is empty", where)
		case e.Date != "" && !dateRE.MatchString(e.Date):
			return fmt.Errorf("%s: date %q is not YYYY, YYYY-MM or YYYY-MM-DD", where, e.Date)
		case e.Ended != "" && !dateRE.MatchString(e.Ended):
			return fmt.Errorf("%s: ended %q is not YYYY, YYYY-MM or YYYY-MM-DD", where, e.Ended)
		case e.Wikidata != "" && !regexp.MustCompile(`^Q[0-9]+$`).MatchString(e.Wikidata):
			return fmt.Errorf("%s: wikidata %q is not a Q-id", where, e.Wikidata)
		}
		for rel := range e.Links {
			if !IsRelation(rel) {
				return fmt.Errorf("%s: links: %q is not a relation (%s)", where, rel, strings.Join(Relations, ", "))
			}
		}
		for rel := range e.Inverse {
			if !IsRelation(rel) {
				return fmt.Errorf("%s: inverse: %q is not a relation", where, rel)
			}
		}
		if old, ok := g.byID[e.ID]; ok {
			if !user || old.Type != e.Type {
				return fmt.Errorf("%s: id already defined in %s as %s", where, old.Source, old.Type)
			}
		}
		g.byID[e.ID] = e
	}
	return nil
}

// check verifies that every slug an entry points to exists.
func (g *Gazetteer) check() error {
	var ids []string
	for id := range g.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		e := g.byID[id]
		if e.State != "" {
			if s, ok := g.byID[e.State]; !ok || s.Type != "State" {
				return fmt.Errorf("gazetteer %s: %s: state %q is not a State entry", e.Source, id, e.State)
			}
		}
		for _, m := range []map[string][]string{e.Links, e.Inverse} {
			for rel, targets := range m {
				for _, t := range targets {
					if _, ok := g.byID[t]; !ok {
						return fmt.Errorf("gazetteer %s: %s: %s -> %q: no such entry", e.Source, id, rel, t)
					}
				}
			}
		}
	}
	return nil
}

// ReadData returns an embedded data file by its path below ontology/.
func ReadData(name string) ([]byte, error) { return Data.ReadFile(path.Clean(name)) }
