import { defineConfig } from 'vitest/config';
import { SlowestFirst } from './tests/helpers/slowest-first.ts';
import { integration } from './tests/test-files.ts';
import { OUR_VISIT, OUR_VISIT_FOR } from './scripts/visit-alias.mjs';

export default defineConfig({
  // The packages that get our tree walk in the bundles (scripts/visit-alias.mjs) get it here too:
  // they are compiled by vitest rather than loaded by Node, so that their imports resolve here.
  plugins: [
    {
      name: 'our-visit',
      enforce: 'pre',
      resolveId: (source, importer) =>
        source === 'unist-util-visit' && importer && OUR_VISIT_FOR.test(importer) ? OUR_VISIT : undefined,
    },
  ],
  test: {
    server: { deps: { inline: [OUR_VISIT_FOR] } },
    // EPUBCheck and Chromium are slow to start; integration tests get room.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    sequence: { sequencer: SlowestFirst },
    // Three workers on two cores: an integration file spends much of its time waiting on Chromium,
    // Java or a command it started, and a third file fills that time (measured: see README).
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // One worker's module cache serves every unit file: loading the pipeline's modules is most of
          // a unit file's time, and these tests share no mutable state (the guard checks programs).
          isolate: false,
          include: ['tests/**/*.test.ts'],
          exclude: integration,
          setupFiles: ['tests/helpers/temp-folder.ts', 'tests/helpers/unit-guard.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: integration,
          // One worker's module cache serves its files one after the other, as in the unit project;
          // each file still gets its own temporary folder and its own connection to the run's browser.
          isolate: false,
          globalSetup: ['tests/helpers/global-browser.ts'],
          setupFiles: ['tests/helpers/temp-folder.ts'],
        },
      },
    ],
  },
});
