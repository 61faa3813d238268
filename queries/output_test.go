package queries

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

func TestWriteResult(t *testing.T) {
	q := &Query{Name: "t", Columns: []Column{
		{Name: "agent", Kind: KindEntity}, {Name: "class", Kind: KindTerm}, {Name: "date", Kind: KindDate},
		{Name: "quote", Kind: KindText}, {Name: "claim", Kind: KindNode},
	}}
	res := &Result{Query: q, Columns: q.Columns, Rows: [][]quad.Value{
		{quad.IRI(ontology.Entities + "russia"), quad.IRI(ontology.DIP + "Termination"),
			quad.TypedString{Value: "2022-03", Type: ontology.XSDGYearMonth}, quad.String("a \"quoted\"\ttab\nline"), quad.IRI(ontology.Docs + "d#claim-1")},
		{quad.IRI(ontology.Entities + "nolabel"), nil, nil, nil, nil},
	}}
	labels := map[string]string{ontology.Entities + "russia": "Russia"}
	var b bytes.Buffer
	if err := WriteResult(&b, res, "table", WriteOptions{Labels: labels}); err != nil {
		t.Fatal(err)
	}
	table := b.String()
	for _, want := range []string{"agent", "Russia", "Termination", "2022-03", `a "quoted" tab line`, "entities:nolabel"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "claim") || strings.Contains(table, "https://") {
		t.Errorf("table shows node columns or raw IRIs:\n%s", table)
	}

	b.Reset()
	if err := WriteResult(&b, res, "tsv", WriteOptions{Labels: labels}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 3 || lines[0] != "agent\tagent_label\tclass\tdate\tquote\tclaim" ||
		!strings.Contains(lines[1], `a "quoted"\ttab\nline`) || !strings.HasPrefix(lines[1], ontology.Entities+"russia\tRussia\t"+ontology.DIP+"Termination\t2022-03\t") {
		t.Errorf("tsv:\n%s", b.String())
	}

	b.Reset()
	if err := WriteResult(&b, res, "json", WriteOptions{Labels: labels}); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(b.Bytes(), &rows); err != nil {
		t.Fatalf("json: %v\n%s", err, b.String())
	}
	if len(rows) != 2 || rows[0]["agent"] != ontology.Entities+"russia" || rows[0]["agent_label"] != "Russia" ||
		rows[0]["quote"] != "a \"quoted\"\ttab\nline" || rows[1]["date"] != nil || rows[1]["agent_label"] != nil {
		t.Errorf("json: %v", rows)
	}
	if !strings.HasPrefix(b.String(), "[\n  {\"agent\": ") {
		t.Errorf("json keys not in column order:\n%s", b.String())
	}

	b.Reset()
	if err := WriteResult(&b, &Result{Query: q, Columns: q.Columns}, "json", WriteOptions{}); err != nil || b.String() != "[]\n" {
		t.Errorf("empty json: %q, %v", b.String(), err)
	}
	if err := WriteResult(&b, res, "xml", WriteOptions{}); err == nil {
		t.Error("xml: no error")
	}
}
