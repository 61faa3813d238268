package extract

import "testing"

// TestIssuedDocument: "X said in a comment" names a document X issued;
// "the comment" refers back to it, "the document" does not.
func TestIssuedDocument(t *testing.T) {
	fm := "---\ndate: 2023-03-10\n---\n\n"
	const comment = "new-document-comment-of-ministry-of-foreign-affairs-of-the-russian-federation-2023-03-10"
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"said in a comment", fm + "The Russian Foreign Ministry said in a comment issued on Friday that talks would go on.",
			[]string{comment + " speaker russia-foreign-ministry 2023-03-10"}, nil},
		{"opening phrase", fm + "In a joint statement, the Russian Foreign Ministry said that talks would go on.",
			[]string{"new-document-statement-of-ministry-of-foreign-affairs-of-the-russian-federation-2023-03-10 speaker russia-foreign-ministry"}, nil},
		{"a date of its own", fm + "The Russian Foreign Ministry said in a statement published on 3 March 2023 that talks would go on.",
			[]string{"new-document-statement-of-ministry-of-foreign-affairs-of-the-russian-federation-2023-03-03 speaker russia-foreign-ministry 2023-03-03"}, nil},
		{"no reporter", fm + "Chile voted in a meeting of the First Committee.", nil, []string{" speaker "}},
		{"not a kind of document", fm + "The Russian Foreign Ministry said in a meeting that talks would go on.", nil, []string{" speaker "}},
		{"the document is not the statement", fm + "The Russian Foreign Ministry said in a statement that it supported resolution 75/240. Brazil voted against the document.",
			[]string{"brazil opposes unga-res-75-240"}, []string{"brazil opposes new-document"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := extractFacts(t, tc.text)
			checkFacts(t, got, tc.want, tc.not)
		})
	}
}
