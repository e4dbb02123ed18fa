/** Types of scripts/visit-alias.mjs, which the launcher reads as plain JavaScript. */
export declare const OUR_VISIT_FOR: RegExp;
export declare const OUR_VISIT: string;
