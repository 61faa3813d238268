package eval

import (
	"fmt"
	"io"
)

// WriteText prints the scores for people: precision, recall and F1 with
// three decimals and the counts behind them (a ratio alone hides whether a
// change moved 1 item or 30), and the date accuracy. With verbose it lists
// every miss and false hit, named by gold canonical names and output
// prefLabels, so a regression can be traced without reading the RDF.
func (r *Report) WriteText(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%s\n", r.Doc)
	line := func(name string, c Counts) {
		fmt.Fprintf(w, "  %-10s P %.3f  R %.3f  F1 %.3f  (TP %d, FP %d, FN %d)\n",
			name, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	line("entities", r.Entities)
	line("relations", r.Relations)
	if r.DatesTotal == 0 {
		fmt.Fprintf(w, "  %-10s n/a (no found relation has a gold date)\n", "dates")
	} else {
		fmt.Fprintf(w, "  %-10s %.3f  (%d of %d found relations with a gold date)\n",
			"dates", ratio(r.DatesRight, r.DatesTotal), r.DatesRight, r.DatesTotal)
	}
	if !verbose {
		return
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "  %s (%d):\n", title, len(items))
		for _, s := range items {
			fmt.Fprintf(w, "    - %s\n", s)
		}
	}
	list("missed entities", r.MissedEntities)
	list("false entities", r.FalseEntities)
	list("missed relations", r.MissedRelations)
	list("false relations", r.FalseRelations)
	list("wrong dates", r.WrongDates)
}
