package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// Layout of a bolt/bbolt (file format version 2) meta page: a 16-byte page
// header, then the meta fields. Bolt writes them in native byte order.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	boltMetaFlag    = 0x04
	boltPageHeader  = 16
	boltMetaSumSize = 56 // meta bytes covered by the checksum
	boltMetaSize    = boltMetaSumSize + 8
)

type boltMeta struct {
	pageSize uint32
	pgid     uint64 // high-water mark: pages the file must hold
	txid     uint64
}

// checkBoltFile tells whether an existing file is a whole bolt database,
// without writing to it. bolt.Open initialises an empty file in place and
// maps a truncated one past its end (a crash on first access), so both must
// be caught before bolt sees the file.
func checkBoltFile(file string, size int64) error {
	if size == 0 {
		return errors.New("file is empty")
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	m0, err0 := readBoltMeta(f, 0)
	pageSize := int64(os.Getpagesize())
	if err0 == nil {
		pageSize = int64(m0.pageSize)
	}
	m1, err1 := readBoltMeta(f, pageSize)
	var m boltMeta
	switch {
	case err0 != nil && err1 != nil:
		return fmt.Errorf("not a bolt database (%v)", err0)
	case err0 != nil:
		m = m1
	case err1 != nil || m0.txid >= m1.txid:
		m = m0
	default:
		m = m1
	}
	if need := int64(m.pgid) * int64(m.pageSize); size < need || size < 2*int64(m.pageSize) {
		return fmt.Errorf("bolt database truncated: %d bytes, needs %d", size, need)
	}
	return nil
}

func readBoltMeta(f *os.File, off int64) (boltMeta, error) {
	var buf [boltPageHeader + boltMetaSize]byte
	if _, err := f.ReadAt(buf[:], off); err != nil {
		if errors.Is(err, io.EOF) {
			return boltMeta{}, errors.New("file too short")
		}
		return boltMeta{}, err
	}
	ne := binary.NativeEndian
	if ne.Uint16(buf[8:]) != boltMetaFlag {
		return boltMeta{}, errors.New("no meta page")
	}
	meta := buf[boltPageHeader:]
	if ne.Uint32(meta[0:]) != boltMagic {
		return boltMeta{}, errors.New("bad magic number")
	}
	if v := ne.Uint32(meta[4:]); v != boltVersion {
		return boltMeta{}, fmt.Errorf("unsupported bolt format version %d", v)
	}
	h := fnv.New64a()
	h.Write(meta[:boltMetaSumSize])
	if sum := ne.Uint64(meta[boltMetaSumSize:]); sum != 0 && sum != h.Sum64() {
		return boltMeta{}, errors.New("meta page checksum mismatch")
	}
	m := boltMeta{
		pageSize: ne.Uint32(meta[8:]),
		pgid:     ne.Uint64(meta[40:]),
		txid:     ne.Uint64(meta[48:]),
	}
	if m.pageSize < 512 || m.pageSize&(m.pageSize-1) != 0 {
		return boltMeta{}, fmt.Errorf("implausible page size %d", m.pageSize)
	}
	return m, nil
}
