package extract

import (
	"strings"
	"testing"
)

// TestWeekdayDates: "on Tuesday" is the last Tuesday up to the document's
// date (that day itself when it is one); a document dated to the month
// leaves it undated.
func TestWeekdayDates(t *testing.T) {
	day := Date{2021, 5, 13, Day} // a Thursday
	for text, want := range map[string]string{
		"The ministry said on Tuesday that talks would go on.":  "2021-05-11",
		"The ministry said on Thursday that talks would go on.": "2021-05-13",
		"On Friday, the talks ended.":                           "2021-05-07",
	} {
		ds := FindDates(text, 0, len(text), day)
		if len(ds) != 1 || ds[0].Date.String() != want || !ds[0].Relative {
			t.Errorf("%q: %+v, want %s", text, ds, want)
		}
	}
	text := "The ministry said on Tuesday that talks would go on."
	if ds := FindDates(text, 0, len(text), Date{2021, 5, 0, Month}); len(ds) != 0 {
		t.Errorf("a month-precise document date dated a weekday: %+v", ds)
	}
}

// TestMonthOnlyDates: "in April" is April of the document's year, or of
// the year before when April is still to come; a bare month name, or a
// document dated to the year only, gives no date.
func TestMonthOnlyDates(t *testing.T) {
	ref := Date{2021, 5, 13, Day}
	for text, want := range map[string]string{
		"In April, the talks ended.":        "2021-04",
		"The talks have stalled since May.": "2021-05",
		"In September, the talks ended.":    "2020-09",
		"It was decided last December.":     "2020-12",
	} {
		ds := FindDates(text, 0, len(text), ref)
		if len(ds) != 1 || ds[0].Date.String() != want {
			t.Errorf("%q: %+v, want %s", text, ds, want)
		}
	}
	for _, c := range []struct {
		text string
		ref  Date
	}{{"April was calm.", ref}, {"In April, the talks ended.", Date{2021, 0, 0, Year}}} {
		if ds := FindDates(c.text, 0, len(c.text), c.ref); len(ds) != 0 {
			t.Errorf("%q (ref %v): %+v, want no date", c.text, c.ref, ds)
		}
	}
	// A month coordinated with a month and year takes that year.
	for text, want := range map[string]string{
		"The attack in April and May 2015 failed.": "2015-04 2015-05",
		"It ran in March to June, 2016.":           "2016-03 2016-06",
		"In April and May the talks stalled.":      "2021-04",
		"They met on 3-4 May 2022 in Geneva.":      "2022-05-03",
		"They met on 30–31 May 2022 in Geneva.":    "2022-05-30",
		"The talks resumed in mid-2022.":           "2022",
		"Resolution 74/247 passed.":                "",
		"Two years ago, the talks ended.":          "2019",
		"It happened a year ago.":                  "2020",
		"It happened 10 years ago in Geneva.":      "2011",
		"It happened many years ago.":              "",
	} {
		var got []string
		for _, d := range FindDates(text, 0, len(text), ref) {
			got = append(got, d.Date.String())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q: %v, want %s", text, got, want)
		}
	}
}
