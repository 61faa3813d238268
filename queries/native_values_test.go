package queries

import (
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/dop251/goja"

	"github.com/dipgraph/dipgraph/ontology"
)

// TestGizmoForm: gizmoForm gives what a value becomes on the Gizmo path
// (Cayley's JSON-LD collation, a JavaScript value, exported, FromJSONLD),
// and jsKey tells values apart as lib.js's key() does. (Two kinds of
// literal make the Gizmo path fail, so the native engine need not follow
// it there: a typed literal whose lexical form does not parse as its
// numeric or boolean type, and an xsd:dateTime, which Cayley hands to
// JavaScript as a Go time that FromJSONLD refuses. Native gives the
// literal as stored.)
func TestGizmoForm(t *testing.T) {
	vm := goja.New()
	xsd := func(s string) quad.IRI { return quad.IRI(ontology.XSD + s) }
	vals := []quad.Value{
		quad.IRI("https://w3id.org/dipgraph/id/russia"), quad.BNode("b1"), quad.String("x"),
		quad.LangString{Value: "x", Lang: "EN"}, quad.TypedString{Value: "x", Type: xsd("string")},
		quad.TypedString{Value: "2021-03", Type: xsd("gYearMonth")}, quad.TypedString{Value: "0.5", Type: xsd("decimal")},
		quad.TypedString{Value: "7", Type: xsd("integer")}, quad.TypedString{Value: "2.0", Type: xsd("double")},
		quad.TypedString{Value: "2.5", Type: xsd("double")}, quad.TypedString{Value: "true", Type: xsd("boolean")},
		quad.TypedString{Value: "9007199254740993", Type: xsd("long")},
		quad.Int(12), quad.Float(1.25), quad.Bool(false),
	}
	for _, v := range vals {
		x := jsonld.FromValue(v)
		if _, isMap := x.(map[string]any); !isMap {
			x = vm.ToValue(x).Export()
		}
		want, err := FromJSONLD(x)
		if err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
		got, _ := gizmoForm(v)
		if got != want {
			t.Errorf("gizmoForm(%#v) = %#v, want %#v", v, got, want)
		}
	}
	a, _ := gizmoForm(quad.TypedString{Value: "x", Type: xsd("string")})
	if jsKey(a, false) != jsKey(quad.String("x"), false) {
		t.Error(`"x"^^xsd:string and "x" differ by key`)
	}
	if jsKey(quad.LangString{Value: "x", Lang: "EN"}, false) != jsKey(quad.LangString{Value: "x", Lang: "en"}, false) {
		t.Error(`"x"@EN and "x"@en differ by key`)
	}
	if jsKey(quad.IRI("_:b"), false) == jsKey(quad.String("_:b"), false) {
		t.Error("an IRI and a string share a key")
	}
}

// TestJSLess: jsLess orders strings as Gizmo's JavaScript's < does, also
// for characters where UTF-16 code units and code points disagree.
func TestJSLess(t *testing.T) {
	vm := goja.New()
	strs := []string{"", "a", "ab", "b", "é", "\uE000", "\uFFFF", "\U0001F600", "a\U0001F600", "a\uFFFD", "z\u00e9", "z\u00e8x"}
	for _, a := range strs {
		for _, b := range strs {
			vm.Set("a", a)
			vm.Set("b", b)
			res, err := vm.RunString("a < b")
			if err != nil {
				t.Fatal(err)
			}
			want := res.ToBoolean()
			if got := jsLess(a, b); got != want {
				t.Errorf("jsLess(%q, %q) = %v, JavaScript says %v", a, b, got, want)
			}
		}
	}
}
