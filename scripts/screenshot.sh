#!/bin/sh
# Renders an HTML page with headless Chromium: a desktop PNG (1400 px wide), a phone PNG
# (390 px wide, at twice the pixel density) and an A4 landscape PDF.
#   scripts/screenshot.sh matrix.html screenshots
set -eu
page=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
run() {
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$profile" --virtual-time-budget=2000 "$@" "file://$page" 2>/dev/null
}
# Tall enough windows for the whole page (a headless screenshot is the window, not the page).
run --window-size=1400,3400 --screenshot="$out/matrix-desktop.png"
run --window-size=390,9000 --force-device-scale-factor=2 --screenshot="$out/matrix-phone.png"
run --no-pdf-header-footer --print-to-pdf="$out/matrix.pdf"
ls -l "$out"
