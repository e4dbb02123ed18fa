/**
 * A real 青空文庫 text, 宮沢賢治『銀河鉄道の夜』, read from the shared corpus (never copied into
 * the project), built as one chapter with one paragraph per line: every 《》 ruby becomes
 * `<ruby>`, no annotation text reaches the output, the 中見出し become headings, and each
 * annotation we do not support is a warning with its place.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { available, corpusPath } from '../helpers/shared.ts';
import { elements, parseXml } from '../helpers/xml.ts';
import { runFixture, type FixtureResult } from './run-fixture.ts';

let source: string;
let result: FixtureResult;

beforeAll(async () => {
  if (!existsSync(corpusPath)) return;
  source = readFileSync(corpusPath, 'utf8');
  result = await runFixture(source, { paragraphPerLine: true }, 'ginga-tetsudo-no-yoru.txt');
});

describe.skipIf(!available(corpusPath))('銀河鉄道の夜 (青空文庫)', () => {
  it('is well-formed XHTML', () => {
    parseXml(
      `<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${result.xhtml}</body>`,
      'ginga',
    );
  });

  it('makes every 《》 ruby a <ruby> with its reading', () => {
    const doc = parseXml(`<body xmlns="http://www.w3.org/1999/xhtml">${result.xhtml}</body>`, 'ginga');
    const readings = elements(doc, 'rt').map((rt) => rt.textContent);
    // Every 《reading》 in the source, except the header's 《》 that only explains the mark.
    const expected = [...source.matchAll(/《([^《》]+)》/g)].map((match) => match[1]);
    expect(readings).toEqual(expected);
    expect(readings.length).toBeGreaterThan(2000);
    expect(elements(doc, 'ruby').map((ruby) => ruby.firstChild?.textContent)).toContain('活版所');
  });

  it('prints no annotation text', () => {
    expect(result.xhtml).not.toContain('［＃');
    expect(result.xhtml).not.toMatch(/字下げ］|は中見出し/);
  });

  it('makes the 中見出し headings, without their ruby readings in the table of contents', () => {
    expect(result.headings).toEqual([
      '一　午後の授業',
      '二　活版所',
      '三　家',
      '四　ケンタウル祭の夜',
      '五　天気輪の柱',
      '六　銀河ステーション',
      '七　北十字とプリオシン海岸',
      '八　鳥を捕る人',
      '九　ジョバンニの切符',
    ]);
    expect(result.xhtml).toContain(
      '<h2 class="start-5em" id="ch-2-h2">二　<ruby>活版所<rp>（</rp><rt>かっぱんじょ</rt><rp>）</rp></ruby></h2>',
    );
  });

  it('reports each unsupported annotation with its line and column', () => {
    const lines = source.split('\n');
    expect(result.messages.length).toBeGreaterThan(0);
    for (const message of result.messages) {
      const [, line, column] = /^(\d+):(\d+)-\d+:\d+ aozora-unsupported: /.exec(message) ?? [];
      expect(line, message).toBeDefined();
      // The place points at the annotation itself.
      expect(lines[Number(line) - 1]!.slice(Number(column) - 1).startsWith('［＃'), message).toBe(true);
    }
    expect(result.messages.join('\n')).toContain('［＃「大さ」はママ］');
  });
});
