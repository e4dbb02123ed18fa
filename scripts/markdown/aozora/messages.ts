/** Problems with 青空文庫 annotations, each naming the annotation and its place (notation-rules.ts says which are errors). */
import type { VFile } from 'vfile';
import { reportNotation } from '../notation-rules.ts';
import type { AozoraAnnotation } from './types.ts';

const written = (node: AozoraAnnotation) => `［＃${node.value}］`;

/** Report an annotation that was left out of the book, and why. */
export function reportAnnotation(
  file: VFile,
  node: AozoraAnnotation,
  problem:
    | 'unsupported'
    | 'misplaced'
    | 'not-found'
    | 'unopened'
    | 'unclosed'
    | 'partial-heading'
    | 'range-unopened'
    | 'range-unclosed'
    | 'range-content'
    | 'ignored',
  detail = '',
): void {
  const reasons = {
    unsupported:
      node.value === ''
        ? 'empty 青空文庫 annotation ［＃］ was left out (空の注記)'
        : `unsupported 青空文庫 annotation ${written(node)} was left out (未対応の注記)`,
    misplaced: `青空文庫 annotation ${written(node)} must start its own line; it was left out (行頭にない注記)`,
    'not-found': `the text the annotation ${written(node)} refers to is not just before it; it was left out (注記の対象が見つかりません)`,
    unopened: `${written(node)} closes no block that is open; it was left out (対応する「ここから」がありません)`,
    unclosed: `${written(node)} is never closed; the block runs to the end of its section (「ここで…終わり」がありません)`,
    'range-unopened': `${written(node)} ends no range opened before it in the same paragraph; it was left out (対応する開始の注記がありません)`,
    'range-unclosed': `${written(node)} is not closed by ［＃${node.value}終わり］ in the same paragraph; it was left out (終わりの注記がありません)`,
    'range-content': `the range ${written(node)} is empty or holds more than plain characters, which it cannot set; its annotations were left out (注記の範囲が空か、対応できない内容があります)`,
    ignored: `青空文庫 annotation ${written(node)}: ${detail}`,
    'partial-heading': `${written(node)} makes only part of a line a heading, which is not supported; the text is kept as body text (同行見出しは未対応)`,
  } as const;
  // A block (ここから…) left open runs on as the author most likely meant; its rule says so.
  reportNotation(
    file,
    problem === 'unclosed' ? 'aozora-block-unclosed' : `aozora-${problem}`,
    reasons[problem],
    node.position,
  );
}
