/**
 * Code that runs in a page, as one script: a module of ours bundled for the browser, which
 * defines `pageScript` (the module's exports) in the world it is evaluated in. The commands read
 * the script scripts/launch.mjs compiled beside them, which the launcher names in the
 * environment; run from the TypeScript sources (the tests), the module is bundled here, once a
 * process, with the launcher's settings.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The global the script defines, holding the module's exports. */
export const PAGE_GLOBAL = 'pageScript';

const scripts = new Map<string, Promise<string>>();

/** The script of the module at `source`: the compiled one at the URL `compiled` when there is one. */
export function pageScript(source: URL, compiled: string | undefined): Promise<string> {
  let script = scripts.get(source.href);
  if (!script) {
    script = compiled ? readFile(new URL(compiled), 'utf8') : bundle(source);
    scripts.set(source.href, script);
  }
  return script;
}

async function bundle(source: URL): Promise<string> {
  // Loaded only here: the commands never start esbuild at run time.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(source)],
    write: false,
    // As scripts/launch.mjs compiles it.
    bundle: true,
    format: 'iife',
    globalName: PAGE_GLOBAL,
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}
