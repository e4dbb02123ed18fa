/**
 * The textlint plugin that hands the rules our projection instead of parsing the text itself:
 * its processor is given a document made from our own parse (projection/txt-ast.ts) and returns
 * that document's TxtAST for its text. Messages come back in the document's coordinates; the
 * caller maps them to the manuscript (messages.ts), where it also knows which file it was.
 */
import type { TxtDocumentNode } from '@textlint/ast-node-types';
import type { TextlintPluginCreator, TextlintPluginOptions } from '@textlint/types';

/** The extension the plugin answers to; it is never a real file's. */
export const PROJECTION_EXTENSION = '.tategaki';

/** What the plugin is given: a document of our projection. */
interface ProjectionPluginOptions extends TextlintPluginOptions {
  text: string;
  ast: TxtDocumentNode;
}

class ProjectionProcessor {
  constructor(private readonly options: ProjectionPluginOptions) {}

  availableExtensions(): string[] {
    return [PROJECTION_EXTENSION];
  }

  processor() {
    return {
      preProcess: (text: string): TxtDocumentNode => {
        if (text !== this.options.text) throw new Error('the text to lint is not the text of the projected document');
        return this.options.ast;
      },
      postProcess: <Messages>(messages: Messages, filePath?: string) => ({ messages, filePath: filePath ?? '' }),
    };
  }
}

/** The plugin, as textlint's kernel takes it. */
export const projectionPlugin = { Processor: ProjectionProcessor } as unknown as TextlintPluginCreator;
