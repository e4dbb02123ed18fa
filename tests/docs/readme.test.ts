/**
 * README.md as an author meets it: short enough to read (at most 450 lines), its table of book.yaml
 * keys the schema's own (tests/helpers/schema-keys.ts), its complete book.yaml one the build
 * accepts, and every link into the repository leading to a file that is there.
 * `UPDATE_README=1 npx vitest run tests/docs/readme.test.ts` rewrites the key table after a change to
 * scripts/config/schema.ts; review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBookConfig } from '../../scripts/config/load.ts';
import { projectRoot } from '../helpers/cli.ts';
import { keyTable, schemaKeys, TABLE_END, TABLE_START } from '../helpers/schema-keys.ts';

const readmePath = join(projectRoot, 'README.md');
const readme = () => readFileSync(readmePath, 'utf8');

describe('README.md', () => {
  it('has at most 450 lines', () => {
    expect(readme().split('\n').length).toBeLessThanOrEqual(450);
  });

  it('lists every book.yaml key of the schema, with its value, default and meaning, and no other', () => {
    const keys = schemaKeys();
    expect(
      keys.filter((key) => key.meaning === '').map((key) => key.path),
      'every key needs a one-line TSDoc in scripts/config/schema.ts: it is the meaning the README shows',
    ).toEqual([]);
    const table = keyTable(keys);
    const text = readme();
    const start = text.indexOf(TABLE_START);
    const end = text.indexOf(TABLE_END);
    expect(start, `README.md needs the marks ${TABLE_START} … ${TABLE_END}`).toBeGreaterThan(-1);
    const written = text.slice(start + TABLE_START.length, end).trim();
    if (process.env.UPDATE_README === '1' && written !== table) {
      writeFileSync(readmePath, `${text.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${text.slice(end)}`);
      return;
    }
    expect(written, 'run UPDATE_README=1 npx vitest run tests/docs/readme.test.ts').toBe(table);
  });

  it('shows a complete book.yaml for a print book with a cover that the build accepts as it is', () => {
    const block = /<!-- complete book\.yaml -->\s*```yaml\n([\s\S]*?)```/.exec(readme())?.[1];
    expect(block, 'the ```yaml block after <!-- complete book.yaml -->').toBeDefined();
    const { config } = parseBookConfig({ text: block!, file: 'README.md' });
    expect(config.isbn).toBeDefined();
    expect(config.cover).toBeDefined();
    expect(config.print.profile).toBe('print-shop');
    expect(config.print.cover).toBeDefined();
  });

  it('links only to files that exist, and so does every page of docs/', () => {
    const pages = [
      'README.md',
      ...readdirSync(join(projectRoot, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/${name}`),
    ];
    const broken: string[] = [];
    for (const page of pages) {
      // Examples in code are not links.
      const text = readFileSync(join(projectRoot, page), 'utf8')
        .replace(/```[\s\S]*?```/g, '')
        .replace(/`[^`\n]*`/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        if (!existsSync(join(projectRoot, dirname(page), target!))) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
