/**
 * Which test file runs in which loop, and which start first. Read by vitest.config.ts and the
 * sequencer (tests/helpers/slowest-first.ts).
 */

/**
 * Test files that start a browser, Java (EPUBCheck, Ace), a command-line tool (poppler, qpdf,
 * zbar, gs) or the commands as child processes. Every other test file is a unit test: it runs
 * in-process in `npm run test:unit`, and tests/helpers/unit-guard.ts makes it fail if it starts
 * any program, so a new test file lands in the fast loop unless it is listed here.
 */
export const integration = [
  'tests/bad-input/bad-input.test.ts',
  'tests/bad-input/large.test.ts',
  'tests/catalogue/build-books.test.ts',
  'tests/ci/plan.test.ts',
  'tests/ci/workflows.test.ts',
  'tests/cli/launch.test.ts',
  // In-process, but it builds PDFs (the run's browser) and proofreads (lint worker threads).
  'tests/cli/reads-once.test.ts',
  // In-process, but each run starts lint worker threads that load the morphological dictionary
  // (about 10 s of CPU a run): too slow for the fast loop, whose lint logic tests/lint covers.
  'tests/cli/lint-cli.test.ts',
  'tests/cover/cli.test.ts',
  'tests/cover/cover.test.ts',
  'tests/data/jisx0213-table.test.ts',
  'tests/dev/preview-lint.test.ts',
  'tests/dev/preview.test.ts',
  'tests/epub/ace.test.ts',
  'tests/epub/aozora-texts.test.ts',
  'tests/epub/epubcheck-batch.test.ts',
  'tests/epub/one-file-novel.test.ts',
  'tests/epub/pictures.test.ts',
  'tests/epub/readers.test.ts',
  'tests/epub/real-book.test.ts',
  'tests/epub/sample-book.test.ts',
  'tests/fonts/bundled.test.ts',
  'tests/manuscript/read-helper.test.ts',
  'tests/markdown/notation-book.test.ts',
  'tests/pdf/binding.test.ts',
  'tests/pdf/fonts.test.ts',
  'tests/pdf/grid.test.ts',
  'tests/pdf/hanging.test.ts',
  'tests/pdf/hermetic.test.ts',
  'tests/pdf/long-book-press.test.ts',
  'tests/pdf/long-book.test.ts',
  'tests/pdf/one-file-novel.test.ts',
  'tests/pdf/options.test.ts',
  'tests/pdf/parts.test.ts',
  'tests/pdf/pictures.test.ts',
  'tests/pdf/press-ready.test.ts',
  'tests/pdf/sample-pdf.test.ts',
  'tests/pdf/sealed.test.ts',
  'tests/pdf/typesetting.test.ts',
  'tests/property/epub.property.test.ts',
];

/**
 * The files that take longest, slowest first (each file's CPU time, measured one file at a time on
 * the test machine, November 2026: 49 s for the first, 5 s for the last): they start first, so that
 * the run ends with short files filling the workers. A file missing here only starts later;
 * re-measure when one grows.
 */
export const slowestFirst = [
  'tests/pdf/long-book-press.test.ts',
  'tests/ci/workflows.test.ts',
  'tests/bad-input/large.test.ts',
  'tests/pdf/options.test.ts',
  'tests/epub/ace.test.ts',
  'tests/pdf/long-book.test.ts',
  'tests/catalogue/build-books.test.ts',
  'tests/pdf/sealed.test.ts',
  'tests/pdf/hermetic.test.ts',
  'tests/pdf/sample-pdf.test.ts',
  'tests/epub/readers.test.ts',
  'tests/epub/aozora-texts.test.ts',
  'tests/pdf/parts.test.ts',
  'tests/pdf/pictures.test.ts',
  'tests/pdf/press-ready.test.ts',
  'tests/epub/epubcheck-batch.test.ts',
  'tests/pdf/one-file-novel.test.ts',
  'tests/bad-input/bad-input.test.ts',
  'tests/cli/lint-cli.test.ts',
  'tests/cover/cli.test.ts',
  'tests/cover/cover.test.ts',
  'tests/pdf/hanging.test.ts',
  'tests/property/markdown.property.test.ts',
  'tests/property/epub.property.test.ts',
  'tests/epub/sample-book.test.ts',
  'tests/epub/one-file-novel.test.ts',
  'tests/epub/pictures.test.ts',
  'tests/manuscript/read-helper.test.ts',
  'tests/markdown/notation-book.test.ts',
  'tests/pdf/typesetting.test.ts',
  'tests/ci/plan.test.ts',
  'tests/dev/preview.test.ts',
];
