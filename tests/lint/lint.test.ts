/**
 * Proofreading on real manuscripts, with the real rules in worker threads: the notation book
 * gives nothing, seeded mistakes are each found once at their place, and book.yaml, prh.yml,
 * dialogue and inline opt-outs change what is found as the README says.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openManuscript } from '../../scripts/book.ts';
import { BuildError } from '../../scripts/errors.ts';
import { lintManuscript } from '../../scripts/lint/lint-book.ts';
import type { LintMessage } from '../../scripts/lint/messages.ts';
import { LintPool } from '../../scripts/lint/pool.ts';
import { projectRoot } from '../helpers/cli.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const notationBook = join(projectRoot, 'tests/fixtures/notation-book');
const lintBook = join(projectRoot, 'tests/fixtures/lint-book');

let pool: LintPool;
beforeAll(async () => {
  pool = new LintPool(2);
  await pool.warm();
});
afterAll(() => pool.close());

const lint = async (path: string) => lintManuscript(await openManuscript(path), { pool });

/** Where `needle` (the `nth` one, from 1) is in a file: line and column from 1. */
async function placeOf(file: string, needle: string, nth = 1): Promise<{ line: number; column: number }> {
  const text = await readFile(file, 'utf8');
  let at = -1;
  for (let count = 0; count < nth; count++) at = text.indexOf(needle, at + 1);
  if (at === -1) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

const brief = (messages: readonly LintMessage[]) =>
  messages.map((message) => `${message.file.split('/').at(-1)}:${message.line}:${message.column} ${message.ruleId}`);

describe('npm run lint', () => {
  it('finds nothing in the notation book: no notation is taken for a mistake', async () => {
    const report = await lint(notationBook);
    expect(report.chapters).toBe(3);
    expect(brief(report.messages)).toEqual([]);
    // Every default rule ran (prh only runs with a dictionary).
    expect(report.rules.map((rule) => rule.id)).toContain('no-doubled-joshi');
    expect(report.rules.map((rule) => rule.id)).toContain('ruby-reading');
  });

  it('reports each seeded mistake once, at its line and column in the file', async () => {
    const seeded = join(lintBook, '01-seeded.md');
    const optOut = join(lintBook, '02-opt-out.md');
    const report = await lint(lintBook);
    const at = async (file: string, needle: string, offset: number, rule: string, nth = 1) => {
      const place = await placeOf(file, needle, nth);
      return `${file.split('/').at(-1)}:${place.line}:${place.column + offset} ${rule}`;
    };
    expect(brief(report.messages)).toEqual([
      // ら抜き: the rule points at れ of 見れる, after a ruby and 傍点 on the same line.
      await at(seeded, '見れる', 1, 'no-dropping-the-ra'),
      // Doubled が: the second が.
      await at(seeded, '彼女が', 2, 'no-doubled-joshi'),
      // 「 without 」: the bracket itself.
      await at(seeded, '「閉じない', 0, 'no-unmatched-pair'),
      // 表記ゆれ from prh.yml: the first ウエブサイト; the one in the annotation is not prose.
      await at(seeded, 'ウエブサイト', 0, 'prh'),
      // ら抜き after the opt-out ends; the one inside it is not reported.
      await at(optOut, '見れる。', 1, 'no-dropping-the-ra'),
    ]);
    const prh = report.messages.find((message) => message.ruleId === 'prh')!;
    expect(prh.fix).toMatchObject({ before: 'ウエブサイト', after: 'ウェブサイト', exact: true });
    expect(report.messages.find((message) => message.ruleId === 'no-unmatched-pair')!.severity).toBe('error');
  });

  it('reports the notation mistakes that stop a build as errors under their rule names, at their place in the file', async () => {
    // A BOM and CRLF line ends: the places are the file's, not the normalised text's.
    const root = await makeManuscript({
      'book.yaml': 'title: 記法の誤り\n',
      '01.md': '\uFEFF# 章\r\n\r\n本文です。｜灯台守《とうだいもり\r\n\r\n《《傍点のつもり。\r\n\r\nここは**大事。\r\n',
    });
    const report = await lint(root);
    const notation = report.messages.filter(
      (message) => message.severity === 'error' && message.ruleId !== 'ja-no-mixed-period',
    );
    expect(brief(notation)).toEqual([
      '01.md:3:6 ruby-unclosed',
      '01.md:5:1 bouten-unclosed',
      '01.md:7:4 emphasis-unclosed',
    ]);
    expect(notation[0]!.message).toContain('ルビが閉じていません');
    expect(notation[0]!.hint).toContain('\\《');
  });

  it('leaves dialogue out of the narrator’s style unless book.yaml asks for it', async () => {
    const chapter = [
      '　朝だ。彼が向かうのは駅である。空は青い色だ。風は冷たいものだ。',
      '',
      '「おはようございます。今日は晴れですね」と駅員が言った。',
      '',
      '「ええ、そうですね」',
    ].join('\n');
    const narration = await makeManuscript({ 'book.yaml': 'title: 地の文\n', '01.md': chapter });
    expect(brief((await lint(narration)).messages)).toEqual([]);

    const both = await makeManuscript({
      'book.yaml': 'title: 会話も\nlint:\n  rules:\n    no-mix-dearu-desumasu:\n      dialogue: true\n',
      '01.md': chapter,
    });
    const messages = (await lint(both)).messages.filter((message) => message.ruleId === 'no-mix-dearu-desumasu');
    // Counted with the speech, the narration's である is now the odd one out.
    expect(messages.map((message) => message.message)).toEqual(['本文: "である"調 と "ですます"調 が混在']);
  });

  it('takes severities, options and off from book.yaml', async () => {
    const root = await makeManuscript({
      'book.yaml': [
        'title: 設定',
        'lint:',
        '  rules:',
        '    sentence-length: { severity: error, options: { max: 10 } }',
        '    no-doubled-joshi: off',
        '    ja-no-mixed-period: false',
      ].join('\n'),
      '01.md': '　僕が彼女が好きだと知ったのは十二月のことだった\n',
    });
    const report = await lint(root);
    expect(report.messages.map((message) => [message.ruleId, message.severity, message.line])).toEqual([
      ['sentence-length', 'error', 1],
    ]);
  });

  it('checks the file’s own characters: decomposed kana and control characters, at their place in the file', async () => {
    // CRLF line ends, a decomposed が and a BEL: the build normalises all three, the lint points at each.
    const root = await makeManuscript({
      'book.yaml': 'title: 文字\n',
      '01.md': '# 見出し\r\n\r\n　{漢字|かんじ}か\u3099好き\u0007だ。庭が見れる。\r\n',
    });
    const report = await lint(root);
    expect(brief(report.messages)).toEqual([
      '01.md:3:10 no-nfd',
      '01.md:3:14 no-invalid-control-character',
      '01.md:3:20 no-dropping-the-ra',
    ]);
    expect(report.messages.map((message) => message.severity)).toEqual(['error', 'error', 'warning']);
  });

  it('checks ruby readings on their own', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: ルビ\n',
      '01.md': [
        '　{剣|エクスカリバー}を抜いた。',
        '',
        '　{漢字|漢字}を書いた。',
        '',
        '　{剣|けんはこのようにしてぬかれるのであった}。',
        '',
        '　{言葉|こと、ば}を選んだ。',
      ].join('\n'),
    });
    const report = await lint(root);
    const file = join(root, '01.md');
    const place = async (needle: string, offset = 0) => {
      const { line, column } = await placeOf(file, needle);
      return `01.md:${line}:${column + offset} ruby-reading`;
    };
    // The reading the same as its base, the one far too long, and the comma in the last.
    expect(brief(report.messages)).toEqual([await place('漢字}'), await place('けんは'), await place('、ば')]);
  });

  it('reports a broken prh.yml and an unknown rule name with their places', async () => {
    const badPrh = await makeManuscript({
      'book.yaml': 'title: 辞書\n',
      'prh.yml': 'version: 1\nrules:\n  - expected: [\n',
      '01.md': '本文。\n',
    });
    const error = await lint(badPrh).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildError);
    expect(error).toMatchObject({ file: join(badPrh, 'prh.yml'), ruleId: 'lint-prh-invalid' });

    const typo = await makeManuscript({
      'book.yaml': 'title: 綴り\nlint:\n  rules:\n    no-doubled-josi: off\n',
      '01.md': '本文。\n',
    });
    await expect(lint(typo)).rejects.toMatchObject({
      message: 'unknown key "lint.rules.no-doubled-josi" (did you mean "no-doubled-joshi"?)',
      line: 4,
    });
    const key = await makeManuscript({
      'book.yaml': 'title: 綴り\nlint:\n  rules:\n    prh:\n      severty: error\n',
      '01.md': '本文。\n',
    });
    await expect(lint(key)).rejects.toMatchObject({
      message: 'unknown key "lint.rules.prh.severty" (did you mean "severity"?)',
      line: 5,
    });
  });
});
