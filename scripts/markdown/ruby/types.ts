/** The mdast nodes of ruby (ルビ). */
import type { Parent, PhrasingContent } from 'mdast';

/**
 * Ruby: a base and its reading. The first child is the base; the others are readings, one per
 * `|`-separated segment (`{漢字|かん|じ}` has two), usually just one.
 */
export interface Ruby extends Parent {
  type: 'ruby';
  children: Array<RubyBase | RubyText>;
}

/** The text ruby is set beside (親文字). */
interface RubyBase extends Parent {
  type: 'rubyBase';
  children: PhrasingContent[];
}

/** A reading (ルビ文字). */
export interface RubyText extends Parent {
  type: 'rubyText';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    ruby: Ruby;
  }
  interface RootContentMap {
    ruby: Ruby;
    rubyBase: RubyBase;
    rubyText: RubyText;
  }
}
