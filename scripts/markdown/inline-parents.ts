/**
 * The blocks whose children are inline content (text, emphasis, ruby, …): a pass that looks for
 * blocks (definitions, list items) need not go inside them, and skipping them spares it most of a
 * novel's nodes.
 */
export const INLINE_PARENTS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'table']);
