/**
 * A build context: what every output of one command shares. The manuscript is read once and
 * parsed once, when an output (or the proofreading) first asks for it; the signal, the progress
 * sink and one browser session for every PDF go with it. A catalogue makes one context per book
 * and hands each the same browser.
 */
import { copyForOutput, openManuscript, parseBook, type Book, type BookSource } from '../book.ts';
import type { BrowserSession } from '../pdf/render/browser.ts';
import type { Progress } from '../progress.ts';

/** What the outputs of one command share. */
export interface BuildContext {
  /** The manuscript folder or one-file book, as an absolute path. */
  readonly manuscript: string;
  readonly signal: AbortSignal;
  readonly progress: Progress;
  /** The manuscript read from disk, with its processor: read on the first call, the same after. */
  source(): Promise<BookSource>;
  /** The book parsed and its files checked: parsed on the first call, the same after. */
  book(): Promise<Book>;
  /**
   * The book for an output that changes it in place (the EPUB): a copy of its own, unless the
   * context was made for that one output, which may then change the book as parsed.
   */
  bookToChange(): Promise<Book>;
  /** The browser every PDF of the command lays out on: started on the first call unless already starting. */
  browser(): Promise<BrowserSession>;
}

/** How to make a context. */
export interface ContextOptions {
  manuscript: string;
  signal: AbortSignal;
  progress: Progress;
  /**
   * A browser the caller owns and closes (a catalogue's, a test file's); otherwise the context
   * starts its own when first asked for, and closes it in `close`.
   */
  session?: BrowserSession;
  /** Start the browser when the book starts to be parsed, so that Chromium comes up while Node parses it. */
  startBrowser?: boolean;
  /**
   * The command makes one output and nothing reads the book after it, so `bookToChange` needs no
   * copy (copying a novel's trees costs a tenth of its EPUB build).
   */
  oneOutput?: boolean;
}

/** A context and the way to end it. */
export interface OwnedContext extends BuildContext {
  /** Close the browser the context started, if it started one. */
  close(): Promise<void>;
}

/** Make a context; nothing is read until an output asks. */
export function createContext(options: ContextOptions): OwnedContext {
  const { manuscript, signal, progress } = options;
  let source: Promise<BookSource> | undefined;
  let book: Promise<Book> | undefined;
  let own: Promise<BrowserSession> | undefined;
  const readSource = () =>
    (source ??= (async () => {
      progress({ kind: 'reading', path: manuscript });
      return openManuscript(manuscript);
    })());
  const browser = (): Promise<BrowserSession> => {
    if (options.session) return Promise.resolve(options.session);
    own ??= import('../pdf/render/browser.ts').then(({ startBrowserSession }) => startBrowserSession());
    return own;
  };
  const readBook = () =>
    (book ??= readSource().then((read) => {
      // Chromium starts as the book is parsed, not before: an output found up to date without
      // parsing needs no browser. One that fails to start is reported when a PDF first needs it,
      // after the manuscript's own problems.
      if (options.startBrowser) browser().catch(() => undefined);
      return parseBook(read, progress);
    }));
  return {
    manuscript,
    signal,
    progress,
    source: readSource,
    book: readBook,
    bookToChange: async () => (options.oneOutput ? readBook() : copyForOutput(await readBook())),
    browser,
    async close() {
      const session = await own?.catch(() => undefined);
      await session?.close();
    },
  };
}
