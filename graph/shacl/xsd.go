package shacl

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/ontology"
)

const xsd = ontology.XSD

// integerRanges are the bounds of the integer datatypes derived from
// xsd:integer; nil means unbounded.
var integerRanges = map[string][2]*big.Int{
	xsd + "integer":            {nil, nil},
	xsd + "nonNegativeInteger": {big.NewInt(0), nil},
	xsd + "positiveInteger":    {big.NewInt(1), nil},
	xsd + "nonPositiveInteger": {nil, big.NewInt(0)},
	xsd + "negativeInteger":    {nil, big.NewInt(-1)},
	xsd + "long":               {big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)},
	xsd + "int":                {big.NewInt(math.MinInt32), big.NewInt(math.MaxInt32)},
	xsd + "short":              {big.NewInt(math.MinInt16), big.NewInt(math.MaxInt16)},
	xsd + "byte":               {big.NewInt(math.MinInt8), big.NewInt(math.MaxInt8)},
	xsd + "unsignedLong":       {big.NewInt(0), new(big.Int).SetUint64(math.MaxUint64)},
	xsd + "unsignedInt":        {big.NewInt(0), big.NewInt(math.MaxUint32)},
	xsd + "unsignedShort":      {big.NewInt(0), big.NewInt(math.MaxUint16)},
	xsd + "unsignedByte":       {big.NewInt(0), big.NewInt(math.MaxUint8)},
}

var (
	reInteger  = regexp.MustCompile(`^[+-]?[0-9]+$`)
	reDecimal  = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
	reFloat    = regexp.MustCompile(`^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee][+-]?[0-9]+)?|[+-]?INF|NaN)$`)
	reLanguage = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)
	reDuration = regexp.MustCompile(`^-?P(([0-9]+Y)?([0-9]+M)?([0-9]+D)?)(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$`)
	reHex      = regexp.MustCompile(`^([0-9a-fA-F]{2})*$`)
	reBase64   = regexp.MustCompile(`^(([A-Za-z0-9+/] ?){4})*(([A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|([A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?$`)
	// Dates: year, month, day, hour, minute, second, time zone.
	tz          = `(Z|[+-][0-9]{2}:[0-9]{2})?`
	year        = `(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))`
	reDateTime  = regexp.MustCompile(`^` + year + `-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\.[0-9]+)?)` + tz + `$`)
	reDate      = regexp.MustCompile(`^` + year + `-([0-9]{2})-([0-9]{2})` + tz + `$`)
	reTime      = regexp.MustCompile(`^([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\.[0-9]+)?)` + tz + `$`)
	reGYear     = regexp.MustCompile(`^` + year + tz + `$`)
	reGYearMon  = regexp.MustCompile(`^` + year + `-([0-9]{2})` + tz + `$`)
	reGMonth    = regexp.MustCompile(`^--([0-9]{2})` + tz + `$`)
	reGDay      = regexp.MustCompile(`^---([0-9]{2})` + tz + `$`)
	reGMonthDay = regexp.MustCompile(`^--([0-9]{2})-([0-9]{2})` + tz + `$`)
)

// wellFormed reports whether lex is in the lexical space of the datatype
// dt (and, for the derived integers, in its value range). Datatypes it does
// not know are accepted, as SHACL engines do.
func wellFormed(dt, lex string) bool {
	if r, ok := integerRanges[dt]; ok {
		if !reInteger.MatchString(lex) {
			return false
		}
		n, _ := new(big.Int).SetString(strings.TrimPrefix(lex, "+"), 10)
		return (r[0] == nil || n.Cmp(r[0]) >= 0) && (r[1] == nil || n.Cmp(r[1]) <= 0)
	}
	switch dt {
	case xsd + "decimal":
		return reDecimal.MatchString(lex)
	case xsd + "float", xsd + "double":
		return reFloat.MatchString(lex)
	case xsd + "boolean":
		return lex == "true" || lex == "false" || lex == "1" || lex == "0"
	case xsd + "normalizedString":
		return !strings.ContainsAny(lex, "\t\n\r")
	case xsd + "token":
		return !strings.ContainsAny(lex, "\t\n\r") && !strings.HasPrefix(lex, " ") &&
			!strings.HasSuffix(lex, " ") && !strings.Contains(lex, "  ")
	case xsd + "language":
		return reLanguage.MatchString(lex)
	case xsd + "duration":
		return durationOK(lex, true, true)
	case xsd + "dayTimeDuration":
		return durationOK(lex, false, true)
	case xsd + "yearMonthDuration":
		return durationOK(lex, true, false)
	case xsd + "hexBinary":
		return reHex.MatchString(lex)
	case xsd + "base64Binary":
		return reBase64.MatchString(lex)
	case xsd + "dateTime", xsd + "dateTimeStamp", xsd + "date", xsd + "time",
		xsd + "gYear", xsd + "gYearMonth", xsd + "gMonth", xsd + "gDay", xsd + "gMonthDay":
		t, ok := parseTemporal(dt, lex)
		return ok && (t.hasTZ || dt != xsd+"dateTimeStamp")
	}
	return true
}

func durationOK(lex string, yearMonth, dayTime bool) bool {
	// Groups: 1 date part (2 years, 3 months, 4 days), 5 time part.
	m := reDuration.FindStringSubmatch(lex)
	switch {
	case m == nil, m[1] == "" && m[5] == "", m[5] == "T":
		return false
	case !yearMonth && (m[2] != "" || m[3] != ""):
		return false
	case !dayTime && (m[4] != "" || m[5] != ""):
		return false
	}
	return true
}

// temporal is a parsed date/time value: the instant (in UTC when the value
// has a time zone), whether it has one, and its datatype family.
type temporal struct {
	t     time.Time
	hasTZ bool
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// parseTemporal parses the date and time datatypes, checking the ranges of
// months, days, hours, minutes, seconds and time zones.
func parseTemporal(dt, lex string) (temporal, bool) {
	var y, mo, d, h, mi int
	var sec float64
	var zone string
	mo, d = 1, 1
	switch dt {
	case xsd + "dateTime", xsd + "dateTimeStamp":
		m := reDateTime.FindStringSubmatch(lex)
		if m == nil {
			return temporal{}, false
		}
		y, mo, d, h, mi, zone = atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5]), m[7]
		sec, _ = strconv.ParseFloat(m[6], 64)
	case xsd + "date":
		m := reDate.FindStringSubmatch(lex)
		if m == nil {
			return temporal{}, false
		}
		y, mo, d, zone = atoi(m[1]), atoi(m[2]), atoi(m[3]), m[4]
	case xsd + "time":
		m := reTime.FindStringSubmatch(lex)
		if m == nil {
			return temporal{}, false
		}
		y, h, mi, zone = 1972, atoi(m[1]), atoi(m[2]), m[4]
		sec, _ = strconv.ParseFloat(m[3], 64)
	case xsd + "gYear":
		m := reGYear.FindStringSubmatch(lex)
		if m == nil {
			return temporal{}, false
		}
		y, zone = atoi(m[1]), m[2]
	case xsd + "gYearMonth":
		m := reGYearMon.FindStringSubmatch(lex)
		if m == nil {
			return temporal{}, false
		}
		y, mo, zone = atoi(m[1]), atoi(m[2]), m[3]
	case xsd + "gMonth":
		m := reGMonth.FindStringSubmatch(lex)
		if m == nil {
			return temporal{}, false
		}
		y, mo, zone = 1972, atoi(m[1]), m[2]
	case xsd + "gDay":
		m := reGDay.FindStringSubmatch(lex)
		if m == nil {
			return temporal{}, false
		}
		y, d, zone = 1972, atoi(m[1]), m[2]
	case xsd + "gMonthDay":
		m := reGMonthDay.FindStringSubmatch(lex)
		if m == nil {
			return temporal{}, false
		}
		y, mo, d, zone = 1972, atoi(m[1]), atoi(m[2]), m[3] // 1972: a leap year, so --02-29 is valid
	default:
		return temporal{}, false
	}
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || mi > 59 || sec >= 60 {
		return temporal{}, false
	}
	if h > 24 || h == 24 && (mi != 0 || sec != 0) {
		return temporal{}, false
	}
	loc := time.UTC
	if zone != "" && zone != "Z" {
		zh, zm := atoi(zone[1:3]), atoi(zone[4:6])
		if zm > 59 || zh > 14 || zh == 14 && zm != 0 {
			return temporal{}, false
		}
		off := zh*3600 + zm*60
		if zone[0] == '-' {
			off = -off
		}
		loc = time.FixedZone(zone, off)
	}
	whole, frac := math.Modf(sec)
	t := time.Date(y, time.Month(mo), d, h, mi, int(whole), int(frac*1e9), loc).UTC()
	return temporal{t: t, hasTZ: zone != ""}, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// numeric parses the numeric datatypes: exact values (decimal and the
// integers) as a *big.Rat, float and double as a float64.
func numeric(t term) (exact *big.Rat, approx float64, isExact, ok bool) {
	if !t.isLiteral() || !wellFormed(t.dt, t.val) {
		return nil, 0, false, false
	}
	if _, isInt := integerRanges[t.dt]; isInt || t.dt == xsd+"decimal" {
		r, ok := new(big.Rat).SetString(strings.TrimPrefix(t.val, "+"))
		return r, 0, true, ok
	}
	if t.dt == xsd+"float" || t.dt == xsd+"double" {
		switch t.val {
		case "INF", "+INF":
			return nil, math.Inf(1), false, true
		case "-INF":
			return nil, math.Inf(-1), false, true
		case "NaN":
			return nil, math.NaN(), false, true
		}
		f, err := strconv.ParseFloat(t.val, 64)
		return nil, f, false, err == nil
	}
	return nil, 0, false, false
}

// temporalFamily groups the datatypes whose values compare with each other.
func temporalFamily(dt string) string {
	switch dt {
	case xsd + "dateTime", xsd + "dateTimeStamp":
		return "dateTime"
	case xsd + "date", xsd + "time", xsd + "gYear", xsd + "gYearMonth", xsd + "gMonth", xsd + "gDay", xsd + "gMonthDay":
		return dt
	}
	return ""
}

// compare orders two literals as SPARQL's < does: numbers by value (across
// the numeric datatypes), strings (xsd:string, or language-tagged strings
// of the same language) by code point, booleans, and date/time values of
// the same datatype when both or neither have a time zone. ok is false when
// the terms are not comparable (including ill-formed literals), which SHACL
// reports as a violation of the range and lessThan constraints.
func compare(a, b term) (c int, ok bool) {
	if !a.isLiteral() || !b.isLiteral() {
		return 0, false
	}
	if ae, af, aExact, aok := numeric(a); aok {
		be, bf, bExact, bok := numeric(b)
		if !bok {
			return 0, false
		}
		if aExact && bExact {
			return ae.Cmp(be), true
		}
		if aExact {
			af, _ = ae.Float64()
		}
		if bExact {
			bf, _ = be.Float64()
		}
		switch {
		case math.IsNaN(af) || math.IsNaN(bf):
			return 0, false
		case af < bf:
			return -1, true
		case af > bf:
			return 1, true
		}
		return 0, true
	}
	switch {
	case a.dt == xsdString && b.dt == xsdString,
		a.dt == rdfLangString && b.dt == rdfLangString && a.lang == b.lang:
		return strings.Compare(a.val, b.val), true
	case a.dt == xsd+"boolean" && b.dt == xsd+"boolean":
		if !wellFormed(a.dt, a.val) || !wellFormed(b.dt, b.val) {
			return 0, false
		}
		av, bv := a.val == "true" || a.val == "1", b.val == "true" || b.val == "1"
		switch {
		case av == bv:
			return 0, true
		case bv:
			return -1, true
		}
		return 1, true
	}
	fam := temporalFamily(a.dt)
	if fam == "" || fam != temporalFamily(b.dt) {
		return 0, false
	}
	at, aok := parseTemporal(a.dt, a.val)
	bt, bok := parseTemporal(b.dt, b.val)
	if !aok || !bok || at.hasTZ != bt.hasTZ {
		return 0, false
	}
	return at.t.Compare(bt.t), true
}
