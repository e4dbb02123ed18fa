/** Footnotes (注): GFM `[^1]`, numbered per chapter, as pop-up notes at the end of the chapter. */
export { remarkNotes } from './transform.ts';
export { noteListToHast, noteReferenceToHast, noteToHast } from './to-hast.ts';
