#!/usr/bin/env bash
# Renders the image segmenter's predictions next to the truth (the first test images, reference and
# baseline checkpoints of ./dojo train image-segmenter) as docs/img/models-image-segmenter-predictions.svg,
# checks the SVG is well-formed XML, and screenshots it in headless Chromium (Debian's chromium) as
# docs/img/models-image-segmenter-predictions.png, so a real browser has drawn it. Does the same for the
# run's training curve (curve.svg -> docs/img/models-image-segmenter-curve.{svg,png}).
# Usage: scripts/models/segmenter-picture.sh [IMAGES]   (default 6; CHECKPOINTS=DIR, default target/train/image-segmenter)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
n="${1:-6}"
dir="${CHECKPOINTS:-target/train/image-segmenter}"
command -v chromium >/dev/null || { echo "segmenter-picture: error: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
for f in model.safetensors baseline.safetensors curve.svg; do
  [ -f "$dir/$f" ] || { echo "segmenter-picture: error: $dir/$f: no checkpoint; run ./dojo train image-segmenter first" >&2; exit 2; }
done
[ -f target/classpath.txt ] || mvn -q -o -B test-compile >/dev/null
svg="docs/img/models-image-segmenter-predictions.svg"
png="docs/img/models-image-segmenter-predictions.png"
java --add-modules jdk.incubator.vector -cp "target/classes:$(cat target/classpath.txt)" scripts/models/SegmenterPicture.java \
  "$here" "$dir" "$n" "$svg" 2> >(grep -v -i "incubat" >&2)
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
shot() {  # shot SVG PNG: the SVG's own size
  local width height
  python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$1"
  width="$(sed -n 's/^<svg[^>]* width="\([0-9]*\)".*/\1/p' "$1")"
  height="$(sed -n 's/^<svg[^>]* height="\([0-9]*\)".*/\1/p' "$1")"
  rm -f "$2"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$here/$2" --window-size="$width,$height" "file://$here/$1" 2>/dev/null
  [ -s "$2" ] || { echo "segmenter-picture: error: chromium wrote no $2" >&2; exit 1; }
  echo "wrote $1 and $2 (${width}x${height})"
}
shot "$svg" "$png"
cp "$dir/curve.svg" docs/img/models-image-segmenter-curve.svg
shot docs/img/models-image-segmenter-curve.svg docs/img/models-image-segmenter-curve.png
