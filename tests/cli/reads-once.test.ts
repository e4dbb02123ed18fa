/**
 * One book, loaded once: `npm run build` (EPUB, PDF, and the cover step) reads each file of the
 * manuscript once, and so does `npm run build -- --lint`, whose proofreading works on the text
 * the build read. Counted with a file-read spy on the command run in-process.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareBrowser } from '../helpers/browser-session.ts';
import { countFileReads } from '../helpers/file-reads.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const shared = shareBrowser();

/** A small book: one file of two chapters, one of one, and the metadata. */
async function smallBook(): Promise<{ root: string; files: string[] }> {
  const root = await makeManuscript({
    'book.yaml': 'title: 一度だけ\nfilename: once\n',
    '01-two.md': '# 一\n\n　窓から庭が見える。\n\n# 二\n\n　[三へ](02-one.md)行く。\n',
    '02-one.md': '# 三\n\n　夜になった。\n',
  });
  return { root, files: ['book.yaml', '01-two.md', '02-one.md'].map((name) => join(root, name)) };
}

describe('a build reads the manuscript once', () => {
  for (const extra of [[], ['--lint']]) {
    it(`npm run build${extra.map((flag) => ` ${flag}`).join('')} opens each file of the manuscript once`, async () => {
      const { root, files } = await smallBook();
      const { result, reads } = await countFileReads(() =>
        shared.run('build-all', ['--manuscript', root, '--out-dir', join(root, 'out'), ...extra]),
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/wrote .*once\.epub[\s\S]*wrote .*once\.pdf/);
      if (extra.length > 0) expect(result.stderr).toMatch(/linted 2 chapter\(s\)/);
      expect(Object.fromEntries(files.map((file) => [file, reads.get(file) ?? 0]))).toEqual(
        Object.fromEntries(files.map((file) => [file, 1])),
      );
    });
  }
});
