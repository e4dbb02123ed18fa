/** The book's metadata as the pages around the text use it: its authors, and its text as set. */
import type { ElementContent } from 'hast';
import type { BookConfig } from '../config/schema.ts';
import { uprightPhrasing } from './upright.ts';

/** The list of authors, whether the metadata gives one or many. */
export function authorsOf(config: BookConfig): string[] {
  return config.author === undefined ? [] : typeof config.author === 'string' ? [config.author] : config.author;
}

/** Metadata text as the book sets it: upright 縦中横 in a vertical book, as in the chapters. */
export function setMetadataText(config: BookConfig, text: string): ElementContent[] {
  return uprightPhrasing(text, config.markdown, config.writingMode === 'vertical');
}
