/**
 * The Markdown fixtures: every `fixtures/<group>/<case>.md` (or `<case>.txt`, read as the body of a
 * 青空文庫 text) is processed and compared with
 * `<case>.xhtml` (the serialised output, which must be well-formed XML with only the attributes
 * the EPUB packager keeps) and `<case>.messages` (the expected warnings; none when absent).
 * Settings come from `<case>.json` or the group's `options.json`.
 *
 * `UPDATE_FIXTURES=1 npx vitest run tests/markdown` rewrites the expected files; review the diff.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../helpers/xml.ts';
import { runFixture } from './run-fixture.ts';

const root = new URL('./fixtures/', import.meta.url).pathname;
const update = process.env.UPDATE_FIXTURES === '1';
const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

// The attributes epub-gen-memory keeps (table cells' `align` is rewritten into `style` by
// scripts/epub/adapt.ts); anything else would be dropped and fail the build.
const ALLOWED =
  /^(align|class|id|title|lang|xml:lang|dir|style|href|src|alt|role|colspan|rowspan|aria-[a-z]+|epub:type|xmlns(:[a-z]+)?)$/;

function checkAttributes(element: Element, path: string): void {
  for (const attribute of Array.from(element.attributes)) {
    expect(attribute.name, `${path}: <${element.tagName} ${attribute.name}>`).toMatch(ALLOWED);
  }
  for (const child of Array.from(element.childNodes)) if (child.nodeType === 1) checkAttributes(child as Element, path);
}

const groups = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const cases = groups.flatMap((group) =>
  readdirSync(join(root, group))
    .filter((name) => name.endsWith('.md') || name.endsWith('.txt'))
    .sort()
    .map((name) => ({ group, name: name.replace(/\.(md|txt)$/, ''), extension: name.slice(name.lastIndexOf('.')) })),
);

describe('Markdown fixtures', () => {
  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(groups)('%s', (group) => {
    const dir = join(root, group);
    const groupOptions = read(join(dir, 'options.json'));
    it.each(cases.filter((entry) => entry.group === group).map((entry) => [entry.name, entry.extension]))(
      '%s',
      async (name, extension) => {
        const base = join(dir, name);
        const options = JSON.parse(read(`${base}.json`) ?? groupOptions ?? '{}');
        const result = await runFixture(readFileSync(`${base}${extension}`, 'utf8'), options, `${name}${extension}`);
        const messages = result.messages.length > 0 ? `${result.messages.join('\n')}\n` : undefined;
        if (update) {
          writeFileSync(`${base}.xhtml`, result.xhtml);
          if (messages) writeFileSync(`${base}.messages`, messages);
          else if (existsSync(`${base}.messages`)) rmSync(`${base}.messages`);
        }
        const doc = parseXml(
          `<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${result.xhtml}</body>`,
          `${group}/${name}`,
        );
        checkAttributes(doc.documentElement as unknown as Element, `${group}/${name}`);
        const ids = Array.from(doc.getElementsByTagName('*'))
          .map((element) => element.getAttribute('id'))
          .filter(Boolean);
        expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^ch-2-/);
        expect(result.xhtml).toBe(read(`${base}.xhtml`));
        expect(messages).toBe(read(`${base}.messages`));
      },
    );
  });
});
