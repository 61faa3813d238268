package queries

import (
	"os"
	"runtime/debug"
)

// GCPercent is the collector setting the query commands run with, unless
// GOGC says otherwise. A saved query makes a JavaScript object for every
// value it reads over a small live heap, so collecting at 5x the live heap
// instead of 2x saves much of the collector's work: on the 1.4M-quad
// benchmark store, accusations, events and actor took 25-35% less CPU and
// 10-20% less wall time (same session). The heap watch of Options.MaxMemory
// collects before it decides, so the bound is unchanged.
const GCPercent = 400

// TuneGC sets GCPercent unless the environment sets GOGC, and returns a
// func that restores the previous setting.
func TuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(GCPercent)
	return func() { debug.SetGCPercent(old) }
}
