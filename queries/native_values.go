package queries

import (
	"fmt"
	"math"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/dipgraph/dipgraph/ontology"
)

// Values as Gizmo's JSON-LD collation and JavaScript see them.

// gizmoForm is v as a saved query's result holds it after the round trip
// through Gizmo's JSON-LD collation, JavaScript and FromJSONLD (Cayley's
// jsonld.FromValue, goja's number conversions); native is true when
// JavaScript sees a number or a boolean.
func gizmoForm(v quad.Value) (out quad.Value, native bool) {
	switch t := v.(type) {
	case nil:
		return nil, false
	case quad.IRI:
		if strings.HasPrefix(string(t), "_:") {
			return quad.BNode(strings.TrimPrefix(string(t), "_:")), false
		}
		return t, false
	case quad.BNode, quad.String, quad.LangString:
		return t, false
	case quad.TypedString:
		return typedForm(t)
	case quad.TypedStringer:
		return typedForm(t.TypedString())
	}
	return quad.String(v.String()), false
}

func typedForm(t quad.TypedString) (quad.Value, bool) {
	if !quad.HasStringConversion(t.Type) || isTimeType(t.Type) {
		if string(t.Type) == ontology.XSDString {
			return quad.String(t.Value), false
		}
		return t, false
	}
	var x any = t.Native()
	if nv, ok := x.(quad.Value); ok {
		// A conversion that fails leaves the value as it is.
		if ts, ok := nv.(quad.TypedString); ok && ts == t {
			return t, false
		}
		x = nv.Native()
	}
	switch n := x.(type) {
	case string:
		return quad.String(n), false
	case bool:
		return quad.TypedString{Value: quad.String(fmt.Sprint(n)), Type: ontology.XSDBoolean}, true
	case int64:
		return jsNumber(float64(n), n, true), true
	case int:
		return jsNumber(float64(n), int64(n), true), true
	case float64:
		return jsNumber(n, 0, false), true
	}
	v, err := FromJSONLD(x)
	if err != nil || v == nil {
		return t, false
	}
	return v, false
}

// jsNumber is a number as goja exports it: an integer within ±(2^53-1)
// as int64, else a float64 (goja's intToValue, floatToValue).
func jsNumber(f float64, i int64, isInt bool) quad.Value {
	const maxInt = 1<<53 - 1
	integer := func(i int64) quad.Value {
		return quad.TypedString{Value: quad.String(fmt.Sprint(i)), Type: ontology.XSDInteger}
	}
	if isInt {
		if i >= -maxInt && i <= maxInt {
			return integer(i)
		}
		f = float64(i)
	} else if (f != 0 || !math.Signbit(f)) && !math.IsInf(f, 0) && f == math.Trunc(f) && f >= -maxInt && f <= maxInt {
		return integer(int64(f))
	}
	return quad.TypedString{Value: quad.String(fmt.Sprint(f)), Type: ontology.XSDDouble}
}

func isTimeType(t quad.IRI) bool {
	for _, k := range quad.KnownTimeTypes {
		if k == t { // as Cayley's jsonld.isKnownTimeType: the IRI as written
			return true
		}
	}
	return false
}

// jsKey is lib.js's key() of a value in Gizmo form.
func jsKey(v quad.Value, native bool) string {
	if native {
		return "n" + Lexical(v)
	}
	switch t := v.(type) {
	case quad.IRI:
		return "i" + string(t)
	case quad.BNode:
		return "i_:" + string(t)
	case quad.String:
		return "s" + string(t)
	case quad.LangString:
		return "l" + strings.ToLower(t.Lang) + "\x00" + string(t.Value)
	case quad.TypedString:
		return "t" + string(t.Type) + "\x00" + string(t.Value)
	}
	return "?" + Canonical(v)
}

// jsLess is lib.js's a < b on strings as Gizmo's JavaScript (goja)
// computes it: by code points, which is the byte order of UTF-8 (ECMAScript
// says by UTF-16 code units; goja differs where a character above U+FFFF
// meets one from U+E000 to U+FFFF: TestJSLess).
func jsLess(a, b string) bool { return a < b }
