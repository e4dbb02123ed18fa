/**
 * mdast → hast for `***` / `---` (a thematic break), which in a Japanese book is a scene
 * break (場面転換): a centred mark such as ＊ (`sceneBreak: mark`), or one blank line
 * (`sceneBreak: blank`), kept as an `<hr>` whose rule the stylesheet hides.
 */
import type { Element } from 'hast';
import type { ThematicBreak } from 'mdast';
import type { State } from 'mdast-util-to-hast';

/** How scene breaks are shown. */
export interface SceneBreakOptions {
  sceneBreak: 'blank' | 'mark';
  sceneBreakMark: string;
}

/** Make the handler for `thematicBreak` nodes. */
export function sceneBreakToHast(options: SceneBreakOptions) {
  return (state: State, node: ThematicBreak): Element => {
    const result: Element =
      options.sceneBreak === 'mark'
        ? {
            type: 'element',
            tagName: 'p',
            properties: { className: ['scene-break'] },
            children: [{ type: 'text', value: options.sceneBreakMark }],
          }
        : { type: 'element', tagName: 'hr', properties: { className: ['scene-break'] }, children: [] };
    state.patch(node, result);
    return state.applyData(node, result);
  };
}
