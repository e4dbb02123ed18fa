/**
 * 青空文庫 texts built as one chapter with one paragraph per line: every 《》 ruby becomes `<ruby>`,
 * no annotation text reaches the output, the 中見出し become headings, and each annotation we do not
 * support is a warning with its place. Expectations are read from each source text, so the same
 * checks hold for our own story and, with `npm run test:corpus`, for 『銀河鉄道の夜』.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { aozoraTexts } from '../helpers/shared.ts';
import { elements, parseXml } from '../helpers/xml.ts';
import { runFixture, type FixtureResult } from './run-fixture.ts';

describe.each(aozoraTexts())('$name (青空文庫 format)', ({ path, name }) => {
  const source = readFileSync(path, 'utf8');
  let result: FixtureResult;

  beforeAll(async () => {
    result = await runFixture(source, { paragraphPerLine: true }, `${name}.txt`);
  });

  it('is well-formed XHTML', () => {
    parseXml(
      `<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${result.xhtml}</body>`,
      name,
    );
  });

  it('makes every 《》 ruby a <ruby> with its reading', () => {
    const doc = parseXml(`<body xmlns="http://www.w3.org/1999/xhtml">${result.xhtml}</body>`, name);
    const readings = elements(doc, 'rt').map((rt) => rt.textContent);
    // Every 《reading》 in the source, except the header's 《》 that only explains the mark and
    // the 《《傍点》》 marks.
    const expected = [...source.replace(/《《[^《》]*》》/g, '').matchAll(/《([^《》]+)》/g)].map((match) => match[1]);
    expect(readings).toEqual(expected);
    expect(readings.length).toBeGreaterThan(10);
  });

  it('prints no annotation text', () => {
    expect(result.xhtml).not.toContain('［＃');
    expect(result.xhtml).not.toMatch(/字下げ］|は中見出し/);
  });

  it('makes the 中見出し headings, without their ruby readings in the table of contents', () => {
    const titles = [...source.matchAll(/［＃「([^」]+)」は中見出し］/g)].map((match) =>
      match[1]!.replace(/《[^》]*》|｜/g, ''),
    );
    expect(titles.length).toBeGreaterThan(1);
    expect(result.headings).toEqual(titles);
  });

  it('reports each annotation it cannot set, with its line and column', () => {
    const lines = source.split('\n');
    expect(result.messages.length).toBeGreaterThan(0);
    for (const message of result.messages) {
      const [, line, column] = /^(\d+):(\d+)-\d+:\d+ warning aozora-[a-z-]+: /.exec(message) ?? [];
      expect(line, message).toBeDefined();
      // The place points at the annotation itself.
      expect(lines[Number(line) - 1]!.slice(Number(column) - 1), message).toMatch(/^※?［＃/);
    }
    // A 外字 with no code is reported.
    expect(result.messages.join('\n')).toMatch(/aozora-gaiji-uncoded/);
  });
});
