// Package shacltest checks RDF files against dipgraph's SHACL shapes (ontology/shapes.ttl) with an
// independent validator: rdf-validate-shacl on node, installed in tools/shacl by
//
//	npm ci --prefix tools/shacl
//
// Tests of any package can validate the outputs they produce:
//
//	if err := shacltest.Available(); err != nil {
//		t.Skip(err)
//	}
//	conforms, n, out, err := shacltest.Validate(shacltest.ShapesPath(), "out.ttl")
package shacltest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// modulePath is the module whose root holds tools/shacl and ontology/shapes.ttl.
const modulePath = "github.com/dipgraph/dipgraph"

// ErrUnavailable is wrapped by the errors of Available and Validate when node or the installed
// validator is missing, so that tests can skip instead of failing.
var ErrUnavailable = errors.New("SHACL validator unavailable")

// Result is one validation result as printed by tools/shacl/validate.mjs.
type Result struct {
	Focus      string `json:"focus"`
	Path       string `json:"path"`
	Constraint string `json:"constraint"` // for example "sh:MinCountConstraintComponent"
	Message    string `json:"message"`
	Severity   string `json:"severity"`
	Value      string `json:"value"`
	Shape      string `json:"shape"`
}

// Report is the JSON object printed by tools/shacl/validate.mjs.
type Report struct {
	Conforms   bool     `json:"conforms"`
	Violations int      `json:"violations"`
	Results    []Result `json:"results"`
}

// ParseReport decodes the output of Validate.
func ParseReport(out []byte) (Report, error) {
	var r Report
	if err := json.Unmarshal(out, &r); err != nil {
		return r, fmt.Errorf("shacl report: %w", err)
	}
	return r, nil
}

// ModuleRoot returns the root directory of the dipgraph module: the nearest directory above the
// working directory (or else above this source file) whose go.mod declares the module. It returns
// "" when there is none.
func ModuleRoot() string {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		starts = append(starts, filepath.Dir(file))
	}
	for _, dir := range starts {
		for {
			if isModuleRoot(dir) {
				return dir
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return ""
}

func isModuleRoot(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == "module" && strings.Trim(f[1], `"`) == modulePath {
			return true
		}
	}
	return false
}

// ToolDir returns the directory of the node validator, tools/shacl under the module root, or ""
// when the module root cannot be found.
func ToolDir() string {
	root := ModuleRoot()
	if root == "" {
		return ""
	}
	return filepath.Join(root, "tools", "shacl")
}

// ShapesPath returns the path of the project's shapes, ontology/shapes.ttl under the module root,
// or "" when the module root cannot be found.
func ShapesPath() string {
	root := ModuleRoot()
	if root == "" {
		return ""
	}
	return filepath.Join(root, "ontology", "shapes.ttl")
}

// Available reports whether Validate can run: node on PATH, validate.mjs and its installed
// packages in ToolDir. Its errors wrap ErrUnavailable and say what to do.
func Available() error {
	if _, err := exec.LookPath("node"); err != nil {
		return fmt.Errorf("%w: node not found on PATH", ErrUnavailable)
	}
	dir := ToolDir()
	if dir == "" {
		return fmt.Errorf("%w: module root of %s not found", ErrUnavailable, modulePath)
	}
	if _, err := os.Stat(filepath.Join(dir, "validate.mjs")); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	for _, pkg := range []string{"rdf-validate-shacl", "n3"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
			return fmt.Errorf("%w: %s is not installed; run: npm ci --prefix tools/shacl", ErrUnavailable, pkg)
		}
	}
	return nil
}

// Validate checks the RDF file dataPath (Turtle, or N-Triples/N-Quads/TriG by extension) against
// the SHACL shapes in shapesPath with tools/shacl/validate.mjs. It returns whether the data
// conforms, the number of validation results, and the JSON report (see ParseReport). A data graph
// that does not conform is no error; err is set when the validator cannot run (wrapping
// ErrUnavailable) or cannot read or parse a file.
func Validate(shapesPath, dataPath string) (conforms bool, violations int, out []byte, err error) {
	if err := Available(); err != nil {
		return false, 0, nil, err
	}
	shapes, err := filepath.Abs(shapesPath)
	if err != nil {
		return false, 0, nil, err
	}
	data, err := filepath.Abs(dataPath)
	if err != nil {
		return false, 0, nil, err
	}
	cmd := exec.Command("node", filepath.Join(ToolDir(), "validate.mjs"), shapes, data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	out = stdout.Bytes()
	var exit *exec.ExitError
	switch {
	case runErr == nil:
	case errors.As(runErr, &exit) && exit.ExitCode() == 1:
	default:
		return false, 0, out, fmt.Errorf("validate %s against %s: %w: %s", dataPath, shapesPath, runErr, strings.TrimSpace(stderr.String()))
	}
	report, err := ParseReport(out)
	if err != nil {
		return false, 0, out, fmt.Errorf("validate %s: %w", dataPath, err)
	}
	return report.Conforms, report.Violations, out, nil
}
