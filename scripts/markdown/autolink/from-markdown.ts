/**
 * mdast-util-from-markdown extension for URL autolinks: `urlLiteral` tokens to `link` nodes, a
 * word to the author when an address runs straight into Japanese letters, and a repair of the
 * links GFM's text transform makes.
 */
import type { Link, Nodes, Parent, Root, Text } from 'mdast';
import type { Extension, Transform } from 'mdast-util-from-markdown';
import { recordSyntaxProblem } from '../syntax-problems.ts';
import { positionOfToken } from '../text/points.ts';
import { endsUrl, isCjkLetter } from './characters.ts';

/** From-markdown extension: URL autolinks to `link` nodes. */
export function autolinkLiteralFromMarkdown(): Extension {
  return {
    enter: {
      urlLiteral(token) {
        this.enter({ type: 'link', title: null, url: '', children: [] }, token);
      },
      urlLiteralValue(token) {
        this.config.enter.data!.call(this, token);
      },
    },
    exit: {
      urlLiteralValue(token) {
        this.config.exit.data!.call(this, token);
        const link = this.stack.at(-1) as Link;
        link.url = `${token._urlWww ? 'http://' : ''}${this.sliceSerialize(token)}`;
      },
      urlLiteral(token) {
        this.exit(token);
        const next = token._urlFollowedBy;
        if (next === undefined || !isCjkLetter(next)) return;
        const url = this.sliceSerialize(token);
        recordSyntaxProblem(this, {
          reason: `the link ends at "${url}", before "${next}": an address in running text ends where Japanese text begins; if it goes on, write it in angle brackets (<${url}…>)`,
          ruleId: 'autolink-end',
          place: positionOfToken(token),
        });
      },
    },
    transforms: [repairTextLinks],
  };
}

/**
 * GFM also links addresses in text the tokenizer never read as an address (inside an unbalanced
 * `[`, for one), with its own rule: to the next space. Those links carry no position; each is cut
 * where the address ends, and what followed goes back into the text.
 */
const repairTextLinks: Transform = (tree: Root) => {
  const walk = (parent: Parent) => {
    for (let index = 0; index < parent.children.length; index++) {
      const node = parent.children[index] as Nodes;
      if (node.type === 'link' && node.position === undefined) {
        const rest = cutLink(node);
        if (rest) parent.children.splice(index + 1, 0, rest);
      } else if ('children' in node) {
        walk(node);
      }
    }
  };
  walk(tree);
};

/** Cut a positionless address link at the end of its address; the text cut off, if any. */
function cutLink(link: Link): Text | undefined {
  const [child] = link.children;
  if (link.children.length !== 1 || child?.type !== 'text') return undefined;
  const prefix = link.url.slice(0, link.url.length - child.value.length);
  if (prefix + child.value !== link.url) return undefined;
  let end = 0;
  while (end < child.value.length && !endsUrl(child.value.charCodeAt(end))) end++;
  if (end === child.value.length) return undefined;
  // Punctuation before the cut belongs to the sentence, as at the end of any address.
  while (end > 0 && /[!"'),.:;?*_~]/.test(child.value[end - 1]!)) end--;
  if (end === 0) return undefined;
  const rest = child.value.slice(end);
  child.value = child.value.slice(0, end);
  link.url = prefix + child.value;
  return { type: 'text', value: rest };
}
