/**
 * Bad input of hostile size (a 5 MB paragraph, a 300,000-character one in print, a list of 10,000
 * items, one nested 100 deep): each builds, and its EPUB passes EPUBCheck. A file of its own so
 * that it runs beside the other cases (bad-input.test.ts).
 */
import { largeCases } from './cases.ts';
import { runCases } from './run-cases.ts';

runCases('bad input of hostile size', largeCases);
