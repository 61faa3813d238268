package queries

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// OutputFormats are the result formats WriteResult takes.
var OutputFormats = []string{"table", "csv", "tsv", "json"}

// WriteOptions tune WriteResult.
type WriteOptions struct {
	// Labels maps IRIs to display names (see Labels).
	Labels map[string]string
	// Width caps table cells at this many characters (0: 60; -1: no cap).
	Width int
}

// WriteResult writes a result as:
//
//	table  aligned columns for a terminal: labels instead of entity IRIs,
//	       local names for classes and relations, dates and text as they
//	       are; claim, event and sentence IRIs left out; long cells cut
//	csv    RFC 4180, a header row, every column with full IRIs and exact
//	       lexical forms; each entity column followed by NAME_label
//	tsv    the same columns, tab-separated, with \t \n \r \\ escaped
//	json   an array of objects with the csv columns, null where unbound
func WriteResult(w io.Writer, r *Result, format string, opt WriteOptions) error {
	switch format {
	case "table":
		return writeTable(w, r, opt)
	case "csv", "tsv":
		header, rows := flatRows(r, opt.Labels)
		if format == "tsv" {
			for _, row := range append([][]string{header}, toStrings(rows)...) {
				for i, c := range row {
					row[i] = tsvEscape(c)
				}
				if _, err := fmt.Fprintln(w, strings.Join(row, "\t")); err != nil {
					return err
				}
			}
			return nil
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := cw.WriteAll(toStrings(rows)); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	case "json":
		// Objects keep the column order (encoding/json sorts map keys).
		header, rows := flatRows(r, opt.Labels)
		var b strings.Builder
		b.WriteString("[")
		for j, row := range rows {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  {")
			for i, h := range header {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(jsonString(h) + ": ")
				if row[i] == nil {
					b.WriteString("null")
				} else {
					b.WriteString(jsonString(*row[i]))
				}
			}
			b.WriteString("}")
		}
		if len(rows) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("]\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("unknown format %q (one of %s)", format, strings.Join(OutputFormats, ", "))
}

// flatRows gives the csv/json columns and values (nil: unbound).
func flatRows(r *Result, labels map[string]string) ([]string, [][]*string) {
	var header []string
	for _, c := range r.Columns {
		header = append(header, c.Name)
		if c.Kind == KindEntity {
			header = append(header, c.Name+"_label")
		}
	}
	var rows [][]*string
	for _, row := range r.Rows {
		var out []*string
		for i, c := range r.Columns {
			v := row[i]
			if v == nil {
				out = append(out, nil)
			} else {
				s := Lexical(v)
				out = append(out, &s)
			}
			if c.Kind == KindEntity {
				if iri, ok := v.(quad.IRI); ok && labels[string(iri)] != "" {
					l := labels[string(iri)]
					out = append(out, &l)
				} else {
					out = append(out, nil)
				}
			}
		}
		rows = append(rows, out)
	}
	return header, rows
}

func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func toStrings(rows [][]*string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, c := range row {
			if c != nil {
				out[i][j] = *c
			}
		}
	}
	return out
}

func tsvEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

func writeTable(w io.Writer, r *Result, opt WriteOptions) error {
	width := opt.Width
	if width == 0 {
		width = 60
	}
	var cols []int
	for i, c := range r.Columns {
		if c.Kind != KindNode {
			cols = append(cols, i)
		}
	}
	cells := [][]string{{}}
	for _, i := range cols {
		cells[0] = append(cells[0], r.Columns[i].Name)
	}
	// A table orders by what it shows: labels, not IRIs.
	rows := append([][]quad.Value(nil), r.Rows...)
	if r.Query != nil {
		var order []int
		for _, name := range r.Query.Order {
			order = append(order, r.column(name))
		}
		sort.SliceStable(rows, func(a, b int) bool {
			for _, c := range order {
				da := strings.ToLower(Display(rows[a][c], r.Columns[c].Kind, opt.Labels))
				db := strings.ToLower(Display(rows[b][c], r.Columns[c].Kind, opt.Labels))
				if da != db {
					return da < db
				}
			}
			return false
		})
	}
	for _, row := range rows {
		var line []string
		for _, i := range cols {
			line = append(line, cut(Display(row[i], r.Columns[i].Kind, opt.Labels), width))
		}
		cells = append(cells, line)
	}
	// Leave out columns no row fills.
	keep := make([]bool, len(cols))
	for j := range cols {
		keep[j] = len(r.Rows) == 0
		for _, line := range cells[1:] {
			if line[j] != "" {
				keep[j] = true
				break
			}
		}
	}
	widths := make([]int, len(cols))
	for _, line := range cells {
		for j, c := range line {
			if n := utf8.RuneCountInString(c); n > widths[j] {
				widths[j] = n
			}
		}
	}
	for _, line := range cells {
		var b strings.Builder
		first := true
		for j, c := range line {
			if !keep[j] {
				continue
			}
			if !first {
				b.WriteString("  ")
			}
			first = false
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c)))
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// Display is how a table shows a value of a column kind.
func Display(v quad.Value, kind ColumnKind, labels map[string]string) string {
	if v == nil {
		return ""
	}
	iri, isIRI := v.(quad.IRI)
	if !isIRI {
		return strings.Join(strings.Fields(Lexical(v)), " ")
	}
	if kind == KindEntity {
		if l := labels[string(iri)]; l != "" {
			return l
		}
	}
	if kind == KindTerm && strings.HasPrefix(string(iri), ontology.DIP) {
		return strings.TrimPrefix(string(iri), ontology.DIP)
	}
	return Compact(string(iri))
}

// Compact writes an IRI with the output contract's prefixes (dip:State,
// entities:russia, documents:00_seed#char=1,5), else as it is.
func Compact(iri string) string {
	best := ontology.Prefix{}
	for _, p := range ontology.Prefixes {
		if strings.HasPrefix(iri, p.IRI) && len(p.IRI) > len(best.IRI) {
			best = p
		}
	}
	if best.IRI == "" {
		return iri
	}
	return best.Name + ":" + strings.TrimPrefix(iri, best.IRI)
}

func cut(s string, width int) string {
	if width < 0 || utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return string(r[:width-1]) + "…"
}

// Labels finds display names for the IRIs of a result's entity columns:
// the English skos:prefLabel, else any prefLabel, else dcterms:title (a
// document), else rdfs:label, else the gazetteer's label (gaz may be nil).
func Labels(ctx context.Context, qs graph.QuadStore, gaz *ontology.Gazetteer, r *Result) (map[string]string, error) {
	out := map[string]string{}
	preds := []string{ontology.SKOSPrefLabel, ontology.DCTitle, ontology.RDFSLabel}
	for _, row := range r.Rows {
		for i, c := range r.Columns {
			iri, ok := row[i].(quad.IRI)
			if !ok || c.Kind != KindEntity {
				continue
			}
			if _, done := out[string(iri)]; done {
				continue
			}
			out[string(iri)] = ""
			ref, err := qs.ValueOf(iri)
			if err != nil {
				return nil, err
			}
			found := map[string][]quad.Value{}
			if ref != nil {
				it := qs.QuadIterator(quad.Subject, ref).Iterate()
				for it.Next(ctx) {
					q, err := qs.Quad(it.Result())
					if err != nil {
						it.Close()
						return nil, err
					}
					p, _ := q.Predicate.(quad.IRI)
					found[string(p)] = append(found[string(p)], q.Object)
				}
				err = it.Err()
				it.Close()
				if err != nil {
					return nil, err
				}
			}
			out[string(iri)] = pickLabel(found, preds)
			if out[string(iri)] == "" && gaz != nil && strings.HasPrefix(string(iri), ontology.Entities) {
				if e, ok := gaz.Lookup(strings.TrimPrefix(string(iri), ontology.Entities)); ok {
					out[string(iri)] = e.Label
				}
			}
		}
	}
	return out, nil
}

func pickLabel(found map[string][]quad.Value, preds []string) string {
	for _, p := range preds {
		vals := found[p]
		if len(vals) == 0 {
			continue
		}
		var en, other []string
		for _, v := range vals {
			if ls, ok := v.(quad.LangString); ok && strings.EqualFold(ls.Lang, "en") {
				en = append(en, string(ls.Value))
			} else {
				other = append(other, Lexical(v))
			}
		}
		for _, set := range [][]string{en, other} {
			if len(set) > 0 {
				sort.Strings(set)
				return set[0]
			}
		}
	}
	return ""
}
