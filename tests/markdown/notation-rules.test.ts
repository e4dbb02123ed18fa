/**
 * The rules of the Markdown stage as the author reads them: docs/syntax.md lists every rule that
 * stops the build, and only those, and every rule has a hint that says what to write.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTATION_RULES } from '../../scripts/markdown/notation-rules.ts';
import { projectRoot } from '../helpers/cli.ts';

describe('the notation rules', () => {
  it('are listed in docs/syntax.md, "Mistakes that stop the build": every error, and no warning', async () => {
    const syntax = await readFile(join(projectRoot, 'docs/syntax.md'), 'utf8');
    const section = syntax.split('## Mistakes that stop the build')[1]!.split('\n## ')[0]!;
    const listed = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]).sort();
    const errors = Object.entries(NOTATION_RULES)
      .filter(([, rule]) => rule.severity === 'error')
      .map(([id]) => id)
      .sort();
    expect(listed).toEqual(errors);
  });

  it('each have a hint of their own', () => {
    const hints = Object.values(NOTATION_RULES).map((rule) => rule.hint);
    expect(new Set(hints).size).toBe(hints.length);
    for (const hint of hints) expect(hint.length).toBeGreaterThan(20);
  });
});
