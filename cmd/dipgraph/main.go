// Command dipgraph turns diplomatic texts on international information
// security into a provenance-rich RDF knowledge graph.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

// exitError carries an exit status through urfave/cli.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }

func main() {
	app := newApp()
	if err := app.Run(flagsFirst(app, os.Args)); err != nil {
		fmt.Fprintln(os.Stderr, "dipgraph:", err)
		var ee exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		os.Exit(1)
	}
}

func newApp() *cli.App {
	return &cli.App{
		Name:  "dipgraph",
		Usage: "turn diplomatic texts on international information security into an RDF knowledge graph",
		Description: `dipgraph reads interviews, statements, transcripts and articles (plain text or
Markdown with YAML front matter), finds the states, agencies, bodies, formats, events,
agreements, principles and persons they name, and the relations the text states between
them (who established, froze or ended which format, who accuses whom, who advocates what),
each backed by a claim with its speaker, sentence, rule and date.

   dipgraph extract doc.md > doc.ttl           text to Turtle
   dipgraph load corpus/                       into the embedded store (dipgraph.db)
   dipgraph export --format ntriples           the store's graph
   dipgraph query 'g.V().All()'                an ad hoc Gizmo query
   dipgraph eval ../shared/corpus              precision and recall against gold files`,
		EnableBashCompletion: true,
		Commands: []*cli.Command{
			extractCommand(),
			loadCommand(),
			exportCommand(),
			queryCommand(),
			queriesCommand(),
			removeCommand(),
			docsCommand(),
			statsCommand(),
			checkCommand(),
			validateCommand(),
			pushCommand(),
			evalCommand(),
			gazetteerCommand(),
			ontologyCommand(),
		},
	}
}
