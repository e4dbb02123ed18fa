/**
 * The build commands: `build:epub`, `build:pdf`, `build:cover` and `npm run build` for one
 * manuscript. Each reads the book once (scripts/build/context.ts), proofreads it first when
 * asked, and has its outputs made from that one load; the stages are loaded only when they run.
 */
import { resolve } from 'node:path';
import type { OutputResult } from '../build/options.ts';
import type { BuildContext } from '../build/context.ts';
import type { BrowserSession } from '../pdf/render/browser.ts';
import { buildOptions, parseBuildArgs, usage, type BuildFlags, type Target } from './args.ts';
import type { Command, CommandRun } from './command.ts';
import { printOutcome } from './outcome.ts';

/** What a build command may be given besides its arguments. */
export interface BuildCommandOptions {
  /** A browser for every PDF of the command, which the caller owns (a test file's). */
  session?: BrowserSession;
}

/** A build command: one output of a manuscript, or the whole book. */
export function buildCommand(target: Target, options: BuildCommandOptions = {}): Command<BuildFlags> {
  return {
    usage: usage(target),
    cancelled: 'build cancelled; earlier output left as it was',
    parse: (argv) => parseBuildArgs(argv, target),
    run: (flags, run) => runBuild(target, flags, run, options),
  };
}

async function runBuild(target: Target, flags: BuildFlags, run: CommandRun, options: BuildCommandOptions) {
  const { createContext } = await import('../build/context.ts');
  const context = createContext({
    manuscript: resolve(flags.manuscript),
    signal: run.signal,
    progress: run.progress,
    session: options.session,
    // Chromium starts while the manuscript is read and parsed (and the EPUB built); a cover needs
    // it only for an interior it has to build, and asks for it then.
    startBrowser: target === 'pdf' || target === 'book',
    // build:epub reads the book for its EPUB alone (the proofreading reads the source, not the book).
    oneOutput: target === 'epub',
  });
  try {
    if (flags.lint) {
      const { lintBeforeBuild } = await import('./lint.ts');
      if (!(await lintBeforeBuild(await context.source(), flags.strict, run))) return 1;
    }
    const results = await outputs(target, context, flags);
    if (results.length === 0) {
      if (!flags.quiet)
        run.io.stdout.write(`no cover built: the metadata has no print.cover in ${run.seconds().toFixed(1)} s\n`);
      return 0;
    }
    printOutcome(results, run, flags.quiet);
    return 0;
  } finally {
    await context.close();
  }
}

/** Make what the command builds, from the context's one load of the book. */
async function outputs(target: Target, context: BuildContext, flags: BuildFlags): Promise<OutputResult[]> {
  const options = buildOptions(flags);
  switch (target) {
    case 'epub':
      return [await (await import('../build/epub.ts')).epubOutput(context, options)];
    case 'pdf':
      return (await import('../build/pdf.ts')).pdfOutputs(context, options);
    case 'cover':
      return (await import('../build/cover.ts')).coverOutputs(context, options, { ifConfigured: flags.ifConfigured });
    case 'book':
      return (await import('../build/whole-book.ts')).buildWholeBook(context, options);
  }
}
