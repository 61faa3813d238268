package queries

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// Resolver turns the names people type ("Moscow", "Russia", "RU", "the
// Kremlin", "OEWG") into entity IRIs, through the gazetteer and then the
// labels in the store. Matching ignores case, the kind of dash, repeated
// spaces and a leading "the".
type Resolver struct {
	Gazetteer *ontology.Gazetteer // may be nil
	Store     graph.QuadStore     // may be nil: no store labels
}

// Match is a resolved name: the IRI ("" when nothing matched) and how it
// was found (iri, slug, label, alias, code, metonym, modifier, store label).
type Match struct {
	IRI string
	How string
}

// tiers in the order they win: a name that is a label of one entry and an
// alias of another means the first.
var tiers = []string{"label", "alias", "code", "metonym", "modifier", "store label"}

// Resolve finds the entity a name means. A name that two entities share
// at the same tier is an error listing them; a name nothing has gives a
// Match with no IRI.
func (r *Resolver) Resolve(name string) (Match, error) {
	s := strings.TrimSpace(name)
	if iri, ok := absoluteIRI(s); ok {
		return Match{IRI: iri, How: "iri"}, nil
	}
	if slug, ok := strings.CutPrefix(s, "entities:"); ok && isSlug(slug) {
		return Match{IRI: ontology.Entities + slug, How: "slug"}, nil
	}
	if isSlug(s) {
		if r.Gazetteer != nil {
			if e, ok := r.Gazetteer.Lookup(s); ok {
				return Match{IRI: e.IRI(), How: "slug"}, nil
			}
		}
		if r.Store != nil {
			// An entity the extractor made (not in the gazetteer).
			ref, err := r.Store.ValueOf(quad.IRI(ontology.Entities + s))
			if err != nil {
				return Match{}, err
			}
			if ref != nil {
				return Match{IRI: ontology.Entities + s, How: "slug"}, nil
			}
		}
	}
	key := normName(s)
	if key == "" {
		return Match{}, nil
	}
	found := map[string]map[string]bool{} // tier -> IRIs
	add := func(tier, iri string) {
		if found[tier] == nil {
			found[tier] = map[string]bool{}
		}
		found[tier][iri] = true
	}
	if r.Gazetteer != nil {
		for _, e := range r.Gazetteer.Entries {
			if normName(e.Label) == key {
				add("label", e.IRI())
			}
			for _, a := range e.Aliases {
				if normName(a) == key {
					add("alias", e.IRI())
				}
			}
			for _, c := range e.Codes {
				if normName(c) == key {
					add("code", e.IRI())
				}
			}
			for _, m := range e.Metonyms {
				if normName(m) == key {
					add("metonym", e.IRI())
				}
			}
			for _, m := range e.Modifiers {
				if normName(m) == key {
					add("modifier", e.IRI())
				}
			}
		}
	}
	if len(found) == 0 && r.Store != nil {
		iris, err := storeLabels(r.Store, key)
		if err != nil {
			return Match{}, err
		}
		for _, iri := range iris {
			add("store label", iri)
		}
	}
	for _, tier := range tiers {
		set := found[tier]
		if len(set) == 0 {
			continue
		}
		iris := sortedKeys(set)
		if len(iris) > 1 {
			return Match{}, fmt.Errorf("%q is ambiguous: it is the %s of %s; give one of them (a slug or IRI)", name, tier, strings.Join(iris, ", "))
		}
		return Match{IRI: iris[0], How: tier}, nil
	}
	return Match{}, nil
}

func isSlug(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// normName folds a name for matching: lower case, one kind of dash and
// quote, single spaces, no leading "the".
func normName(s string) string {
	var b strings.Builder
	space := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c == '‐' || c == '‑' || c == '‒' || c == '–' || c == '—' || c == '−':
			c = '-'
		case c == '’' || c == '‘':
			c = '\''
		case c == '“' || c == '”':
			c = '"'
		}
		if unicode.IsSpace(c) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(c)
	}
	out := b.String()
	out = strings.TrimPrefix(out, "the ")
	// "Kremlin - White House" and "Kremlin-White House" are one name.
	out = strings.ReplaceAll(out, " - ", "-")
	return out
}

// storeLabels lists the entities whose skos:prefLabel or skos:altLabel
// folds to key.
func storeLabels(qs graph.QuadStore, key string) ([]string, error) {
	ctx := context.Background()
	set := map[string]bool{}
	for _, p := range []string{ontology.SKOSPrefLabel, ontology.SKOSAltLabel} {
		ref, err := qs.ValueOf(quad.IRI(p))
		if err != nil {
			return nil, err
		}
		if ref == nil {
			continue
		}
		it := qs.QuadIterator(quad.Predicate, ref).Iterate()
		for it.Next(ctx) {
			q, err := qs.Quad(it.Result())
			if err != nil {
				it.Close()
				return nil, err
			}
			if normName(literalText(q.Object)) != key {
				continue
			}
			if iri, ok := q.Subject.(quad.IRI); ok {
				set[string(iri)] = true
			}
		}
		err = it.Err()
		it.Close()
		if err != nil {
			return nil, err
		}
	}
	out := sortedKeys(set)
	sort.Strings(out)
	return out, nil
}

func literalText(v quad.Value) string {
	switch t := v.(type) {
	case quad.String:
		return string(t)
	case quad.LangString:
		return string(t.Value)
	case quad.TypedString:
		return string(t.Value)
	}
	return ""
}
