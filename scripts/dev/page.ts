/**
 * The preview page: the whole book in one HTML document (扉, 目次, every chapter in order,
 * 奥付), set with the EPUB's own stylesheets and the bundled Noto fonts, under a panel that
 * lists what is wrong. Built as a hast tree; the manuscript's text only ever enters as tree
 * nodes, which the serialiser escapes.
 */
import { createHash } from 'node:crypto';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Book } from '../book.ts';
import { formatDiagnostic } from '../report.ts';
import { fontFamilyName } from '../fonts/fontsource.ts';
import { chapterSection } from '../layout/chapter-section.ts';
import { colophonPage } from '../layout/colophon.ts';
import { titlePage } from '../layout/title-page.ts';
import { tocPage } from '../layout/toc-page.ts';
import { tocEntries } from '../layout/toc.ts';
import { toXhtml } from '../layout/xhtml.ts';
import { CLIENT_SCRIPT, CLIENT_SCRIPT_HASH } from './client.ts';
import type { Problem } from './problems.ts';

/** Stylesheets the page links, in order; the server maps each route to its file. */
const STYLESHEET_ROUTES = [
  ...[400, 700].flatMap((weight) => [`/__fonts/serif/${weight}.css`, `/__fonts/sans/${weight}.css`]),
  '/__styles/book.css',
  '/__styles/notation.css',
] as const;

// The bundled fonts come first, as in the PDF, so that the preview looks the same on every
// machine (with vertical punctuation and proportional kana). The rest lays the book out on a
// screen and styles the problems panel, which is always set horizontally.
const PREVIEW_CSS = `
body.preview { font-family: "${fontFamilyName('serif')}", serif; box-sizing: border-box; padding: 3em 2.5em; }
.preview h1, .preview h2, .preview h3, .preview h4, .preview h5, .preview h6, .preview strong, .preview b, .preview .gfont,
.preview .colophon-label { font-family: "${fontFamilyName('sans')}", sans-serif; }
html { background: #fbfaf5; color: #1d1d1d; }
.vrtl body.preview { height: 100vh; }
.hltr body.preview { max-width: 42em; margin: 0 auto; }
body.preview > section + section { margin-block-start: 3em; padding-block-start: 3em; border-block-start: 1px dashed #b9b4a6; }
.preview-problems { position: fixed; inset: auto 1em 1em 1em; z-index: 10; max-height: 45vh; overflow: auto;
  writing-mode: horizontal-tb; text-align: left; text-indent: 0; line-height: 1.5;
  font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK JP", monospace;
  background: #fffdf7; border: 1px solid #b9b4a6; box-shadow: 0 2px 12px rgb(0 0 0 / 0.25); }
.preview-problems[hidden] { display: none; }
.preview-problems summary { cursor: pointer; padding: 0.4em 0.8em; font-weight: bold; }
.preview-problems ul { margin: 0; padding: 0 0.8em 0.6em; list-style: none; }
.preview-problems pre { margin: 0.2em 0; white-space: pre-wrap; font: inherit; }
.preview-errors { border-top: 4px solid #c0262d; }
.preview-errors summary { color: #c0262d; }
.preview-warnings summary { color: #8a5a00; }
.preview-lint summary { color: #1d5e8a; }
`;

/**
 * The page's Content-Security-Policy: its own inline script and style (by hash), stylesheets,
 * fonts and images from this server, and nothing else, so that nothing in a manuscript could
 * run a script or reach another host even if it slipped past the sanitiser.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${CLIENT_SCRIPT_HASH}`,
  `style-src 'self' 'sha256-${createHash('sha256').update(PREVIEW_CSS).digest('base64')}'`,
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the page shows. */
export interface PreviewView {
  /** The book on screen: the last one that loaded, if any did. */
  book: Book | undefined;
  errors: readonly Problem[];
  warnings: readonly Problem[];
  /** Proofreading findings (`npm run lint`), shown apart: they never stop a build. */
  lint?: readonly Problem[];
}

/** The preview page as a hast document. */
function previewDocument({ book, errors, warnings, lint = [] }: PreviewView): Root {
  const config = book?.config;
  const vertical = (config?.writingMode ?? 'vertical') === 'vertical';
  const sections: ElementContent[] = [];
  if (book && config) {
    sections.push(titlePage(config));
    sections.push(
      tocPage(config, tocEntries(book.chapters, config.tocDepth), {
        href: (entry) => `#${entry.id}`,
        compactNumerals: true,
      }),
    );
    for (const chapter of book.chapters)
      sections.push(chapterSection(chapter, chapter.tree.children as ElementContent[]));
    sections.push(colophonPage(config, 'ebook'));
  }
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: config?.lang ?? 'ja', className: [vertical ? 'vrtl' : 'hltr'] }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', config ? `${config.title}（プレビュー）` : 'プレビュー'),
          ...STYLESHEET_ROUTES.map((href) => h('link', { rel: 'stylesheet', href })),
          h('style', PREVIEW_CSS),
          h('script', CLIENT_SCRIPT),
        ]),
        h('body.preview', [problemsPanel(errors, warnings, lint), ...sections]),
      ]),
    ],
  };
}

/** The preview page as HTML. */
export function previewHtml(view: PreviewView): string {
  return toXhtml(previewDocument(view));
}

/**
 * Errors (open) and warnings (folded), each line as the terminal prints it. The panel is
 * always there, hidden when empty, so that the page keeps the same parts from one save to the
 * next and the client can replace only what changed.
 */
function problemsPanel(errors: readonly Problem[], warnings: readonly Problem[], lint: readonly Problem[]): Element {
  const list = (problems: readonly Problem[]) =>
    h(
      'ul',
      problems.map((problem) => h('li', [h('pre', formatDiagnostic(problem.severity, problem.message, problem))])),
    );
  return h(
    'aside.preview-problems',
    { hidden: errors.length + warnings.length + lint.length === 0, ariaLive: 'polite' },
    [
      errors.length > 0
        ? h('details.preview-errors', { open: true }, [
            h('summary', `エラー ${errors.length} 件（直して保存すると更新されます）`),
            list(errors),
          ])
        : undefined,
      warnings.length > 0
        ? h('details.preview-warnings', [h('summary', `警告 ${warnings.length} 件`), list(warnings)])
        : undefined,
      lint.length > 0 ? h('details.preview-lint', [h('summary', `校正 ${lint.length} 件`), list(lint)]) : undefined,
    ].filter((child) => child !== undefined),
  );
}
