import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManuscript } from '../../scripts/manuscript/load.ts';
import { BuildError } from '../../scripts/errors.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const names = (paths: { path: string }[]) => paths.map(({ path }) => path.split('/').at(-1));

describe('loadManuscript', () => {
  it('takes chapters by file name in natural order, skipping README and hidden files', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 本\n',
      '10-end.md': '# 終',
      '2-middle.md': '# 中',
      '1-start.md': '# 始',
      'README.md': 'notes',
      '_draft.md': 'draft',
      'notes.txt': 'x',
    });
    const manuscript = await loadManuscript(root);
    expect(names(manuscript.chapterFiles)).toEqual(['1-start.md', '2-middle.md', '10-end.md']);
  });

  it('follows the order book.yaml lists', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nchapters:\n  - b.md\n  - a.md\n', 'a.md': 'A', 'b.md': 'B' });
    expect(names((await loadManuscript(root)).chapterFiles)).toEqual(['b.md', 'a.md']);
  });

  it('points at the metadata line of a listed chapter that does not exist', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nchapters:\n  - a.md\n  - missing.md\n', 'a.md': 'A' });
    await expect(loadManuscript(root)).rejects.toMatchObject({
      message: 'chapter file not found: missing.md',
      file: join(root, 'book.yaml'),
      line: 4,
      column: 5,
    });
  });

  it('refuses chapters outside the manuscript folder, also through symlinks', async () => {
    const outside = await makeManuscript({ 'secret.md': 'secret' });
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nchapters:\n  - ../x.md\n' });
    await expect(loadManuscript(root)).rejects.toMatchObject({ ruleId: 'path-outside', line: 3 });
    const linked = await makeManuscript({ 'book.yaml': 'title: 本\nchapters:\n  - link.md\n' });
    await symlink(join(outside, 'secret.md'), join(linked, 'link.md'));
    await expect(loadManuscript(linked)).rejects.toMatchObject({ ruleId: 'path-outside' });
  });

  it('needs book.yaml and at least one chapter', async () => {
    await expect(loadManuscript(await makeManuscript({ 'a.md': 'A' }))).rejects.toMatchObject({ ruleId: 'metadata-missing' });
    await expect(loadManuscript(await makeManuscript({ 'book.yaml': 'title: 本\n' }))).rejects.toMatchObject({ ruleId: 'manuscript-empty' });
  });

  it('reads a one-file book with its metadata in front matter', async () => {
    const root = await makeManuscript({ 'novel.md': '---\ntitle: 一冊\nauthor: 著者\n---\n\n# 第一章\n\n本文\n' });
    const manuscript = await loadManuscript(join(root, 'novel.md'));
    expect(manuscript.config).toMatchObject({ title: '一冊', author: '著者' });
    expect(manuscript.chapterFiles).toHaveLength(1);
  });

  it('reports a front-matter error at the line of the file, not of the YAML block', async () => {
    const root = await makeManuscript({ 'novel.md': '---\ntitle: 一冊\ntitel: x\n---\n本文\n' });
    const error = await loadManuscript(join(root, 'novel.md')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect(error).toMatchObject({ line: 3, column: 1 });
  });

  it('asks for front matter in a one-file book without it', async () => {
    const root = await makeManuscript({ 'novel.md': '# 題\n本文\n' });
    await expect(loadManuscript(join(root, 'novel.md'))).rejects.toMatchObject({ ruleId: 'metadata-missing', line: 1 });
  });
});
