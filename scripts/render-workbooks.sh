#!/usr/bin/env bash
# Writes every workbook kinhphi produces from SampleData, converts each to PDF (LibreOffice headless)
# and each PDF to PNG pages (pdftoppm), so that every printed page can be looked at.
#
#   scripts/render-workbooks.sh [OUT_DIR]            (default out/render)
#   KINHPHI=.build-x/debug/kinhphi scripts/render-workbooks.sh out/render
#   RENDER_DPI=80 RENDER_ONLY='quyet-toan-2022*' scripts/render-workbooks.sh
#   RENDER_DOCS=docs/workbooks scripts/render-workbooks.sh   # also the first page of each, 70 dpi
#
# Needs libreoffice-calc and poppler-utils (Debian: apt-get install -y libreoffice-calc poppler-utils),
# and fonts-crosextra-carlito: column widths are measured in the workbook's default font, Calibri;
# without Carlito (its metric twin) LibreOffice measures them in DejaVu Sans, prints every column
# about a quarter wider than Excel does, and wrapped rows look too tall.
# The sample workspace is copied first: `close` appends to allocations.csv and must not touch SampleData.
# Exit status: non-zero when a command fails in an unexpected way or a conversion fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/render}"
kinhphi="${KINHPHI:-$root/.build/debug/kinhphi}"
dpi="${RENDER_DPI:-60}"
only="${RENDER_ONLY:-*}"

[ -x "$kinhphi" ] || { echo "no kinhphi binary at $kinhphi (build it, or set KINHPHI)" >&2; exit 2; }
command -v soffice >/dev/null || { echo "soffice missing: apt-get install -y libreoffice-calc" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm missing: apt-get install -y poppler-utils" >&2; exit 2; }
case "$kinhphi" in /*) ;; *) kinhphi="$PWD/$kinhphi" ;; esac
if command -v fc-match >/dev/null && ! fc-match Calibri | grep -qiE 'carlito|calibri'; then
  echo "warning: no Calibri or Carlito font (apt-get install -y fonts-crosextra-carlito):" \
    "pages will not break as in Excel" >&2
fi
docs="${RENDER_DOCS:-}"
if [ -n "$docs" ]; then
  mkdir -p "$docs"
  docs="$(cd "$docs" && pwd)"
fi

mkdir -p "$out/xlsx" "$out/pdf" "$out/png"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$root/SampleData" "$work/SampleData"
ws="$work/SampleData/chiem-hoa"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1767139200}" # 31/12/2025: stable document dates
export KINHPHI_TEMPLATES="${KINHPHI_TEMPLATES:-$root/Templates}"

# Runs kinhphi; status 1 (error findings, e.g. the sample's 2023) is expected and not a failure.
run() {
  echo "+ kinhphi $*" >&2
  local status=0
  "$kinhphi" "$@" >"$work/last.log" 2>&1 || status=$?
  if [ "$status" -gt 1 ]; then
    cat "$work/last.log" >&2
    echo "kinhphi exited $status" >&2
    exit 1
  fi
}

x="$out/xlsx"
rm -f "$x"/*.xlsx "$out"/pdf/*.pdf "$out"/png/*.png
rm -rf "$x/don-vi"

# The settlement workbooks.
run settle "$ws" --year 2022 -o "$x/quyet-toan-2022.xlsx"
run settle "$ws" --year 2023 -o "$x/quyet-toan-2023.xlsx"
# The official forms: the district's B01/BCQT, F01-01/BCQT, F01-02/BCQT and Mẫu 20f of 2023 (a draft
# while 2023's error stands).
run forms "$ws" --year 2023 -o "$x/b01-bcqt-2023.xlsx"
# The phase workbook.
run settle "$ws" --years 2021-2025 -o "$x/giai-doan-2021-2025.xlsx"
# Per unit: every unit's workbook is written; two are kept for rendering.
run settle "$ws" --year 2023 --per-unit "$work/don-vi" --quiet
for f in $(ls "$work/don-vi"/*.xlsx | sort | head -2); do
  cp "$f" "$x/don-vi-$(basename "$f")"
done
# What-if: two scenarios side by side, then a sweep.
run whatif "$ws" "$ws/scenarios/chuyen-pano-sang-ptth.yaml" "$ws/scenarios/dong-tai-tro-pano.yaml" \
  -o "$x/so-sanh.xlsx"
run whatif "$ws" "$ws/scenarios/tinh-giam-30.yaml" --sweep 'scale.percent=-50..0 step 5' \
  -o "$x/so-sanh-quet.xlsx"
# Every sample scenario side by side (4), and six (two more cuts) — the widest the layout is made for.
run whatif "$ws" "$ws"/scenarios/*.yaml -o "$x/so-sanh-4.xlsx"
for percent in 10 20; do
  sed -e "s/name: \"Tỉnh giảm 30% đối ứng\"/name: \"Tỉnh giảm ${percent}% đối ứng\"/" \
    -e "s/percent: -30/percent: -${percent}/" "$ws/scenarios/tinh-giam-30.yaml" >"$work/tinh-giam-${percent}.yaml"
done
run whatif "$ws" "$ws"/scenarios/*.yaml "$work/tinh-giam-10.yaml" "$work/tinh-giam-20.yaml" \
  -o "$x/so-sanh-6.xlsx"
# Disbursement progress as of 30/09/2023, and one commune's own as of 30/06/2023.
run progress "$ws" --as-of 30/09/2023 -o "$x/tien-do-2023-09-30.xlsx"
run progress "$ws" --as-of 30/06/2023 --per-unit "$work/tien-do-don-vi"
cp "$work/tien-do-don-vi/tien-do-2023-06-30-XA_NHANLY.xlsx" "$x/don-vi-tien-do-2023-06-30-XA_NHANLY.xlsx"
# Year-end close: the carry-over schedule of 2024 (written to the copy's allocations.csv).
run close "$ws" --year 2024 --yes --force -o "$x/chuyen-nguon-2024.xlsx"
# Handover of the abolished units.
run handover "$ws" --date 2025-06-30 --map "$ws/successors.yaml" -o "$x/ban-giao.xlsx" \
  --rows "$work/mo-so.csv"
# Consolidation of the units' own workspaces into the district's.
run consolidate "$ws" "$work/SampleData/chiem-hoa-units"/*/ --year 2023 -o "$x/hop-nhat-2023.xlsx"

# A private LibreOffice profile: parallel runs must not share one.
profile="$work/lo-profile"
for f in "$x"/$only.xlsx; do
  [ -e "$f" ] || continue
  name="$(basename "$f" .xlsx)"
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out/pdf" "$f" \
    >"$work/soffice.log" 2>&1 || { cat "$work/soffice.log" >&2; exit 1; }
  [ -s "$out/pdf/$name.pdf" ] || { echo "no PDF for $f" >&2; cat "$work/soffice.log" >&2; exit 1; }
  pdftoppm -r "$dpi" -png "$out/pdf/$name.pdf" "$out/png/$name"
  # Exactly NAME-<page>.png: a glob would count so-sanh-4-01.png among so-sanh's pages.
  pages="$(ls "$out/png" | grep -cE "^${name}-[0-9]+\.png$")"
  if [ -n "$docs" ]; then
    pdftoppm -r 70 -f 1 -l 1 -singlefile -png "$out/pdf/$name.pdf" "$docs/$name"
    if [ "$name" = b01-bcqt-2023 ]; then
      # The forms workbook prints B01/BCQT on page 1 and F01-01/BCQT on page 2 (one page each for the
      # sample), F01-02/BCQT from page 3: one picture per form.
      pdftoppm -r 70 -f 2 -l 2 -singlefile -png "$out/pdf/$name.pdf" "$docs/f01-01-bcqt-2023"
      pdftoppm -r 70 -f 3 -l 3 -singlefile -png "$out/pdf/$name.pdf" "$docs/f01-02-bcqt-2023"
      # Mẫu 20f follows F01-02 (its pages vary with the data): its first page, found by its sign.
      page=1
      while pdftotext -f "$page" -l "$page" "$out/pdf/$name.pdf" - 2>/dev/null | grep -q .; do
        if pdftotext -f "$page" -l "$page" "$out/pdf/$name.pdf" - | grep -q "04SDKP/ĐVDT"; then
          pdftoppm -r 70 -f "$page" -l "$page" -singlefile -png "$out/pdf/$name.pdf" "$docs/mau-20f-2023"
          break
        fi
        page=$((page + 1))
      done
    fi
  fi
  echo "$name: $pages page(s)"
done
echo "→ $out/{xlsx,pdf,png}"
