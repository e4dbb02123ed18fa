/** The destinations a PDF is made for, on their own: the command line checks `--profile` without loading the schema. */

/** Print profiles a PDF can be made for: on screen, for a print shop (印刷所), for Amazon KDP. */
export const PROFILES = ['screen', 'print-shop', 'kdp'] as const;
/** One of PROFILES. */
export type Profile = (typeof PROFILES)[number];
