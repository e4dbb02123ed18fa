/**
 * The node a 青空文庫 style makes of some text: 傍点 (`bouten`), `strong`, 縦中横 (`tcy`), ruby,
 * 割り注, or an element with classes (`aozoraStyled`).
 */
import type { Nodes, PhrasingContent } from 'mdast';
import type { RangeStyle } from './commands.ts';
import type { AozoraStyled } from './styled.ts';

/**
 * The node a style makes of `nodes`; `text` is what a reader sees of them when the caller
 * knows it. `undefined` when there is nothing to style.
 */
export function makeStyled(style: RangeStyle, nodes: PhrasingContent[], text = ''): PhrasingContent | undefined {
  switch (style.kind) {
    case 'bouten':
      return {
        type: 'bouten',
        style: style.style === 'sesame' ? undefined : style.style,
        children: nodes,
        // On the left (under the line in 横書き): the mark's class and `em-left`.
        ...(style.left ? { data: { hProperties: { className: [`em-${style.style}`, 'em-left'] } } } : {}),
      };
    case 'strong':
      return { type: 'strong', children: nodes };
    case 'ruby':
      // Ruby cannot hold ruby (HTML): a reading for text that already has one, ママ on a word with
      // its reading, is set after it as a small note.
      if (nodes.some(hasRuby))
        return styled(
          'span',
          ['ruby-over-ruby'],
          [...nodes, styled('span', ['inline-note'], [{ type: 'text', value: `（${style.reading}）` }])],
        );
      return {
        type: 'ruby',
        children: [
          { type: 'rubyBase', children: nodes },
          { type: 'rubyText', children: [{ type: 'text', value: style.reading }] },
        ],
        ...(style.left ? { data: { hProperties: { className: ['ruby-left'] } } } : {}),
      };
    case 'tcy':
      // 縦中横 of plain characters is a `tcy` node (its text is what automatic 縦中横 skips); over
      // other notations (`Ｘ１［＃「１」は下付き小文字］［＃「Ｘ１」は縦中横］`) it is an element around them.
      if (nodes.length === 0) return undefined;
      return nodes.every((node: Nodes) => node.type === 'text')
        ? { type: 'tcy', value: text || nodes.map((node) => (node.type === 'text' ? node.value : '')).join('') }
        : styled('span', ['tcy'], nodes);
    case 'warichu':
      return styled('span', ['warichu'], withParentheses(nodes, style.outside));
    case 'element':
      return styled(style.tagName, style.className, nodes);
    case 'character':
      return { type: 'text', value: style.char };
  }
}

const hasRuby = (node: Nodes): boolean => node.type === 'ruby' || ('children' in node && node.children.some(hasRuby));

function styled(tagName: AozoraStyled['tagName'], className: string[], children: PhrasingContent[]): AozoraStyled {
  return { type: 'aozoraStyled', tagName, className, children };
}

/**
 * 割り注 is set in parentheses (as aozora2html and AozoraEpub3 set it): those the text already
 * has are kept, the others added. A `［＃改行］` inside only says where the 底本 turned to the second
 * of its two small lines, which a one-line 割り注 does not have.
 */
function withParentheses(nodes: PhrasingContent[], outside = { open: false, close: false }): PhrasingContent[] {
  const inside = nodes.filter((node) => !(node.type === 'aozoraAnnotation' && node.value === '改行'));
  const first = inside[0];
  const last = inside.at(-1);
  const opens = outside.open || (first?.type === 'text' && first.value.startsWith('（'));
  const closes = outside.close || (last?.type === 'text' && last.value.endsWith('）'));
  return [
    ...(opens ? [] : [{ type: 'text', value: '（' } as const]),
    ...inside,
    ...(closes ? [] : [{ type: 'text', value: '）' } as const]),
  ];
}
