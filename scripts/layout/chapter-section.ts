/**
 * A chapter's `<section>`, the same in every output (EPUB, print, preview): what differs is only
 * which of the chapter's nodes it holds and what goes before them.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Chapter } from '../book.ts';
import { withHalfWidthPairs } from './yakumono.ts';

/** Which part of a chapter a section holds, and anything set before its nodes. */
export interface ChapterSectionOptions {
  /**
   * 0 (or absent) for the chapter's start; a later part, cut off for the EPUB's document size,
   * is a plain continuation without the chapter's id and roles.
   */
  part?: number;
  /** Nodes placed before the chapter's own (the print book's page anchor). */
  before?: ElementContent[];
}

/** The section of a chapter holding `nodes` (the whole chapter's, or one part's). */
export function chapterSection(
  chapter: Chapter,
  nodes: ElementContent[],
  { part = 0, before = [] }: ChapterSectionOptions = {},
): Element {
  // 約物の連続 as JLReq sets it, in every output alike.
  const children = [...before, ...withHalfWidthPairs(nodes)];
  if (part > 0) return h('section.chapter-continued', children);
  const firstHeading = chapter.headings[0];
  return h(
    'section.chapter',
    {
      id: chapter.id,
      'epub:type': 'chapter',
      role: 'doc-chapter',
      // Only a heading in this same section can label it.
      ariaLabelledBy: firstHeading && containsId(nodes, firstHeading.id) ? firstHeading.id : undefined,
    },
    children,
  );
}

function containsId(nodes: readonly ElementContent[], id: string): boolean {
  return nodes.some((node) => node.type === 'element' && (node.properties.id === id || containsId(node.children, id)));
}
