/**
 * epub-gen-memory removes every attribute outside its allow-list. Before handing pages over,
 * the attributes our own markup needs are rewritten into allowed forms, so that anything it
 * still removes is a real loss, reported as a build error.
 */
import type { ElementContent, Properties } from 'hast';

/**
 * Rewrite attributes the packager would drop into forms it keeps; mutates the nodes. It sees every
 * element of the book, so it allocates nothing for one that keeps its attributes.
 */
export function adaptForPackager(nodes: readonly ElementContent[]): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    const properties: Properties = node.properties;
    let styles: string[] | undefined;
    if (typeof properties.align === 'string') {
      (styles ??= []).push(`text-align: ${properties.align}`);
      delete properties.align;
    }
    if (node.tagName === 'ol' && properties.start !== undefined) {
      // The list-item counter counts from the value before the first item.
      (styles ??= []).push(`counter-reset: list-item ${Number(properties.start) - 1}`);
      delete properties.start;
    }
    if (styles) {
      properties.style = [typeof properties.style === 'string' ? properties.style : '', ...styles]
        .filter(Boolean)
        .join('; ');
    }
    // `data-*` attributes are markers between our own stages, never content.
    for (const key in properties) {
      if (key.startsWith('data') && /^data[A-Z]/.test(key)) delete properties[key];
    }
    adaptForPackager(node.children);
  }
}
