package eval

import (
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// Counts are the true positives, false positives and false negatives of
// one kind of item.
type Counts struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 0 when nothing was output.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 when there was nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, 0 when both are 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the score of one document, or of several (Micro).
type Report struct {
	Doc                    string
	Entities, Relations    Counts
	DatesRight, DatesTotal int
	// Readable descriptions of the errors, for verbose output: gold items
	// not found, and output items matching no gold item.
	MissedEntities, FalseEntities, MissedRelations, FalseRelations []string
	// WrongDates lists matched relations whose gold date the output lacks.
	WrongDates []string
}

// Micro sums the counts of several reports (micro-averaging: every entity
// and relation weighs the same, whatever document it is in). The error
// lists are concatenated, each item prefixed with its document.
func Micro(reports []*Report) *Report {
	m := &Report{Doc: "micro"}
	var docs []string
	for _, r := range reports {
		docs = append(docs, r.Doc)
		m.Entities = add(m.Entities, r.Entities)
		m.Relations = add(m.Relations, r.Relations)
		m.DatesRight += r.DatesRight
		m.DatesTotal += r.DatesTotal
		m.MissedEntities = appendDoc(m.MissedEntities, r.Doc, r.MissedEntities)
		m.FalseEntities = appendDoc(m.FalseEntities, r.Doc, r.FalseEntities)
		m.MissedRelations = appendDoc(m.MissedRelations, r.Doc, r.MissedRelations)
		m.FalseRelations = appendDoc(m.FalseRelations, r.Doc, r.FalseRelations)
		m.WrongDates = appendDoc(m.WrongDates, r.Doc, r.WrongDates)
	}
	if len(docs) > 0 {
		m.Doc = "micro (" + strings.Join(docs, ", ") + ")"
	}
	return m
}

func add(a, b Counts) Counts { return Counts{a.TP + b.TP, a.FP + b.FP, a.FN + b.FN} }

func appendDoc(dst []string, doc string, items []string) []string {
	for _, s := range items {
		dst = append(dst, doc+": "+s)
	}
	return dst
}

// norm makes texts comparable across typographic variants that the
// extractor may legitimately normalise or that annotators type either way:
// curly quotes become ASCII quotes, the Unicode dashes and non-breaking
// hyphens become '-', runs of white space (including no-break spaces)
// become one space, and the ends are trimmed.
//
// Case is kept on purpose: mentions are verbatim text, annotators list case
// variants as separate surface forms ("The Committee|the Committee"), and
// folding would let "us" agree with "US".
func norm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '“', '”', '„', '‟', '″':
			r = '"'
		case '‘', '’', '‚', '‛', '′':
			r = '\''
		case '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－':
			r = '-'
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// literal returns the lexical form and datatype IRI of a literal value.
func literal(v quad.Value) (lex, datatype string, ok bool) {
	switch x := v.(type) {
	case quad.String:
		return string(x), ontology.XSDString, true
	case quad.LangString:
		return string(x.Value), ontology.RDF + "langString", true
	case quad.TypedString:
		return string(x.Value), string(x.Type), true
	case quad.TypedStringer: // native values: quad.Int, quad.Time, ...
		ts := x.TypedString()
		return string(ts.Value), string(ts.Type), true
	}
	return "", "", false
}

func iri(v quad.Value) string {
	if x, ok := v.(quad.IRI); ok {
		return string(x)
	}
	return ""
}

// key identifies a term; quad values of different kinds never share one.
func key(v quad.Value) string {
	if v == nil {
		return ""
	}
	return v.String()
}

// graph indexes the quads of one document by subject and predicate.
type graph struct {
	props map[string]map[string][]quad.Value // subject key → predicate IRI → objects
	terms map[string]quad.Value              // key → term
}

func newGraph(quads []quad.Quad) *graph {
	g := &graph{props: map[string]map[string][]quad.Value{}, terms: map[string]quad.Value{}}
	for _, q := range quads {
		s, p := key(q.Subject), iri(q.Predicate)
		if s == "" || p == "" || q.Object == nil {
			continue
		}
		if g.props[s] == nil {
			g.props[s] = map[string][]quad.Value{}
		}
		g.props[s][p] = append(g.props[s][p], q.Object)
		g.terms[s] = q.Subject
		g.terms[key(q.Object)] = q.Object
	}
	return g
}

func (g *graph) objects(s, p string) []quad.Value { return g.props[s][p] }

// forms returns the normalised names of a node: its skos:prefLabel and the
// nif:anchorOf of each mention it is gaf:denotedBy; for a literal, its text.
func (g *graph) forms(k string) []string {
	seen := map[string]bool{}
	var out []string
	addLit := func(v quad.Value) {
		if lex, _, ok := literal(v); ok {
			if n := norm(lex); n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	if lex, _, ok := literal(g.terms[k]); ok {
		addLit(quad.String(lex))
		return out
	}
	for _, v := range g.objects(k, ontology.SKOSPrefLabel) {
		addLit(v)
	}
	for _, m := range g.objects(k, ontology.GAFDenotedBy) {
		for _, v := range g.objects(key(m), ontology.NIFAnchorOf) {
			addLit(v)
		}
	}
	return out
}

// label is a readable name for a node in reports: its prefLabel (English
// first), else a mention text, else the term itself.
func (g *graph) label(k string) string {
	if lex, _, ok := literal(g.terms[k]); ok {
		return `"` + lex + `"`
	}
	var best string
	for _, v := range g.objects(k, ontology.SKOSPrefLabel) {
		lex, _, _ := literal(v)
		if ls, ok := v.(quad.LangString); ok && strings.HasPrefix(strings.ToLower(ls.Lang), "en") {
			return lex
		}
		if best == "" || lex < best {
			best = lex
		}
	}
	if best != "" {
		return best
	}
	if f := g.forms(k); len(f) > 0 {
		return f[0]
	}
	return k
}

// outEntity is an output node typed with one of the closed entity classes.
type outEntity struct {
	key   string
	types map[string]bool // local names
	forms []string
}

// triple is one output relation triple, by term keys.
type triple struct{ s, rel, o string }

// Score compares the quads output for one document with its gold.
//
// Entities: an output entity matches a gold entity of the same type when a
// mention text or its prefLabel equals (after norm) a gold surface form or
// the canonical name. Matching is one-to-one and of maximum size, preferring
// pairs that agree on more forms. Unmatched output entities named like an
// out-of-scope mention are ignored.
//
// Relations: a gold relation is found when the output has the same dip:
// relation from the entity matched to the gold subject to the entity
// matched to the gold object; a lit: object is matched by a literal, or by
// any node named so (a place may come out typed). Duplicate triples count
// once. Output triples that match nothing are false positives, unless they
// touch an ignored out-of-scope entity.
//
// Dates: of the found relations with a gold date, those having a
// reification (rdf:subject/predicate/object, i.e. the dip:Claim) whose
// dip:date has the gold lexical form and the datatype of its precision
// (xsd:gYear, xsd:gYearMonth, xsd:date). The claim's rdf:type is not
// required here; that is the SHACL shapes' job.
func Score(gold *Gold, quads []quad.Quad) *Report {
	rep := &Report{Doc: gold.Name}
	g := newGraph(quads)

	// Output entities, in a deterministic order.
	var outs []*outEntity
	for s := range g.props {
		var types map[string]bool
		for _, t := range g.objects(s, ontology.RDFType) {
			if local, ok := strings.CutPrefix(iri(t), ontology.DIP); ok && ontology.IsEntityType(local) {
				if types == nil {
					types = map[string]bool{}
				}
				types[local] = true
			}
		}
		if types != nil {
			outs = append(outs, &outEntity{key: s, types: types, forms: g.forms(s)})
		}
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].key < outs[j].key })

	matchO, matchG := matchEntities(gold.Entities, outs)

	scope := map[string]bool{}
	for _, n := range gold.OutOfScope {
		scope[norm(n)] = true
	}
	ignored := map[string]bool{} // output keys
	for i, o := range outs {
		if matchO[i] >= 0 {
			rep.Entities.TP++
			continue
		}
		if anyIn(o.forms, scope) {
			ignored[o.key] = true
			continue
		}
		rep.Entities.FP++
		rep.FalseEntities = append(rep.FalseEntities, g.label(o.key)+" ("+typeList(o.types)+")")
	}
	goldKey := map[string]string{} // canonical name → matched output key
	for j, e := range gold.Entities {
		if matchG[j] >= 0 {
			goldKey[e.Name] = outs[matchG[j]].key
			continue
		}
		rep.Entities.FN++
		rep.MissedEntities = append(rep.MissedEntities, e.Name+" ("+e.Type+")")
	}

	// Output relation triples, deduplicated, in a deterministic order.
	seen := map[triple]bool{}
	var trs []triple
	for s, props := range g.props {
		for p, objs := range props {
			rel, ok := strings.CutPrefix(p, ontology.DIP)
			if !ok || !ontology.IsRelation(rel) {
				continue
			}
			for _, o := range objs {
				t := triple{s, rel, key(o)}
				if !seen[t] {
					seen[t] = true
					trs = append(trs, t)
				}
			}
		}
	}
	sort.Slice(trs, func(i, j int) bool {
		a, b := trs[i], trs[j]
		if a.s != b.s {
			return a.s < b.s
		}
		if a.rel != b.rel {
			return a.rel < b.rel
		}
		return a.o < b.o
	})

	claims := g.claims()
	used := make([]bool, len(trs))
	goldSeen := map[[3]string]bool{}
	for _, r := range gold.Relations {
		k := [3]string{r.Subject, r.Rel, norm(r.Object)}
		if goldSeen[k] {
			continue // a duplicate gold line counts once
		}
		goldSeen[k] = true
		found := -1
		if s, ok := goldKey[r.Subject]; ok {
			for i, t := range trs {
				if !used[i] && t.s == s && t.rel == r.Rel && objectMatches(g, r, t.o, goldKey) {
					found = i
					break
				}
			}
		}
		if found < 0 {
			rep.Relations.FN++
			rep.MissedRelations = append(rep.MissedRelations, describe(r))
			continue
		}
		used[found] = true
		rep.Relations.TP++
		if r.Date != "" {
			rep.DatesTotal++
			if hasDate(g, claims[trs[found]], r.Date) {
				rep.DatesRight++
			} else {
				rep.WrongDates = append(rep.WrongDates, describe(r)+" — output has "+datesOf(g, claims[trs[found]]))
			}
		}
	}
	for i, t := range trs {
		if used[i] || ignored[t.s] || ignored[t.o] {
			continue
		}
		rep.Relations.FP++
		rep.FalseRelations = append(rep.FalseRelations, g.label(t.s)+" "+t.rel+" "+g.label(t.o))
	}
	sort.Strings(rep.FalseEntities)
	sort.Strings(rep.FalseRelations)
	return rep
}

// matchEntities pairs output and gold entities one to one. It is a maximum
// bipartite matching (augmenting paths), so that a shared surface form such
// as "security councils of the two countries" cannot make a greedy choice
// cost a match; candidates are tried in order of agreeing forms, so the
// strongest pairs win among matchings of equal size. It returns, for each
// output entity, the gold index or -1, and for each gold entity the output
// index or -1.
func matchEntities(gold []Entity, outs []*outEntity) (matchO, matchG []int) {
	goldForms := make([]map[string]bool, len(gold))
	for j, e := range gold {
		goldForms[j] = map[string]bool{norm(e.Name): true}
		for _, f := range e.Forms {
			goldForms[j][norm(f)] = true
		}
	}
	type cand struct{ g, agree int }
	cands := make([][]cand, len(outs))
	best := make([]int, len(outs))
	for i, o := range outs {
		for j, e := range gold {
			if !o.types[e.Type] {
				continue
			}
			n := 0
			for _, f := range o.forms {
				if goldForms[j][f] {
					n++
				}
			}
			if n > 0 {
				cands[i] = append(cands[i], cand{j, n})
			}
		}
		sort.SliceStable(cands[i], func(a, b int) bool { return cands[i][a].agree > cands[i][b].agree })
		if len(cands[i]) > 0 {
			best[i] = cands[i][0].agree
		}
	}
	order := make([]int, len(outs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return best[order[a]] > best[order[b]] })

	matchO = make([]int, len(outs))
	for i := range matchO {
		matchO[i] = -1
	}
	matchG = make([]int, len(gold))
	for j := range matchG {
		matchG[j] = -1
	}
	// augment finds an augmenting path from output i. A free gold entity is
	// taken before a matched one is reassigned, so that earlier (stronger)
	// pairs are only broken when that makes the matching larger.
	var augment func(i int, visited []bool) bool
	augment = func(i int, visited []bool) bool {
		for _, c := range cands[i] {
			if !visited[c.g] && matchG[c.g] < 0 {
				visited[c.g] = true
				matchG[c.g], matchO[i] = i, c.g
				return true
			}
		}
		for _, c := range cands[i] {
			if visited[c.g] {
				continue
			}
			visited[c.g] = true
			if augment(matchG[c.g], visited) {
				matchG[c.g], matchO[i] = i, c.g
				return true
			}
		}
		return false
	}
	for _, i := range order {
		augment(i, make([]bool, len(gold)))
	}
	return matchO, matchG
}

// objectMatches reports whether output object o satisfies the gold object
// of r. A literal gold object also matches without a trailing annotator
// note: "lit:eight individuals and entities (Crimea)".
func objectMatches(g *graph, r Relation, o string, goldKey map[string]string) bool {
	text, isLit := r.Literal()
	if !isLit {
		k, ok := goldKey[r.Object]
		return ok && k == o
	}
	want := []string{norm(text), norm(stripNote(text))}
	for _, f := range g.forms(o) {
		if f == want[0] || f == want[1] {
			return true
		}
	}
	return false
}

// claims maps each reified triple to its claim nodes.
func (g *graph) claims() map[triple][]string {
	out := map[triple][]string{}
	for c := range g.props {
		ss, ps, os := g.objects(c, ontology.RDFSubject), g.objects(c, ontology.RDFPredicate), g.objects(c, ontology.RDFObject)
		for _, s := range ss {
			for _, p := range ps {
				rel, ok := strings.CutPrefix(iri(p), ontology.DIP)
				if !ok {
					continue
				}
				for _, o := range os {
					t := triple{key(s), rel, key(o)}
					out[t] = append(out[t], c)
				}
			}
		}
	}
	for _, cs := range out {
		sort.Strings(cs)
	}
	return out
}

// dateType is the datatype the contract requires for a date's precision.
func dateType(date string) string {
	switch len(date) {
	case 4:
		return ontology.XSDGYear
	case 7:
		return ontology.XSDGYearMonth
	default:
		return ontology.XSDDate
	}
}

func hasDate(g *graph, claims []string, date string) bool {
	for _, c := range claims {
		for _, v := range g.objects(c, ontology.PropDate) {
			if lex, dt, ok := literal(v); ok && strings.TrimSpace(lex) == date && dt == dateType(date) {
				return true
			}
		}
	}
	return false
}

// datesOf describes the dates the output gives a triple, for WrongDates.
func datesOf(g *graph, claims []string) string {
	var ds []string
	for _, c := range claims {
		for _, v := range g.objects(c, ontology.PropDate) {
			if lex, dt, ok := literal(v); ok {
				ds = append(ds, lex+"^^"+shortXSD(dt))
			}
		}
	}
	if len(ds) == 0 {
		if len(claims) == 0 {
			return "no claim"
		}
		return "no date"
	}
	sort.Strings(ds)
	return strings.Join(ds, ", ")
}

func shortXSD(dt string) string {
	if local, ok := strings.CutPrefix(dt, ontology.XSD); ok {
		return "xsd:" + local
	}
	return "<" + dt + ">"
}

func describe(r Relation) string {
	s := r.Subject + " " + r.Rel + " "
	if text, ok := r.Literal(); ok {
		s += `"` + text + `"`
	} else {
		s += r.Object
	}
	if r.Date != "" {
		s += " [" + r.Date + "]"
	}
	return s
}

func anyIn(forms []string, set map[string]bool) bool {
	for _, f := range forms {
		if set[f] {
			return true
		}
	}
	return false
}

func typeList(types map[string]bool) string {
	var ts []string
	for t := range types {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return strings.Join(ts, ", ")
}
