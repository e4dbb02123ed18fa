/** The bundled 明朝 and ゴシック stacks as the print book uses them, and what a stack cannot draw. */
import { GOTHIC_STACK, MINCHO_STACK } from '../../scripts/fonts/fontsource.ts';
import { FontStack } from '../../scripts/fonts/stack.ts';

/** Body text: the 明朝 stack at regular weight. */
export const mincho = new FontStack(
  MINCHO_STACK.map((family) => ({ family })),
  400,
);
/** Headings: the ゴシック stack at bold weight. */
export const gothic = new FontStack(
  GOTHIC_STACK.map((family) => ({ family })),
  700,
);
/** The characters of `text` the stack has no glyph for, each once. */
export const lacking = (stack: FontStack, text: Iterable<string>) =>
  [...new Set(text)].filter((char) => !stack.has(char.codePointAt(0)!));
