// Package ontology is the bottom layer of dipgraph: the vocabulary (IRIs),
// and the embedded data files that say what the extractor knows (OWL,
// SHACL shapes, gazetteer, relation rules). It imports no other package of
// this module.
package ontology

// Namespaces of the output contract (../shared/docs/output-contract.md).
const (
	DIP      = "https://w3id.org/dipgraph/ontology#"
	Entities = "https://w3id.org/dipgraph/id/"
	Docs     = "https://w3id.org/dipgraph/doc/"
	GAF      = "http://groundedannotationframework.org/gaf#"
	NIF      = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
	SKOS     = "http://www.w3.org/2004/02/skos/core#"
	PROV     = "http://www.w3.org/ns/prov#"
	RDF      = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS     = "http://www.w3.org/2000/01/rdf-schema#"
	OWL      = "http://www.w3.org/2002/07/owl#"
	XSD      = "http://www.w3.org/2001/XMLSchema#"
	DCTERMS  = "http://purl.org/dc/terms/"
	TIME     = "http://www.w3.org/2006/time#"
	ORG      = "http://www.w3.org/ns/org#"
	SCHEMA   = "https://schema.org/"
	SH       = "http://www.w3.org/ns/shacl#"
	WD       = "http://www.wikidata.org/entity/"
)

// Prefix is one namespace prefix declaration.
type Prefix struct{ Name, IRI string }

// Prefixes lists the prefixes every Turtle/TriG output declares, in the
// order they are written. Writers take this list; nothing else copies it.
var Prefixes = []Prefix{
	{"dip", DIP},
	{"entities", Entities},
	{"documents", Docs},
	{"gaf", GAF},
	{"nif", NIF},
	{"skos", SKOS},
	{"prov", PROV},
	{"rdf", RDF},
	{"rdfs", RDFS},
	{"owl", OWL},
	{"xsd", XSD},
	{"dcterms", DCTERMS},
	{"time", TIME},
	{"org", ORG},
	{"schema", SCHEMA},
	{"wd", WD},
}

// Frequently used IRIs.
const (
	RDFType      = RDF + "type"
	RDFStatement = RDF + "Statement"
	RDFSubject   = RDF + "subject"
	RDFPredicate = RDF + "predicate"
	RDFObject    = RDF + "object"
	RDFSLabel    = RDFS + "label"
	RDFSComment  = RDFS + "comment"

	SKOSPrefLabel   = SKOS + "prefLabel"
	SKOSAltLabel    = SKOS + "altLabel"
	SKOSHiddenLabel = SKOS + "hiddenLabel"
	OWLSameAs       = OWL + "sameAs"

	GAFDenotedBy = GAF + "denotedBy"

	NIFContext          = NIF + "Context"
	NIFString           = NIF + "String"
	NIFSentence         = NIF + "Sentence"
	NIFAnchorOf         = NIF + "anchorOf"
	NIFBeginIndex       = NIF + "beginIndex"
	NIFEndIndex         = NIF + "endIndex"
	NIFReferenceContext = NIF + "referenceContext"
	NIFIsString         = NIF + "isString"

	PROVWasDerivedFrom = PROV + "wasDerivedFrom"

	XSDString             = XSD + "string"
	XSDNonNegativeInteger = XSD + "nonNegativeInteger"
	XSDInteger            = XSD + "integer"
	XSDDecimal            = XSD + "decimal"
	XSDDouble             = XSD + "double"
	XSDBoolean            = XSD + "boolean"
	XSDDate               = XSD + "date"
	XSDDateTime           = XSD + "dateTime"
	XSDGYear              = XSD + "gYear"
	XSDGYearMonth         = XSD + "gYearMonth"

	DCTitle   = DCTERMS + "title"
	DCDate    = DCTERMS + "date"
	DCSource  = DCTERMS + "source"
	DCType    = DCTERMS + "type"
	DCCreator = DCTERMS + "creator"
)

// dip: classes.
const (
	ClassState                     = DIP + "State"
	ClassGovernmentAgency          = DIP + "GovernmentAgency"
	ClassInternationalOrganization = DIP + "InternationalOrganization"
	ClassIntergovernmentalBody     = DIP + "IntergovernmentalBody"
	ClassBilateralFormat           = DIP + "BilateralFormat"
	ClassEvent                     = DIP + "Event"
	ClassAgreement                 = DIP + "Agreement"
	ClassPrinciple                 = DIP + "Principle"
	ClassPerson                    = DIP + "Person"
	ClassDocument                  = DIP + "Document"
	ClassClaim                     = DIP + "Claim"
	ClassMention                   = DIP + "Mention"
	ClassSourceDocument            = DIP + "SourceDocument"
)

// EntityTypes are the local names of the closed set of entity classes.
var EntityTypes = []string{
	"State", "GovernmentAgency", "InternationalOrganization", "IntergovernmentalBody",
	"BilateralFormat", "Event", "Agreement", "Principle", "Person", "Document",
}

// dip: properties of claims and events.
const (
	PropClaimant  = DIP + "claimant"
	PropRule      = DIP + "rule"
	PropDate      = DIP + "date"
	PropCertainty = DIP + "certainty"
	PropPolarity  = DIP + "polarity"
	PropAgent     = DIP + "agent"
	PropPatient   = DIP + "patient"
	PropEvidence  = DIP + "evidence"
)

// Relations are the 17 direct relations of the contract, subject to object.
var Relations = []string{
	"establishedBy", "terminatedBy", "basedOn", "partOf", "underAuspicesOf",
	"participatesIn", "memberOf", "partyTo", "signedBy", "accuses",
	"responsibleFor", "advocates", "opposes", "sanctions", "heldIn",
	"affiliatedWith", "speaker",
}

// IsRelation reports whether name is one of the 17 direct relations.
func IsRelation(name string) bool {
	for _, r := range Relations {
		if r == name {
			return true
		}
	}
	return false
}

// IsEntityType reports whether name is one of the closed entity classes.
func IsEntityType(name string) bool {
	for _, t := range EntityTypes {
		if t == name {
			return true
		}
	}
	return false
}
