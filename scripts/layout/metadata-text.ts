/** The book's metadata as the pages around the text use it: its authors, and its text as set. */
import type { ElementContent } from 'hast';
import type { BookConfig } from '../config/schema.ts';
import { uprightPhrasing } from './upright.ts';

/** The list of authors, whether the metadata gives one or many. */
export function authorsOf(config: BookConfig): string[] {
  return config.author === undefined ? [] : typeof config.author === 'string' ? [config.author] : config.author;
}

/** The translators and the editors, each a list, whether the metadata gives one or many. */
export function contributorsOf(config: BookConfig): { translators: string[]; editors: string[] } {
  const list = (value: string | string[] | undefined) =>
    value === undefined ? [] : typeof value === 'string' ? [value] : value;
  return { translators: list(config.translator), editors: list(config.editor) };
}

/** Metadata text as the book sets it: upright 縦中横 in a vertical book, as in the chapters. */
export function setMetadataText(config: BookConfig, text: string): ElementContent[] {
  return uprightPhrasing(text, config.markdown, config.writingMode === 'vertical');
}
