package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDuplicateDocumentIDs(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		os.WriteFile(filepath.Join(dir, sub, "doc.md"), []byte("Canada froze the Strategic Stability Dialogue.\n"), 0o644)
	}
	_, _, err := runApp(t, "extract", "-o", filepath.Join(dir, "out.ttl"), dir)
	if err == nil || !strings.Contains(err.Error(), `both be document "doc"`) {
		t.Fatalf("two files with one id: %v", err)
	}
}

func TestProjectFilesSkipped(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("About this folder: Canada froze the Strategic Stability Dialogue.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "note.md"), []byte("Japan is a party to the Budapest Convention.\n"), 0o644)
	files, err := expandInputs([]string{dir})
	if err != nil || len(files) != 1 || filepath.Base(files[0]) != "note.md" {
		t.Fatalf("files %v, %v", files, err)
	}
}
