module github.com/dipgraph/dipgraph/bench/peer

go 1.26.8

require github.com/jdkato/prose/v3 v3.2.3

require gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
