/** Where lines sit between the top (天) and the bottom (地) of the page: 字下げ, 地付き, 字上げ, centring. */
import type { BlockContent, DefinitionContent, Parent } from 'mdast';

/** The placement of a block's lines. Counts are in characters. */
export interface BlockLayout {
  /** 字下げ: the first line starts this many characters below the top. */
  start?: number;
  /** 折り返してN字下げ: the following lines start here instead (青空文庫). */
  wrap?: number;
  /** 地付き (0) or 地からN字上げ: lines end this many characters above the bottom. */
  end?: number;
  /** Lines are centred (中央揃え). */
  center?: boolean;
  /** Classes of a style set on the whole block (青空文庫 `ここから罫囲み`: `keigakomi`). */
  classes?: string[];
}

/** A block of several paragraphs placed together: `:::indent-2` or `［＃ここから２字下げ］`. */
export interface LayoutBlock extends Parent {
  type: 'layoutBlock';
  layout: BlockLayout;
  children: Array<BlockContent | DefinitionContent>;
}

declare module 'mdast' {
  interface BlockContentMap {
    layoutBlock: LayoutBlock;
  }
  interface RootContentMap {
    layoutBlock: LayoutBlock;
  }
  interface ParagraphData {
    /** Placement of this one paragraph (`［＃２字下げ］`, `::align-end[…]`). */
    layout?: BlockLayout;
  }
  interface HeadingData {
    /** Placement of a heading (a 青空文庫 見出し often comes with `［＃５字下げ］`). */
    layout?: BlockLayout;
  }
}
