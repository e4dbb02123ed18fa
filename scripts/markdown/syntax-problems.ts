/**
 * Problems found while the Markdown is tokenised (a ruby that never closes, an empty reading).
 * The syntax extensions have no file to report to, so they leave each problem on the tree's
 * root; `remarkReportSyntaxProblems` turns them into file messages with their places.
 */
import type { Root } from 'mdast';
import type { CompileContext } from 'mdast-util-from-markdown';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { reportNotation, type NotationRuleId } from './notation-rules.ts';

/** A problem in the Markdown source, waiting to be reported. */
export interface SyntaxProblem {
  reason: string;
  ruleId: NotationRuleId;
  place: Position;
}

declare module 'mdast' {
  interface RootData {
    /** Problems the syntax extensions found, reported and removed by `remarkReportSyntaxProblems`. */
    syntaxProblems?: SyntaxProblem[];
  }
}

/** Record a problem from inside a from-markdown handle (where `this.stack[0]` is the root). */
export function recordSyntaxProblem(context: CompileContext, problem: SyntaxProblem): void {
  const root = context.stack[0] as Root;
  root.data ??= {};
  (root.data.syntaxProblems ??= []).push(problem);
}

/** Remark plugin: report the problems the syntax extensions recorded, each as its rule says (notation-rules.ts). */
export function remarkReportSyntaxProblems() {
  return (tree: Root, file: VFile) => {
    const problems = tree.data?.syntaxProblems ?? [];
    problems.sort((a, b) => (a.place.start.offset ?? 0) - (b.place.start.offset ?? 0));
    for (const { reason, ruleId, place } of problems) reportNotation(file, ruleId, reason, place);
    delete tree.data?.syntaxProblems;
  };
}
