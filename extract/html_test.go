package extract

import (
	"strings"
	"testing"
)

func TestHTMLMainText(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Statement by the Ministry</title>
<meta property="article:published_time" content="2023-03-02T10:00:00Z">
<script>var s = "Canada froze the dialogue";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> Estonia Latvia</nav>
<main><h1>Statement</h1><p>In March 2022, the United States   unilaterally <b>suspended</b> the Strategic Stability Dialogue.</p>
<p>Brazil insists on the principles of sovereign equality of states.<br>Second line &amp; more.</p></main>
<footer>Canada 2023</footer></body></html>`
	d, err := Parse("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.Title != "Statement by the Ministry" || d.Meta.Date != "2023-03-02" {
		t.Errorf("metadata %+v", d.Meta)
	}
	body := d.Text[d.BodyStart:]
	for _, gone := range []string{"Canada", "Estonia", "color", "<b>"} {
		if strings.Contains(body, gone) {
			t.Errorf("%q leaked into the main text:\n%s", gone, body)
		}
	}
	if !strings.Contains(body, "the United States unilaterally suspended the Strategic Stability Dialogue.") {
		t.Errorf("white space not collapsed or text lost:\n%s", body)
	}
	x := testExtractor(t)
	r := x.Extract(d)
	runes := []rune(d.Text)
	for _, m := range r.Mentions {
		if string(runes[d.RuneOffset(m.Start):d.RuneOffset(m.End)]) != d.Text[m.Start:m.End] {
			t.Errorf("offsets of %q do not index the extracted text", d.Text[m.Start:m.End])
		}
	}
	got := strings.Join(factStrings(r), "|")
	for _, want := range []string{"us-russia-strategic-stability-dialogue terminatedBy united-states 2022-03", "brazil advocates sovereign-equality"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
}
