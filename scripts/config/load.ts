/**
 * Reading book metadata: YAML with source positions, validated by the schema, so that every
 * problem can be reported as `book.yaml:line:column`.
 */
import * as v from 'valibot';
import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml';
import { BuildError, BuildErrors, type Place } from '../errors.ts';
import { BookSchema, type BookConfig } from './schema.ts';
import { closestMatch } from './did-you-mean.ts';

/** Where the YAML text sits in its file: a front matter block starts after the `---` line. */
export interface YamlSource {
  text: string;
  file: string;
  /** Lines of the file before the YAML text. */
  lineOffset?: number;
}

/** Validated metadata, and a way to point back at the line a value came from. */
export interface ParsedConfig {
  config: BookConfig;
  /** The place of the value at a key path, e.g. `['chapters', 2]`. */
  locate(keys: (string | number)[]): Place;
}

/**
 * Parse and validate book metadata; throws a BuildError pointing at the offending line, or a
 * BuildErrors with every mistake of the file (each unknown key, wrong type and bad value at its
 * own line), so that one run shows them all. `defaults` are values the file may override (a
 * 青空文庫 text's header gives its title and author).
 */
export function parseBookConfig(source: YamlSource, defaults: Record<string, unknown> = {}): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const offset = source.lineOffset ?? 0;
  const placeOf = (position: number) => {
    const { line, col } = lineCounter.linePos(position);
    return { file: source.file, line: line + offset, column: col };
  };

  // Every YAML error, then stop: the values of a file that does not parse cannot be trusted.
  if (doc.errors.length > 0) throwAll(doc.errors.map((error) => yamlError(doc, error, placeOf)));

  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    throw new BuildError('book metadata must be a mapping of keys to values (title: …)', {
      ...placeOf(0),
      ruleId: 'metadata-type',
    });
  }

  const result = v.safeParse(BookSchema, { ...defaults, ...data });
  if (!result.success) {
    const issues = result.issues.map((issue) => innermostIssue(issue));
    throwAll(issues.map((issue) => schemaError(issue, doc, placeOf)));
  }
  return {
    config: result.output,
    locate: (keys) => {
      const node = nodeAt(doc.contents, keys, false);
      return node?.range ? placeOf(node.range[0]) : placeOf(0);
    },
  };
}

/** Throw the errors in the order of the file, each once: one as itself, several together. */
function throwAll(errors: BuildError[]): never {
  const seen = new Set<string>();
  const unique = errors
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .filter((error) => {
      const key = `${error.line}:${error.column}:${error.message}`;
      return !seen.has(key) && seen.add(key);
    });
  throw unique.length === 1 ? unique[0]! : new BuildErrors(unique);
}

/** A YAML syntax error at the place where the broken construct starts. */
function yamlError(doc: Document, error: YAMLError, placeOf: (position: number) => Place): BuildError {
  const [line = '', ...rest] = error.message.split('\n');
  return new BuildError(`invalid YAML: ${line.replace(/ at line \d+, column \d+:?$/, '')}`, {
    ...placeOf(constructStart(doc, error.pos[0])),
    hint: rest.length > 0 ? 'check the indentation and quoting near this line' : undefined,
    ruleId: 'yaml-syntax',
  });
}

/** One schema issue as an error at the line of its key or value: an unknown key gets a did-you-mean. */
function schemaError(issue: Issue, doc: Document, placeOf: (position: number) => Place): BuildError {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  const dotted = keys.join('.');
  const node = nodeAt(doc.contents, keys, issue.type === 'strict_object');
  const place = node?.range ? placeOf(node.range[0]) : placeOf(0);

  if (issue.type === 'strict_object') {
    const unknown = String(keys.at(-1));
    const known = Object.keys(entriesAt(keys.slice(0, -1)));
    const suggestion = closestMatch(unknown, known);
    return new BuildError(`unknown key "${dotted}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, {
      ...place,
      hint: suggestion
        ? `rename it to ${suggestion}; the keys known here: ${known.join(', ')}`
        : `known keys here: ${known.join(', ')}`,
      ruleId: 'metadata-unknown-key',
    });
  }
  if (keys.length === 0)
    return new BuildError(`book metadata: ${issue.message}`, { ...place, ruleId: 'metadata-invalid' });
  const detail = issue.message.startsWith('Invalid')
    ? `expected ${issue.expected}, got ${issue.received}`
    : issue.message;
  return new BuildError(`key "${dotted}": ${detail}`, { ...place, ruleId: 'metadata-invalid' });
}

type Issue = v.InferIssue<typeof BookSchema>;

/**
 * A union (`error | warning | { severity, … }`) reports only that no option fitted; when the value
 * had the type of one option (a mapping), that option's own issue says more (an unknown key, a bad value).
 */
function innermostIssue(issue: Issue): Issue {
  // The options' issues carry paths relative to the union's value.
  const inner = issue.type === 'union' ? issue.issues?.find((nested) => (nested.path?.length ?? 0) > 0) : undefined;
  if (!inner) return issue;
  return innermostIssue({ ...inner, path: [...(issue.path ?? []), ...(inner.path ?? [])] } as Issue);
}

/**
 * Where the broken construct starts. The parser notices a quote or a bracket that is never closed
 * only where it runs out (the end of the text, or a line that cannot belong to it); the author
 * needs the place where it was opened: the innermost quoted scalar or flow collection that runs
 * up to the error.
 */
function constructStart(doc: Document, position: number): number {
  let start = position;
  visit(doc, {
    Node(_key, node) {
      const [from, to] = node.range ?? [position, position];
      const open = isScalar(node)
        ? node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
        : isCollection(node) && node.flow;
      if (open && from < position && to >= position && (start === position || from > start)) start = from;
    },
  });
  return start;
}

/** The YAML node at a key path; for an unknown key, the key itself rather than its value. */
function nodeAt(root: unknown, keys: (string | number)[], wantKey: boolean): YamlNode | undefined {
  let node = root;
  for (const [index, key] of keys.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
      if (!pair) return isMap(node) ? (node as YamlNode) : undefined;
      if (wantKey && index === keys.length - 1) return pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return node as YamlNode | undefined;
    }
  }
  return node as YamlNode | undefined;
}

type AnySchema = v.GenericSchema & { entries?: Record<string, AnySchema>; wrapped?: AnySchema; options?: AnySchema[] };

/** The keys the schema allows at a path, for "did you mean" suggestions. */
function entriesAt(keys: (string | number)[]): Record<string, AnySchema> {
  let schema: AnySchema | undefined = BookSchema as unknown as AnySchema;
  const unwrap = (s: AnySchema | undefined): AnySchema | undefined => {
    if (s?.wrapped) return unwrap(s.wrapped);
    if (s?.options) return s.options.find((option) => option.entries) ?? s;
    return s;
  };
  for (const key of keys) {
    schema = unwrap(schema);
    schema = typeof key === 'string' ? schema?.entries?.[key] : undefined;
  }
  return unwrap(schema)?.entries ?? {};
}
