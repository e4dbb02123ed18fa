/** The preview proofreads a saved chapter and lists the findings in its problems panel. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeManuscript } from '../helpers/manuscript.ts';
import { byClass, DevServer, findAll, textOf } from './dev-server.ts';

let server: DevServer | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  server = undefined;
});

/** Wait until the preview has printed `count` lines matching `pattern` (the lint worker may still be loading its dictionary). */
async function printed(pattern: RegExp, count: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  while ((server!.stdout.match(new RegExp(pattern, 'gm')) ?? []).length < count) {
    if (Date.now() > deadline) throw new Error(`never printed ${pattern}:\n${server!.stdout}\n${server!.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function lintPanel(): Promise<string[]> {
  const { document } = await server!.page();
  const panel = byClass(document, 'preview-lint')[0];
  return panel ? findAll(panel, (element) => element.tagName === 'pre').map(textOf) : [];
}

describe('npm run dev proofreading', () => {
  it('lints a saved chapter and shows what it found in the problems panel', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 校正の本\n',
      '01.md': '# 一\n\n　{窓|まど}から庭が見える。\n',
      '02.md': '# 二\n\n　二章の本文。\n',
    });
    server = await DevServer.start(root, []);
    expect(await lintPanel()).toEqual([]);

    await writeFile(join(root, '01.md'), '# 一\n\n　{窓|まど}から庭が見れる。\n');
    await printed(/^proofread 01\.md in \d+ ms: 1 finding\(s\)$/, 1);
    expect(await lintPanel()).toEqual([
      `${join(root, '01.md')}:3:13: warning: ら抜き言葉を使用しています。 (no-dropping-the-ra)`,
    ]);
    expect(server.stderr).toContain(
      `${join(root, '01.md')}:3:13: warning: ら抜き言葉を使用しています。 (no-dropping-the-ra)`,
    );

    await writeFile(join(root, '01.md'), '# 一\n\n　{窓|まど}から庭が見られる。\n');
    await printed(/^proofread 01\.md in \d+ ms: 0 finding\(s\)$/, 1);
    expect(await lintPanel()).toEqual([]);
  });
});
