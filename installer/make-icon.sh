#!/usr/bin/env bash
# Draws the Crosslens icon (a lens over crossed arrows on a rounded tile) with ImageMagick.
# Output: app/src/main/resources/dev/crosslens/app/icon-256.png and installer/crosslens.png (committed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../app/src/main/resources/dev/crosslens/app/icon-256.png"
convert -size 256x256 xc:none \
  -fill '#1d3b6e' -draw 'roundrectangle 8,8 248,248 44,44' \
  -stroke '#5b9bff' -strokewidth 10 -fill none -draw 'line 56,200 200,56' -draw 'line 56,56 200,200' \
  -stroke '#ffd866' -strokewidth 14 -fill 'rgba(255,216,102,0.18)' -draw 'circle 116,116 116,56' \
  -stroke '#ffd866' -strokewidth 22 -draw 'line 160,160 214,214' \
  "$out"
cp "$out" "$here/crosslens.png"
