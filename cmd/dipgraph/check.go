package main

import (
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/graph/store"
	"github.com/dipgraph/dipgraph/ontology"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "verify that the store opens, its indexes agree and every document's facts are complete",
		Description: `Opens the store read-only (it is never created or changed) and verifies:
  - the store's quad count equals the quads in its quad log, and every quad's
    subject, predicate, object and graph resolve to values;
  - the subject, object and graph indexes find as many quads for each value as
    the quad log holds (bolt, leveldb, memory; PostgreSQL keeps its own indexes);
  - every document's graph holds exactly the number of quads recorded for it when
    its load committed (dipgraph load writes the record in the document's own
    transaction), and its nif:Context node with the text (nif:isString).
Each problem is printed on its own line; the exit status is 1 when there is any.
A document without a record was loaded by an older dipgraph: load it again.

   dipgraph check
   dipgraph check --store team.db`,
		Flags:  []cli.Flag{storeFlag(), lockFlag()},
		Action: runCheck,
	}
}

func runCheck(c *cli.Context) error {
	s, err := openExisting(c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := s.Check(c.Context, store.CheckOptions{Graph: checkDocumentGraph})
	if err != nil {
		return err
	}
	out := c.App.Writer
	for _, p := range rep.Problems {
		fmt.Fprintln(out, "problem:", p)
	}
	if rep.Omitted > 0 {
		fmt.Fprintf(out, "problem: ... and %d more\n", rep.Omitted)
	}
	fmt.Fprintf(out, "store %s: %d quads counted, %d read from the quad log; %d documents, %d complete\n",
		s, rep.Quads, rep.Scanned, rep.Graphs, rep.Complete)
	if !rep.OK() {
		return exitError{1, fmt.Errorf("check: the store %s has %d problems", s, len(rep.Problems)+rep.Omitted)}
	}
	fmt.Fprintln(out, "ok")
	return nil
}

// checkDocumentGraph: a document's graph holds its nif:Context node, typed
// and with the text. Graphs that are not documents are not looked into.
func checkDocumentGraph(label quad.Value, quads []quad.Quad) []string {
	iri, ok := label.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), ontology.Docs) {
		return nil
	}
	typed, text := map[string]bool{}, map[string]bool{}
	for _, q := range quads {
		switch quad.StringOf(q.Predicate) {
		case quad.StringOf(quad.IRI(ontology.RDFType)):
			if quad.StringOf(q.Object) == quad.StringOf(quad.IRI(ontology.NIFContext)) {
				typed[quad.StringOf(q.Subject)] = true
			}
		case quad.StringOf(quad.IRI(ontology.NIFIsString)):
			text[quad.StringOf(q.Subject)] = true
		}
	}
	for s := range typed {
		if text[s] {
			return nil
		}
	}
	if len(typed) == 0 {
		return []string{"no nif:Context node: the document's text is missing"}
	}
	return []string{"its nif:Context node has no nif:isString: the document's text is missing"}
}
