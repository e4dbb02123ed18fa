/**
 * Ace by DAISY on the sample book, with the system Chromium: no accessibility violation of any
 * impact, and the EPUB Accessibility metadata present, with the EPUB Accessibility 1.1 claim
 * (dcterms:conformsTo) and its evaluator, which Ace checks against the strings the spec allows.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { findBrowser } from '../../scripts/pdf/render/browser.ts';
import { projectRoot, runBuild } from '../helpers/cli.ts';

const run = promisify(execFile);

interface AceAssertion {
  'earl:test': { 'earl:impact': string; 'dct:title': string };
  'earl:result': { 'earl:outcome': string };
}

it('passes Ace by DAISY with no violations, and carries the EPUB Accessibility 1.1 claim', async () => {
  const out = await mkdtemp(join(tmpdir(), 'ace-'));
  expect((await runBuild('epub', ['--out-dir', out, '--quiet'])).code).toBe(0);
  const [name] = (await readdir(out)).filter((file) => file.endsWith('.epub'));
  const reportDir = join(out, 'report');
  await run(
    join(projectRoot, 'node_modules/.bin/ace-cli'),
    ['--silent', '--force', '--outdir', reportDir, join(out, name!)],
    {
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: findBrowser() },
      timeout: 120_000,
    },
  );
  const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as {
    assertions: { assertions?: AceAssertion[] }[];
    'a11y-metadata': { present: string[] };
    'earl:result': { 'earl:outcome': string };
  };
  const violations = report.assertions
    .flatMap((document) => document.assertions ?? [])
    .map((assertion) => `${assertion['earl:test']['earl:impact']}: ${assertion['earl:test']['dct:title']}`);
  expect(violations).toEqual([]);
  expect(report['earl:result']['earl:outcome']).toBe('pass');
  expect(report['a11y-metadata'].present).toEqual(
    expect.arrayContaining([
      'schema:accessMode',
      'schema:accessModeSufficient',
      'schema:accessibilityFeature',
      'schema:accessibilityHazard',
      'schema:accessibilitySummary',
      'dcterms:conformsTo',
      'a11y:certifiedBy',
    ]),
  );
});
