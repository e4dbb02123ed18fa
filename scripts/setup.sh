#!/bin/sh
# One-time set-up on a Debian or Ubuntu machine: the system tools the build and the tests use
# (Chromium for the PDF, EPUBCheck and its Java, poppler-utils for reading PDFs, qpdf for
# checking them), then the npm packages. Already-installed tools are left alone.
set -eu
cd "$(dirname "$0")/.."

missing=""
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  missing="$missing chromium"
fi
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null 2>&1 || missing="$missing epubcheck"
command -v pdfinfo >/dev/null 2>&1 || missing="$missing poppler-utils"
# qpdf: the tests check that PDF/X files have no structural fault.
command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"

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
