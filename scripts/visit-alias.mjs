/**
 * Packages that walk every chapter with `unist-util-visit` and get ours instead
 * (scripts/markdown/visit.ts: the same walk and the same answers, without renaming a closure for
 * every node): mdast-util-to-hast collects definitions that way from each chapter before making its
 * HTML, 0.045 s of 明暗's EPUB build. The bundles (scripts/launch.mjs) and the tests
 * (vitest.config.ts) both resolve it so. Plain JavaScript: the launcher reads it before compiling.
 */
import { fileURLToPath } from 'node:url';

/** Importers (by path) whose `unist-util-visit` is ours. */
export const OUR_VISIT_FOR = /[\\/]node_modules[\\/]mdast-util-to-hast[\\/]/;
/** Our walk. */
export const OUR_VISIT = fileURLToPath(new URL('./markdown/visit.ts', import.meta.url));
