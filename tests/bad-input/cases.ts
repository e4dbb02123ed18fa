/**
 * Bad and hostile manuscripts, each with the exit code and messages the command must give.
 * `{root}` in a pattern stands for the manuscript folder. Files are written fresh for each run;
 * symbolic links and large files are made by `prepare`.
 */
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';

/** One bad-input case. */
export interface BadInputCase {
  name: string;
  target?: 'epub' | 'pdf' | 'cover';
  files: Record<string, string | Uint8Array>;
  /** Extra work on the manuscript folder before the build (links, generated files). */
  prepare?: (root: string) => Promise<void>;
  /** Arguments after --manuscript/--out-dir; `{root}` is replaced. */
  args?: string[];
  /** Build `{root}/<file>` instead of the folder. */
  manuscriptFile?: string;
  code: number;
  /** Each must match a line of stderr (after `{root}` is replaced). */
  messages: string[];
  /** Lines of stderr that must not appear. */
  absent?: string[];
}

const yaml = 'title: 試験の本\n';
/** Metadata the stores want besides a title, so that a case's warnings are its own. */
const storeReady = `${yaml}titleReading: しけんのほん\nidentifier: urn:uuid:7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f\n`;
const chapter = '# 第一章\n\n本文です。\n';

/** Every case of the suite. */
export const cases: BadInputCase[] = [
  {
    name: 'invalid YAML',
    files: { 'book.yaml': 'title: 本\nauthor: [宮沢賢治\n', 'a.md': chapter },
    code: 1,
    // The list that is never closed opens at line 2, column 9; the parser gives up on line 3.
    messages: ['{root}/book.yaml:2:9: error: invalid YAML: '],
  },
  {
    name: 'chapter level that is no heading level',
    files: { 'book.yaml': 'title: 本\nchapterLevel: chapter\n', 'a.md': chapter },
    code: 1,
    messages: ['{root}/book.yaml:2:15: error: key "chapterLevel": must be a heading level from 1 to 6, or none'],
  },
  {
    name: 'misspelt metadata key',
    files: { 'book.yaml': 'title: 本\nauther: 宮沢賢治\n', 'a.md': chapter },
    code: 1,
    messages: [
      '{root}/book.yaml:2:1: error: unknown key "auther" (did you mean "author"?)',
      '  hint: rename it to author; the keys known here: title, ',
    ],
  },
  {
    name: 'metadata value of the wrong type',
    files: { 'book.yaml': 'title: 本\nprint:\n  linesPerPage: many\n', 'a.md': chapter },
    code: 1,
    messages: ['{root}/book.yaml:3:17: error: key "print.linesPerPage": must be a whole number'],
  },
  {
    name: 'missing metadata file',
    files: { 'a.md': chapter },
    code: 1,
    messages: [
      '{root}: error: no book.yaml in the manuscript folder',
      '  hint: create book.yaml with at least `title: …`',
    ],
  },
  {
    name: 'empty manuscript',
    files: { 'book.yaml': yaml },
    code: 1,
    messages: ['{root}/book.yaml: error: the manuscript has no chapters'],
  },
  {
    name: 'listed chapter missing',
    files: { 'book.yaml': `${yaml}chapters:\n  - a.md\n  - b.md\n`, 'a.md': chapter },
    code: 1,
    messages: ['{root}/book.yaml:4:5: error: chapter file not found: b.md'],
  },
  {
    name: 'every listed chapter that is missing, the nearest file named',
    files: {
      'book.yaml': `${yaml}chapters:\n  - 01-umi.md\n  - 02-sora.md\n  - 03.md\n`,
      '01-umi.md': chapter,
      '02-sara.md': chapter,
    },
    code: 1,
    messages: [
      '{root}/book.yaml:4:5: error: chapter file not found: 02-sora.md (did you mean "02-sara.md"?)',
      '  hint: rename it to 02-sara.md in chapters:, or the file to 02-sora.md',
      '{root}/book.yaml:5:5: error: chapter file not found: 03.md',
      '  hint: the text files in the manuscript folder: ',
    ],
  },
  {
    name: 'chapter not UTF-8 (Shift_JIS)',
    files: { 'book.yaml': yaml, 'a.md': new Uint8Array([0x23, 0x20, 0x31, 0x0a, 0x0a, 0x82, 0xa0, 0x82, 0xa2, 0x0a]) },
    code: 1,
    messages: [
      '{root}/a.md:3:1: error: file is not valid UTF-8 text (文字コードが UTF-8 ではありません)',
      '  hint: save it as UTF-8; a Shift_JIS file can be converted with `iconv -f SHIFT_JIS -t UTF-8`',
    ],
  },
  {
    name: 'control characters',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n本\u0007文\u001bです。\n' },
    code: 0,
    messages: [
      '{root}/a.md:3:2: warning: removed 2 control characters (U+0007 first) that cannot appear in a book',
      '  hint: delete them from the file (npm run lint shows each one',
    ],
  },
  {
    name: 'unclosed ruby',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n{漢字|かんじ が閉じていない。\n' },
    code: 1,
    messages: [
      '{root}/a.md:3:1: error: ruby is not closed: `{` without `}` on the same line (ルビが閉じていません)',
      '  hint: close the reading on the same line: {漢字|かんじ} or ｜漢字《かんじ》; ',
    ],
  },
  {
    // The new author's slip: the 》 forgotten. It used to build, with the marks in the book.
    name: 'unclosed ruby reading (｜…《 without 》)',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n本文です。｜灯台守《とうだいもり\n' },
    code: 1,
    messages: ['{root}/a.md:3:6: error: ruby reading is not closed: `《` without `》` on the same line'],
  },
  {
    name: 'unclosed ruby reading without a bar (漢字《…)',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n灯台守《とうだいもり、と読む。\n' },
    code: 1,
    messages: ['{root}/a.md:3:4: error: ruby reading is not closed: `《` without `》` on the same line'],
  },
  {
    name: 'empty ruby reading',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n｜漢字《》です。\n' },
    code: 1,
    messages: [
      '{root}/a.md:3:1: error: ruby reading is empty (ルビが空です)',
      '  hint: write the reading, or leave the ruby out',
    ],
  },
  {
    name: 'unclosed 傍点',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n《《傍点のつもり。\n' },
    code: 1,
    messages: [
      '{root}/a.md:3:1: error: 傍点 is not closed: `《《` without `》》` on the same line (傍点が閉じていません)',
    ],
  },
  {
    name: 'unclosed 青空文庫 range (傍点)',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n本文［＃傍点］強調のつもり。\n' },
    code: 1,
    messages: [
      '{root}/a.md:3:3: error: ［＃傍点］ is not closed by ［＃傍点終わり］ in the same paragraph; it was left out',
      '  hint: add the closing annotation',
    ],
  },
  {
    name: 'range end with no start',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n強調［＃傍点終わり］です。\n' },
    code: 1,
    messages: ['{root}/a.md:3:3: error: ［＃傍点終わり］ ends no range opened before it in the same paragraph'],
  },
  {
    name: 'unclosed 青空文庫 annotation bracket',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n［＃２字下げ本文です。\n' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: 青空文庫 annotation is not closed: `［＃` without `］` on the same line'],
  },
  {
    name: 'bold never closed (**)',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\nここは**大事なところ。\n' },
    code: 1,
    messages: [
      '{root}/a.md:3:4: error: `**` emphasises nothing: it has no partner in the paragraph, and would be printed',
      '  hint: close it with the same marks',
    ],
  },
  {
    name: 'footnote reference with no definition',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n本文[^1]です。\n' },
    code: 1,
    messages: ['{root}/a.md:3:3: error: footnote [^1] has no definition in this file, and would be printed as written'],
  },
  {
    name: 'image whose ) is missing',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n![灯台](images/lighthouse.png\n' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: image is not closed: `](` without its `)`, so the brackets would be printed'],
  },
  {
    name: 'HTML tag without its >',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n<span class="tcy"12</span>月\n' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: HTML tag <span is not finished, and would be printed as text'],
  },
  {
    name: 'HTML comment never closed (hides the rest)',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n前の段落。\n\n<!-- 後で直す\n\n後の段落。\n' },
    code: 1,
    messages: ['{root}/a.md:5:1: error: HTML comment is not closed: `<!--` without `-->` hides everything after it'],
  },
  {
    name: 'code block never closed',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n```\nコード\n\n本文のつもり。\n' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: code block opened with ``` is not closed'],
  },
  {
    name: 'directive that is not one, and a block never closed',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n::align-end[署名\n\n:::indent-2\n引用\n' },
    code: 1,
    messages: [
      '{root}/a.md:3:1: error: `::align-end[署名` is not a directive',
      '{root}/a.md:5:1: error: :::indent-2 is never closed by a line of `:::`',
    ],
  },
  {
    name: 'every notation mistake of every chapter in one run',
    files: {
      'book.yaml': yaml,
      '01.md': '# 一\n\n｜灯台守《とうだいもり\n\n《《傍点\n',
      '02.md': '# 二\n\n{海|うみ の話。\n\n![挿絵](images/none.png)\n',
    },
    code: 1,
    messages: [
      '{root}/01.md:3:1: error: ruby reading is not closed',
      '{root}/01.md:5:1: error: 傍点 is not closed',
      '{root}/02.md:3:1: error: ruby is not closed',
      '{root}/02.md:5:1: error: image not found: images/none.png',
    ],
  },
  {
    name: 'the marks escaped on purpose build',
    files: {
      'book.yaml': storeReady,
      'a.md': '# 章\n\n\\｜灯台守\\《とうだいもり、\\{海|うみ、\\*\\*伏字、\\[^1]、\\［＃と書く。\n',
    },
    code: 0,
    messages: [],
    absent: ['error', 'warning'],
  },
  {
    name: 'unknown 青空文庫 annotation',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n本文［＃ここで謎の指定］です。\n' },
    code: 0,
    messages: [
      '{root}/a.md:3:3: warning: unsupported 青空文庫 annotation ［＃ここで謎の指定］ was left out (未対応の注記)',
    ],
  },
  {
    name: 'missing image',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n![挿絵](images/none.png)\n' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: image not found: images/none.png'],
  },
  {
    name: 'image that is not an image',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n![挿絵](fake.png)\n', 'fake.png': 'これは画像ではない' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: "fake.png" is not an image (画像ファイルではありません)'],
  },
  {
    name: 'image that is another format than its name',
    files: {
      'book.yaml': yaml,
      'a.md': '# 章\n\n![挿絵](photo.jpg)\n',
      'photo.jpg': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    },
    code: 1,
    messages: [
      '{root}/a.md:3:1: error: image "photo.jpg" is really PNG, not what its name says',
      '  hint: rename the file to match its format',
    ],
  },
  {
    name: 'image outside the manuscript (../)',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n![x](../../etc/passwd)\n' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: "../../etc/passwd" is outside the manuscript folder'],
  },
  {
    name: 'image by absolute path',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n![x](/etc/passwd)\n' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: "/etc/passwd" is outside the manuscript folder'],
  },
  {
    name: 'image through a symbolic link leading out',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n![x](images/link.png)\n' },
    prepare: async (root) => {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(join(root, 'images'));
      await symlink('/etc/hostname', join(root, 'images/link.png'));
    },
    code: 1,
    messages: ['{root}/a.md:3:1: error: "images/link.png" is a link to a file outside the manuscript folder'],
  },
  {
    name: 'remote image',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n![x](https://example.com/a.png)\n' },
    code: 1,
    messages: [
      '{root}/a.md:3:1: error: image "https://example.com/a.png" is not a file in the manuscript: builds never fetch from the network',
    ],
  },
  {
    name: 'remote image in raw HTML, also for the PDF',
    target: 'pdf',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n<img src="http://example.com/a.png" alt="x">\n' },
    code: 1,
    messages: ['{root}/a.md:3:1: error: image "http://example.com/a.png" is not a file in the manuscript'],
  },
  {
    name: 'script and event handlers in raw HTML',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n<p onclick="x()">本文</p>\n\n<script>alert(1)</script>\n' },
    code: 0,
    messages: [
      '{root}/a.md:3:1: warning: removed the attribute onclick from <p>',
      '{root}/a.md:5:1: warning: removed <script> and its content',
    ],
  },
  {
    name: 'duplicate id',
    files: { 'book.yaml': yaml, 'a.md': '# 章\n\n<span id="x">一</span><span id="x">二</span>\n' },
    code: 0,
    messages: ['{root}/a.md:3:22: warning: duplicate id "x": renamed to keep ids unique in the book'],
  },
  {
    name: '--strict turns warnings into errors',
    files: { 'book.yaml': storeReady, 'a.md': '# 章\n\n本文［＃ここで謎の指定］です。\n' },
    args: ['--strict'],
    code: 1,
    messages: [
      '{root}/a.md:3:3: warning: unsupported 青空文庫 annotation ［＃ここで謎の指定］ was left out (未対応の注記)',
      'error: 1 warning(s) and --strict is on; nothing was written',
    ],
  },
  {
    // The three slips, reported in one run rather than one a run.
    name: 'every front matter mistake in one run',
    files: { 'novel.md': '---\ntitle: 本\nautor: 私\nprint:\n  fromat: a5\n  fontSize: big\n---\n\n# 題\n\n本文。\n' },
    manuscriptFile: 'novel.md',
    code: 1,
    messages: [
      '{root}/novel.md:3:1: error: unknown key "autor" (did you mean "author"?)',
      '{root}/novel.md:5:3: error: unknown key "print.fromat" (did you mean "format"?)',
      '{root}/novel.md:6:13: error: key "print.fontSize": ',
    ],
  },
  {
    name: 'one-file book without front matter',
    files: { 'novel.md': '# 題\n\n本文\n' },
    manuscriptFile: 'novel.md',
    code: 1,
    messages: ['{root}/novel.md:1:1: error: a one-file book needs YAML front matter with at least a title'],
  },
  {
    name: 'unknown option',
    files: { 'book.yaml': yaml, 'a.md': chapter },
    args: ['--frobnicate'],
    code: 2,
    messages: [
      "error: Unknown option '--frobnicate'",
      'usage: npm run build:epub -- [--manuscript PATH] [--out-dir DIR]',
    ],
  },
  {
    name: 'wrong profile',
    target: 'pdf',
    files: { 'book.yaml': yaml, 'a.md': chapter },
    args: ['--profile', 'glossy'],
    code: 2,
    messages: ['error: unknown profile "glossy": use screen, print-shop, kdp'],
  },
  {
    name: 'cover: an ISBN with a wrong check digit',
    target: 'cover',
    files: { 'book.yaml': `${yaml}isbn: 978-4-10-101001-5\n`, 'a.md': chapter },
    code: 1,
    messages: ['{root}/book.yaml:2:7: error: key "isbn": not an ISBN: wrong check digit 5: 978410101001 needs 4'],
  },
  {
    name: 'cover: an unknown paper',
    target: 'cover',
    files: { 'book.yaml': `${yaml}print:\n  cover:\n    paper: 上質65kg\n`, 'a.md': chapter },
    code: 1,
    messages: [
      '{root}/book.yaml:4:12: error: key "print.cover.paper": unknown paper "上質65kg"; known papers: 上質70kg, ',
    ],
  },
  {
    // Caught before the interior is laid out for its page count (no --pages: no browser starts).
    name: 'cover: a Cコード without a price',
    target: 'cover',
    files: { 'book.yaml': `${yaml}isbn: 9784101010014\ncCode: C0093\n`, 'a.md': chapter },
    code: 1,
    messages: ['{root}/book.yaml:3:8: error: "cCode" needs "price": the 書籍JANコード\'s lower bar holds both'],
    absent: ['laying out'],
  },
  {
    name: 'cover: a KDP paper for a print shop',
    target: 'cover',
    files: { 'book.yaml': `${yaml}print:\n  print-shop:\n    cover:\n      paper: kdp-cream\n`, 'a.md': chapter },
    args: ['--profile', 'print-shop', '--pages', '100'],
    code: 1,
    messages: [
      `{root}/book.yaml:5:14: error: key "print.print-shop.cover.paper": paper "kdp-cream" is KDP's; this section is for a print shop; papers for print-shop: 上質70kg, 上質90kg, 上質110kg, 書籍用紙, 淡クリームキンマリ`,
    ],
  },
  {
    name: 'cover: the screen profile',
    target: 'cover',
    files: { 'book.yaml': yaml, 'a.md': chapter },
    args: ['--profile', 'screen'],
    code: 2,
    messages: ['error: unknown profile "screen": use print-shop, kdp'],
  },
  // ---- destinations (docs/destinations.md): each refused setting at its line, before any layout ----
  {
    name: 'KDP: a 文庫 trim shared by every destination',
    target: 'pdf',
    files: { 'book.yaml': `${yaml}print:\n  format: bunko\n`, 'a.md': chapter },
    args: ['--profile', 'print-shop,kdp'],
    code: 1,
    messages: [
      '{root}/book.yaml:3:11: error: the KDP edition: KDP does not print 文庫 (A6) 105 × 148 mm: a KDP paperback is 4–8.5 in wide',
      `  hint: give the KDP edition a size of its own under print: "kdp: { format: { width: 5.06in, height: 7.81in } }" (the other destinations keep print.format; a 青空文庫 .txt takes it from a book.yaml beside it)`,
    ],
    absent: ['laying out', 'building PDF'],
  },
  {
    name: "KDP: a trim under 6 in in KDP's own section",
    target: 'pdf',
    files: { 'book.yaml': `${yaml}print:\n  kdp:\n    format: { width: 4in, height: 5.5in }\n`, 'a.md': chapter },
    code: 1,
    messages: [
      '{root}/book.yaml:4:13: error: key "print.kdp.format": KDP does not print 101.6 × 139.7 mm (4 × 5.5 in)',
    ],
  },
  {
    name: 'KDP: a bleed KDP does not take',
    target: 'pdf',
    files: { 'book.yaml': `${yaml}print:\n  kdp:\n    bleed: 5\n`, 'a.md': chapter },
    code: 1,
    messages: ['{root}/book.yaml:4:12: error: key "print.kdp.bleed": KDP\'s bleed is 0.125 in (3.175 mm) or none'],
  },
  {
    name: 'a section for an unknown destination',
    target: 'pdf',
    files: { 'book.yaml': `${yaml}print:\n  kobo:\n    format: a5\n`, 'a.md': chapter },
    code: 1,
    messages: ['{root}/book.yaml:3:3: error: unknown key "print.kobo"'],
  },
  {
    name: "a print setting in the screen PDF's section",
    target: 'pdf',
    files: { 'book.yaml': `${yaml}print:\n  screen:\n    marks: true\n`, 'a.md': chapter },
    code: 1,
    messages: [
      '{root}/book.yaml:4:12: error: key "print.screen.marks": the screen PDF is not printed: marks does not apply to it',
    ],
  },
  {
    name: 'the old padToMultipleOf4 key',
    files: { 'book.yaml': 'title: 本\nprint:\n  padToMultipleOf4: true\n', 'a.md': chapter },
    code: 1,
    messages: [
      '{root}/book.yaml:3:21: error: key "print.padToMultipleOf4": was replaced by padTo: write "padTo: 4" instead (padTo also takes 2, 8 or 16)',
    ],
  },
  {
    name: 'a colour PDF/X-1a',
    target: 'pdf',
    files: { 'book.yaml': 'title: 本\nprint:\n  profile: print-shop\n  color: color\n  pdfx: x1a\n', 'a.md': chapter },
    code: 1,
    messages: ['{root}/book.yaml:5:9: error: PDF/X-1a allows no RGB colour'],
  },
];

/**
 * Hostile sizes: a build must finish them, and they take most of the suite's time, so they run as a
 * file of their own (large.test.ts), beside the others.
 */
export const largeCases: BadInputCase[] = [
  {
    name: 'a 5 MB single paragraph',
    files: { 'book.yaml': yaml, 'a.md': `# 章\n\n${'吾輩は猫である。名前はまだ無い。'.repeat(110_000)}\n` },
    code: 0,
    messages: [],
  },
  {
    name: 'a 300,000-character paragraph in print',
    target: 'pdf',
    files: { 'book.yaml': yaml, 'a.md': `# 章\n\n${'吾輩は猫である。名前はまだ無い。'.repeat(19_000)}\n` },
    code: 0,
    messages: [],
  },
  {
    name: 'a 10,000-item list',
    files: {
      'book.yaml': yaml,
      'a.md': `# 一覧\n\n${Array.from({ length: 10_000 }, (_, i) => `- 項目${i}\n`).join('')}`,
    },
    code: 0,
    messages: [],
  },
  {
    // Each open mark looked to the end of its line for its closing mark (a 30,000-mark line: minutes);
    // a look now answers for the marks after it (scripts/markdown/text/line-looks.ts). `《` after kana
    // is a bracket the author may leave open: no error on the first line.
    name: 'lines of 30,000 open notation marks each',
    files: {
      'book.yaml': yaml,
      'a.md': `# 章\n\n${'《あいう'.repeat(30_000)}\n\n${'※［＃'.repeat(30_000)}\n\n${'《《あ'.repeat(30_000)}\n`,
    },
    code: 1,
    messages: [
      '{root}/a.md:5:2: error: 青空文庫 annotation is not closed: `［＃` without `］` on the same line',
      '{root}/a.md:5:89999: error: 青空文庫 annotation is not closed: `［＃` without `］` on the same line',
      '{root}/a.md:7:1: error: 傍点 is not closed: `《《` without `》》` on the same line',
    ],
    absent: ['a.md:3:'],
  },
  {
    name: 'a 100-level nested list',
    target: 'pdf',
    files: {
      'book.yaml': yaml,
      'a.md': `# 入れ子\n\n${Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- 深さ${i}\n`).join('')}`,
    },
    code: 0,
    messages: [],
  },
];
