/** The mdast node of 縦中横 (tate-chu-yoko). */
import type { Literal } from 'mdast';

/** 縦中横: a few half-width characters set upright, side by side, in one character's space. */
export interface Tcy extends Literal {
  type: 'tcy';
}

declare module 'mdast' {
  interface PhrasingContentMap {
    tcy: Tcy;
  }
  interface RootContentMap {
    tcy: Tcy;
  }
}
