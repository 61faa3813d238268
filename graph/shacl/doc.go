// Package shacl validates RDF graphs against SHACL Core shapes
// (https://www.w3.org/TR/shacl/), in Go, so that `dipgraph validate` needs no
// other tool.
//
// It implements the SHACL Core constraint components, targets and property
// paths: sh:targetClass (with rdfs:subClassOf in the data graph),
// sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf and implicit class
// targets; predicate, inverse, sequence, alternative, zero-or-more,
// one-or-more and zero-or-one paths; sh:class, datatype (with lexical checks
// of the XSD datatypes), nodeKind, minCount, maxCount, min/maxExclusive,
// min/maxInclusive, min/maxLength, pattern (with flags), languageIn,
// uniqueLang, equals, disjoint, lessThan, lessThanOrEquals, not, and, or,
// xone, node, property, qualifiedValueShape, closed, hasValue and in; and
// sh:message, sh:severity and sh:deactivated. SHACL-SPARQL (sh:sparql,
// sh:target) is refused, not ignored.
//
//	shapes, err := shacl.DefaultShapes() // ontology/shapes.ttl
//	data := shacl.NewGraph()
//	err = data.ReadFile("out.ttl", "")
//	report := shapes.Validate(data)
//
// Differences from rdf-validate-shacl, the independent engine the tests
// compare with (ontology/shacltest): sh:languageIn uses SPARQL's
// langMatches (so "en" does not match "eng"), and date literals are checked
// for valid months and days ("2022-13"^^xsd:gYearMonth is not a valid
// xsd:gYearMonth here).
package shacl
