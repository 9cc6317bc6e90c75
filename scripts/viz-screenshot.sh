#!/usr/bin/env bash
# Renders `dojo viz text-classifier` as an HTML page and screenshots it in headless Chromium (Debian's
# chromium), so the page is checked by a real browser: docs/img/viz-text.png. Also renders the terminal
# view (256 colours, captured through a pseudo-terminal) to docs/img/viz-terminal.png.
# Needs a trained checkpoint: ./dojo train text-classifier (or CHECKPOINT=FILE).
# Usage: scripts/viz-screenshot.sh [EXAMPLE]   (a test-split index; default 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
example="${1:-3}"
ckpt="${CHECKPOINT:-target/train/text-classifier/model.safetensors}"
command -v chromium >/dev/null || { echo "viz-screenshot: error: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
[ -f "$ckpt" ] || { echo "viz-screenshot: error: $ckpt: no checkpoint; run ./dojo train text-classifier first" >&2; exit 2; }
mkdir -p target/viz docs/img
page="$here/target/viz/text-classifier.html"
./dojo viz text-classifier --checkpoint "$ckpt" --example "$example" --pad-to 12 --format html --out "$page"
# the page must be well-formed XML in its SVG part (fails loudly otherwise)
./dojo viz text-classifier --checkpoint "$ckpt" --example "$example" --pad-to 12 --format svg --out target/viz/text-classifier.svg >/dev/null
/usr/bin/python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' target/viz/text-classifier.svg

shot_name=viz-screenshot
. "$here/scripts/lib/chromium-shot.sh"   # shot URL PNG WIDTH HEIGHT
shot "file://$page" docs/img/viz-text.png 1200 900

# the terminal view, as a terminal shows it: run through `script` (a pseudo-terminal), convert the ANSI
# colours to HTML, screenshot that
script -qfc "COLUMNS=110 ./dojo viz text-classifier --checkpoint '$ckpt' --example '$example' --pad-to 12 --layer 1 --width 100" /dev/null \
  > target/viz/terminal.ansi
/usr/bin/python3 scripts/ansi_to_html.py < target/viz/terminal.ansi > target/viz/terminal.html
shot "file://$here/target/viz/terminal.html" docs/img/viz-terminal.png 1000 640
echo "wrote docs/img/viz-text.png and docs/img/viz-terminal.png (page: $page)"
