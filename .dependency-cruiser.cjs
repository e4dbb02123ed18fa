/**
 * The direction of imports, checked in `npm test` (npm run check:imports). A module may import
 * from its own layer and the layers below it, never from one above:
 *
 *   entry scripts, bench → cli → catalogue, ci → build → cover → epub | pdf | dev | check
 *   → layout → fonts, output → lint → book → manuscript → markdown → build options → config → errors, progress
 *
 * Type-only imports count too: they tie a lower layer to a higher one just the same.
 */
const LAYERS = [
  ['core', '^scripts/(errors|progress|report)\\.ts$'],
  ['config', '^scripts/config/'],
  // The options a build takes and what it reports: shared by the builds and the command line.
  ['options', '^scripts/build-options\\.ts$'],
  ['markdown', '^scripts/markdown/'],
  ['manuscript', '^scripts/manuscript/'],
  ['book', '^scripts/book\\.ts$'],
  // Proofreading reads the manuscript with our own parser, beside the book.
  ['proofreading', '^scripts/lint/'],
  ['support', '^scripts/(fonts|output)/'],
  ['layout', '^scripts/layout/'],
  ['outputs', '^scripts/(epub|pdf|dev|check)/'],
  // The printed cover draws with the PDF's marks and fonts.
  ['cover', '^scripts/cover/'],
  ['build', '^scripts/build\\.ts$'],
  ['orchestration', '^scripts/(catalogue|ci)/'],
  ['cli', '^scripts/cli/'],
  ['entries', '^scripts/((?!(errors|progress|report|book|build|build-options)\\.ts$)[^/]+\\.ts$|bench/)'],
];

const upward = LAYERS.slice(0, -1).map(([name, path], index) => ({
  name: `${name}-imports-upward`,
  comment: `${name} must not import from a layer above it`,
  severity: 'error',
  from: { path },
  to: {
    path: LAYERS.slice(index + 1)
      .map(([, higher]) => `(${higher})`)
      .join('|'),
  },
}));

/** The outputs are made side by side from the same book; none builds on another. */
const OUTPUTS = ['epub', 'pdf', 'dev', 'check'];
const sideways = OUTPUTS.map((name) => ({
  name: `${name}-imports-another-output`,
  comment: `${name}/ must not import another output's code`,
  severity: 'error',
  from: { path: `^scripts/${name}/` },
  to: { path: `^scripts/(${OUTPUTS.filter((other) => other !== name).join('|')})/` },
}));

// ---- pdf/'s rooms: which room of scripts/pdf/ may import which (kept with scripts/pdf/) ----
/**
 * scripts/pdf/ holds three products, one room each: inspect/ reads PDFs (the content scanner, the
 * graphics-state interpreter, layout facts, the preflight) and stands on nothing else in pdf/;
 * render/ (Chromium) and press/ (post-processing) read PDFs through inspect/ but never use each
 * other. Only the files at pdf/'s top (build.ts, warnings.ts), which sequence the rooms and word
 * what they found, import them all; no room imports those.
 */
const PDF_ROOMS = { inspect: [], render: ['inspect'], press: ['inspect'] };
const pdfRooms = Object.entries(PDF_ROOMS).map(([room, allowed]) => ({
  name: `pdf-${room}-imports`,
  comment: `pdf/${room}/ may import within pdf/ only ${[room, ...allowed].map((name) => `${name}/`).join(' and ')}`,
  severity: 'error',
  from: { path: `^scripts/pdf/${room}/` },
  to: { path: '^scripts/pdf/', pathNot: `^scripts/pdf/(${[room, ...allowed].join('|')})/` },
}));
/** Code that runs in the page is bundled on its own for the browser: it imports nothing. */
const pageScripts = {
  name: 'pdf-page-script-imports',
  comment: 'render/hanging-page.ts runs in the page: it may import nothing',
  severity: 'error',
  from: { path: '^scripts/pdf/render/hanging-page\\.ts$' },
  to: {},
};
// ---- end of pdf/'s rooms ----

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'import cycles', severity: 'error', from: {}, to: { circular: true } },
    ...upward,
    ...sideways,
    ...pdfRooms,
    pageScripts,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
