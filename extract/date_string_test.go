package extract

import (
	"fmt"
	"testing"
)

// refDateString is Date.String as it was written with fmt.
func refDateString(d Date) string {
	switch d.Prec {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// TestDateStringSameAsFmt: String, written without fmt for four-digit
// years, gives what fmt gives, odd dates included.
func TestDateStringSameAsFmt(t *testing.T) {
	for _, prec := range []Precision{0, Year, Month, Day, 4} {
		for _, y := range []int{-12345, -1, 0, 7, 99, 999, 2021, 9999, 10000} {
			for _, m := range []int{-1, 0, 1, 9, 10, 12, 99, 100} {
				for _, day := range []int{-3, 0, 1, 9, 10, 31, 123} {
					d := Date{Year: y, Month: m, Day: day, Prec: prec}
					if got, want := d.String(), refDateString(d); got != want {
						t.Errorf("%+v: %q, want %q", d, got, want)
					}
				}
			}
		}
	}
}
