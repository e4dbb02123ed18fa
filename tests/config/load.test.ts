import { describe, expect, it } from 'vitest';
import { parseBookConfig } from '../../scripts/config/load.ts';
import { BuildError, BuildErrors, eachError } from '../../scripts/errors.ts';

const parse = (text: string, lineOffset = 0) => parseBookConfig({ text, file: 'book.yaml', lineOffset });
const failure = (text: string, lineOffset = 0): BuildError => {
  try {
    parse(text, lineOffset);
  } catch (error) {
    if (error instanceof BuildError) return error;
    throw error;
  }
  throw new Error('expected a BuildError');
};

describe('parseBookConfig', () => {
  it('fills in defaults for a minimal book', () => {
    const { config } = parse('title: 銀河鉄道の夜\n');
    expect(config).toMatchObject({
      title: '銀河鉄道の夜',
      lang: 'ja',
      writingMode: 'vertical',
      tocTitle: '目次',
      markdown: { lineBreaks: 'join', autoTcy: 2 },
      print: { format: 'bunko', profile: 'screen', bleed: 3 },
    });
  });

  it('names the line, column and key of an unknown key, with a suggestion', () => {
    const error = failure('title: 本\nauther: 宮沢賢治\n');
    expect(error.message).toBe('unknown key "auther" (did you mean "author"?)');
    expect([error.file, error.line, error.column]).toEqual(['book.yaml', 2, 1]);
  });

  it('finds unknown keys inside nested settings', () => {
    const error = failure('title: 本\nprint:\n  fromat: a5\n');
    expect(error.message).toBe('unknown key "print.fromat" (did you mean "format"?)');
    expect([error.line, error.column]).toEqual([3, 3]);
  });

  it('names the line of a value of the wrong type', () => {
    const error = failure('title: 本\nprint:\n  fontSize: large\n');
    expect(error.message).toMatch(/^key "print.fontSize": /);
    expect([error.line, error.column]).toEqual([3, 13]);
  });

  it('rejects a value outside a closed list', () => {
    const error = failure('title: 本\nwritingMode: diagonal\n');
    expect(error.message).toMatch(/^key "writingMode": expected .*"vertical"/);
    expect(error.line).toBe(2);
  });

  it('reports every mistake of the file in one run, each at its own line, in the order of the file', () => {
    // The three slips of a new author's front matter (the first line of the file is `---`).
    const error = failure(
      'title: 本\nautor: 宮沢賢治\nprint:\n  fromat: a5\n  fontSize: big\nwritingMode: diagonal\n',
      1,
    );
    expect(error).toBeInstanceOf(BuildErrors);
    const all = eachError(error).map((each) => `${each.line}:${each.column} ${each.message}`);
    expect(all).toEqual([
      '3:1 unknown key "autor" (did you mean "author"?)',
      '5:3 unknown key "print.fromat" (did you mean "format"?)',
      expect.stringMatching(/^6:13 key "print.fontSize": /),
      expect.stringMatching(/^7:14 key "writingMode": expected .*"vertical"/),
    ]);
    expect(eachError(error)[0]!.hint).toMatch(/^rename it to author; /);
  });

  it('reports every YAML syntax error, not only the first', () => {
    const error = failure('title: 本\ntitle: 二つ目\nauthor: 宮沢賢治\nauthor: 二人目\n');
    expect(eachError(error).map((each) => [each.line, each.ruleId])).toEqual([
      [2, 'yaml-syntax'],
      [4, 'yaml-syntax'],
    ]);
  });

  it('requires a title', () => {
    expect(failure('author: 宮沢賢治\n').message).toMatch(/"title"/);
  });

  it('reports YAML syntax errors at their line, shifted for front matter', () => {
    const error = failure('title: 本\nauthor: [宮沢賢治\n', 1);
    expect(error.message).toMatch(/^invalid YAML/);
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it('points at the quote that is never closed, not at the end of the text where the parser gives up', () => {
    // Front matter: the YAML starts on line 2 of the chapter file.
    const error = failure('title: 本\nauthor: "宮沢賢治\nlang: ja\ndate: 2026-11-23\n', 1);
    expect(error.message).toMatch(/^invalid YAML: Missing closing "quote/);
    expect([error.line, error.column]).toEqual([3, 9]);
    const single = failure("title: '本\nlang: ja\n");
    expect([single.line, single.column]).toEqual([1, 8]);
  });

  it('points at the bracket of a list that is never closed, and at the quote inside it when that is what runs on', () => {
    const bracket = failure('title: 本\nsubject: [小説, 随筆\nlang: ja\n');
    expect([bracket.line, bracket.column]).toEqual([2, 10]);
    const inner = failure('title: 本\nsubject: [小説, "随筆\n');
    expect([inner.line, inner.column]).toEqual([2, 15]);
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(failure('title: 本\ndate: 2026/11/23\n').message).toMatch(/YYYY-MM-DD/);
  });

  it('locates values for later errors', () => {
    const { locate } = parse('title: 本\nchapters:\n  - a.md\n  - b.md\n');
    expect(locate(['chapters', 1])).toEqual({ file: 'book.yaml', line: 4, column: 5 });
  });
});
