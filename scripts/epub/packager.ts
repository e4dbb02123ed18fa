/**
 * epub-gen-memory, loaded without two packages it loads for what a build never asks of it (35 ms
 * of every EPUB build, a third of loading the packager):
 *
 * - node-fetch, with which it downloads an image given by an `http(s):` address. Every image of a
 *   book is a file by the time it is packaged (the layout resolves each against the manuscript),
 *   and a build never touches the network: an address that reaches the packager is an error here.
 * - ow, with which it checks at run time the options and chapters its callers pass; ours are
 *   typed. The packager's own browser build swaps that module for its `predicates-nop.js`, which
 *   checks nothing (the `browser` field of its package.json), and so does this.
 *
 * Both stand-ins are put in Node's module cache under the files the packager's modules require,
 * before the packager is loaded; everything else is the packager's own code.
 */
import { readFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Index from 'epub-gen-memory';
import type * as Html from 'epub-gen-memory/dist/lib/util/html.js';
import type * as Util from 'epub-gen-memory/dist/lib/util/index.js';

const require = createRequire(import.meta.url);
const util = dirname(require.resolve('epub-gen-memory/dist/lib/util/index.js'));

/** What the packager reads an image with: the file an `file:` URL names, and nothing else. */
export async function readImage(url: string): Promise<Buffer> {
  if (!url.startsWith('file:'))
    throw new Error(`the packager was asked to download ${url}; a build reads only the book's own files`);
  return readFile(fileURLToPath(url));
}

/** Put `exports` in the module cache as the module at `path`, unless that module is loaded already. */
function standIn(path: string, exports: unknown): void {
  if (require.cache[path]) return;
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = exports;
  require.cache[path] = module;
}

standIn(join(util, 'fetchable.js'), { __esModule: true, type: 'nodebuffer', default: readImage });
standIn(join(util, 'predicates.js'), require(join(util, 'predicates-nop.js')));

export const { EPub } = require('epub-gen-memory') as typeof Index;
export const { normalizeHTML } = require('epub-gen-memory/dist/lib/util/html.js') as typeof Html;
const chapters = require('epub-gen-memory/dist/lib/util/index.js') as typeof Util;
export const validateAndNormalizeChapter: typeof Util.validateAndNormalizeChapter =
  chapters.validateAndNormalizeChapter;
export const validateIsChapters: typeof Util.validateIsChapters = chapters.validateIsChapters;
export type { Content, Options } from 'epub-gen-memory';
