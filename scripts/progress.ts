/**
 * How a build says what it is doing: as data, which the command line words and shows (or not);
 * see scripts/cli/progress.ts.
 */

/** How far a counted step has gone. */
export interface Step {
  done: number;
  total: number;
}

/** One thing a build is doing now. */
export type ProgressEvent =
  | { kind: 'reading'; path: string }
  | { kind: 'parsing'; step: Step }
  | { kind: 'linting'; step: Step }
  | { kind: 'building'; output: 'epub'; chapters: number }
  | { kind: 'building'; output: 'pdf'; profile: string; chapters: number }
  | { kind: 'building'; output: 'cover'; profile: string; pages: number }
  /** A line a stage words itself (the PDF's layout steps). */
  | { kind: 'stage'; message: string; step?: Step };

/** Where a build sends what it is doing. */
export type Progress = (event: ProgressEvent) => void;

/** A stage's own progress lines, as the PDF build words them; the build passes them on as `stage` events. */
export type StageProgress = (message: string, step?: Step) => void;

/** A progress sink that shows nothing. */
export const silent: Progress = () => undefined;
