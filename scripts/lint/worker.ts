/**
 * A lint worker thread: it keeps one textlint kernel and the morphological dictionary warm, and
 * lints documents of the projection as the main thread sends them (pool.ts).
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import type { TextlintMessage } from '@textlint/types';
import type { LintRuleId } from '../config/schema.ts';
import { installLinearLattice } from './linear-lattice.ts';
import { PROJECTION_EXTENSION, projectionPlugin } from './plugin.ts';
import type { LintDocument } from './projection/txt-ast.ts';
import { FILTER_MODULES, RULE_MODULES } from './rule-modules.ts';
import { sharedDictionary, useSharedDictionary, type SharedDictionary } from './shared-dictionary.ts';

/** A rule to run, with its options. */
export interface RuleRun {
  id: LintRuleId;
  options: Record<string, unknown>;
}

/** What the main thread asks. */
export type WorkerRequest =
  | { id: number; type: 'warm' }
  | { id: number; type: 'lint'; document: Omit<LintDocument, 'offsets'>; rules: RuleRun[]; filePath: string };

/**
 * The dictionary, once to each worker: `inflate` asks the first to inflate it and send it back as
 * `dictionary`, which the pool passes on to the others (undefined: read the files as kuromoji does).
 */
export type DictionaryMessage = { type: 'inflate' } | { type: 'dictionary'; dictionary: SharedDictionary | undefined };

/** A finding in the document's own coordinates. */
export interface RawMessage {
  ruleId: LintRuleId;
  message: string;
  range: [number, number];
  fix?: { range: [number, number]; text: string };
}

/** What a worker answers. */
export type WorkerResponse = { id: number; messages: RawMessage[] } | { id: number; error: string };

// CommonJS packages, required rather than imported (see rule-modules.ts).
const require = createRequire(import.meta.url);
const { TextlintKernel } = require('@textlint/kernel') as typeof import('@textlint/kernel');
const { getTokenizer } = require('kuromojin') as typeof import('kuromojin');
const kernel = new TextlintKernel();
// Before any rule tokenizes: kuromoji's own lattice builder is quadratic in a paragraph's length.
installLinearLattice();
// The first message brings the dictionary (or asks for it); kuromoji waits for it rather than read the files itself.
let receiveDictionary!: (dictionary: SharedDictionary | undefined) => void;
useSharedDictionary(new Promise((resolve) => (receiveDictionary = resolve)));

async function lint(request: Extract<WorkerRequest, { type: 'lint' }>): Promise<RawMessage[]> {
  const { document, rules, filePath } = request;
  const result = await kernel.lintText(document.text, {
    ext: PROJECTION_EXTENSION,
    filePath,
    plugins: [{ pluginId: 'tategaki', plugin: projectionPlugin, options: { text: document.text, ast: document.ast } }],
    rules: rules.map((rule) => ({ ruleId: rule.id, rule: RULE_MODULES[rule.id], options: rule.options })),
    filterRules: Object.entries(FILTER_MODULES).map(([ruleId, rule]) => ({ ruleId, rule })),
  });
  const known = new Set<string>(rules.map((rule) => rule.id));
  const messages: RawMessage[] = [];
  for (const message of result.messages as TextlintMessage[]) {
    // The kernel reports a plugin or rule failure as a message of its own rather than throwing.
    if (!known.has(message.ruleId)) throw new Error(message.message);
    // A voiced mark after a kana that has no voiced form (あ゛) is a deliberate effect, not NFD.
    if (message.ruleId === 'no-nfd' && message.fix && message.fix.text.length > 1) continue;
    let range: [number, number] = [message.range[0], message.range[1]];
    // no-nfd points at the voiced mark: point at the whole decomposed character, as the fix does.
    if (message.ruleId === 'no-nfd' && message.fix) range = [message.fix.range[0], message.fix.range[1]];
    // no-unmatched-pair reports the character after the unclosed mark; point at the mark itself.
    if (message.ruleId === 'no-unmatched-pair' && range[0] > 0) {
      const mark = /for (\S)\./.exec(message.message)?.[1];
      if (mark !== undefined && document.text[range[0] - 1] === mark) range = [range[0] - 1, range[1] - 1];
    }
    messages.push({
      ruleId: message.ruleId as LintRuleId,
      // sentence-length names the line in our document, which is not the file's: the place says it.
      message: message.ruleId === 'sentence-length' ? message.message.replace(/^Line \d+ /, '') : message.message,
      range,
      ...(message.fix ? { fix: { range: [message.fix.range[0], message.fix.range[1]], text: message.fix.text } } : {}),
    });
  }
  return messages;
}

parentPort!.on('message', (request: WorkerRequest | DictionaryMessage) => {
  if (request.type === 'dictionary') return receiveDictionary(request.dictionary);
  if (request.type === 'inflate')
    return void sharedDictionary().then((dictionary) => {
      receiveDictionary(dictionary);
      parentPort!.postMessage({ type: 'dictionary', dictionary } satisfies DictionaryMessage);
    });
  const answer = request.type === 'warm' ? getTokenizer().then(() => [] as RawMessage[]) : lint(request);
  answer.then(
    (messages) => parentPort!.postMessage({ id: request.id, messages } satisfies WorkerResponse),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerResponse),
  );
});
