/**
 * `npm run dev` as an author uses it: the book served as HTML, a saved chapter rebuilt and
 * announced, a broken book.yaml shown in the page and mended, and a clean stop.
 */
import { request } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { attribute, byClass, byId, DevServer, EventStream, findAll, textOf } from './dev-server.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let server: DevServer | undefined;
let events: EventStream | undefined;

afterEach(async () => {
  events?.close();
  await server?.stop('SIGKILL');
  server = events = undefined;
});

/** GET with a chosen Host header, which fetch does not let one set. */
function getWithHost(url: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    })
      .on('error', reject)
      .end();
  });
}

describe('npm run dev', () => {
  it('serves the book, rebuilds a saved chapter, shows errors in the page and recovers', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 試しの本\nauthor: 試し書き\n',
      '01-start.md': '# 一　はじまり\n\n最初の{文章|ぶんしょう}です。\n',
      '02-picture.md': '# 二\n\n![挿絵](images/dot.png)\n\n<marquee>古い</marquee>\n',
      'images/dot.png': PNG,
    });
    server = await DevServer.start(root);
    expect(server.stdout).toMatch(/^loaded 2 chapters in \d+ ms$/m);

    // The whole book, vertical, with the EPUB's markup: ruby, the checked image, the warning.
    const first = await server.page();
    const response = first.response;
    let document = first.document;
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[^']+'/);
    const html = findAll(document, (element) => element.tagName === 'html')[0]!;
    expect(attribute(html, 'class')).toBe('vrtl');
    expect(attribute(html, 'lang')).toBe('ja');
    expect(textOf(byId(document, 'ch-1'))).toContain('最初の文章（ぶんしょう）です。');
    expect(findAll(byId(document, 'ch-1')!, (element) => element.tagName === 'ruby')).toHaveLength(1);
    const image = findAll(byId(document, 'ch-2')!, (element) => element.tagName === 'img')[0]!;
    const imageResponse = await fetch(new URL(attribute(image, 'src')!, server.url));
    expect(imageResponse.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await imageResponse.arrayBuffer())).toEqual(PNG);
    expect(problems(document, 'preview-warnings')[0]).toMatch(
      `${join(root, '02-picture.md')}:5:1: warning: removed the <marquee> tag`,
    );
    expect(byClass(document, 'preview-errors')).toHaveLength(0);

    // Only the manuscript's images, only for localhost.
    expect((await fetch(new URL('/__manuscript/book.yaml', server.url))).status).toBe(404);
    expect((await fetch(new URL('/__manuscript/..%2F..%2Fetc%2Fpasswd', server.url))).status).toBe(404);
    expect(await getWithHost(server.url, 'attacker.example')).toBe(403);

    // A saved chapter: rebuilt alone, announced, served.
    events = new EventStream(server.url);
    await events.opened;
    let seen = events.count;
    await writeFile(join(root, '01-start.md'), '# 一　はじまり\n\n書き直した文章です。\n');
    await events.reloadAfter(seen);
    ({ document } = await server.page());
    expect(textOf(byId(document, 'ch-1'))).toContain('書き直した文章です。');
    expect(textOf(byId(document, 'ch-2'))).toContain('古い');
    expect(server.stdout).toMatch(/^rebuilt 01-start\.md in \d+ ms$/m);

    // A broken book.yaml: the error in the page and the terminal, the last good book still shown.
    seen = events.count;
    await writeFile(join(root, 'book.yaml'), 'title: 試しの本\nauthor: [試し書き\n');
    await events.reloadAfter(seen);
    ({ document } = await server.page());
    const [error] = problems(document, 'preview-errors');
    expect(error).toMatch(new RegExp(`^${escape(join(root, 'book.yaml'))}:\\d+:\\d+: error: invalid YAML`));
    expect(server.stderr).toContain(error);
    expect(textOf(byId(document, 'ch-1'))).toContain('書き直した文章です。');

    // Mended, and now horizontal: the error goes, the new settings apply.
    seen = events.count;
    await writeFile(join(root, 'book.yaml'), 'title: 直った本\nauthor: 試し書き\nwritingMode: horizontal\n');
    await events.reloadAfter(seen);
    ({ document } = await server.page());
    expect(byClass(document, 'preview-errors')).toHaveLength(0);
    expect(textOf(findAll(document, (element) => element.tagName === 'title')[0])).toBe('直った本（プレビュー）');
    expect(attribute(findAll(document, (element) => element.tagName === 'html')[0]!, 'class')).toBe('hltr');
    expect(server.stdout).toMatch(/^reloaded the book \(book\.yaml\): 2 chapters in \d+ ms$/m);

    // An image referred to before it exists: an error, gone when the file arrives.
    seen = events.count;
    await writeFile(join(root, '01-start.md'), '# 一\n\n![後で描く](images/later.png)\n\n書き直した文章です。\n');
    await events.reloadAfter(seen);
    ({ document } = await server.page());
    expect(problems(document, 'preview-errors')).toEqual([
      `${join(root, '01-start.md')}:3:1: error: image not found: images/later.png\n  hint: check the file name and that the file is inside the manuscript folder`,
    ]);
    seen = events.count;
    await writeFile(join(root, 'images/later.png'), PNG);
    await events.reloadAfter(seen);
    ({ document } = await server.page());
    expect(byClass(document, 'preview-errors')).toHaveLength(0);
    expect(
      findAll(byId(document, 'ch-1')!, (element) => element.tagName === 'img').map((img) => attribute(img, 'src')),
    ).toEqual(['/__manuscript/images/later.png?v=1']);
    expect(server.stdout).toMatch(/^reloaded images\/later\.png in \d+ ms$/m);

    // A chapter saved in another encoding: its error, its previous text kept; then mended.
    seen = events.count;
    await writeFile(join(root, '01-start.md'), Buffer.from([0x23, 0x20, 0x82, 0xa0, 0x0a]));
    await events.reloadAfter(seen);
    ({ document } = await server.page());
    expect(problems(document, 'preview-errors')).toEqual([
      `${join(root, '01-start.md')}:1:3: error: file is not valid UTF-8 text (文字コードが UTF-8 ではありません)\n  hint: save it as UTF-8; a Shift_JIS file can be converted with \`iconv -f SHIFT_JIS -t UTF-8\``,
    ]);
    expect(textOf(byId(document, 'ch-1'))).toContain('書き直した文章です。');
    seen = events.count;
    await writeFile(join(root, '01-start.md'), '# 一\n\n三度目の文章です。\n');
    await events.reloadAfter(seen);
    ({ document } = await server.page());
    expect(byClass(document, 'preview-errors')).toHaveLength(0);
    expect(textOf(byId(document, 'ch-1'))).toContain('三度目の文章です。');

    // Stopped like Ctrl-C would: cleanly, exit code 0, the event stream ended.
    expect(await server.stop('SIGINT')).toBe(0);
    expect(server.stdout).toMatch(/^preview stopped \(SIGINT\)$/m);
  });

  it('exits 1 with the place when there is no manuscript, and 2 on a wrong option', async () => {
    const root = await makeManuscript({});
    await expect(DevServer.start(join(root, 'nope'))).rejects.toThrow(
      /exited with 1[\s\S]*nope: error: manuscript not found/,
    );
    const wrong = await runCommand('dev', ['--port', 'eighty']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--port needs a port number from 0 to 65535, not "eighty"[\s\S]*usage: npm run dev/);
  });
});

/** The lines of one part of the problems panel, as the terminal prints them. */
function problems(document: Parameters<typeof byClass>[0], part: 'preview-errors' | 'preview-warnings'): string[] {
  const panel = byClass(document, part)[0];
  return panel ? findAll(panel, (element) => element.tagName === 'pre').map(textOf) : [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
