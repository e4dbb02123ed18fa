/** Findings put back at their place in the manuscript file, in the shape the build reports problems. */
import type { VFileMessage } from 'vfile-message';
import type { Warning } from '../errors.ts';
import type { LintDocument } from './projection/txt-ast.ts';
import type { LintSeverity } from './rule-set.ts';
import type { FilePoint, SourceText } from './source-text.ts';
import type { RawMessage } from './worker.ts';

/** What a rule's fix would change in the file (reported, never applied). */
interface LintFix {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The file's text the fix replaces. */
  before: string;
  after: string;
  /** False when the text the rule saw runs across a notation, so the fix must be made by hand. */
  exact: boolean;
}

/** A proofreading finding. */
export interface LintMessage extends Warning {
  severity: LintSeverity;
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: LintFix;
}

/** Whether a document's offsets are in the parsed text (projections) or already in the file (the source view). */
export type Coordinates = 'parsed' | 'file';

/** Where a document's character range is in the file, as offsets. */
function fileRange(
  range: readonly [number, number],
  document: LintDocument,
  coordinates: Coordinates,
  source: SourceText,
): { start: number; end: number; contiguous: boolean } {
  const at = (index: number) => {
    const offset = document.offsets[Math.max(0, Math.min(index, document.offsets.length - 1))]!;
    return coordinates === 'parsed' ? source.fileOffset(offset) : offset;
  };
  const endOf = (index: number) => {
    const offset = document.offsets[Math.max(0, Math.min(index, document.offsets.length - 1))]!;
    return coordinates === 'parsed' ? source.fileEnd(offset) : offset + 1;
  };
  const [from, to] = range;
  const start = at(from);
  if (to <= from) return { start, end: start, contiguous: true };
  const end = Math.max(start, endOf(to - 1));
  let contiguous = true;
  for (let index = from + 1; index < to && contiguous; index++) contiguous = at(index) === endOf(index - 1);
  return { start, end, contiguous };
}

/**
 * A notation error of the Markdown stage (a ruby left open, a `［＃` without `］`: they stop the
 * build) as a finding, under its rule's name, at its place in the file.
 */
export function notationMessage(message: VFileMessage, source: SourceText, file: string): LintMessage {
  const place = message.place && 'start' in message.place ? message.place : { start: message.place, end: undefined };
  const at = (point: typeof place.start) =>
    source.point(point?.offset === undefined ? 0 : source.fileOffset(point.offset));
  const from = at(place.start);
  const to = place.end ? at(place.end) : from;
  return {
    severity: 'error',
    ruleId: message.ruleId ?? 'notation',
    message: message.reason,
    file,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    ...(message.note ? { hint: message.note } : {}),
  };
}

/** A worker's finding as the author reads it: file, line, column, and the first line of the rule's message. */
export function toLintMessage(
  raw: RawMessage,
  document: LintDocument,
  coordinates: Coordinates,
  source: SourceText,
  file: string,
  severity: LintSeverity,
): LintMessage {
  const { start, end } = fileRange(raw.range, document, coordinates, source);
  const from: FilePoint = source.point(start);
  const to: FilePoint = source.point(end);
  // Rules write a headline, then reasons and advice on further lines.
  const [headline = '', ...rest] = raw.message.split('\n').map((line) => line.trim());
  const hint = rest.filter((line) => line !== '').join(' ');
  const message: LintMessage = {
    severity,
    ruleId: raw.ruleId,
    message: headline,
    file,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    ...(hint ? { hint } : {}),
  };
  if (raw.fix) {
    const fixed = fileRange(raw.fix.range, document, coordinates, source);
    const before = source.file.slice(fixed.start, fixed.end);
    const seen = document.text.slice(raw.fix.range[0], raw.fix.range[1]);
    const fixFrom = source.point(fixed.start);
    const fixTo = source.point(fixed.end);
    message.fix = {
      line: fixFrom.line,
      column: fixFrom.column,
      endLine: fixTo.line,
      endColumn: fixTo.column,
      before,
      after: raw.fix.text,
      exact: fixed.contiguous && before === seen,
    };
  }
  return message;
}
