package extract

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// IsHTML reports whether a file is an HTML page: by its name, or by its
// first bytes for standard input and unknown endings.
func IsHTML(name string, b []byte) bool {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm") || strings.HasSuffix(n, ".xhtml") {
		return true
	}
	head := strings.ToLower(string(bytes.TrimSpace(b[:min(len(b), 512)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

// skipped elements hold no main text: scripts, styles, navigation, page
// furniture and forms.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Svg: true, atom.Iframe: true, atom.Title: true, atom.Menu: true,
}

// blocks end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Table: true, atom.Tr: true, atom.Pre: true, atom.Dd: true,
	atom.Dt: true, atom.Figcaption: true, atom.Hr: true, atom.Body: true,
}

// HTMLText extracts the main text of an HTML page as Markdown-like plain
// text with a YAML front matter built from the page's metadata (title,
// date, source). Paragraphs are separated by blank lines and white space is
// collapsed. The document's offsets index this extracted text, not the
// HTML source: `dipgraph extract` records it in nif:isString, so every
// mention can be checked against it.
func HTMLText(b []byte) (string, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	var meta struct{ title, date, source, desc string }
	var out strings.Builder
	pendingBreak := 0 // 1: newline, 2: blank line
	space := false
	emit := func(s string) {
		if s != "" && isSpaceRune(s[0]) {
			space = true
		}
		for _, f := range strings.Fields(s) {
			switch {
			case pendingBreak == 2 && out.Len() > 0:
				out.WriteString("\n\n")
			case pendingBreak == 1 && out.Len() > 0:
				out.WriteString("\n")
			case space && out.Len() > 0:
				out.WriteString(" ")
			}
			pendingBreak, space = 0, false
			out.WriteString(f)
			space = true
		}
		if s != "" {
			space = isSpaceRune(s[len(s)-1])
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if n.FirstChild != nil && meta.title == "" {
					meta.title = strings.Join(strings.Fields(n.FirstChild.Data), " ")
				}
			case atom.Meta:
				name, content := "", ""
				for _, a := range n.Attr {
					switch strings.ToLower(a.Key) {
					case "name", "property":
						name = strings.ToLower(a.Val)
					case "content":
						content = a.Val
					}
				}
				switch name {
				case "date", "article:published_time", "dc.date", "dcterms.date", "pubdate":
					if meta.date == "" && len(content) >= 10 {
						meta.date = content[:10]
					}
				case "og:url":
					meta.source = content
				case "og:title":
					if meta.title == "" {
						meta.title = content
					}
				}
			case atom.Time:
				for _, a := range n.Attr {
					if a.Key == "datetime" && meta.date == "" && len(a.Val) >= 10 {
						meta.date = a.Val[:10]
					}
				}
			}
			if skipped[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				pendingBreak = max(pendingBreak, 1)
			}
			if blocks[n.DataAtom] {
				pendingBreak = 2
			}
		}
		if n.Type == html.TextNode {
			emit(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blocks[n.DataAtom] {
			pendingBreak = 2
		}
	}
	walk(doc)
	var fm strings.Builder
	fm.WriteString("---\n")
	if meta.title != "" {
		fm.WriteString("title: " + yamlQuote(meta.title) + "\n")
	}
	if _, err := ParseISODate(meta.date); err == nil {
		fm.WriteString("date: " + meta.date + "\n")
	}
	if meta.source != "" {
		fm.WriteString("source: " + yamlQuote(meta.source) + "\n")
	}
	fm.WriteString("type: article\n---\n\n")
	return fm.String() + out.String() + "\n", nil
}

func isSpaceRune(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// yamlQuote writes a string as a double-quoted YAML scalar.
func yamlQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ", "\t", " ")
	return `"` + r.Replace(s) + `"`
}
