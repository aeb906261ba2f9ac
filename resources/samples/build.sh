#!/usr/bin/env bash
# Rebuilds the sample binaries in this folder from src/ (Go 1.19+, no cgo).
# The committed binaries were built with go1.19.8 (Debian golang-go) on linux/amd64.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/src"
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local
for t in linux/amd64 linux/arm64 windows/amd64 darwin/arm64; do
  goos=${t%/*}; goarch=${t#*/}
  ext=""; [ "$goos" = windows ] && ext=".exe"
  GOOS=$goos GOARCH=$goarch go build -trimpath -ldflags="-s -w" -o "$here/hello-$goos-$goarch$ext" .
done
(cd "$here" && sha256sum hello-* > SHA256SUMS && ls hello-* > samples.list)
