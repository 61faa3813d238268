// Command genstates writes ontology/gazetteer/states.yaml, the gazetteer
// entries of every state, from the shared states table and a hand-written
// supplement.
//
// Usage (from the repository root):
//
//	go run ./ontology/internal/genstates /work/shared/data/states.tsv
//
// Flags: -supplement FILE (default ontology/internal/genstates/supplement.yaml)
// and -o FILE (default ontology/gazetteer/states.yaml; "-" for stdout).
//
// The table (see the README next to it) gives codes, the common English
// name, other names, the capital, the Wikidata Q-id and the UN status. The
// supplement adds what the table lacks: official names and abbreviations,
// demonyms, seats of government, corrections of known caveats, historical
// states and memberships of organisations. The output is deterministic:
// entries sorted by id, lists in supplement order after table order.
//
// A surface form (label, alias, modifier or metonym) given to two states is
// an error unless the supplement lists it under ambiguous; ambiguous forms
// are given to no state.
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// supplement is the hand-written input (supplement.yaml).
type supplement struct {
	// Ambiguous forms are given to no state, even if the table has them.
	Ambiguous []string `yaml:"ambiguous"`
	// States are additions and corrections keyed by ISO alpha-3.
	States map[string]stateSupp `yaml:"states"`
	// Historical states are complete entries (no table row).
	Historical []histState `yaml:"historical"`
	// Memberships: organisation slug -> ISO alpha-3 codes of member states.
	// united-nations is computed from the table's un_status.
	Memberships map[string][]string `yaml:"memberships"`
	// Expect: organisation slug -> number of members, checked.
	Expect map[string]int `yaml:"expect"`
}

type stateSupp struct {
	Label     string   `yaml:"label"`     // replaces the table name as label (table name becomes an alias)
	Aliases   []string `yaml:"aliases"`   // added after the table's aliases
	Modifiers []string `yaml:"modifiers"` // demonym adjectives
	Capitals  []string `yaml:"capitals"`  // replace the table's capital as metonyms
	Metonyms  []string `yaml:"metonyms"`  // seats of government, added after the capitals
	NoWD      bool     `yaml:"noWikidata"`
	Note      string   `yaml:"note"`
}

type histState struct {
	ID        string   `yaml:"id"`
	Label     string   `yaml:"label"`
	Aliases   []string `yaml:"aliases"`
	Modifiers []string `yaml:"modifiers"`
	Metonyms  []string `yaml:"metonyms"`
	Codes     []string `yaml:"codes"`
	Note      string   `yaml:"note"`
}

// entry is one output entry (a subset of ontology.Entry).
type entry struct {
	ID, Label, Wikidata, Note   string
	Region                      string
	Aliases, Modifiers, Metonym []string
	Codes                       []string
	MemberOf                    []string
	iso3                        string
}

type row struct {
	iso3, iso2, name, aliases, capital, wikidata, status, region string
}

func main() {
	suppPath := flag.String("supplement", "ontology/internal/genstates/supplement.yaml", "hand-written supplement")
	out := flag.String("o", "ontology/gazetteer/states.yaml", "output file, - for stdout")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: genstates [-supplement FILE] [-o FILE] states.tsv")
		os.Exit(2)
	}
	b, err := run(flag.Arg(0), *suppPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genstates:", err)
		os.Exit(1)
	}
	if *out == "-" {
		os.Stdout.Write(b)
		return
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genstates:", err)
		os.Exit(1)
	}
}

func readTSV(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, c := range []string{"iso3", "iso2", "name", "aliases", "capital", "wikidata", "un_status"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, c)
		}
	}
	var rows []row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		get := func(c string) string {
			if i := col[c]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		rows = append(rows, row{get("iso3"), get("iso2"), get("name"), get("aliases"), get("capital"), get("wikidata"), get("un_status"), get("region")})
	}
	return rows, nil
}

var translit = strings.NewReplacer("ô", "o", "ü", "u", "é", "e", "è", "e", "ã", "a", "í", "i", "ç", "c", "á", "a", "ó", "o")
var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

// slug is the lower-case name with every run of other characters one hyphen.
func slug(name string) string {
	s := translit.Replace(strings.ToLower(name))
	return strings.Trim(nonAlnum.ReplaceAllString(s, "-"), "-")
}

// runningText reports whether a table name can occur in running text: the
// inverted ISO forms ("Korea, Republic of") and parenthesised ones cannot.
func runningText(s string) bool { return !strings.ContainsAny(s, ",()") }

func run(tsvPath, suppPath string) ([]byte, error) {
	rows, err := readTSV(tsvPath)
	if err != nil {
		return nil, err
	}
	sb, err := os.ReadFile(suppPath)
	if err != nil {
		return nil, err
	}
	var sup supplement
	dec := yaml.NewDecoder(bytes.NewReader(sb))
	dec.KnownFields(true)
	if err := dec.Decode(&sup); err != nil {
		return nil, fmt.Errorf("%s: %w", suppPath, err)
	}

	var entries []*entry
	byISO := map[string]*entry{}
	seenSupp := map[string]bool{}
	members := 0
	for _, r := range rows {
		s, ok := sup.States[r.iso3]
		seenSupp[r.iso3] = ok
		e := &entry{iso3: r.iso3, Label: r.name, Wikidata: r.wikidata, Note: s.Note}
		var aliases []string
		if s.Label != "" {
			e.Label = s.Label
			aliases = append(aliases, r.name)
		}
		if r.aliases != "" {
			aliases = append(aliases, strings.Split(r.aliases, "|")...)
		}
		aliases = append(aliases, s.Aliases...)
		for _, a := range aliases {
			if runningText(a) {
				e.Aliases = append(e.Aliases, a)
			}
		}
		e.Modifiers = s.Modifiers
		if s.Capitals != nil {
			e.Metonym = append(e.Metonym, s.Capitals...)
		} else if r.capital != "" {
			e.Metonym = append(e.Metonym, r.capital)
		}
		e.Metonym = append(e.Metonym, s.Metonyms...)
		if s.NoWD {
			e.Wikidata = ""
		}
		e.ID = slug(e.Label)
		e.Codes = []string{r.iso2, r.iso3}
		e.Region = r.region
		switch r.status {
		case "member":
			members++
			e.MemberOf = append(e.MemberOf, "united-nations")
		case "observer", "none":
		default:
			return nil, fmt.Errorf("%s: un_status %q", r.iso3, r.status)
		}
		if byISO[r.iso3] != nil {
			return nil, fmt.Errorf("%s: two rows", r.iso3)
		}
		byISO[r.iso3] = e
		entries = append(entries, e)
	}
	for iso := range sup.States {
		if !seenSupp[iso] {
			return nil, fmt.Errorf("supplement: %s is not in the table", iso)
		}
	}
	if members != 193 {
		return nil, fmt.Errorf("table: %d UN members, want 193", members)
	}
	for _, h := range sup.Historical {
		entries = append(entries, &entry{ID: h.ID, Label: h.Label, Aliases: h.Aliases, Modifiers: h.Modifiers,
			Metonym: h.Metonyms, Codes: h.Codes, Note: h.Note})
	}

	// Memberships.
	var orgs []string
	for org := range sup.Memberships {
		orgs = append(orgs, org)
	}
	sort.Strings(orgs)
	for _, org := range orgs {
		seen := map[string]bool{}
		for _, iso := range sup.Memberships[org] {
			e := byISO[iso]
			if e == nil {
				return nil, fmt.Errorf("memberships: %s: %s is not in the table", org, iso)
			}
			if seen[iso] {
				return nil, fmt.Errorf("memberships: %s: %s twice", org, iso)
			}
			seen[iso] = true
			e.MemberOf = append(e.MemberOf, org)
		}
		if n, ok := sup.Expect[org]; ok && n != len(seen) {
			return nil, fmt.Errorf("memberships: %s has %d members, want %d", org, len(seen), n)
		}
	}

	// Surface forms: drop duplicates within an entry, ambiguous forms, and
	// fail on a form shared by two entries.
	ambiguous := map[string]bool{}
	for _, a := range sup.Ambiguous {
		ambiguous[strings.ToLower(a)] = true
	}
	owner := map[string]string{}
	ids := map[string]bool{}
	for _, e := range entries {
		if !regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`).MatchString(e.ID) || ids[e.ID] {
			return nil, fmt.Errorf("bad or duplicate id %q", e.ID)
		}
		ids[e.ID] = true
		own := map[string]bool{strings.ToLower(e.Label): true}
		clean := func(list []string) []string {
			var out []string
			for _, f := range list {
				f = strings.TrimSpace(f)
				k := strings.ToLower(f)
				if f == "" || own[k] || ambiguous[k] {
					continue
				}
				own[k] = true
				out = append(out, f)
			}
			return out
		}
		e.Aliases = clean(e.Aliases)
		e.Modifiers = clean(e.Modifiers)
		e.Metonym = clean(e.Metonym)
		for k := range own {
			if o, ok := owner[k]; ok {
				return nil, fmt.Errorf("%q is a form of both %s and %s: list it under ambiguous", k, o, e.ID)
			}
			owner[k] = e.ID
		}
		sort.Strings(e.MemberOf)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	return render(entries, tsvPath), nil
}

const header = `# GENERATED by ontology/internal/genstates: do not edit, edit the sources and regenerate:
#
#   go run ./ontology/internal/genstates /work/shared/data/states.tsv
#
# Sources:
# - states.tsv (/work/shared/data, see its README.md): codes, names and other names, capitals,
#   Wikidata Q-ids and UN status, compiled from npm i18n-iso-countries 7.14.0 (MIT, widdix GmbH),
#   Go module github.com/biter777/countries v1.7.5 (BSD-2-Clause) and owid/owid-grapher
#   commit c7402d12e25bd1d45f5bd7d66cfc083342a1ed96 (MIT; Q-ids only). UN membership was written
#   from knowledge by the table's authors.
# - ontology/internal/genstates/supplement.yaml (hand-written from general knowledge): official
#   names, abbreviations, demonyms, seats of government, corrected capitals (Astana, Gitega, ...),
#   historical states and memberships of organisations (as of 2025).
# Forms that would name two states (e.g. "Congo", "Congolese", "Dominican") are given to none.
`

func render(entries []*entry, _ string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, e := range entries {
		b.WriteString("\n- id: " + e.ID + "\n")
		b.WriteString("  type: State\n")
		b.WriteString("  label: " + q(e.Label) + "\n")
		list(&b, "aliases", e.Aliases)
		list(&b, "modifiers", e.Modifiers)
		list(&b, "metonyms", e.Metonym)
		list(&b, "codes", e.Codes)
		if e.Region != "" {
			b.WriteString("  region: " + q(e.Region) + "\n")
		}
		if e.Wikidata != "" {
			b.WriteString("  wikidata: " + e.Wikidata + "\n")
		}
		if len(e.MemberOf) > 0 {
			b.WriteString("  links:\n")
			list(&b, "  memberOf", e.MemberOf)
		}
		if e.Note != "" {
			b.WriteString("  note: " + q(e.Note) + "\n")
		}
	}
	return b.Bytes()
}

func list(b *bytes.Buffer, key string, items []string) {
	if len(items) == 0 {
		return
	}
	qs := make([]string, len(items))
	for i, s := range items {
		qs[i] = q(s)
	}
	b.WriteString("  " + key + ": [" + strings.Join(qs, ", ") + "]\n")
}

var plain = regexp.MustCompile(`^[\p{L}0-9][\p{L}0-9 .'-]*$`)
var reserved = regexp.MustCompile(`^(?i:y|n|yes|no|true|false|on|off|null)$`)

// q quotes a YAML scalar unless it is safely plain.
func q(s string) string {
	if plain.MatchString(s) && !reserved.MatchString(s) && !strings.HasSuffix(s, " ") {
		return s
	}
	j, _ := json.Marshal(s)
	return string(j)
}
