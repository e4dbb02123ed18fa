/** The mdast node of a picture set apart from the text (挿絵, 図): its image, caption and placement. */
import type { Image, Parent, PhrasingContent } from 'mdast';

/**
 * Where a picture goes: in the flow of the text (`flow`, moved to the next page when it does not
 * fit the rest of the page), on a page of its own inside the 版面 (`page`), or on a page of its
 * own to the edges of the paper (`bleed`, 裁ち落とし).
 */
export type PicturePlacement = 'flow' | 'page' | 'bleed';

/** A picture on lines of its own; its children are the caption (キャプション), if any. */
export interface Picture extends Parent {
  type: 'picture';
  /** The image as written, with its place (messages about the file point at it). */
  image: Image;
  placement: PicturePlacement;
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface BlockContentMap {
    picture: Picture;
  }
  interface RootContentMap {
    picture: Picture;
  }
  interface ImageData {
    /** `page` for a 青空文庫 `［＃挿絵（…）入る］`, which takes a page of its own. */
    placement?: PicturePlacement;
  }
}
