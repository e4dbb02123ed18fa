/**
 * 挿絵 in the EPUB, as two reading engines show it (epub.js and foliate-js in Chromium, paginated,
 * a phone's portrait screen and a landscape one): every picture is shown whole on one screen —
 * each time any part of it is on screen, all of it is — with its alt text; the package passes
 * EPUBCheck.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shareBrowser } from '../helpers/browser-session.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { jpegImage, png } from '../helpers/images.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { ORIGIN, openReaderPage } from '../helpers/readers.ts';

const shared = shareBrowser();

/** Each picture as the engine showed it: its alt text, how often it was on screen, and whether always whole. */
interface Sighting {
  alt: string;
  seen: number;
  whole: boolean;
  /** Whether its caption, when it has one, was whole on the same screen. */
  captionWhole?: boolean;
  /** For a full-page picture: whether no line of text shared its screen. */
  alone?: boolean;
  box?: { width: number; height: number };
}

// Walk the book page by page; at each, every image that is on screen at all is measured against
// the reading area. Plain JavaScript: it runs in the page as it is.
const MEASURE = `
const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
const sightings = {};
// Every image of the shown documents loaded and decoded: an image still loading has no size yet.
const loaded = (docs) =>
  Promise.all(docs.flatMap((doc) => [...doc.images].map((image) => image.decode().catch(() => undefined))));
const place = (element, frame, area) => {
  const box = element.getBoundingClientRect();
  const left = box.left + frame.left, right = box.right + frame.left;
  const top = box.top + frame.top, bottom = box.bottom + frame.top;
  return {
    onScreen: right > area.left + 1 && left < area.right - 1 && bottom > area.top + 1 && top < area.bottom - 1,
    whole: left >= area.left - 1 && right <= area.right + 1 && top >= area.top - 1 && bottom <= area.bottom + 1,
    width: right - left,
    height: bottom - top,
  };
};
// What of the reading area the reader sees of a document: the area, cut by every element around
// the document's frame that hides what overflows it (the engines page by scrolling such a box).
const visible = (doc, area) => {
  let { left, right, top, bottom } = area;
  for (let node = doc.defaultView.frameElement; node; node = node.parentElement ?? node.getRootNode().host) {
    if (getComputedStyle(node).overflow === 'visible') continue;
    const box = node.getBoundingClientRect();
    left = Math.max(left, box.left); right = Math.min(right, box.right);
    top = Math.max(top, box.top); bottom = Math.min(bottom, box.bottom);
  }
  return { left, right, top, bottom };
};
const look = (docs, view) => {
  for (const doc of docs) {
    const area = visible(doc, view);
    const frame = doc.defaultView.frameElement.getBoundingClientRect();
    // Lines of text on screen (paragraphs outside pictures): a full-page picture shares its screen with none.
    const text = [...doc.querySelectorAll('p')].filter((p) => !p.closest('figure') && place(p, frame, area).onScreen);
    for (const image of doc.images) {
      const at = place(image, frame, area);
      if (!at.onScreen) continue;
      const figure = image.closest('figure');
      const caption = figure && figure.querySelector('figcaption');
      const entry = (sightings[image.alt] ??= { alt: image.alt, seen: 0, whole: true });
      entry.seen++;
      entry.whole &&= at.whole && image.complete && image.naturalWidth > 0;
      if (caption) entry.captionWhole = (entry.captionWhole ?? true) && place(caption, frame, area).whole;
      if (figure && /picture-(page|bleed)/.test(figure.className)) entry.alone = (entry.alone ?? true) && text.length === 0;
      entry.box = { width: at.width, height: at.height };
    }
  }
};
`;

const EPUBJS = `<!doctype html><html><head><meta charset="utf-8">
<script src="/jszip/jszip.min.js"></script><script src="/epubjs/epub.min.js"></script>
<style>html, body { margin: 0; }</style>
<script>
${MEASURE}
window.walk = async (width, height) => {
  const viewer = document.createElement('div');
  viewer.style.width = width + 'px';
  viewer.style.height = height + 'px';
  document.body.append(viewer);
  const book = ePub('/book.epub', { openAs: 'epub' });
  await book.ready;
  const rendition = book.renderTo(viewer, { width, height, flow: 'paginated', spread: 'none' });
  rendition.hooks.content.register((contents) => contents.addStylesheet('/reader-fonts.css'));
  await rendition.display();
  const area = viewer.getBoundingClientRect();
  for (let step = 0; step < 400; step++) {
    await settle();
    const docs = rendition.getContents().map((contents) => contents.document);
    await Promise.all(docs.map((doc) => doc.fonts.ready));
    await loaded(docs);
    look(docs, area);
    if (rendition.location && rendition.location.atEnd) break;
    // The page turned when the engine says it moved (next() can resolve before, on a loaded machine).
    await new Promise((resolve) => {
      rendition.once('relocated', resolve);
      setTimeout(resolve, 1000);
      rendition.next();
    });
  }
  return Object.values(sightings);
};
window.ready = true;
</script></head><body></body></html>`;

const FOLIATE = `<!doctype html><html><head><meta charset="utf-8">
<style>html, body { margin: 0; }</style>
<script type="module">
import '/foliate/view.js';
${MEASURE}
window.walk = async (width, height) => {
  const view = document.createElement('foliate-view');
  view.style.display = 'block';
  view.style.width = width + 'px';
  view.style.height = height + 'px';
  document.body.append(view);
  const blob = await (await fetch('/book.epub')).blob();
  await view.open(new File([blob], 'book.epub', { type: 'application/epub+zip' }));
  view.renderer.setStyles(await (await fetch('/reader-fonts.css')).text());
  await view.goTo(0);
  const area = view.getBoundingClientRect();
  let last;
  for (let step = 0; step < 400; step++) {
    await settle();
    const docs = view.renderer.getContents().map((contents) => contents.doc);
    await Promise.all(docs.map((doc) => doc.fonts.ready));
    await loaded(docs);
    look(docs, area);
    const here = JSON.stringify([view.lastLocation?.cfi, view.renderer.page]);
    if (here === last) break;
    last = here;
    await view.next();
  }
  return Object.values(sightings);
};
window.ready = true;
</script></head><body></body></html>`;

const gradient = (x: number, y: number): [number, number, number] => [(x * 7) % 256, (y * 5) % 256, 128];
const text = '　吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。'.repeat(5);
const paragraphs = (count: number) => Array.from({ length: count }, () => text).join('\n\n');
const ALTS = ['口絵', '縦長の絵', '横長の絵', '小さな絵', '全面の絵', '裁ち落としの絵'];

const SIZES = [
  ['portrait', 450, 800],
  ['landscape', 800, 500],
] as const;
const results: Record<string, Sighting[]> = {};
let epubPath: string;

beforeAll(async () => {
  const root = await makeManuscript({
    'book.yaml': 'title: 挿絵の本\nauthor: 著者\nfrontispiece: images/plate.jpg\n',
    'images/plate.jpg': jpegImage(1300, 1850, (x, y) => [200, (x + y) % 256, 40]),
    '01.md': [
      '# 第一章',
      paragraphs(2),
      '![縦長の絵](images/portrait.jpg "縦長の絵の説明")',
      paragraphs(3),
      '![横長の絵](images/landscape.png)',
      paragraphs(3),
      '![小さな絵](images/small.png "小さな絵の説明")',
      paragraphs(3),
      ':::full-page\n![全面の絵](images/wide.png "全面の絵の説明")\n:::',
      paragraphs(2),
      ':::bleed\n![裁ち落としの絵](images/portrait.jpg)\n:::',
      paragraphs(2),
    ].join('\n\n'),
    'images/portrait.jpg': jpegImage(1200, 1800, gradient),
    'images/landscape.png': png(1600, 900, 3, (x, y) => gradient(x, y)),
    'images/wide.png': png(2400, 1000, 3, (x, y) => gradient(x, y)),
    'images/small.png': png(120, 90, 1, (x, y) => [(x * y) % 256]),
  });
  const out = await mkdtemp(join(tmpdir(), 'pictures-epub-'));
  const result = await shared.run('build-epub', ['--manuscript', root, '--out-dir', out]);
  expect(result.code, result.stderr).toBe(0);
  epubPath = join(out, `${root.split('/').at(-1)}.epub`);
  const epub = await readFile(epubPath);
  const browser = await shared.browser();
  // One walk after the other: side by side on a loaded machine, a page turn can outrun the engine.
  for (const [engine, html] of [
    ['epub.js', EPUBJS],
    ['foliate-js', FOLIATE],
  ] as const) {
    for (const [shape, width, height] of SIZES) {
      const page = await openReaderPage(browser, epub, { '/reader.html': html });
      await page.setViewport({ width, height });
      await page.goto(`${ORIGIN}/reader.html`);
      await page.waitForFunction(() => 'ready' in window);
      results[`${engine} ${shape}`] = (await page.evaluate(`walk(${width}, ${height})`)) as Sighting[];
      await page.close();
    }
  }
}, 180_000);

describe('pictures in the EPUB', () => {
  it.each(SIZES.flatMap(([shape]) => ['epub.js', 'foliate-js'].map((engine) => `${engine} ${shape}`)))(
    'shows every picture whole on one screen in %s',
    (key) => {
      const sightings = results[key]!;
      expect(sightings.map((sighting) => sighting.alt).sort()).toEqual([...ALTS].sort());
      for (const sighting of sightings) expect(sighting, sighting.alt).toMatchObject({ whole: true });
      const byAlt = new Map(sightings.map((sighting) => [sighting.alt, sighting]));
      // A small picture's caption is on its screen; a picture as large as the screen pushes its
      // caption to the next (both engines force an image's size to the page's).
      expect(byAlt.get('小さな絵')?.captionWhole).toBe(true);
      for (const alt of ['口絵', '全面の絵', '裁ち落としの絵']) expect(byAlt.get(alt)?.alone, alt).toBe(true);
    },
  );

  it('passes EPUBCheck', async () => {
    const [report] = await epubcheckAll([epubPath]);
    expect(report!.messages).toEqual([]);
  });
});
