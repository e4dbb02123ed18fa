/**
 * The unit project's setup: a unit test runs in-process only. Starting a browser, Java (EPUBCheck,
 * Ace) or any other program goes through node:child_process, so every way of starting one throws
 * here, naming the way out; the paths to Chromium and EPUBCheck also point nowhere, so that a browser
 * found by some other road fails as well instead of slowing the fast loop down.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
// The CommonJS object behind `node:child_process`; syncBuiltinESMExports copies our replacements
// into its ES module namespace, so that `import { spawn }` (ours and puppeteer's) sees them too.
const childProcess = require('node:child_process') as Record<string, unknown>;

const nowhere = '/nonexistent/unit-tests-start-no-programs';

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[name] = () => {
    throw new Error(
      `a unit test started a program (child_process.${name}); unit tests stay in-process. ` +
        'If this test needs a browser, Java or a command-line tool, list its file in `integration` in tests/test-files.ts.',
    );
  };
}
syncBuiltinESMExports();

process.env.PUPPETEER_EXECUTABLE_PATH = nowhere;
process.env.CHROME_PATH = nowhere;
process.env.EPUBCHECK_JAR = nowhere;
