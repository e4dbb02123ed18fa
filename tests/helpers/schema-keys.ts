/**
 * The README's table of book.yaml keys, made from the schema itself: the keys, and which hold
 * more keys, from scripts/config/schema.ts as TypeScript reads it (each key's TSDoc is its
 * meaning), and each key's type and default from the valibot schema the build validates with.
 * Nothing in the table is written by hand, so it cannot drift from what the build accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as v from 'valibot';
import { BookSchema } from '../../scripts/config/schema.ts';
import { projectRoot } from './cli.ts';

/** One key of book.yaml as the table shows it. */
export interface SchemaKey {
  /** Dotted path, as an author writes it nested (`print.cover.paper`). */
  path: string;
  /** The key's TSDoc in schema.ts, on one line; empty when it has none. */
  meaning: string;
  type: string;
  default: string;
}

/** The marks around the generated table in README.md. */
export const TABLE_START =
  '<!-- book.yaml keys: generated from scripts/config/schema.ts (tests/docs/readme.test.ts) -->';
/** The mark after the generated table. */
export const TABLE_END = '<!-- end of book.yaml keys -->';

/** Every key of book.yaml, in the schema's order, nested keys after their parent. */
export function schemaKeys(): SchemaKey[] {
  const path = join(projectRoot, 'scripts/config/schema.ts');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const objects = objectLiterals(source);
  const keys: SchemaKey[] = [];
  const walk = (object: ts.ObjectLiteralExpression, prefix: string[]) => {
    for (const property of object.properties) {
      // `...PrintBaseSchema.entries`: the keys of that object, at this level.
      if (ts.isSpreadAssignment(property)) {
        const spread = namedObject(property.expression, objects);
        if (spread) walk(spread, prefix);
        continue;
      }
      if (!ts.isPropertyAssignment(property)) continue;
      if (!ts.isIdentifier(property.name) && !ts.isStringLiteral(property.name)) continue;
      const keyPath = [...prefix, property.name.text];
      const schema = schemaAt(keyPath);
      // A key whose value is one of the schema's named objects (PrintSchema, …) holds keys of its own.
      const nested = namedObject(property.initializer, objects);
      const { type, default: fallback } = describe(schema);
      keys.push({
        path: keyPath.join('.'),
        meaning: tsdoc(property),
        type: nested ? 'the keys below' : type,
        default: fallback,
      });
      if (nested) walk(nested, keyPath);
    }
  };
  walk(objects.get('BookSchema')!, []);
  return keys;
}

/** The table as Markdown, one row a key. */
export function keyTable(keys: readonly SchemaKey[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = keys.map(
    (key) => `| \`${key.path}\` | ${cell(key.type)} | ${cell(key.default)} | ${cell(key.meaning)} |`,
  );
  return ['| key | value | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The `const Name = v.strictObject({…})` declarations of the file, by name. */
function objectLiterals(source: ts.SourceFile): Map<string, ts.ObjectLiteralExpression> {
  const found = new Map<string, ts.ObjectLiteralExpression>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const call = node.initializer;
      if (ts.isCallExpression(call) && call.expression.getText().endsWith('strictObject')) {
        const [argument] = call.arguments;
        if (argument && ts.isObjectLiteralExpression(argument)) found.set(node.name.text, argument);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The named object a key's value wraps (`v.optional(PrintSchema, {})`), if any. */
function namedObject(
  initializer: ts.Expression,
  objects: Map<string, ts.ObjectLiteralExpression>,
): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node) => {
    if (!found && ts.isIdentifier(node) && objects.has(node.text)) found = objects.get(node.text);
    ts.forEachChild(node, visit);
  };
  visit(initializer);
  return found;
}

/** A property's TSDoc comment on one line, without its `*` margins. */
function tsdoc(property: ts.PropertyAssignment): string {
  const docs = ts.getJSDocCommentsAndTags(property).filter(ts.isJSDoc);
  const comment = docs.at(-1)?.comment;
  const text = typeof comment === 'string' ? comment : (comment?.map((part) => part.text).join('') ?? '');
  return text.replace(/\s+/g, ' ').trim();
}

type AnySchema = v.GenericSchema & {
  entries?: Record<string, AnySchema>;
  wrapped?: AnySchema;
  options?: AnySchema[];
  item?: AnySchema;
  literal?: unknown;
  pipe?: Array<{ type: string; requirement?: unknown }>;
  default?: unknown;
};

/** The schema of a key path, with its optional wrapper still on (it holds the default). */
function schemaAt(path: readonly string[]): AnySchema {
  let schema = BookSchema as unknown as AnySchema;
  for (const key of path) {
    const object = unwrap(schema);
    schema = object.entries![key]!;
  }
  return schema;
}

function unwrap(schema: AnySchema): AnySchema {
  return schema.wrapped ? unwrap(schema.wrapped) : schema;
}

/** A key's value and default, as an author reads them. */
function describe(schema: AnySchema): { type: string; default: string } {
  const fallback = schema.wrapped ? v.getDefault(schema as v.OptionalSchema<v.GenericSchema, unknown>) : undefined;
  const shown =
    fallback === undefined || (typeof fallback === 'object' && Object.keys(fallback ?? {}).length === 0)
      ? ''
      : `\`${String(fallback)}\``;
  return { type: schema.wrapped ? valueOf(unwrap(schema)) : `${valueOf(schema)} (required)`, default: shown };
}

/** What a schema accepts, in words. */
function valueOf(schema: AnySchema): string {
  const range = (schema.pipe ?? []).filter((action) => action.type === 'min_value' || action.type === 'max_value');
  const bounds = range.map((action) => String(action.requirement)).join('–');
  switch (schema.type) {
    case 'string':
      return 'text';
    case 'number': {
      const whole = (schema.pipe ?? []).some((action) => action.type === 'integer');
      return `${whole ? 'whole number' : 'number'}${range.length === 2 ? ` ${bounds}` : ''}`;
    }
    case 'boolean':
      return '`true` or `false`';
    case 'picklist':
      return (schema as unknown as { options: unknown[] }).options.map((option) => `\`${String(option)}\``).join(', ');
    case 'literal':
      return `\`${String(schema.literal)}\``;
    case 'union': {
      const options = schema.options!.map((option) => unwrap(option));
      // `2 | 4 | 8 | 16` reads as a list; a text or a list of texts as two choices.
      const separator = options.every((option) => option.type === 'literal') ? ', ' : ', or ';
      return [...new Set(options.map((option) => valueOf(option)))].join(separator);
    }
    case 'strict_object':
      return `\`{ ${Object.keys(schema.entries!).join(', ')} }\``;
    case 'array':
      return `list of ${valueOf(unwrap(schema.item!))}`;
    case 'custom':
      return 'not accepted';
    default:
      return schema.type;
  }
}
