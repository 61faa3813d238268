package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// flagsFirst moves the flags a user wrote after the files (dipgraph extract corpus/ -o out.nt) in
// front of them, because urfave/cli stops reading flags at the first argument that is not one and
// would otherwise take "-o" and "out.nt" for two more files. It finds the command the arguments name
// (descending into subcommands), then moves every argument that starts with "-" and is not "-"
// (standard input) before the positional ones, with its value when the flag takes one and was not
// written as --flag=value. A "--" ends the flags as usual: what follows stays where it is. Unknown
// flags move too, so that they are reported as unknown flags rather than as missing files.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := append([]string{}, args[0])
	rest := args[1:]
	// Global flags, then the command path.
	for len(rest) > 0 && isFlagArg(rest[0]) {
		out, rest = append(out, rest[0]), rest[1:]
	}
	var cmd *cli.Command
	cmds := app.Commands
	for len(rest) > 0 {
		next := findCommand(cmds, rest[0])
		if next == nil {
			break
		}
		cmd, cmds = next, next.Subcommands
		out, rest = append(out, rest[0]), rest[1:]
	}
	if cmd == nil {
		return args
	}
	var flags, positional []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i:]...)
			break
		}
		if !isFlagArg(a) {
			positional = append(positional, a)
			continue
		}
		if a == "-h" || a == "--help" {
			// urfave/cli reads "run --help timeline" as a help topic: help is about the command alone.
			return append(out, a)
		}
		flags = append(flags, a)
		if !strings.Contains(a, "=") && takesValue(cmd, a) && i+1 < len(rest) {
			i++
			flags = append(flags, rest[i])
		}
	}
	out = append(out, flags...)
	return append(out, positional...)
}

func isFlagArg(a string) bool { return len(a) > 1 && a[0] == '-' }

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// takesValue reports whether the flag arg (-x or --name) of cmd reads the next argument as its value.
func takesValue(cmd *cli.Command, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n != name {
				continue
			}
			if v, ok := f.(cli.DocGenerationFlag); ok {
				return v.TakesValue()
			}
			return true
		}
	}
	return false
}
