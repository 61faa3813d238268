package store

import (
	"context"
	"encoding/binary"
	"errors"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
	bolt "go.etcd.io/bbolt"
)

// The read paths of bolt and leveldb stores (Quads, QuadsIn, Dump, Triples,
// Stats) read Cayley's kv layout themselves, in one read transaction,
// instead of going through Cayley's iterators, which open a transaction per
// 100 quads (and per node), decode every record with reflection-based
// protobuf and look every value up again for every quad (a 1.4M-quad bolt
// store exported at ~50k quads/s). They give the same quads in the same
// order. The layout (cayley graph/kv, data version 2):
//
//	bucket "log":  8-byte big-endian id -> a Primitive (protobuf): a node
//	               (Value: its quad.Value in pquads encoding) or a quad
//	               (Subject, Predicate, Object, Label: node ids); deleted
//	               quads stay, marked Deleted
//	bucket "meta": "horizon" -> the last id given (8 bytes little-endian),
//	               "indexes" -> the quad indexes (JSON)
//	one bucket per quad index, named by its directions ("sp", "ops",
//	               "csp"): their node ids, 8 bytes big-endian each ->
//	               the quad ids (uvarints) in the order they were added
//	bucket "v"+h[0]+h[1]: a value's hash h -> its node id (uvarint)
var (
	bucketLog  = []byte("log")
	bucketMeta = []byte("meta")
)

// legacyIndexes are the indexes of a store whose metadata lists none, as
// Cayley assumes (kv.legacyQuadIndexes).
var legacyIndexes = []kv.QuadIndex{
	{Dirs: []quad.Direction{quad.Subject}},
	{Dirs: []quad.Direction{quad.Object}},
}

// rawTx is one read transaction on the kv database under a store. Values
// it returns are valid until the transaction ends.
type rawTx interface {
	get(bucket, key []byte) ([]byte, error) // nil, nil when missing
	// scan calls fn for each key of bucket starting with prefix, in key
	// order, with the key without the bucket.
	scan(ctx context.Context, bucket, prefix []byte, fn func(k, v []byte) error) error
	// logFinder returns a reader of log records by id.
	logFinder() logFinder
	close() error
}

// logFinder reads log records by id: the record, nil when missing.
type logFinder interface {
	find(id uint64) ([]byte, error)
}

// boltTx reads a bbolt file directly (the common case: no per-call
// bucket path walk as in hidalgo's generic layer).
type boltTx struct {
	tx  *bolt.Tx
	log *bolt.Bucket
}

func (t *boltTx) bucket(name []byte) *bolt.Bucket {
	if t.log != nil && string(name) == string(bucketLog) {
		return t.log
	}
	return t.tx.Bucket(name)
}

func (t *boltTx) get(bucket, key []byte) ([]byte, error) {
	b := t.bucket(bucket)
	if b == nil {
		return nil, nil
	}
	return b.Get(key), nil
}

func (t *boltTx) scan(ctx context.Context, bucket, prefix []byte, fn func(k, v []byte) error) error {
	b := t.bucket(bucket)
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		if v == nil {
			continue // a nested bucket: Cayley's layout has none here
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (t *boltTx) close() error { return t.tx.Rollback() }

func (t *boltTx) logFinder() logFinder {
	if t.log == nil {
		return getFinder{t}
	}
	return &logCursor{c: t.log.Cursor()} // as the query reads (kvquery.go)
}

// getFinder finds log records with one get each.
type getFinder struct{ raw rawTx }

func (f getFinder) find(id uint64) ([]byte, error) {
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], id)
	return f.raw.get(bucketLog, key[:])
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

// genericTx reads any hidalgo kv database (leveldb).
type genericTx struct {
	ctx context.Context
	tx  hkv.Tx
}

func (t genericTx) get(bucket, key []byte) ([]byte, error) {
	v, err := t.tx.Get(t.ctx, hkv.Key{bucket, key})
	if errors.Is(err, hkv.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

func (t genericTx) scan(ctx context.Context, bucket, prefix []byte, fn func(k, v []byte) error) error {
	it := t.tx.Scan(ctx, options.WithPrefixKV(hkv.Key{bucket, prefix}))
	defer it.Close()
	for it.Next(ctx) {
		k := it.Key()
		if len(k) != 2 {
			continue
		}
		if err := fn(k[1], it.Val()); err != nil {
			return err
		}
	}
	return it.Err()
}

func (t genericTx) close() error { return t.tx.Close() }

func (t genericTx) logFinder() logFinder { return getFinder{t} }

// prim is a decoded Primitive; value points into the transaction's memory.
type prim struct {
	id, s, p, o, l uint64
	value          []byte
	deleted        bool
}

func (p *prim) isNode() bool { return len(p.value) != 0 }

func (p *prim) dir(d quad.Direction) uint64 {
	switch d {
	case quad.Subject:
		return p.s
	case quad.Predicate:
		return p.p
	case quad.Object:
		return p.o
	case quad.Label:
		return p.l
	}
	return 0
}

var errBadPrimitive = errors.New("malformed record in the quad log")

// decodePrim decodes a Primitive's protobuf wire format (fields 1-5 ids,
// 6 replaces, 7 timestamp, 8 value, 9 deleted); a repeated field keeps
// its last value, as protobuf does.
func decodePrim(b []byte, p *prim) error {
	*p = prim{}
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return errBadPrimitive
		}
		b = b[n:]
		switch tag & 7 {
		case 0: // varint
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return errBadPrimitive
			}
			b = b[n:]
			switch tag >> 3 {
			case 1:
				p.id = v
			case 2:
				p.s = v
			case 3:
				p.p = v
			case 4:
				p.o = v
			case 5:
				p.l = v
			case 9:
				p.deleted = v != 0
			}
		case 2: // length-delimited
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errBadPrimitive
			}
			b = b[n:]
			if tag>>3 == 8 {
				p.value = b[:l:l]
			}
			b = b[l:]
		case 1: // fixed64
			if len(b) < 8 {
				return errBadPrimitive
			}
			b = b[8:]
		case 5: // fixed32
			if len(b) < 4 {
				return errBadPrimitive
			}
			b = b[4:]
		default:
			return errBadPrimitive
		}
	}
	return nil
}

// decodeValue decodes a node's value (pquads.Value, protobuf) as
// pquads.UnmarshalValue does: IRIs, blank nodes and plain, typed and
// language-tagged strings by hand, anything else (numbers, times, raw
// values, repeated or unknown fields, invalid UTF-8) through pquads.
func decodeValue(b []byte) (quad.Value, error) {
	if v, ok := decodeValueFast(b); ok {
		return v, nil
	}
	return pquads.UnmarshalValue(b)
}

func decodeValueFast(b []byte) (quad.Value, bool) {
	field, body, ok := onlyBytesField(b)
	if !ok {
		return nil, false
	}
	switch field {
	case 2, 3, 4:
		if !utf8.Valid(body) {
			return nil, false
		}
		switch field {
		case 2:
			return quad.String(body), true
		case 3:
			return quad.IRI(body), true
		}
		return quad.BNode(body), true
	case 5, 6:
		var parts [2][]byte
		for len(body) > 0 {
			tag, n := binary.Uvarint(body)
			if n <= 0 || tag&7 != 2 || tag>>3 < 1 || tag>>3 > 2 {
				return nil, false
			}
			body = body[n:]
			l, n := binary.Uvarint(body)
			if n <= 0 || l > uint64(len(body)-n) {
				return nil, false
			}
			parts[tag>>3-1] = body[n : n+int(l)]
			body = body[n+int(l):]
		}
		if !utf8.Valid(parts[0]) || !utf8.Valid(parts[1]) {
			return nil, false
		}
		if field == 5 {
			return quad.TypedString{Value: quad.String(parts[0]), Type: quad.IRI(parts[1])}, true
		}
		return quad.LangString{Value: quad.String(parts[0]), Lang: string(parts[1])}, true
	}
	return nil, false
}

// onlyBytesField returns the field number and contents of b when b is
// exactly one length-delimited field.
func onlyBytesField(b []byte) (uint64, []byte, bool) {
	tag, n := binary.Uvarint(b)
	if n <= 0 || tag&7 != 2 {
		return 0, nil, false
	}
	b = b[n:]
	l, n := binary.Uvarint(b)
	if n <= 0 || l != uint64(len(b)-n) {
		return 0, nil, false
	}
	return tag >> 3, b[n:], true
}
