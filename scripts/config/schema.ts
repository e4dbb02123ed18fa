/**
 * The book metadata schema (`book.yaml`, or the front matter of a one-file book).
 *
 * The TypeScript types are derived from the schema: `BookInput` is what an author writes,
 * `BookConfig` is what the build sees after defaults are filled in.
 */
import * as v from 'valibot';
import { MAX_PRICE, readCCode, readIsbn, type Reading } from './book-codes.ts';
import { sectionProblems, type DestinationProblem } from './destination-rules.ts';
import { PAGE_FORMATS, readLength, type PageFormatName } from './formats.ts';
import { findPaper, paperNames } from './papers.ts';
import { PROFILES, type Profile } from './profiles.ts';

export { PROFILES, type Profile } from './profiles.ts';
export { PAGE_FORMATS, type PageFormatName } from './formats.ts';

const text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
const textList = v.union([text, v.array(text)], 'must be a text or a list of texts');
/** A code written with or without quotes: YAML reads `9784101010014` as a number. */
const textOrDigits = v.union(
  [text, v.pipe(v.number(), v.integer(), v.minValue(0), v.transform(String))],
  'must be a text such as 978-4-10-101001-4 or C0093',
);

/** A code `read` accepts (an ISBN, a Cコード), with its problem worded by `message` when it does not. */
const bookCode = (read: (text: string) => Reading<unknown>, message: (problem: string | undefined) => string) =>
  v.pipe(
    textOrDigits,
    v.check(
      (value) => 'value' in read(value),
      (issue) => {
        const reading = read(String(issue.input));
        return message('problem' in reading ? reading.problem : undefined);
      },
    ),
  );

const millimetres = (min: number, max: number) =>
  v.pipe(v.number('must be a number of millimetres'), v.minValue(min), v.maxValue(max));
/** A length in millimetres, or written with its unit (`5in`, `127mm`) as KDP gives its sizes in inches. */
const length = (min: number, max: number) =>
  v.pipe(
    v.union(
      [
        v.number(),
        v.pipe(
          v.string(),
          v.check((text) => readLength(text) !== undefined),
          v.transform((text) => readLength(text)!),
        ),
      ],
      'must be millimetres (a number) or a length with its unit, such as 5in or 127mm',
    ),
    v.minValue(min, `must be at least ${min} mm`),
    v.maxValue(max, `must be at most ${max} mm`),
  );
const count = (min: number, max: number) =>
  v.pipe(v.number('must be a whole number'), v.integer('must be a whole number'), v.minValue(min), v.maxValue(max));

/** How Markdown is read: the Japanese typesetting conventions that differ between tools. */
export const MarkdownSchema = v.strictObject({
  /** `join`: a line break inside a paragraph disappears; `br`: it stays a line break (でんでん). */
  lineBreaks: v.optional(v.picklist(['join', 'br']), 'join'),
  /** Every line is a paragraph, as in 青空文庫 texts and many web novels. */
  paragraphPerLine: v.optional(v.boolean(), false),
  /** Runs of up to this many half-width digits are set upright (縦中横); 0 turns it off. */
  autoTcy: v.optional(count(0, 4), 2),
  /** `!!` `!?` `?!` `??` next to Japanese text are set upright. */
  tcyPunctuation: v.optional(v.boolean(), true),
  /** How `***` / `---` is shown: a blank line or a centred mark. */
  sceneBreak: v.optional(v.picklist(['blank', 'mark']), 'mark'),
  /** The mark used when `sceneBreak` is `mark`. */
  sceneBreakMark: v.optional(text, '＊'),
  /** Paragraphs opening with 「『（ : `flush` (天付き) or `indent` (one character in). */
  bracketIndent: v.optional(v.picklist(['flush', 'indent']), 'flush'),
});

/** The printed cover (`npm run build:cover`): the paper that sets the spine width, and the spine's text. */
const CoverSchema = v.strictObject({
  /** Interior paper, a name from scripts/config/papers.ts; by default the profile's first. */
  paper: v.optional(
    v.pipe(
      text,
      v.check(
        (name) => findPaper(name) !== undefined,
        (issue) => `unknown paper "${String(issue.input)}"; known papers: ${paperNames().join(', ')}`,
      ),
    ),
  ),
  /** Millimetres the shop adds to the interior's thickness (the cover board, glue). */
  spineAllowance: v.optional(millimetres(0, 20), 0),
  /** `true`: title, author and publisher on the spine; `false`: nothing; a text: that title instead. */
  spineText: v.optional(v.union([v.boolean(), text], 'must be true, false or a title'), true),
});

/** How the print PDF is coloured: one colour (K only) or as laid out. */
export type PrintColor = 'mono' | 'color';

/** Print (PDF) settings, given once for every destination. */
const PrintBaseSchema = v.strictObject({
  /** A named format or a custom size in millimetres. */
  format: v.optional(
    v.union([
      v.picklist(Object.keys(PAGE_FORMATS) as PageFormatName[]),
      v.strictObject({ width: length(50, 600), height: length(50, 600) }),
    ]),
    'bunko',
  ),
  /** Body type size in points. */
  fontSize: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(24))),
  /** Characters per line (字詰め). */
  charsPerLine: v.optional(count(5, 120)),
  /** Lines per page (行数) in each column. */
  linesPerPage: v.optional(count(3, 80)),
  /** Line pitch (行送り) as a multiple of the type size. */
  lineHeight: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(3))),
  /** Columns per page (段組); B5 defaults to 2, other formats to 1. */
  columns: v.optional(count(1, 2)),
  /** Space between columns, in characters. */
  columnGap: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10)), 2),
  /** Extra width of the gutter (ノド) over the fore-edge (小口) margin, in millimetres. */
  gutter: v.optional(millimetres(-30, 60), 3),
  /** `screen`, `print-shop` (3 mm bleed, crop marks) or `kdp` (0.125 in bleed, no marks). */
  profile: v.optional(v.picklist(PROFILES), 'screen'),
  /** Bleed (塗り足し) for the print-shop profile, in millimetres (3 is usual; some shops ask for 5). */
  bleed: v.optional(millimetres(0, 10), 3),
  /** `mono`: one colour, everything DeviceGray (K only); `color`: as laid out. Default: mono for print-shop and kdp. */
  color: v.optional(v.picklist(['mono', 'color'])),
  /** `x1a`: PDF/X-1a:2001 (default for print-shop in mono); `none`: a plain PDF. Applies to print-shop. */
  pdfx: v.optional(v.picklist(['x1a', 'none'])),
  /** Crop marks (トンボ) in the print-shop profile; some shops want none. */
  marks: v.optional(v.boolean(), true),
  /** Where a chapter starts: on the next page, or on the next recto (odd) page. */
  chapterStart: v.optional(v.picklist(['page', 'recto']), 'page'),
  /**
   * A small page number near the gutter on pages that show no folio (隠しノンブル): `gutter-foot`
   * (also `true`: 5 pt digits by the gutter near the foot) or `gutter-middle` (5 pt digits set
   * vertically at the ノド, halfway down).
   */
  hiddenFolio: v.optional(v.union([v.boolean(), v.picklist(['gutter-foot', 'gutter-middle'])]), false),
  /** Running heads (柱): book title on even pages and chapter title on odd pages (`both`), one of them, or none. */
  runningHead: v.optional(v.picklist(['both', 'chapter', 'book', 'none']), 'both'),
  /** Add blank pages before the 奥付 so the page count is a multiple of 2, 4, 8 or 16 (折 of a print shop). */
  padTo: v.optional(v.union([v.literal(2), v.literal(4), v.literal(8), v.literal(16)], 'must be 2, 4, 8 or 16')),
  /** Replaced by `padTo`; kept in the schema only to say so. */
  padToMultipleOf4: v.optional(
    v.custom<never>(() => false, 'was replaced by padTo: write "padTo: 4" instead (padTo also takes 2, 8 or 16)'),
  ),
  /** Body font: a font file in the manuscript folder or an installed family name. */
  bodyFont: v.optional(text),
  /** Heading font: a font file in the manuscript folder or an installed family name. */
  headingFont: v.optional(text),
  /** Page numbers in the 目次: `arabic` (縦中横 in a vertical book) or `kanji` (一〇二). */
  tocNumerals: v.optional(v.picklist(['arabic', 'kanji']), 'arabic'),
  /** ぶら下げ: 、。，． that would be pushed to the next line hang past the end of the line instead. */
  hanging: v.optional(v.boolean(), true),
  /** The printed cover; `npm run build` makes it when this is present. */
  cover: v.optional(CoverSchema),
});

// ---- destinations: print settings given once above, changed per destination below ----

/** ISBN (13 digits, or 10), with or without hyphens. */
const IsbnSchema = bookCode(readIsbn, (problem) => (problem ? `not an ISBN: ${problem}` : 'not an ISBN'));

/** Settings every destination shares: the destination itself, and the fonts (read once, when the book loads). */
const SHARED_ONLY = ['profile', 'bodyFont', 'headingFont', 'padToMultipleOf4', 'cover'] as const;
type PrintEntries = typeof PrintBaseSchema.entries;
type Overridable = Exclude<keyof PrintEntries, (typeof SHARED_ONLY)[number]>;

/** Schemas without their defaults: a destination's section holds only what it changes. */
function withoutDefaults<E extends Record<string, v.OptionalSchema<v.GenericSchema, unknown>>, K extends keyof E>(
  entries: E,
  keys: readonly K[],
) {
  return Object.fromEntries(keys.map((key) => [key, v.optional(entries[key]!.wrapped)])) as {
    [P in K]: v.OptionalSchema<E[P]['wrapped'], undefined>;
  };
}

const OVERRIDABLE = Object.keys(PrintBaseSchema.entries).filter(
  (key) => !(SHARED_ONLY as readonly string[]).includes(key),
) as Overridable[];

/** A problem in a destination's section as a schema issue at the key it names. */
function issueAt(problem: DestinationProblem, section: Record<string, unknown>): v.RawCheckIssueInfo<unknown> {
  let input = section;
  const path = problem.keys.map((key) => {
    const item = { type: 'object', origin: 'value', input, key, value: input[key] } as const;
    input = (input[key] ?? {}) as Record<string, unknown>;
    return item;
  });
  return {
    message: problem.hint ? `${problem.message}; ${problem.hint}` : problem.message,
    path: path as [v.IssuePathItem, ...v.IssuePathItem[]],
  };
}

/**
 * One destination's section (`print.kdp: …`): any print setting but the shared ones, the cover's
 * settings, and what differs between printed editions (their ISBN, price and printer; `null`
 * clears one for this edition). A value the destination refuses is an error at its line.
 */
function destinationSchema(profile: Profile) {
  return v.pipe(
    v.strictObject({
      ...withoutDefaults(PrintBaseSchema.entries, OVERRIDABLE),
      /** The printed cover of this edition: its paper, spine allowance and spine text. */
      cover: v.optional(v.strictObject(withoutDefaults(CoverSchema.entries, ['paper', 'spineAllowance', 'spineText']))),
      /** This edition's ISBN (each printed edition has its own); `null`: none. */
      isbn: v.optional(v.nullable(IsbnSchema)),
      /** This edition's 本体価格 in yen; `null`: none. */
      price: v.optional(v.nullable(count(0, MAX_PRICE))),
      /** This edition's printer and binder (印刷・製本); `null`: none. */
      printer: v.optional(v.nullable(text)),
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const section = dataset.value as Record<string, unknown>;
      for (const problem of sectionProblems(profile, dataset.value)) addIssue(issueAt(problem, section));
    }),
  );
}

/** Print settings: the shared ones, and a section per destination for what differs there. */
const PrintSchema = v.strictObject({
  ...PrintBaseSchema.entries,
  /** The screen PDF's own settings. */
  screen: v.optional(destinationSchema('screen')),
  /** The print shop's (印刷所) edition's own settings. */
  'print-shop': v.optional(destinationSchema('print-shop')),
  /** The Amazon KDP paperback's own settings (its trim, bleed, paper, ISBN …). */
  kdp: v.optional(destinationSchema('kdp')),
});
// ---- end of destinations ----

/** The proofreading rules `npm run lint` knows, by the names textlint users know them (scripts/lint/rule-set.ts says what each does). */
export const LINT_RULE_IDS = [
  'no-unmatched-pair',
  'ja-no-mixed-period',
  'no-invalid-control-character',
  'no-nfd',
  'no-doubled-joshi',
  'no-dropping-the-ra',
  'ja-no-redundant-expression',
  'sentence-length',
  'no-mix-dearu-desumasu',
  'no-hankaku-kana',
  'prh',
  'ruby-reading',
] as const;
/** One of LINT_RULE_IDS. */
export type LintRuleId = (typeof LINT_RULE_IDS)[number];

const lintSeverity = v.picklist(['error', 'warning', 'off']);
/** A rule's setting: a severity, on/off, or a mapping with the severity, whether it reads dialogue, and its options. */
const LintRuleSetting = v.union(
  [
    lintSeverity,
    v.boolean(),
    v.strictObject({
      severity: v.optional(lintSeverity),
      /** false: the rule judges narration only; text in 「」 is left out. */
      dialogue: v.optional(v.boolean()),
      /** Options handed to the textlint rule as they are. */
      options: v.optional(v.record(v.string(), v.unknown(), 'must be a mapping of option names to values')),
    }),
  ],
  'must be error, warning, off, true, false, or a mapping with severity, dialogue and options',
);

/** Proofreading (`npm run lint`): which rules run and how. */
const LintSchema = v.strictObject({
  /** Each rule by name: `error`, `warning`, `off`, or `{ severity, dialogue, options }`. */
  rules: v.optional(
    v.strictObject(
      Object.fromEntries(LINT_RULE_IDS.map((id) => [id, v.optional(LintRuleSetting)])) as Record<
        LintRuleId,
        v.OptionalSchema<typeof LintRuleSetting, undefined>
      >,
    ),
    {},
  ),
  /** The spelling dictionary (prh) in the manuscript folder; `prh.yml` there is used when present. */
  prh: v.optional(text),
});

/** The whole book metadata file. */
export const BookSchema = v.strictObject({
  /** 書名, on the 扉, the cover, the 奥付 and in the stores' lists. */
  title: text,
  /** 副題, under the title on the 扉. */
  subtitle: v.optional(text),
  /** Reading of the title in kana, for sorting (the EPUB's katakana file-as). */
  titleReading: v.optional(text),
  /** 著者; a list for several authors. */
  author: v.optional(textList),
  /** Translator (訳者), shown on the title page and in the colophon. */
  translator: v.optional(textList),
  /** Editor (編者), shown on the title page and in the colophon. */
  editor: v.optional(textList),
  /** Reading of each author's name in kana, for sorting (file-as); a list for several authors. */
  authorReading: v.optional(textList),
  /** 発行者 or 発行所, in the 奥付 and on the spine. */
  publisher: v.optional(text),
  /** Reading of the publisher's name in kana, for sorting (file-as). */
  publisherReading: v.optional(text),
  /** The book's language, a language tag. */
  lang: v.optional(
    v.pipe(text, v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as ja')),
    'ja',
  ),
  /**
   * The e-book's identifier for good: its ISBN, or a URN such as `urn:uuid:…`. Without it the
   * EPUB gets one derived from the file name, and the build warns (scripts/epub/identifier.ts).
   */
  identifier: v.optional(text),
  /** Publication date, `YYYY-MM-DD`; the 奥付 prints it in kanji (二〇二六年十一月二十三日). */
  date: v.optional(v.pipe(text, v.isoDate('must be a date written YYYY-MM-DD'))),
  /** 紹介文: the stores show it, and the printed cover's back (表4) carries it. */
  description: v.optional(text),
  /** 分類: subjects or genres, for the stores. */
  subject: v.optional(textList),
  /** 権利表記, such as ©2026 著者名. */
  rights: v.optional(text),
  /** Edition line for the colophon (奥付), e.g. 初版第一刷発行; `発行` when absent. */
  edition: v.optional(text),
  /** ISBN (13 digits, or 10), with or without hyphens; the printed cover carries it as a 書籍JANコード. */
  isbn: v.optional(IsbnSchema),
  /** Cコード (分類コード), e.g. C0093: with `price`, the lower bar of the 書籍JANコード. */
  cCode: v.optional(bookCode(readCCode, (problem) => problem ?? 'not a Cコード')),
  /** 本体価格 (price before tax) in yen, for the 書籍JANコード and the 日本図書コード. */
  price: v.optional(count(0, MAX_PRICE)),
  /** Printer and binder (印刷・製本), for the printed book's 奥付. */
  printer: v.optional(text),
  /** Cover image in the manuscript folder (JPEG or PNG); a cover is generated when absent. */
  cover: v.optional(text),
  /**
   * 口絵: colour plates before the 扉, images in the manuscript folder (one or a list), each a page
   * to the paper's edges. The PDF build writes them as a colour PDF of their own (docs/pictures.md).
   */
  frontispiece: v.optional(textList),
  /** Output file name without extension; the manuscript folder's (or file's) name when absent. */
  filename: v.optional(
    v.pipe(
      text,
      // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
      v.regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'must be a plain file name, without folders or / \\ : * ? " < > |'),
    ),
  ),
  /** 縦書き (`vertical`) or 横書き (`horizontal`). */
  writingMode: v.optional(v.picklist(['vertical', 'horizontal']), 'vertical'),
  /**
   * Headings that start a chapter (one EPUB content document, a new page in print): `#` (1) by
   * default, down to `######`; `none` makes each file one chapter, whatever its headings.
   */
  chapterLevel: v.optional(
    v.union([count(1, 6), v.literal('none')], 'must be a heading level from 1 to 6, or none'),
    1,
  ),
  /** Chapter files in reading order; all `.md` files sorted by name when absent. */
  chapters: v.optional(v.array(text)),
  /** The heading of the table of contents. */
  tocTitle: v.optional(text, '目次'),
  /** Heading levels listed in the table of contents. */
  tocDepth: v.optional(count(1, 3), 2),
  /** How the Markdown is read (docs/syntax.md, "Settings"). */
  markdown: v.optional(MarkdownSchema, {}),
  /** The print PDF: page size, 版面, profile, and the printed cover. */
  print: v.optional(PrintSchema, {}),
  /** Proofreading (`npm run lint`, docs/proofreading.md). */
  lint: v.optional(LintSchema, {}),
});

/** What an author writes in `book.yaml`. */
export type BookInput = v.InferInput<typeof BookSchema>;
/** The metadata after validation, with every default filled in. */
export type BookConfig = v.InferOutput<typeof BookSchema>;
/** Markdown reading options after defaults. */
export type MarkdownOptions = v.InferOutput<typeof MarkdownSchema>;
/** Print options after defaults. */
export type PrintOptions = v.InferOutput<typeof PrintSchema>;
/** One destination's section of print options, as validated (only what it changes). */
export type DestinationOptions = v.InferOutput<ReturnType<typeof destinationSchema>>;
/** One rule's setting as written. */
export type LintRuleSettingValue = v.InferOutput<typeof LintRuleSetting>;
