package extract

import "github.com/dipgraph/dipgraph/ontology"

// Entity is what a mention denotes: a gazetteer entry, or a new entity the
// rules recognised from a noun phrase (Entry nil).
type Entity struct {
	ID    string // slug: the IRI is ontology.Entities + ID
	Type  string // local name of the dip: class
	Label string // skos:prefLabel
	Entry *ontology.Entry
	Rule  string // for new entities: the rule that made it

	self  []*Entity       // []*Entity{e}, made once: mentions of one entity share it
	vals  *entryValues    // the quad values of Entry, shared by all documents (nil: made per document)
	words map[string]bool // the words of its names, for namedWith (nil: not looked up yet)
	// Scratch of knowledgeFacts: the sentences that mention it, and its
	// mentions' count.
	sents  []int
	nsents int
	// Its last mention added by addMention (1 + its index in the result's
	// mentions, 0: none yet) and its first place in that mention's
	// entities, for antecedent.
	lastMention, lastPos int
}

// one returns the list of just e, shared by everything that names e
// alone; nothing changes such lists in place (and its capacity of one makes
// an append copy it).
func (e *Entity) one() []*Entity {
	if e.self == nil {
		e.self = []*Entity{e}
	}
	return e.self
}

// entityOne is an entity with the list of just itself (Entity.one): nearly
// every entity of a document is mentioned alone somewhere.
type entityOne struct {
	e   Entity
	one [1]*Entity
}

// entitySlab is how many entities a document's entities are allocated by
// (a document names dozens): one allocation instead of one an entity.
const entitySlab = 16

// newEntityOne returns a new entity e, its one() list made with it, from
// the document's slab of entities.
func (st *docState) newEntityOne(e Entity) *Entity {
	if len(st.entSlab) == 0 {
		st.entSlab = make([]entityOne, entitySlab)
	}
	b := &st.entSlab[0]
	st.entSlab = st.entSlab[1:]
	b.e = e
	b.one[0] = &b.e
	b.e.self = b.one[:]
	return &b.e
}

// Mention is a span of text that denotes one or more entities ("the
// security councils of the two countries" denotes two).
type Mention struct {
	Start, End int // byte span in Document.Text
	Entities   []*Entity
	Kind       string // label, alias, modifier, metonym, role, speaker, dyad, anaphora, new
	Sentence   int
}

// Fact is one relation stated by a sentence, with its provenance.
type Fact struct {
	Subject   *Entity
	Relation  string  // local name of one of the 17 relations
	Object    *Entity // nil when the object is a literal
	Literal   string
	Rule      string // rule id, or "gazetteer:<slug>" for knowledge-base facts
	Sentence  int    // index into Document.Sentences
	Claimant  *Entity
	Date      Date
	Certainty float64 // 0 means not hedged (certainty 1)
	Event     string  // typed event class local name, if any
	Negative  bool    // denied by its claimant: a claim with dip:polarity "negative", no direct triple

	ownVoice bool // stated in the document's own voice (not reported, not a question)
}

// Result is everything extracted from one document.
type Result struct {
	Doc      *Document
	Mentions []Mention
	Facts    []Fact
	Speaker  *Entity // the document's speaker, if known
}
