/**
 * Setup for every test file: its temporary files go into one folder of its own, removed after the
 * file's last test. TMPDIR points there, so every `mkdtemp(join(tmpdir(), …))` of the tests, of the
 * pipeline (EPUBCheck reports, browser work folders) and of the programs they start lands inside
 * it, and nothing is left in the system's temporary folder, whichever test made it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const folder = mkdtempSync(join(tmpdir(), 'tategaki-test-'));
process.env.TMPDIR = folder;

// Registered first, so it runs after the test file's own afterAll hooks (which close browsers and
// servers that may still write there).
afterAll(() => {
  rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
});
