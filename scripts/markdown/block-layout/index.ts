/** Placement of blocks between the top and the bottom of the page, shared by directives and 青空文庫 annotations. */
export { isPlaced, layoutClasses, MAX_LAYOUT_COUNT } from './classes.ts';
export { layoutBlockToHast } from './to-hast.ts';
export type { BlockLayout, LayoutBlock } from './types.ts';
