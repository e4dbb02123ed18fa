// Never download a browser during `npm ci`: the build finds a system Chromium or an
// explicitly installed one (see scripts/pdf/browser.ts).
module.exports = { skipDownload: true };
