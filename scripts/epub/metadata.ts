/**
 * The package metadata of a book: what the OPF and the navigation documents show besides the
 * pages, with the warnings the metadata deserves (no identifier, no readings).
 */
import type { ElementContent } from 'hast';
import type { Book } from '../book.ts';
import type { Warning } from '../errors.ts';
import { buildTimestamp, w3cTimestamp } from '../config/timestamp.ts';
import { authorsOf } from '../layout/metadata-text.ts';
import type { CoverImage } from './cover-image.ts';
import { bookIdentifier } from './identifier.ts';
import type { PackageMetadata } from './package.ts';
import { coverAlt, type EpubLayout } from './pages.ts';
import { bookReadings } from './readings.ts';

/**
 * The claim the 電書協 guide's EPUB and the EPUB Accessibility 1.1 spec know: WCAG 2.1 AA is what
 * EN 301 549 (the European Accessibility Act's standard) asks of e-books.
 */
const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA';

/** Everything the package shows besides the pages, and the metadata's warnings. */
export function packageMetadata(
  book: Book,
  layout: EpubLayout,
  cover: CoverImage,
  imageCount: number,
): { metadata: PackageMetadata; warnings: Warning[] } {
  const { config, manuscript } = book;
  const locate = (keys: string[]) => manuscript.locate(keys);
  const { identifier, warning } = bookIdentifier({ ...manuscript, locate });
  const { readings, warnings } = bookReadings(config, locate);
  const vertical = config.writingMode === 'vertical';
  const metadata: PackageMetadata = {
    title: config.title,
    subtitle: config.subtitle,
    readings,
    lang: config.lang,
    identifier,
    modified: w3cTimestamp(buildTimestamp(config)),
    vertical,
    authors: authorsOf(config),
    contributors: [
      ...listOf(config.translator).map((name) => ({ name, role: 'trl' as const })),
      ...listOf(config.editor).map((name) => ({ name, role: 'edt' as const })),
    ],
    publisher: config.publisher,
    date: config.date,
    description: config.description,
    subjects: config.subject === undefined ? [] : [config.subject].flat(),
    rights: config.rights,
    tocTitle: config.tocTitle,
    cover: { url: cover.url, width: cover.width, height: cover.height, alt: coverAlt(config.title) },
    navBody: layout.navBody,
    ncxPoints: layout.ncxPoints,
    ...accessibility(book, layout, imageCount),
  };
  return { metadata, warnings: [...(warning ? [warning] : []), ...warnings] };
}

type Accessibility = Pick<
  PackageMetadata,
  'accessModes' | 'accessModeSufficient' | 'accessibilityFeatures' | 'accessibilitySummary' | 'conformance'
>;

/** The EPUB Accessibility metadata, and the conformance claim when the book meets it. */
function accessibility(book: Book, layout: EpubLayout, imageCount: number): Accessibility {
  const vertical = book.config.writingMode === 'vertical';
  const hasRuby = layout.pages.some((page) => containsTag(page.nodes, 'ruby'));
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability'];
  if (imageCount > 0) features.push('alternativeText');
  if (hasRuby) features.push('rubyAnnotations');
  features.push(vertical ? 'verticalWriting' : 'horizontalWriting');
  // The claim names who evaluated the book (a11y:certifiedBy, required): its publisher, or else its
  // author, who answers for it; a book with neither makes no claim.
  const evaluator = book.config.publisher ?? authorsOf(book.config)[0];
  const meets = meetsWcagAA(book) && evaluator !== undefined;
  return {
    accessModes: ['textual', 'visual'],
    accessModeSufficient: 'textual',
    accessibilityFeatures: features,
    accessibilitySummary: `${vertical ? '縦書き' : '横書き'}のリフロー型EPUBです。目次と見出しで移動でき、${imageCount > 0 ? '画像には代替テキストがあり、' : ''}文字の大きさや書体は読書環境で変えられます。${meets ? 'EPUB Accessibility 1.1（WCAG 2.1 AA）に適合しています。' : ''}`,
    conformance: meets ? { conformsTo: CONFORMANCE, certifiedBy: evaluator } : undefined,
  };
}

/**
 * Whether the book meets WCAG 2.1 AA as far as the manuscript decides: the pages, styles and
 * navigation are ours and made to (headings, language, contrast, links that look like links,
 * Ace with no violation, tests/epub/ace.test.ts), so what is left is the author's images, each of
 * which needs a description of its own: an image that got the stand-in 画像 fails 1.1.1.
 */
function meetsWcagAA(book: Book): boolean {
  return book.manuscript.chapterFiles.every((file) => file.messages.every((message) => message.ruleId !== 'image-alt'));
}

function containsTag(nodes: readonly ElementContent[], tagName: string): boolean {
  return nodes.some(
    (node) => node.type === 'element' && (node.tagName === tagName || containsTag(node.children, tagName)),
  );
}

/** A key that takes one name or a list, as a list. */
function listOf(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : [value].flat();
}
