#!/usr/bin/env bash
# Screenshots of `dojo viz` on the models with attentions over different sequences, for docs/viz.md and the
# model pages: multimodal-sentiment as an HTML page (caption self-attention, picture self-attention, the 5x4
# cross-attention) -> docs/img/viz-multimodal-sentiment.png, its cross-attention in an 80-column terminal
# (256 colours, through a pseudo-terminal) -> docs/img/viz-cross-terminal.png, and the retriever (image tower
# on its image and its hard negative, text tower) -> docs/img/viz-retriever.png. Needs Debian's chromium and
# trained checkpoints: ./dojo train multimodal-sentiment; ./dojo train retriever (or SENTIMENT=FILE RETRIEVER=FILE).
# Usage: scripts/viz-screenshot-cross.sh [SENTIMENT_EXAMPLE [RETRIEVER_EXAMPLE]]   (defaults 3 and 0)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
sentiment_example="${1:-3}"
retriever_example="${2:-0}"
sentiment="${SENTIMENT:-target/train/multimodal-sentiment/model.safetensors}"
retriever="${RETRIEVER:-target/train/retriever/model.safetensors}"
command -v chromium >/dev/null || { echo "viz-screenshot-cross: error: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
for f in "$sentiment" "$retriever"; do
  [ -f "$f" ] || { echo "viz-screenshot-cross: error: $f: no checkpoint; run ./dojo train multimodal-sentiment and ./dojo train retriever first" >&2; exit 2; }
done
mkdir -p target/viz docs/img

shot_name=viz-screenshot-cross
. "$here/scripts/lib/chromium-shot.sh"   # shot URL PNG WIDTH HEIGHT
xml_ok() { /usr/bin/python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$1"; }

./dojo viz multimodal-sentiment --checkpoint "$sentiment" --example "$sentiment_example" --format html --out target/viz/multimodal-sentiment.html
./dojo viz multimodal-sentiment --checkpoint "$sentiment" --example "$sentiment_example" --format svg --out target/viz/multimodal-sentiment.svg >/dev/null
xml_ok target/viz/multimodal-sentiment.svg
shot "file://$here/target/viz/multimodal-sentiment.html" docs/img/viz-multimodal-sentiment.png 1180 890

script -qfc "COLUMNS=80 ./dojo viz multimodal-sentiment --checkpoint '$sentiment' --example '$sentiment_example' --layer 2" /dev/null \
  > target/viz/cross-terminal.ansi
/usr/bin/python3 scripts/ansi_to_html.py < target/viz/cross-terminal.ansi > target/viz/cross-terminal.html
shot "file://$here/target/viz/cross-terminal.html" docs/img/viz-cross-terminal.png 760 560

./dojo viz retriever --checkpoint "$retriever" --example "$retriever_example" --format html --out target/viz/retriever.html
./dojo viz retriever --checkpoint "$retriever" --example "$retriever_example" --format svg --out target/viz/retriever.svg >/dev/null
xml_ok target/viz/retriever.svg
shot "file://$here/target/viz/retriever.html" docs/img/viz-retriever.png 1180 1200
echo "wrote docs/img/viz-multimodal-sentiment.png, docs/img/viz-cross-terminal.png and docs/img/viz-retriever.png"
