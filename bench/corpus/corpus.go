// Package corpus generates synthetic corpora of diplomatic texts for
// benchmarks: documents written from templates, with the entities drawn
// from dipgraph's gazetteer, optionally interleaved with copies of real
// documents read at run time (the shared development corpus is never
// copied into the repository). The output is a function of Options alone:
// the same seed and size give the same files.
package corpus

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dipgraph/dipgraph/ontology"
)

// Options control a corpus.
type Options struct {
	// Size is the target total size in bytes; generation stops at the
	// first document that reaches it.
	Size int64
	// Seed makes the corpus; the same seed gives the same documents.
	Seed uint64
	// Replicate is a directory of real documents (*.md, README.md
	// excluded) read at run time; when set, every ReplicateEvery-th document
	// is a copy of one of them, in turn. Empty: all documents are generated.
	Replicate      string
	ReplicateEvery int
	// MinDoc and MaxDoc bound the size of a generated document in bytes
	// (log-uniform between them); zero means 2 KB and 64 KB.
	MinDoc, MaxDoc int
	// PerDir is the number of documents per sub-directory written by Write
	// (zero: 1000).
	PerDir int
}

// Doc is one generated document.
type Doc struct {
	Name       string // relative path, e.g. "d0003/doc003141.md"
	Body       []byte
	Replicated bool // a copy of a real document
}

// Generator yields the documents of a corpus one at a time.
type Generator struct {
	opt   Options
	rng   *rand.Rand
	pools map[string][]*ontology.Entry // type -> entries, sorted by id
	byID  map[string]*ontology.Entry
	real  []Doc // documents to replicate
	n     int   // documents made
	size  int64 // bytes made
}

// New loads the gazetteer (and the documents to replicate) and returns a
// generator.
func New(opt Options) (*Generator, error) {
	if opt.MinDoc <= 0 {
		opt.MinDoc = 2 << 10
	}
	if opt.MaxDoc <= 0 {
		opt.MaxDoc = 64 << 10
	}
	if opt.MaxDoc < opt.MinDoc {
		opt.MaxDoc = opt.MinDoc
	}
	if opt.PerDir <= 0 {
		opt.PerDir = 1000
	}
	g, err := ontology.LoadGazetteer()
	if err != nil {
		return nil, err
	}
	gen := &Generator{opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, 0x6469706772617068)),
		pools: map[string][]*ontology.Entry{}, byID: map[string]*ontology.Entry{}}
	for _, e := range g.Entries {
		gen.pools[e.Type] = append(gen.pools[e.Type], e)
		gen.byID[e.ID] = e
	}
	for _, t := range []string{"State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody",
		"BilateralFormat", "Event", "Agreement", "Principle", "Person", "Document"} {
		if len(gen.pools[t]) == 0 {
			return nil, fmt.Errorf("corpus: the gazetteer has no %s entries", t)
		}
	}
	if opt.Replicate != "" {
		if gen.real, err = readReal(opt.Replicate); err != nil {
			return nil, err
		}
	}
	return gen, nil
}

// readReal reads the documents of dir (not README.md), sorted by name.
func readReal(dir string) ([]Doc, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Doc
	for _, n := range names {
		if strings.EqualFold(filepath.Base(n), "README.md") {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, Doc{Name: filepath.Base(n), Body: b})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus: no .md documents to replicate in %s", dir)
	}
	return out, nil
}

// Done reports whether the target size has been reached.
func (g *Generator) Done() bool { return g.size >= g.opt.Size }

// Next returns the next document.
func (g *Generator) Next() Doc {
	i := g.n
	g.n++
	dir := fmt.Sprintf("d%04d", i/g.opt.PerDir)
	var d Doc
	if len(g.real) > 0 && g.opt.ReplicateEvery > 0 && i%g.opt.ReplicateEvery == g.opt.ReplicateEvery-1 {
		r := g.real[(i/g.opt.ReplicateEvery)%len(g.real)]
		d = Doc{Name: fmt.Sprintf("%s/doc%06d_%s", dir, i, r.Name), Body: r.Body, Replicated: true}
	} else {
		d = Doc{Name: fmt.Sprintf("%s/doc%06d.md", dir, i), Body: g.document()}
	}
	g.size += int64(len(d.Body))
	return d
}

// Summary describes a written corpus.
type Summary struct {
	Docs       int
	Replicated int
	Bytes      int64
}

// Write generates the corpus into dir (created; existing files with the
// same names are overwritten).
func Write(dir string, opt Options) (Summary, error) {
	g, err := New(opt)
	if err != nil {
		return Summary{}, err
	}
	var s Summary
	for !g.Done() {
		d := g.Next()
		p := filepath.Join(dir, filepath.FromSlash(d.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return s, err
		}
		if err := os.WriteFile(p, d.Body, 0o644); err != nil {
			return s, err
		}
		s.Docs++
		s.Bytes += int64(len(d.Body))
		if d.Replicated {
			s.Replicated++
		}
	}
	return s, nil
}

// Texts returns generated documents totalling at least size bytes (no
// replication), for in-memory benchmarks.
func Texts(seed uint64, size int64) ([]Doc, error) {
	g, err := New(Options{Seed: seed, Size: size})
	if err != nil {
		return nil, err
	}
	var out []Doc
	for !g.Done() {
		out = append(out, g.Next())
	}
	return out, nil
}

// ---------------------------------------------------------------- documents

var kinds = []string{"interview", "statement", "transcript", "article", "speech", "report"}

var topics = []string{
	"international information security", "security in the use of ICTs", "cybercrime",
	"ransomware", "critical infrastructure protection", "norms of responsible state behaviour",
	"confidence-building measures in cyberspace", "strategic stability", "sanctions",
	"the digital economy", "data protection", "arms control",
}

var months = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// docCtx is what one document keeps constant: its speaker and state.
type docCtx struct {
	state, other *ontology.Entry
	speaker      *ontology.Entry
	year         int
}

func (g *Generator) pick(typ string) *ontology.Entry {
	p := g.pools[typ]
	return p[g.rng.IntN(len(p))]
}

// name is a surface form of e: its label or one of its aliases.
func (g *Generator) name(e *ontology.Entry) string {
	if len(e.Aliases) > 0 && g.rng.IntN(3) == 0 {
		return e.Aliases[g.rng.IntN(len(e.Aliases))]
	}
	return e.Label
}

// the is a surface form with "the" in front where English wants one.
func (g *Generator) the(e *ontology.Entry) string {
	n := g.name(e)
	switch e.Type {
	case "Person", "Principle":
		return n
	case "State":
		if !strings.HasPrefix(n, "United") && !strings.HasSuffix(n, "Federation") && !strings.HasSuffix(n, "Republic") {
			return n
		}
	}
	if strings.HasPrefix(strings.ToLower(n), "the ") {
		return n
	}
	return "the " + n
}

func (g *Generator) date(year int) string {
	switch g.rng.IntN(3) {
	case 0:
		return fmt.Sprintf("in %d", year)
	case 1:
		return fmt.Sprintf("in %s %d", months[g.rng.IntN(12)], year)
	}
	return fmt.Sprintf("on %d %s %d", 1+g.rng.IntN(28), months[g.rng.IntN(12)], year)
}

// document writes one generated document of a log-uniform random size.
func (g *Generator) document() []byte {
	lo, hi := float64(g.opt.MinDoc), float64(g.opt.MaxDoc)
	target := int(lo * math.Pow(hi/lo, g.rng.Float64()))
	c := &docCtx{year: 2010 + g.rng.IntN(15)}
	c.speaker = g.pick("Person")
	if s, ok := g.byID[c.speaker.State]; ok && s.Type == "State" {
		c.state = s
	} else {
		c.state = g.pick("State")
	}
	for c.other = g.pick("State"); c.other == c.state; c.other = g.pick("State") {
	}
	kind := kinds[g.rng.IntN(len(kinds))]
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\ntitle: %s of %s on %s\ndate: %d-%02d-%02d\ntype: %s\nsource: generated benchmark text (seed %d)\nspeaker: %s\nspeaker_state: %s\n",
		titleCase(kind), c.speaker.Label, topics[g.rng.IntN(len(topics))], c.year, 1+g.rng.IntN(12), 1+g.rng.IntN(28), kind, g.opt.Seed, c.speaker.Label, c.state.Label)
	if kind == "interview" {
		b.WriteString("interviewer: " + g.pick("InternationalOrganization").Label + "\n")
	}
	b.WriteString("---\n\n")
	turn := 0
	for b.Len() < target {
		if kind == "interview" || kind == "transcript" {
			if turn%2 == 0 {
				b.WriteString("Question: ")
				g.sentence(&b, c, questions)
				b.WriteString("\n\n")
				turn++
				continue
			}
			b.WriteString("Answer: ")
			turn++
		}
		for n := 3 + g.rng.IntN(5); n > 0; n-- {
			g.sentence(&b, c, nil)
			if n > 1 {
				b.WriteByte(' ')
			}
		}
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

func titleCase(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// fillerPercent is the share of sentences without names. It is set so that
// generated text yields about as many quads per MB as the shared corpus of
// real documents (~150k quads/MB).
const fillerPercent = 75

// sentence writes one sentence from a template (from set, or from all
// templates: fillerPercent fillers, the rest with names).
func (g *Generator) sentence(b *bytes.Buffer, c *docCtx, set []string) {
	var t string
	switch {
	case set != nil:
		t = set[g.rng.IntN(len(set))]
	case g.rng.IntN(100) < fillerPercent:
		t = fillers[g.rng.IntN(len(fillers))]
	default:
		t = templates[g.rng.IntN(len(templates))]
	}
	start := b.Len()
	defer func() {
		if bs := b.Bytes(); start < len(bs) && bs[start] >= 'a' && bs[start] <= 'z' {
			bs[start] -= 'a' - 'A' // "the G8 ..." opens a sentence as "The G8 ..."
		}
	}()
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(t[i:], '}') + i
		b.WriteString(t[:i])
		b.WriteString(g.slot(c, t[i+1:j]))
		t = t[j+1:]
	}
	b.WriteString(t)
}

// slot fills one template slot.
func (g *Generator) slot(c *docCtx, s string) string {
	switch s {
	case "we":
		return c.state.Label
	case "they":
		return g.the(c.other)
	case "State":
		return g.the(g.pick("State"))
	case "Demonym":
		for range 8 {
			if e := g.pick("State"); len(e.Modifiers) > 0 {
				return e.Modifiers[g.rng.IntN(len(e.Modifiers))]
			}
		}
		return "Russian"
	case "Agency", "Org", "Body", "Format", "Event", "Agreement", "Principle", "Person", "Document":
		return g.the(g.pick(slotTypes[s]))
	case "date":
		return g.date(c.year - g.rng.IntN(5))
	case "year":
		return fmt.Sprint(c.year - g.rng.IntN(8))
	case "topic":
		return topics[g.rng.IntN(len(topics))]
	case "n":
		return fmt.Sprint(2 + g.rng.IntN(150))
	}
	panic("corpus: unknown slot {" + s + "}")
}

var slotTypes = map[string]string{
	"Agency": "GovernmentAgency", "Org": "InternationalOrganization", "Body": "IntergovernmentalBody",
	"Format": "BilateralFormat", "Event": "Event", "Agreement": "Agreement", "Principle": "Principle",
	"Person": "Person", "Document": "Document",
}

// The templates are written for this generator: typical constructions of
// statements on international information security, with slots for names.
var templates = []string{
	"{State} established {Format} {date}.",
	"{Format} was set up by {State} and {they} {date} to discuss {topic}.",
	"{they} unilaterally suspended the work of {Format} {date}.",
	"{State} froze {Format}, which had operated under the auspices of {Agency}.",
	"The decision to end {Format} was taken by {State} {date}.",
	"{Body} was established by {Org} {date}.",
	"{Org} convened {Event} {date}, where delegations discussed {topic}.",
	"{Event} was held in Geneva {date}.",
	"{State} signed {Agreement} {date}.",
	"{State} and {State} are parties to {Agreement}.",
	"{we} has consistently advocated {Principle} in the use of information and communications technologies.",
	"{we} insists on {Principle} and {Principle}.",
	"{State} opposes {Document}, which was adopted by {Body} {date}.",
	"{Person} said that {we} supports {Principle}.",
	"According to {Person}, {they} is responsible for the attack on {Agency}.",
	"{State} accused {they} of malicious cyber activity against {Agency}.",
	"{Agency} attributed the intrusion to {Agency}.",
	"{they} imposed sanctions on {Agency} {date}.",
	"{State} sanctioned {Agency} for its role in the campaign.",
	"{State} is a member of {Org}.",
	"{State} participates in {Body} together with {State} and {State}.",
	"{Person} met {Person} in the framework of {Format} {date}.",
	"{Document} builds on {Agreement} and on the work of {Body}.",
	"{Body} operates under the auspices of {Org}.",
	"{Person}, speaking for {Agency}, called on all states to respect {Principle}.",
	"{Demonym} officials told {Org} that {they} had withdrawn from {Agreement}.",
	"The {Demonym} delegation voted against {Document} in {Body}.",
	"{State}, {State} and {State} co-sponsored {Document} {date}.",
	"{we} welcomes the adoption of {Document} by {Body}.",
	"In {year}, {Agency} and {Agency} held consultations on {topic}.",
	"{they} disrupted the dialogue between our countries on {topic}.",
	"We regret that {they} has chosen to abandon {Format}.",
	"{Org} adopted {n} recommendations on {topic} {date}.",
	"{Person} of {Agency} warned that {State} may launch new operations against {State}.",
}

var questions = []string{
	"What is the position of {we} on {topic}?",
	"How do you assess the decision of {they} to suspend {Format}?",
	"Does {we} intend to take part in {Event}?",
	"What do you expect from {Body} this year?",
	"Is there any prospect for a dialogue with {they} on {topic}?",
}

var fillers = []string{
	"The situation remains difficult.",
	"We are ready for a constructive and depoliticised dialogue on an equal footing.",
	"This approach does not contribute to trust between states.",
	"Much depends on the political will of all parties.",
	"The threats are growing, and no state can address them alone.",
	"Experts have repeatedly pointed to the need for clear rules of the road.",
	"We will continue to work with all interested partners.",
	"Such statements are not supported by any evidence.",
	"The issue was discussed in detail at the last meeting.",
	"It is important to prevent conflicts arising from the use of new technologies.",
	"Practical cooperation between competent authorities is essential.",
	"There are {n} proposals on the table, and each of them deserves careful study.",
	"The use of information and communications technologies for purposes inconsistent with international peace and security is a matter of serious concern to the international community.",
	"Questions of attribution are complex, and accusations made without evidence only increase tension and mistrust between countries.",
	"We believe that a universal, legally binding framework would help to reduce the risk of misperception and escalation in the information space.",
	"Over the past year, the number of incidents affecting hospitals, energy companies and financial institutions has grown considerably.",
	"Capacity building should be demand-driven, tailored to specific needs and free of political conditions.",
	"The private sector, academia and civil society also have an important role to play, but the primary responsibility lies with states.",
}
