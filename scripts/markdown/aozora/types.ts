/** The mdast node of a 青空文庫 annotation, `［＃…］`, before it is interpreted. */
import type { Literal } from 'mdast';

/** An annotation (注記) as written; `value` is the text between `［＃` and `］`. */
export interface AozoraAnnotation extends Literal {
  type: 'aozoraAnnotation';
}

declare module 'mdast' {
  interface PhrasingContentMap {
    aozoraAnnotation: AozoraAnnotation;
  }
  interface RootContentMap {
    aozoraAnnotation: AozoraAnnotation;
  }
}
