package ontology

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"

	"gopkg.in/yaml.v3"
)

// Rule is one relation rule of rules/relations.yaml: trigger words, the
// entity types its two roles take, and which role is the relation's
// subject. The extract package applies it; the schema is documented at the
// top of rules/relations.yaml.
type Rule struct {
	ID       string   `yaml:"id"`
	Comment  string   `yaml:"comment"`
	Relation string   `yaml:"relation"`
	Subject  string   `yaml:"subject"`  // "agent" or "patient": which role is the relation's subject
	Verbs    []string `yaml:"verbs"`    // base forms, inflected by the engine (active and passive)
	Nouns    []string `yaml:"nouns"`    // nominalisations: "disruption of X by Y"
	Phrases  []string `yaml:"phrases"`  // fixed phrases, not inflected: agent left, patient right
	Agent    []string `yaml:"agent"`    // entity types the agent role takes
	Patient  []string `yaml:"patient"`  // entity types the patient role takes ("Literal" allowed)
	Event    string   `yaml:"event"`    // typed event class local name, if any
	Speaker  string   `yaml:"speaker"`  // "agent" or "patient": that role is the speaker's state when the text has none
	NewNP    string   `yaml:"new_np"`   // type of a new entity made from the phrase after the trigger when no patient is found
	Mutual   bool     `yaml:"mutual"`   // "both sides ... one another": both directions within the dyad
	Modal    bool     `yaml:"modal"`    // modality ("need to", "would") does not block the rule
	Adjacent bool     `yaml:"adjacent"` // a phrase's agent stands right before it ("X is responsible for")
	// Tally: the phrase ends a vote count ("6 against"); its agents are the
	// names in the parentheses after it, its patient the nearest fitting
	// name before it, the text voted on.
	Tally bool `yaml:"tally"`
	// Possessor: the phrase follows a possessive ("on Russia's
	// initiative"): its patient is the possessor, its agent the nearest
	// fitting name before that.
	Possessor bool `yaml:"possessor"`
	// Voice: the position is the claimant's, whoever the subject is ("Russia
	// violated the UN Charter" in a US statement: the United States
	// upholds the Charter): the agent is the reporter, else the speaker's
	// state; a negated or unattributed sentence yields nothing.
	Voice bool `yaml:"voice"`
	// Implicit: a phrase that ends its clause ("X joined the consensus.")
	// takes as its patient the last entity of the patient types named
	// before it (the text just adopted).
	Implicit bool `yaml:"implicit"`
	// Joins: the actors the verb's object names, before the target word,
	// are agents too ("DoD incorporated allies, including Chile and Peru,
	// into the exercise": all three take part).
	Joins  bool `yaml:"joins"`
	Window int  `yaml:"window"` // max tokens between trigger and an argument (default 12)
	// Target are words after which a verb's patient stands, past its
	// object: "attribute the activity to X".
	Target []string `yaml:"target"`
	// Complement are words one of which must follow the patient of a verb:
	// "hold X responsible", "consider X accountable".
	Complement []string      `yaml:"complement"`
	Examples   []RuleExample `yaml:"examples"`
}

// RuleExample is a sentence written for the rule and the facts it yields,
// each "subject-slug relation object-slug [date]".
type RuleExample struct {
	Text   string   `yaml:"text"`
	Expect []string `yaml:"expect"`
}

// Lexicon holds the closed-class words the rules use, by class: speaker
// pronouns, dyad phrases, reciprocals, negations, modals, hedges, place
// prepositions, reporting verbs, anaphora (phrase -> types), irregular verbs.
type Lexicon struct {
	Phrases   map[string][]string `yaml:"phrases"`   // class -> phrases matched as spans
	Words     map[string][]string `yaml:"words"`     // class -> single words checked around triggers
	Anaphora  map[string][]string `yaml:"anaphora"`  // "this format" -> entity types it can refer to
	Irregular map[string][]string `yaml:"irregular"` // base -> [past, participle] or [past, participle, gerund]
	Heads     map[string][]string `yaml:"heads"`
	// KnowledgeRelations are the relations of gazetteer links that are
	// stated as facts of a document when it mentions both ends.
	KnowledgeRelations []string `yaml:"knowledge_relations"`
	// KnowledgeSkip are link shapes "SubjectType relation ObjectType",
	// or links "subject-id relation object-id",
	// that go without saying and are not stated.
	KnowledgeSkip []string `yaml:"knowledge_skip"`
	// KnowledgeDistance is how many sentences apart the two ends of a
	// gazetteer link may be named for the link to be stated.
	KnowledgeDistance int `yaml:"knowledge_distance"`
	// Coordination are the joiners of a list of names that fill one role
	// together ("X, Y and Z", "X, in partnership with Y").
	Coordination []string `yaml:"coordination"`
	// Descriptions name new entities the gazetteer lacks, by type.
	Descriptions map[string]Description `yaml:"descriptions"`
	// StanceRelations are dated by the document when the sentence gives no
	// date: a position stated in a statement of a day holds on that day.
	StanceRelations []string `yaml:"stance_relations"` // entity type -> head nouns a new noun phrase of that type has
	// MeetingHeader is a regular expression for the line of a meetings
	// coverage that names the meeting ("14th Meeting (AM)"); its first
	// group is the meeting's number.
	MeetingHeader string `yaml:"meeting_header"`
}

// Description is how a new entity of one type is named in running text: a
// head phrase and a complement opened by a connector ("draft resolution on
// developments in the field of ..."), a quoted title after a head ("an
// advisory, “Russian SVR Targets ...”"), or a numbered form (regular
// expressions such as `resolution \d+/\d+`).
type Description struct {
	Heads      []string `yaml:"heads"`
	Connectors []string `yaml:"connectors"`
	Numbered   []string `yaml:"numbered"`
}

// LoadRules reads the embedded rules/relations*.yaml and the lexicon, then
// user files (rules) in order.
func LoadRules(userFiles ...string) ([]Rule, *Lexicon, error) {
	lexb, err := Data.ReadFile("rules/lexicon.yaml")
	if err != nil {
		return nil, nil, err
	}
	var lex Lexicon
	if err := strictYAML(lexb, &lex); err != nil {
		return nil, nil, fmt.Errorf("rules/lexicon.yaml: %w", err)
	}
	names, _ := fs.Glob(Data, "rules/relations*.yaml")
	sort.Strings(names)
	var rules []Rule
	seen := map[string]string{}
	read := func(name string, b []byte) error {
		var rs []Rule
		if err := strictYAML(b, &rs); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for i, r := range rs {
			where := fmt.Sprintf("%s: rule %d (%q)", name, i+1, r.ID)
			switch {
			case !slugRE.MatchString(r.ID):
				return fmt.Errorf("%s: id must match %s", where, slugRE)
			case seen[r.ID] != "":
				return fmt.Errorf("%s: id already used in %s", where, seen[r.ID])
			case !IsRelation(r.Relation):
				return fmt.Errorf("%s: relation %q is not one of the contract's", where, r.Relation)
			case r.Subject != "agent" && r.Subject != "patient":
				return fmt.Errorf("%s: subject must be agent or patient", where)
			case r.Speaker != "" && r.Speaker != "agent" && r.Speaker != "patient":
				return fmt.Errorf("%s: speaker must be agent or patient", where)
			case r.NewNP != "" && !IsEntityType(r.NewNP) && r.NewNP != "Literal":
				return fmt.Errorf("%s: new_np %q is not an entity type", where, r.NewNP)
			case len(r.Verbs)+len(r.Nouns)+len(r.Phrases) == 0:
				return fmt.Errorf("%s: no verbs, nouns or phrases", where)
			}
			for _, t := range append(append([]string{}, r.Agent...), r.Patient...) {
				if !IsEntityType(t) && t != "Literal" {
					return fmt.Errorf("%s: %q is not an entity type", where, t)
				}
			}
			seen[r.ID] = name
			rules = append(rules, r)
		}
		return nil
	}
	for _, n := range names {
		b, err := Data.ReadFile(n)
		if err != nil {
			return nil, nil, err
		}
		if err := read(n, b); err != nil {
			return nil, nil, err
		}
	}
	for _, f := range userFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, fmt.Errorf("rules: %w", err)
		}
		if err := read(f, b); err != nil {
			return nil, nil, err
		}
	}
	return rules, &lex, nil
}

func strictYAML(b []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}
