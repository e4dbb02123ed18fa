/**
 * The pages that open `/book.epub` in each reading engine. Each defines `window.inspectBook()`,
 * which goes to every entry of the book's table of contents and reports what the engine shows
 * there: the book's direction, the writing mode `html` and `body` compute, where the entry's
 * element (its fragment's, or the heading its document opens with) is against the reading area,
 * and how the notations compute; and `window.inspectCover(width, height)`, which opens the first
 * page of the spine in a reading area of that size and reports where the cover image is. Plain JavaScript: it runs
 * in the browser as it is.
 */

/** Where the cover image is against the reading area (`inspectCover(width, height)`), in px. */
export interface CoverReport {
  area: { width: number; height: number };
  /** The image's box in the area's coordinates. */
  image: { left: number; top: number; right: number; bottom: number };
  /** The wrapper's viewBox and the cover page's manifest properties, as the engine read them. */
  viewBox: string | null;
}

/** What `inspectBook()` reports. */
export interface ReaderReport {
  direction: string | undefined;
  entries: {
    href: string;
    htmlWritingMode: string;
    bodyWritingMode: string;
    /** The entry's element against the reading area: its right edge from the area's right edge, in px. */
    fromStart: number;
    /** Whether the element is inside the reading area. */
    visible: boolean;
    fontFamily: string;
    /** Set on the first entry: how ruby, 縦中横 and 傍点 compute there. */
    notations?: { rubyRatio: number; tcy: string; emphasis: string };
  }[];
}

// Shared by both pages: measure the element an entry points at, once the engine shows it.
const MEASURE = `
const measure = (doc, id, area) => {
  const view = doc.defaultView;
  // An entry without a fragment points at a document that opens with its heading.
  const element = id ? doc.getElementById(id) : doc.querySelector('h1, h2, h3, h4, h5, h6');
  const frame = view.frameElement.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const right = box.right + frame.left;
  const left = box.left + frame.left;
  const notes = () => {
    const rt = doc.querySelector('rt');
    const tcy = doc.querySelector('.tcy');
    const em = doc.querySelector('.em-sesame');
    if (!rt || !tcy || !em) return undefined;
    return {
      rubyRatio: parseFloat(view.getComputedStyle(rt).fontSize) / parseFloat(view.getComputedStyle(rt.parentElement).fontSize),
      tcy: view.getComputedStyle(tcy).textCombineUpright,
      emphasis: view.getComputedStyle(em).textEmphasisStyle,
    };
  };
  return {
    htmlWritingMode: view.getComputedStyle(doc.documentElement).writingMode,
    bodyWritingMode: view.getComputedStyle(doc.body).writingMode,
    fromStart: area.right - right,
    visible: right > area.left + 1 && left < area.right - 1,
    fontFamily: view.getComputedStyle(element).fontFamily,
    notations: notes(),
  };
};
const measureCover = (doc, area) => {
  const frame = doc.defaultView.frameElement.getBoundingClientRect();
  const box = doc.querySelector('svg image').getBoundingClientRect();
  return {
    area: { width: area.width, height: area.height },
    image: {
      left: box.left + frame.left - area.left,
      top: box.top + frame.top - area.top,
      right: box.right + frame.left - area.left,
      bottom: box.bottom + frame.top - area.top,
    },
    viewBox: doc.querySelector('svg').getAttribute('viewBox'),
  };
};
const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200)));
const isWholePage = (href) => /p-(cover|colophon)\\.xhtml$/.test(href);
const flatten = (items, children) => items.flatMap((item) => [item, ...flatten(item[children] || [], children)]);
`;

/** epub.js (the engine of many web readers), paginated, one page at a time. */
export const EPUBJS_PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<script src="/jszip/jszip.min.js"></script>
<script src="/epubjs/epub.min.js"></script>
<style>html, body { margin: 0; } #viewer { width: 600px; height: 800px; }</style>
<script>
${MEASURE}
window.inspectBook = async () => {
  const book = ePub('/book.epub', { openAs: 'epub' });
  await book.ready;
  const rendition = book.renderTo('viewer', { width: 600, height: 800, flow: 'paginated', spread: 'none' });
  rendition.hooks.content.register((contents) => contents.addStylesheet('/reader-fonts.css'));
  // The hook's stylesheet may still be loading when display() resolves.
  const styled = async (doc) => {
    for (let tries = 0; tries < 100; tries++) {
      if ([...doc.styleSheets].some((sheet) => (sheet.href || '').endsWith('/reader-fonts.css'))) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const area = document.getElementById('viewer').getBoundingClientRect();
  const entries = [];
  // The entries of the text (the cover and the colophon are whole pages of their own).
  for (const item of flatten(book.navigation.toc, 'subitems').filter((item) => !isWholePage(item.href))) {
    await rendition.display(item.href);
    await settle();
    const contents = rendition.getContents()[0];
    await styled(contents.document);
    await contents.document.fonts.ready;
    await settle();
    entries.push({ href: item.href, ...measure(contents.document, item.href.split('#')[1], area) });
  }
  return { direction: book.packaging.metadata.direction, entries };
};
window.inspectCover = async (width, height, keep = false) => {
  const viewer = document.getElementById('viewer');
  viewer.style.width = width + 'px';
  viewer.style.height = height + 'px';
  const book = ePub('/book.epub', { openAs: 'epub' });
  await book.ready;
  const rendition = book.renderTo('viewer', { width, height, flow: 'paginated', spread: 'none' });
  await rendition.display(book.spine.get(0).href);
  await settle();
  const doc = rendition.getContents()[0].document;
  await Promise.all([...doc.images, ...doc.querySelectorAll('image')].map(() => settle()));
  const report = measureCover(doc, viewer.getBoundingClientRect());
  if (!keep) rendition.destroy();
  return report;
};
</script></head>
<body><div id="viewer"></div></body></html>`;

/** foliate-js (the engine of Foliate and other desktop and web readers), paginated. */
export const FOLIATE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<style>html, body { margin: 0; } foliate-view { display: block; width: 600px; height: 800px; }</style>
<script type="module">
import '/foliate/view.js';
${MEASURE}
window.inspectBook = async () => {
  const view = document.createElement('foliate-view');
  document.body.append(view);
  const blob = await (await fetch('/book.epub')).blob();
  await view.open(new File([blob], 'book.epub', { type: 'application/epub+zip' }));
  const css = await (await fetch('/reader-fonts.css')).text();
  view.renderer.setStyles(css);
  const area = view.getBoundingClientRect();
  const entries = [];
  for (const item of flatten(view.book.toc, 'subitems').filter((item) => !isWholePage(item.href))) {
    await view.goTo(item.href);
    await settle();
    const { doc } = view.renderer.getContents()[0];
    await doc.fonts.ready;
    entries.push({ href: item.href, ...measure(doc, item.href.split('#')[1], area) });
  }
  return { direction: view.book.dir, entries };
};
window.inspectCover = async (width, height, keep = false) => {
  const view = document.createElement('foliate-view');
  view.style.width = width + 'px';
  view.style.height = height + 'px';
  document.body.append(view);
  const blob = await (await fetch('/book.epub')).blob();
  await view.open(new File([blob], 'book.epub', { type: 'application/epub+zip' }));
  await view.goTo(0);
  await settle();
  const { doc } = view.renderer.getContents()[0];
  await settle();
  const report = measureCover(doc, view.getBoundingClientRect());
  if (!keep) view.remove();
  return report;
};
window.ready = true;
</script></head>
<body></body></html>`;
