package push

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"net/http"
	"strings"
)

// challenge is one authentication challenge of a WWW-Authenticate header.
type challenge struct {
	scheme string            // lower case: "basic", "digest", ...
	params map[string]string // names lower case
}

// parseChallenges reads the challenges of WWW-Authenticate header values
// (RFC 9110 section 11.6.1): a header may hold several, separated by
// commas, each a scheme and comma-separated name=value parameters, values
// tokens or quoted strings.
func parseChallenges(headers []string) []challenge {
	var out []challenge
	for _, h := range headers {
		i := 0
		cur := -1
		for i < len(h) {
			for i < len(h) && (h[i] == ' ' || h[i] == '\t' || h[i] == ',') {
				i++
			}
			start := i
			for i < len(h) && !strings.ContainsRune(" \t,=", rune(h[i])) {
				i++
			}
			tok := h[start:i]
			if tok == "" {
				if i < len(h) {
					i++ // a stray '='
				}
				continue
			}
			j := i
			for j < len(h) && (h[j] == ' ' || h[j] == '\t') {
				j++
			}
			if j < len(h) && h[j] == '=' && cur >= 0 {
				i = j + 1
				for i < len(h) && (h[i] == ' ' || h[i] == '\t') {
					i++
				}
				var val string
				if i < len(h) && h[i] == '"' {
					var b strings.Builder
					i++
					for i < len(h) && h[i] != '"' {
						if h[i] == '\\' && i+1 < len(h) {
							i++
						}
						b.WriteByte(h[i])
						i++
					}
					i++ // closing quote
					val = b.String()
				} else {
					vs := i
					for i < len(h) && h[i] != ',' && h[i] != ' ' && h[i] != '\t' {
						i++
					}
					val = h[vs:i]
				}
				out[cur].params[strings.ToLower(tok)] = val
				continue
			}
			if j < len(h) && h[j] == '=' {
				// token68 or a parameter before any scheme: skip to the next comma.
				for i < len(h) && h[i] != ',' {
					i++
				}
				continue
			}
			out = append(out, challenge{scheme: strings.ToLower(tok), params: map[string]string{}})
			cur = len(out) - 1
		}
	}
	return out
}

// authorizer answers challenges for one endpoint with user and password.
type authorizer interface {
	// header returns the Authorization header for a request.
	header(method, uri string, body []byte) (string, error)
}

type basicAuth struct{ user, password string }

func (b basicAuth) header(string, string, []byte) (string, error) {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(b.user+":"+b.password)), nil
}

// digestAuth implements HTTP Digest access authentication (RFC 7616) with
// MD5, SHA-256 and their -sess variants, qop auth or auth-int (or none,
// RFC 2069), and userhash.
type digestAuth struct {
	user, password             string
	realm, nonce, opaque, algo string
	qop                        string // "auth", "auth-int" or "" (none offered)
	userhash                   bool
	nc                         int
	newHash                    func() hash.Hash
	sess                       bool
	cnonceForTest              string
}

func newDigest(c challenge, user, password string) (*digestAuth, error) {
	d := &digestAuth{user: user, password: password, realm: c.params["realm"], nonce: c.params["nonce"], opaque: c.params["opaque"]}
	if d.nonce == "" {
		return nil, fmt.Errorf("digest challenge without nonce")
	}
	d.algo = c.params["algorithm"]
	if d.algo == "" {
		d.algo = "MD5"
	}
	switch strings.ToUpper(d.algo) {
	case "MD5":
		d.newHash = md5.New
	case "MD5-SESS":
		d.newHash, d.sess = md5.New, true
	case "SHA-256":
		d.newHash = sha256.New
	case "SHA-256-SESS":
		d.newHash, d.sess = sha256.New, true
	default:
		return nil, fmt.Errorf("digest algorithm %s not supported (MD5, SHA-256 and their -sess variants are)", d.algo)
	}
	if q, ok := c.params["qop"]; ok {
		offered := map[string]bool{}
		for _, o := range strings.Split(q, ",") {
			offered[strings.ToLower(strings.TrimSpace(o))] = true
		}
		switch {
		case offered["auth"]:
			d.qop = "auth"
		case offered["auth-int"]:
			d.qop = "auth-int"
		default:
			return nil, fmt.Errorf("digest qop %q not supported (auth and auth-int are)", q)
		}
	}
	d.userhash = strings.EqualFold(c.params["userhash"], "true")
	return d, nil
}

func (d *digestAuth) h(s string) string {
	h := d.newHash()
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil))
}

func (d *digestAuth) header(method, uri string, body []byte) (string, error) {
	d.nc++
	cnonce := d.cnonceForTest
	if cnonce == "" {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		cnonce = hex.EncodeToString(b)
	}
	ha1 := d.h(d.user + ":" + d.realm + ":" + d.password)
	if d.sess {
		ha1 = d.h(ha1 + ":" + d.nonce + ":" + cnonce)
	}
	a2 := method + ":" + uri
	if d.qop == "auth-int" {
		a2 += ":" + d.h(string(body))
	}
	ha2 := d.h(a2)
	nc := fmt.Sprintf("%08x", d.nc)
	var response string
	if d.qop == "" {
		response = d.h(ha1 + ":" + d.nonce + ":" + ha2)
	} else {
		response = d.h(ha1 + ":" + d.nonce + ":" + nc + ":" + cnonce + ":" + d.qop + ":" + ha2)
	}
	user := d.user
	if d.userhash {
		user = d.h(d.user + ":" + d.realm)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `Digest username=%s, realm=%s, nonce=%s, uri=%s, algorithm=%s, response="%s"`,
		quote(user), quote(d.realm), quote(d.nonce), quote(uri), d.algo, response)
	if d.opaque != "" {
		fmt.Fprintf(&b, ", opaque=%s", quote(d.opaque))
	}
	if d.qop != "" {
		fmt.Fprintf(&b, `, qop=%s, nc=%s, cnonce="%s"`, d.qop, nc, cnonce)
	}
	if d.userhash {
		b.WriteString(", userhash=true")
	}
	return b.String(), nil
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// answer picks the strongest challenge we can answer: Digest, else Basic.
// stale reports a Digest challenge with stale=true (the credentials were
// right, the nonce old).
func answer(resp *http.Response, user, password string) (a authorizer, stale bool, err error) {
	cs := parseChallenges(resp.Header.Values("WWW-Authenticate"))
	var schemes []string
	for _, c := range cs {
		if c.scheme == "digest" {
			d, err := newDigest(c, user, password)
			if err != nil {
				return nil, false, err
			}
			return d, strings.EqualFold(c.params["stale"], "true"), nil
		}
		schemes = append(schemes, c.scheme)
	}
	for _, c := range cs {
		if c.scheme == "basic" {
			return basicAuth{user, password}, false, nil
		}
	}
	if len(schemes) == 0 {
		return nil, false, fmt.Errorf("no WWW-Authenticate challenge")
	}
	return nil, false, fmt.Errorf("authentication scheme %s not supported (Basic and Digest are)", strings.Join(schemes, ", "))
}
