#!/bin/sh
# One-time set-up on a Debian or Ubuntu machine: the system tools the build and the tests use
# (Chromium for the PDF, EPUBCheck and its Java, poppler-utils for reading PDFs, qpdf for checking
# their structure, zbar-tools for reading the cover's barcodes, fontconfig's tools, and Noto CJK as
# the "system font" the hermeticity test shows the build and expects it to ignore), then the npm
# packages, then the pipeline compiled to JavaScript (.cache/js). Already-installed tools are left
# alone. `sh scripts/setup.sh --bench` also installs Pandoc, which `npm run bench` compares with.
set -eu
cd "$(dirname "$0")/.."

missing=""
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  missing="$missing chromium"
fi
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null 2>&1 || missing="$missing epubcheck"
# A JDK (not only a JRE): the tests run EPUBCheck on many books in one Java process from a source
# file (tests/helpers/java), which needs Java's compiler module; without it they start Java per book.
command -v java >/dev/null 2>&1 && java --list-modules 2>/dev/null | grep -q '^jdk\.compiler@' \
  || missing="$missing default-jdk-headless"
command -v pdfinfo >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v fc-list >/dev/null 2>&1 || missing="$missing fontconfig"
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || missing="$missing fonts-noto-cjk"
# The cover's tests read its barcodes.
command -v zbarimg >/dev/null 2>&1 || missing="$missing zbar-tools"
# qpdf: the tests check the structure of PDF/X interiors and covers.
command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
if [ "${1:-}" = "--bench" ]; then
  command -v pandoc >/dev/null 2>&1 || missing="$missing pandoc"
fi

if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install:$missing (no apt-get on this machine)" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing$missing"
  # APT_ARCHIVES keeps the downloaded packages in a folder a CI cache can restore.
  archives=""
  if [ -n "${APT_ARCHIVES:-}" ]; then
    mkdir -p "$APT_ARCHIVES/partial"
    archives="-o Dir::Cache::archives=$APT_ARCHIVES"
  fi
  $sudo apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y $archives $missing
fi

npm ci
node scripts/launch.mjs --compile
