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

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'import cycles', severity: 'error', from: {}, to: { circular: true } },
    ...upward,
    ...sideways,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
