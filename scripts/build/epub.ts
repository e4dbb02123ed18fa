/** The EPUB output of a build: the book laid out as content documents and packaged. */
import { bookWarnings } from '../book.ts';
import type { ChapterCut } from '../epub/pages.ts';
import type { BuildContext } from './context.ts';
import type { BuildOptions, ChapterCuts, OutputResult } from './options.ts';
import { outputPath, upToDateBeforeParsing, writeOutput } from './write.ts';

/** Build the EPUB of the context's book, or find it up to date. */
export async function epubOutput(context: BuildContext, options: BuildOptions): Promise<OutputResult> {
  if (!options.force) {
    const reused = await epubBeforeParsing(context, options);
    if (reused) return reused;
  }
  // Each output's stack (packager, browser, PDF library) is loaded only when it is built; the
  // packager's is asked for before the book is parsed, so that its files are read meanwhile.
  const packager = import('../epub/build.ts');
  packager.catch(() => undefined);
  const book = await context.book();
  const path = outputPath(book, options.outDir, 'epub');
  return writeOutput(context, book, options, { path, key: 'epub' }, async () => {
    context.progress({ kind: 'building', output: 'epub', chapters: book.chapters.length });
    const { buildEpub } = await packager;
    // The EPUB changes its trees in place; the other outputs of this load read the book as parsed.
    const own = await context.bookToChange();
    const { bytes, documents, cuts, warnings } = await buildEpub(own);
    return {
      bytes,
      facts: { kind: 'epub', chapters: book.chapters.length, documents, cuts: cuts.length },
      warnings: [...bookWarnings(own), ...warnings],
      cuts: cutsByChapter(cuts),
    };
  });
}

/** The EPUB as the last build left it, if it is up to date, found without parsing the book (write.ts). */
export async function epubBeforeParsing(
  context: BuildContext,
  options: BuildOptions,
): Promise<OutputResult | undefined> {
  return upToDateBeforeParsing(await context.source(), (book) => ({
    path: outputPath(book, options.outDir, 'epub'),
    key: 'epub',
  }));
}

/** The cuts the 256 KB limit forced, gathered by chapter, in reading order. */
function cutsByChapter(cuts: readonly ChapterCut[]): ChapterCuts[] {
  const byChapter = new Map<ChapterCut['chapter'], ChapterCut[]>();
  for (const cut of cuts) byChapter.set(cut.chapter, [...(byChapter.get(cut.chapter) ?? []), cut]);
  return [...byChapter].map(([chapter, list]) => ({
    chapter: chapter.title ?? chapter.id,
    file: chapter.file.path,
    cuts: list.map((cut) => ({ kind: cut.kind, line: cut.position?.start.line })),
  }));
}
