/** `npm run build -- --books`: a catalogue of four books, one broken, in one command. */
import { existsSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAllCommand, splitCatalogueArgs } from '../../scripts/cli/build-all.ts';
import { runCommand } from '../../scripts/cli/command.ts';
import type { CommandResult } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { PDFDocument } from 'pdf-lib';

interface Report {
  ok: number;
  failed: number;
  books: {
    id: string;
    path: string;
    ok: boolean;
    outputs: { kind: string; path: string; bytes: number; pages?: number; reused: boolean }[];
    warnings: { message: string; file?: string; line?: number }[];
    error?: { message: string; file?: string; line?: number; column?: number };
  }[];
}

let root: string;
let first: CommandResult;
/** The command in-process, run from the catalogue's folder as a user would (relative paths). */
async function build(args: string[], env?: Record<string, string>): Promise<CommandResult> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    return await runInProcess('build-all', ['--books', 'books', '--out-dir', 'out', ...args], { env });
  } finally {
    process.chdir(cwd);
  }
}

beforeAll(async () => {
  root = await makeManuscript({
    'books/a/book.yaml': 'title: 甲の本\nauthor: 著者甲\n',
    'books/a/01.md': '# 第一章\n\n本文です。\n\n# 第二章\n\n続きです。\n',
    'books/b/book.yaml': 'title: 乙の本\nwritingMode: horizontal\n',
    'books/b/01.md': '# 一\n\n横書きの本文です。\n',
    'books/shelf/c.md': '---\ntitle: 丙\n---\n\n# 一\n\n一つのファイルの本。\n',
    'books/shelf/d.md': '---\ntitle: 丁\nauther: 誰か\n---\n\n本文。\n',
    'books/shelf/notes.md': 'front matter がないので本ではない。\n',
  });
  first = await build(['--report', 'out/report.json']);
}, 600_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('catalogue build', () => {
  it('builds three books, reports the broken one with its place, and exits non-zero', async () => {
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`books/shelf/d.md:3:1: error: unknown key "auther" (did you mean "author"?)`);
    expect(first.stdout).toMatch(/^books-shelf-d\s+FAILED/m);
    expect(first.stdout).toContain('3 of 4 book(s) built, 1 failed');
    for (const [id, name] of [
      ['books-a', 'a'],
      ['books-b', 'b'],
      ['books-shelf-c', 'c'],
    ]) {
      expect(existsSync(join(root, 'out', id!, `${name}.epub`))).toBe(true);
      expect(existsSync(join(root, 'out', id!, `${name}.pdf`))).toBe(true);
    }
    expect(existsSync(join(root, 'out', 'books-shelf-d'))).toBe(false);
  });

  it('writes a JSON report that matches the files', async () => {
    const report = JSON.parse(await readFile(join(root, 'out/report.json'), 'utf8')) as Report;
    expect([report.ok, report.failed]).toEqual([3, 1]);
    expect(report.books.map((book) => [book.id, book.ok])).toEqual([
      ['books-a', true],
      ['books-b', true],
      ['books-shelf-c', true],
      ['books-shelf-d', false],
    ]);
    const broken = report.books[3]!;
    expect(broken.error).toMatchObject({ file: 'books/shelf/d.md', line: 3, column: 1 });
    expect(broken.outputs).toEqual([]);
    for (const book of report.books.slice(0, 3)) {
      expect(book.outputs.map((output) => output.kind)).toEqual(['epub', 'pdf']);
      for (const output of book.outputs) {
        const bytes = await readFile(join(root, output.path));
        expect(output.bytes).toBe(bytes.byteLength);
        expect(output.reused).toBe(false);
      }
      const pdf = book.outputs[1]!;
      expect(pdf.pages).toBe((await PDFDocument.load(await readFile(join(root, pdf.path)))).getPageCount());
    }
  });

  it('reuses unchanged books on the next run, without starting a browser', async () => {
    // A "browser" that leaves a mark when it is started, and fails.
    const browser = join(root, 'browser.sh');
    await writeFile(browser, `#!/bin/sh\ntouch "${browser}.started"\nexit 1\n`, { mode: 0o755 });
    const again = await build(['--jobs', '1'], { PUPPETEER_EXECUTABLE_PATH: browser });
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^books-a\s+ok\s+epub \(reused\), pdf \(reused\)/m);
    expect(existsSync(`${browser}.started`)).toBe(false);
  });

  it('stops on SIGTERM like every command: exit 143, and says so', async () => {
    const signals = new EventEmitter();
    let stderr = '';
    const io = {
      stdout: { write: () => true },
      // The signal comes as the catalogue starts on its books.
      stderr: {
        write: (text: string) => {
          stderr += text;
          if (text.startsWith('building ')) setImmediate(() => signals.emit('SIGTERM'));
          return true;
        },
      },
    };
    const out = join(root, 'out-stopped');
    const code = await runCommand(
      buildAllCommand(),
      ['--books', join(root, 'books'), '--out-dir', out, '--force'],
      io,
      signals,
    );
    expect(code).toBe(143);
    expect(stderr).toMatch(/build cancelled; earlier output left as it was\n$/);
  });

  it('reads the catalogue options out of the command line', () => {
    expect(splitCatalogueArgs(['--books', 'a', 'b', '--profile', 'kdp', '--jobs=2', '--report', 'r.json'])).toEqual({
      books: ['a', 'b'],
      jobs: '2',
      report: 'r.json',
      rest: ['--profile', 'kdp'],
    });
  });
});
