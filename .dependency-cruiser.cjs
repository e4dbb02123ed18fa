/**
 * What each part of the pipeline may import, checked in `npm test` (npm run check:imports). Every
 * layer lists the layers it may import from; anything else is an error, so a new import across
 * rooms is a decision made here, not an accident. The lists read bottom-up:
 *
 *   core (errors, progress, report) ← config ← markdown ← manuscript ← book
 *   ← fonts, output, layout, lint ← epub, pdf, cover, check, dev ← build ← catalogue, ci ← cli ← entries
 *
 * Type-only imports count too: they tie a lower layer to a higher one just the same. npm packages
 * and Node's own modules are allowed everywhere, except as the rules at the end say.
 */
const LAYERS = {
  core: { path: '^scripts/(errors|progress|report)\\.ts$', may: [] },
  config: { path: '^scripts/config/', may: ['core'] },
  markdown: { path: '^scripts/markdown/', may: ['core', 'config'] },
  manuscript: { path: '^scripts/manuscript/', may: ['core', 'config', 'markdown'] },
  // A manuscript with every chapter parsed: where every output starts.
  book: { path: '^scripts/book\\.ts$', may: ['core', 'config', 'markdown', 'manuscript'] },
  fonts: { path: '^scripts/fonts/', may: ['core'] },
  // Atomic writes and the build cache (a book's inputs are hashed for the up-to-date check).
  output: { path: '^scripts/output/', may: ['core', 'book'] },
  layout: { path: '^scripts/layout/', may: ['core', 'config', 'markdown', 'manuscript', 'book', 'fonts'] },
  // Proofreading reads the manuscript with our own parser, beside the book.
  lint: { path: '^scripts/lint/', may: ['core', 'config', 'markdown', 'manuscript', 'book'] },
  // The outputs are made side by side from the same book; none builds on another, and none parses Markdown.
  epub: { path: '^scripts/epub/', may: ['core', 'config', 'book', 'fonts', 'layout', 'output'] },
  pdf: { path: '^scripts/pdf/', may: ['core', 'config', 'manuscript', 'book', 'fonts', 'layout'] },
  // The printed cover draws with the PDF's marks and fonts.
  cover: { path: '^scripts/cover/', may: ['core', 'config', 'book', 'fonts', 'layout', 'pdf'] },
  check: { path: '^scripts/check/', may: ['core'] },
  // The preview: the book as the build loads it, the print's page parts, proofreading as it is saved.
  dev: { path: '^scripts/dev/', may: ['core', 'config', 'markdown', 'manuscript', 'book', 'fonts', 'layout', 'lint'] },
  // The builds: the book loaded once, each output made from it and written.
  build: { path: '^scripts/build/', may: ['core', 'config', 'book', 'layout', 'output', 'epub', 'pdf', 'cover'] },
  catalogue: { path: '^scripts/catalogue/', may: ['core', 'manuscript', 'build', 'pdf'] },
  ci: { path: '^scripts/ci/', may: ['core', 'book', 'output', 'catalogue'] },
  // The command line: the only place that prints or exits. It loads each command's stages when it runs.
  cli: {
    path: '^scripts/cli/',
    may: ['core', 'config', 'book', 'output', 'lint', 'pdf', 'check', 'dev', 'build', 'catalogue', 'ci'],
  },
  // The commands npm runs, a few lines each.
  entries: { path: '^scripts/(?!(errors|progress|report|book)\\.ts$)[^/]+\\.(ts|mjs)$', may: ['cli'] },
  // The benchmark times the commands as npm runs them, and parts of the PDF build in one process.
  bench: { path: '^scripts/bench/', may: ['core', 'config', 'fonts', 'pdf'] },
};

const allowed = Object.entries(LAYERS).map(([, layer]) => ({
  from: { path: layer.path },
  to: { path: [layer.path, ...layer.may.map((name) => LAYERS[name].path)] },
}));

/** What some layers must keep away from, whatever they import. */
const forbidden = [
  { name: 'no-circular', comment: 'import cycles', severity: 'error', from: {}, to: { circular: true } },
  {
    name: 'pure-text-stages',
    comment: 'the metadata, Markdown and layout stages work on text and trees: no files, no processes, no browser',
    severity: 'error',
    from: { path: '^scripts/(config|markdown|layout)/' },
    to: { path: '^(node:)?(fs|fs/promises|child_process|worker_threads)$|node_modules/puppeteer' },
  },
  {
    name: 'browser-in-pdf-only',
    comment: 'Chromium is driven from scripts/pdf/ (and the benchmark) only',
    severity: 'error',
    from: { pathNot: '^scripts/(pdf|bench)/' },
    to: { path: 'node_modules/puppeteer' },
  },
];

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
  forbidden: [...forbidden, ...pdfRooms, pageScripts],
  allowed: [
    ...allowed,
    // npm packages (types-only ones too) and Node's own modules: everywhere (the rules above narrow them).
    { from: {}, to: { pathNot: '^scripts/' } },
  ],
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
