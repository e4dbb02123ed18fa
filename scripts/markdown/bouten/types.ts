/** The mdast node of 傍点 (emphasis dots beside the text). */
import type { Parent, PhrasingContent } from 'mdast';

/** The marks 傍点 can be set with, named as the 電書協 guide names their classes (`em-sesame`, …). */
export type BoutenStyle =
  | 'sesame'
  | 'sesame-open'
  | 'dot'
  | 'dot-open'
  | 'circle'
  | 'circle-open'
  | 'double-circle'
  | 'double-circle-open'
  | 'triangle'
  | 'triangle-open'
  | 'cross'
  | 'line';

/** 傍点: `《《傍点》》` (カクヨム) or `［＃「傍点」に傍点］` (青空文庫). */
export interface Bouten extends Parent {
  type: 'bouten';
  /** The mark; sesame (ゴマ) when absent. */
  style?: BoutenStyle;
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    bouten: Bouten;
  }
  interface RootContentMap {
    bouten: Bouten;
  }
}
