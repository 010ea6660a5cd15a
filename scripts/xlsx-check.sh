#!/bin/sh
# Converts a workbook to PDF with LibreOffice headless (as a user's spreadsheet program opens
# it) and renders the PDF's first page to PNG.
#   scripts/xlsx-check.sh matrix.xlsx screenshots     -> screenshots/matrix-xlsx.pdf, matrix-xlsx-1.png
set -eu
book=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
name=$(basename "$1" .xlsx)
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A fresh LibreOffice profile, so that no user setting and no running instance interferes.
soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
  --convert-to pdf --outdir "$work" "$book" >/dev/null 2>&1
test -s "$work/$name.pdf" || { echo "LibreOffice did not convert $1" >&2; exit 1; }
rm -f "$out/$name-xlsx"-*.png
cp "$work/$name.pdf" "$out/$name-xlsx.pdf"
pdftoppm -png -r 90 -f 1 -l 1 "$out/$name-xlsx.pdf" "$out/$name-xlsx"
pages=$(pdfinfo "$out/$name-xlsx.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
echo "LibreOffice converted $1: ${pages:-?} pages; first page: $(ls "$out/$name-xlsx"-*.png)"
