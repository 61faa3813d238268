package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

// titleIndex links a document or agreement named by its topic ("a draft
// resolution on developments in the field of information and
// telecommunications") to the gazetteer entry whose quoted title starts with
// that topic (UNGA resolution “Developments in the field of information and
// telecommunications in the context of international security” (2020)).
// Titles recur year after year (the First Committee adopts a resolution of
// the same name every session), so the entry is picked by its year: the
// document's date, else the UN session the text names ("Seventy-fifth
// Session" is 2020). Without a year, or with no entry of that year, the
// description stays a new entity: a wrong year would be worse than none.
type titleIndex struct {
	byFirst map[string][]titled // first word key of the title -> entries
}

type titled struct {
	keys  []string // word keys of the quoted title
	entry *ontology.Entry
	year  int
}

// minTopicWords is the shortest topic that may name a title: shorter ones
// ("a resolution on cybercrime") are too generic to pick one instrument.
const minTopicWords = 4

func newTitleIndex(g *ontology.Gazetteer) *titleIndex {
	ti := &titleIndex{byFirst: map[string][]titled{}}
	for _, e := range g.Entries {
		if e.Type != "Document" && e.Type != "Agreement" {
			continue
		}
		year := 0
		if len(e.Date) >= 4 {
			year, _ = strconv.Atoi(e.Date[:4])
		}
		if year == 0 {
			continue
		}
		seen := map[string]bool{}
		for _, name := range append([]string{e.Label}, e.Aliases...) {
			t := quotedTitle(name)
			if t == "" && e.Type == "Agreement" {
				// "Agreement between ... on Cooperation in Ensuring
				// International Information Security": its topic.
				t = agreementTopic(name)
			}
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			ks := wordKeys(TokenizeString(t))
			if len(ks) < minTopicWords {
				continue
			}
			ti.byFirst[ks[0]] = append(ti.byFirst[ks[0]], titled{ks, e, year})
		}
	}
	return ti
}

// quotedTitle returns the text between the first pair of quotes of a name.
func quotedTitle(name string) string {
	for _, q := range [][2]string{{"“", "”"}, {`"`, `"`}, {"«", "»"}} {
		if i := strings.Index(name, q[0]); i >= 0 {
			rest := name[i+len(q[0]):]
			if j := strings.Index(rest, q[1]); j > 0 {
				return strings.TrimSpace(rest[:j])
			}
		}
	}
	return ""
}

// agreementTopic is what an agreement's full name says it is on: the words
// after its last " on " ("Agreement ... on Cooperation in Ensuring
// International Information Security"), or "".
func agreementTopic(name string) string {
	i := strings.LastIndex(name, " on ")
	if i < 0 || !strings.HasPrefix(strings.ToLower(name), "agreement") {
		return ""
	}
	return strings.TrimSpace(name[i+len(" on "):])
}

// wordKeys keeps the keys of word tokens: punctuation and quotes do not
// decide whether two titles are the same.
// "Information and communication(s) technologies" and "ICTs" are one key,
// as titles are quoted either way.
func wordKeys(toks []Token) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.IsWord() {
			out = append(out, t.Key)
		}
	}
	w := 0
	for i := 0; i < len(out); i++ {
		k := out[i]
		if k == "information" && i+3 < len(out) && out[i+1] == "and" && (out[i+2] == "communication" || out[i+2] == "communications") &&
			(out[i+3] == "technologies" || out[i+3] == "technology") {
			k, i = "ict", i+3
		} else if k == "icts" {
			k = "ict"
		}
		out[w] = k
		w++
	}
	return out[:w]
}

// lookup returns the one entry of year whose title starts with topic, of
// one of types, or nil.
func (ti *titleIndex) lookup(topic []Token, typ string, year int) *ontology.Entry {
	ks := wordKeys(topic)
	if year == 0 || len(ks) < minTopicWords {
		return nil
	}
	var found *ontology.Entry
	for _, t := range ti.byFirst[ks[0]] {
		if t.year != year || t.entry.Type != typ || len(t.keys) < len(ks) || !prefixKeys(t.keys, ks) {
			continue
		}
		if found != nil && found != t.entry {
			return nil // two instruments of that year: ambiguous
		}
		found = t.entry
	}
	return found
}

func prefixKeys(long, short []string) bool {
	for i, k := range short {
		if long[i] != k {
			return false
		}
	}
	return true
}

// titleYear is the year that picks among recurring titles: the document's
// date, else the UN General Assembly session the text names.
func (st *docState) titleYear() int {
	if !st.ref.IsZero() {
		return st.ref.Year
	}
	if st.sessionYear == 0 {
		st.sessionYear = -1
		if n := unSession(st.doc.Text); n > 0 {
			st.sessionYear = 1945 + n // the Nth session opens in September of 1945+N
		}
	}
	return max(st.sessionYear, 0)
}

var sessionRe = regexp.MustCompile(`(?i)\b([a-z]+(?:[-‑ ][a-z]+)?|\d{1,3}(?:st|nd|rd|th))[ ]+session\b`)

// unSession finds the first "Seventy-fifth Session" / "75th session" of a
// text with a General Assembly context, and returns its number (0 if none).
func unSession(text string) int {
	if len(text) > 4096 {
		text = text[:4096] // the dateline of a meetings coverage heads the text
	}
	if !strings.Contains(text, "ession") && !strings.Contains(text, "ESSION") {
		return 0 // no "session" in any case: spare the case-folding regexp
	}
	for _, m := range sessionRe.FindAllStringSubmatch(text, -1) {
		if n := ordinal(strings.ToLower(m[1])); n >= 40 && n < 200 {
			return n
		}
	}
	return 0
}

var ordinalUnits = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
	"sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}
var ordinalTens = map[string]int{"fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
	"eightieth": 80, "ninetieth": 90}
var cardinalTens = map[string]int{"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// ordinal reads "seventy-fifth", "seventy fifth", "sixtieth" or "75th".
func ordinal(s string) int {
	if n, err := strconv.Atoi(strings.TrimRight(s, "stndrh")); err == nil {
		return n
	}
	if n, ok := ordinalTens[s]; ok {
		return n
	}
	s = strings.NewReplacer("‑", "-", " ", "-").Replace(s)
	tens, unit, ok := strings.Cut(s, "-")
	if !ok {
		return 0
	}
	if cardinalTens[tens] == 0 || ordinalUnits[unit] == 0 {
		return 0
	}
	return cardinalTens[tens] + ordinalUnits[unit]
}
