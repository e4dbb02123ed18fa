/** The mdast node of a page break. */
import type { Node } from 'mdast';

/** 改ページ (`===`, `［＃改ページ］`), or 改丁 (`［＃改丁］`, start on the next recto page). */
export interface PageBreak extends Node {
  type: 'pageBreak';
  /** 改丁: the next page is a recto (odd, right-hand in 縦書き) page. */
  recto?: boolean;
}

declare module 'mdast' {
  interface BlockContentMap {
    pageBreak: PageBreak;
  }
  interface RootContentMap {
    pageBreak: PageBreak;
  }
}
