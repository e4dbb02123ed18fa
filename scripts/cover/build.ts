/**
 * The printed cover build: the paper and the page count give the spine width; the book's
 * metadata gives the front, the spine's text and the back. Checks that need more than one key
 * (a Cコード without a price, a KDP paper in a print shop) are made here, at the line of
 * book.yaml they concern.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Book } from '../book.ts';
import { priceBarcode, readCCode, readIsbn } from '../config/book-codes.ts';
import { defaultPaper, findPaper, paperNames, type Paper, type PaperProfile } from '../config/papers.ts';
import { PAGE_FORMATS } from '../config/schema.ts';
import { buildTimestamp } from '../config/timestamp.ts';
import { BuildError, type Warning } from '../errors.ts';
import { authorsOf } from '../layout/metadata-text.ts';
import { MARK_AREA } from '../pdf/press/crop-marks.ts';
import { designDefaultCover } from '../layout/cover-design.ts';
import type { BackCodes } from './back.ts';
import { composeCover, type ComposedCover, type CoverContent } from './compose.ts';
import type { Face } from './fonts.ts';
import { spreadGeometry, type SpreadGeometry } from './geometry.ts';
import { spineWidth, type Spine } from './spine.ts';

/** KDP's bleed: 0.125 in. */
const KDP_BLEED = 3.175;
/** Print shops' rule of thumb: under about 4 mm a spine cannot carry legible type. */
const SHOP_MIN_SPINE_TEXT = 4;
/** KDP allows spine text from 79 pages, with 0.0625 in clear on each side. */
const KDP_MIN_SPINE_PAGES = 79;
const KDP_SPINE_SIDE = 1.5875;
/** Below this a cover image prints visibly soft. */
const MIN_IMAGE_DPI = 350;

/** What the cover build needs besides the book. */
export interface CoverBuildOptions {
  profile: PaperProfile;
  /** Pages of the interior. */
  pages: number;
  created?: Date;
}

/** The cover and the facts the summary reports. */
export interface CoverResult {
  bytes: Uint8Array;
  geometry: SpreadGeometry;
  spine: Spine;
  paper: Paper;
  /** Said in the summary: why the spine has no text, and the like. */
  notices: string[];
  warnings: Warning[];
}

/**
 * Check what the cover needs from the metadata — the paper, the codes, the image — so that a
 * mistake stops the build before the interior is laid out for its page count.
 */
export async function checkCoverSettings(book: Book, profile: PaperProfile): Promise<void> {
  resolvePaper(book.config.print.cover?.paper, profile, book.manuscript.locate);
  bookCodes(book);
  coverImage(book);
}

/** Build the cover PDF of a book, in memory. */
export async function buildCover(book: Book, options: CoverBuildOptions): Promise<CoverResult> {
  const { config, manuscript } = book;
  const cover = config.print.cover;
  const paper = resolvePaper(cover?.paper, options.profile, manuscript.locate);
  const spine = spineWidth(options.pages, paper, cover?.spineAllowance ?? 0);
  const format = config.print.format;
  const trim = typeof format === 'string' ? PAGE_FORMATS[format] : format;
  const vertical = config.writingMode === 'vertical';
  const kdp = options.profile === 'kdp';
  const geometry = spreadGeometry({
    trim: { width: trim.width, height: trim.height },
    spine: spine.width,
    bleed: kdp ? KDP_BLEED : config.print.bleed,
    markArea: kdp ? 0 : MARK_AREA,
    vertical,
  });
  const notices: string[] = [];
  const warnings: Warning[] = [];
  const authors = authorsOf(config);
  const front = await frontContent(book, authors, trim.height / trim.width);
  const spineText = spineContent(book, spine, kdp, authors);
  const codes = bookCodes(book);
  if (codes && kdp) notices.push('no barcode drawn: KDP prints the ISBN barcode in the area kept free on the back');

  const faces = await coverFaces(book, warnings);
  const composed = await composeCover({
    geometry,
    marks: !kdp,
    front,
    spine: spineText,
    back: { codes, kdpArea: kdp, description: config.description, vertical },
    faces,
    metadata: { title: config.title, authors, lang: config.lang, created: options.created ?? buildTimestamp(config) },
  });

  if (!composed.spine.set) notices.push(`spine text left out: ${composed.spine.reason}`);
  warnings.push(...composedWarnings(book, composed, geometry));
  return { bytes: composed.bytes, geometry, spine, paper, notices, warnings };
}

/** The front: the book's cover image, or the default design with its title and authors. */
async function frontContent(book: Book, authors: string[], aspect: number): Promise<CoverContent['front']> {
  const { config } = book;
  const image = coverImage(book);
  if (image) return { image: { bytes: await readFile(image.path), type: image.type } };
  const vertical = config.writingMode === 'vertical';
  return { design: designDefaultCover({ title: config.title, subtitle: config.subtitle, authors, vertical }, aspect) };
}

/** The spine's text, or why it has none: turned off, too few pages for KDP, too thin for a shop. */
function spineContent(book: Book, spine: Spine, kdp: boolean, authors: string[]): CoverContent['spine'] {
  const { config } = book;
  const spineText = config.print.cover?.spineText ?? true;
  if (spineText === false) return { omitted: 'print.cover.spineText is false' };
  if (kdp && spine.pages < KDP_MIN_SPINE_PAGES)
    return { omitted: `KDP allows spine text from ${KDP_MIN_SPINE_PAGES} pages; the book has ${spine.pages}` };
  if (!kdp && spine.width < SHOP_MIN_SPINE_TEXT)
    return { omitted: `the spine is ${spine.width.toFixed(2)} mm, under ${SHOP_MIN_SPINE_TEXT} mm` };
  return {
    content: {
      title: typeof spineText === 'string' ? spineText : config.title,
      author: authors.length > 0 ? authors.join('・') : undefined,
      publisher: config.publisher,
    },
    rules: { sideMargin: kdp ? KDP_SPINE_SIDE : 0.6, endMargin: 12 },
  };
}

/** What composing found: a cover image printed too soft, a description too long, characters no font has. */
function composedWarnings(book: Book, composed: ComposedCover, geometry: SpreadGeometry): Warning[] {
  const { locate } = book.manuscript;
  const warnings: Warning[] = [];
  if (composed.imageResolution !== undefined && composed.imageResolution < MIN_IMAGE_DPI) {
    warnings.push({
      message: `the cover image prints at ${Math.round(composed.imageResolution)} dpi on the front (${geometry.frontBleed.width.toFixed(1)} × ${geometry.frontBleed.height.toFixed(1)} mm with bleed); print needs ${MIN_IMAGE_DPI} dpi or more`,
      ...locate(['cover']),
      hint: `use an image of at least ${Math.ceil((geometry.frontBleed.width / 25.4) * MIN_IMAGE_DPI)} × ${Math.ceil((geometry.frontBleed.height / 25.4) * MIN_IMAGE_DPI)} pixels`,
      ruleId: 'cover-image-resolution',
    });
  }
  if (composed.back.overflow) {
    warnings.push({
      message: `the description does not fit the back cover; left out: ${composed.back.overflow}`,
      ...locate(['description']),
      hint: 'shorten the description',
      ruleId: 'cover-description-overflow',
    });
  }
  if (composed.missingGlyphs.length > 0) {
    warnings.push({
      message: `the cover left out characters no font has: ${composed.missingGlyphs.join(' ')}`,
      file: book.manuscript.metadataFile,
      hint: 'write them another way in the title, author or description, or name a font that has them as print.headingFont / print.bodyFont (docs/fonts.md)',
      ruleId: 'cover-missing-glyph',
    });
  }
  return warnings;
}

/** The book's cover image, which the printed cover can use if it is a JPEG or a PNG. */
function coverImage(book: Book): { path: string; type: 'jpeg' | 'png' } | undefined {
  const { manuscript } = book;
  // Found and checked when the book loaded.
  const image = book.assets.cover;
  if (!image) return undefined;
  if (image.mediaType !== 'image/jpeg' && image.mediaType !== 'image/png') {
    throw new BuildError(`the printed cover needs a JPEG or PNG image, not ${extname(image.path)}`, {
      ...manuscript.locate(['cover']),
      ruleId: 'cover-image-type',
    });
  }
  return { path: image.path, type: image.mediaType === 'image/png' ? 'png' : 'jpeg' };
}

/** The paper named in the metadata (or the profile's default), which must be one the profile prints on. */
function resolvePaper(name: string | undefined, profile: PaperProfile, locate: Book['manuscript']['locate']): Paper {
  if (name === undefined) return defaultPaper(profile);
  const paper = findPaper(name);
  if (!paper || paper.profile !== profile) {
    throw new BuildError(
      paper
        ? `paper "${name}" is ${paper.profile === 'kdp' ? "KDP's" : "a print shop's"}, and this cover is for ${profile === 'kdp' ? 'KDP' : 'a print shop'}`
        : `unknown paper "${name}"`,
      {
        ...locate(['print', 'cover', 'paper']),
        hint: `papers for ${profile}: ${paperNames(profile).join(', ')} (add others in scripts/config/papers.ts)`,
        ruleId: 'cover-paper',
      },
    );
  }
  return paper;
}

/** The ISBN, Cコード and price as the back prints them; the schema has checked each alone. */
function bookCodes(book: Book): BackCodes | undefined {
  const { config, manuscript } = book;
  const { isbn, cCode, price } = config;
  if (!isbn) {
    const stray = cCode !== undefined ? 'cCode' : price !== undefined ? 'price' : undefined;
    if (stray)
      throw new BuildError(`"${stray}" is given without "isbn": the 書籍JANコード needs the ISBN`, {
        ...manuscript.locate([stray]),
        ruleId: 'cover-book-code',
      });
    return undefined;
  }
  const reading = readIsbn(isbn);
  if ('problem' in reading) throw new BuildError(reading.problem, { ...manuscript.locate(['isbn']) });
  if ((cCode === undefined) !== (price === undefined)) {
    const [given, missing] = cCode === undefined ? ['price', 'cCode'] : ['cCode', 'price'];
    throw new BuildError(`"${given}" needs "${missing}": the 書籍JANコード's lower bar holds both`, {
      ...manuscript.locate([given]),
      hint: 'give both (e.g. cCode: C0093 and price: 1500, the price before tax in yen), or neither',
      ruleId: 'cover-book-code',
    });
  }
  if (cCode === undefined || price === undefined) return { isbn: reading.value };
  const code = readCCode(cCode);
  if ('problem' in code) throw new BuildError(code.problem, { ...manuscript.locate(['cCode']) });
  return { isbn: reading.value, price: { digits: priceBarcode(code.value, price), cCode: code.value, yen: price } };
}

/**
 * The faces: the book's own heading and body font files where it names them, else the bundled
 * Noto. An installed family (a name, not a file) cannot be embedded from here; the cover then
 * uses the bundled face and says so.
 */
async function coverFaces(book: Book, warnings: Warning[]): Promise<CoverContent['faces']> {
  const { print } = book.config;
  const own = async (setting: string | undefined, key: 'headingFont' | 'bodyFont') => {
    if (!setting) return undefined;
    if (!/\.(otf|ttf|woff)$/i.test(setting)) {
      warnings.push({
        message: `print.${key} "${setting}" is not a font file; the cover is set in the bundled Noto font instead`,
        ...book.manuscript.locate(['print', key]),
        hint: 'name a font file (.otf, .ttf, .woff) in the manuscript folder to use it on the cover too',
        ruleId: 'cover-font',
      });
      return undefined;
    }
    // Found and read when the book loaded.
    return book.assets.fonts[key === 'bodyFont' ? 'body' : 'heading']?.bytes;
  };
  const heading = await own(print.headingFont, 'headingFont');
  const body = await own(print.bodyFont, 'bodyFont');
  const face = (family: Face['family'], weight: number, bytes?: Uint8Array): Face => ({ family, weight, own: bytes });
  return {
    heading: face('sans', 700, heading),
    headingLight: face('sans', 400, heading),
    body: face('serif', 400, body),
  };
}
