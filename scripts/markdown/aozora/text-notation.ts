/**
 * What a 青空文庫 text writes that a Markdown manuscript does not: Latin letters with accents
 * as pairs inside 〔〕 (`〔e'〕`, see accents.ts), and the くの字点, the two-line repetition mark,
 * written `／＼` (with a dakuten `／″＼`), which is set as the marks made for it, 〳〵 and 〴〵, as
 * AozoraEpub3 sets it.
 */
import type { Parent, Root } from 'mdast';
import type { Processor } from 'unified';
import { accentFromMarkdown, accentSyntax } from './accents.ts';

/** Remark plugin: アクセント分解 in a 青空文庫 text. */
export function remarkAozoraTextNotation(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(accentSyntax());
  (data.fromMarkdownExtensions ??= []).push(accentFromMarkdown());
}

/**
 * Remark plugin: くの字点 in a 青空文庫 text. It runs after the annotations, whose targets are
 * written with `／＼` as the text is (`とろ／＼［＃「とろ／＼」に傍点］`).
 */
export function remarkKunoji() {
  return (tree: Root) => {
    setKunoji(tree);
  };
}

function setKunoji(parent: Parent): void {
  for (const child of parent.children) {
    if (child.type === 'text') {
      if (child.value.includes('／')) child.value = child.value.replace(/／″＼/g, '〴〵').replace(/／＼/g, '〳〵');
    } else if ('children' in child) setKunoji(child);
  }
}
