/** Page breaks: `===`, `［＃改ページ］` and `［＃改丁］`. */
export { remarkPageBreaks } from './transform.ts';
export { pageBreakToHast } from './to-hast.ts';
export type { PageBreak } from './types.ts';
