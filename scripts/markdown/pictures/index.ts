/** Pictures set apart from the text: 挿絵 in the flow, on a page of their own, or to the paper's edges. */
export { remarkPictures } from './transform.ts';
export { pictureToHast, PICTURE_CLASS, PLACEMENT_CLASS } from './to-hast.ts';
export type { PicturePlacement } from './types.ts';
