/** Lengths: the book's settings are in millimetres, PDF and CSS points are 1/72 in. */

/** Typographic points per millimetre. */
export const PT_PER_MM = 72 / 25.4;
/** Millimetres per typographic point. */
export const MM_PER_PT = 25.4 / 72;
