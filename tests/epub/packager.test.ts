/**
 * The packager's image reader (scripts/epub/packager.ts), which stands in for its download
 * function: a file it is given by a `file:` URL is read; an address on the network is refused,
 * as a build never touches the network.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImage } from '../../scripts/epub/packager.ts';

describe('the packager reads images', () => {
  it('from the files their URLs name', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'packager-')), '画像.png');
    await writeFile(path, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect([...(await readImage(pathToFileURL(path).href))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('and never from the network', async () => {
    await expect(readImage('https://example.org/cover.png')).rejects.toThrow(
      /asked to download https:\/\/example\.org\/cover\.png; a build reads only the book's own files/,
    );
  });
});
