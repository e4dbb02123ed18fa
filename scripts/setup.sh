#!/bin/sh
# One-time set-up on a Debian or Ubuntu machine: the system tools the build and the tests use
# (Chromium for the PDF, EPUBCheck and its Java, poppler-utils for reading PDFs, fontconfig's
# tools, and Noto CJK as the "system font" the hermeticity test shows the build and expects it
# to ignore), then the npm packages. Already-installed tools are left alone.
set -eu
cd "$(dirname "$0")/.."

missing=""
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  missing="$missing chromium"
fi
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null 2>&1 || missing="$missing epubcheck"
command -v pdfinfo >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v fc-list >/dev/null 2>&1 || missing="$missing fontconfig"
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || missing="$missing fonts-noto-cjk"

if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install:$missing (no apt-get on this machine)" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing$missing"
  $sudo apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y $missing
fi

npm ci
