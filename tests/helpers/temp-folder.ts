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

// The system's folder, as it was before the first test file: with the unit project's shared
// module cache (isolate: false) this file runs again for each test file in the same process, when
// TMPDIR still names the previous file's folder, already removed.
const shared = globalThis as { tategakiSystemTmp?: string };
shared.tategakiSystemTmp ??= tmpdir();
const folder = mkdtempSync(join(shared.tategakiSystemTmp, 'tategaki-test-'));
process.env.TMPDIR = folder;

// Registered first, so it runs after the test file's own afterAll hooks (which close browsers and
// servers that may still write there).
afterAll(() => {
  rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
});
