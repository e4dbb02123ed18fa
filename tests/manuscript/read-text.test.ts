import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../scripts/manuscript/read-text.ts';
import { BuildError } from '../../scripts/errors.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

async function fileWith(bytes: Uint8Array | string) {
  const root = await makeManuscript({});
  const path = join(root, 'a.md');
  await writeFile(path, bytes);
  return path;
}

describe('readSourceFile', () => {
  it('drops a BOM and turns CRLF and CR into LF', async () => {
    const file = await readSourceFile(await fileWith('\uFEFF一行目\r\n二行目\r三行目\n'));
    expect(file.value).toBe('一行目\n二行目\n三行目\n');
  });

  it('composes decomposed kana (NFD from macOS) but keeps compatibility ideographs', async () => {
    const file = await readSourceFile(await fileWith('か\u3099き\u3099の\uFA19社'));
    expect(file.value).toBe('がぎの\uFA19社');
  });

  it('removes control characters with a warning at their place', async () => {
    const file = await readSourceFile(await fileWith('一行目\n二\u0007行\u0000目\n'));
    expect(file.value).toBe('一行目\n二行目\n');
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]).toMatchObject({ line: 2, column: 2, ruleId: 'control-character' });
    expect(file.messages[0]!.reason).toMatch(/removed 2 control characters/);
  });

  it('refuses text that is not UTF-8 and says where the first bad byte is', async () => {
    // 「日本」 in Shift_JIS on the second line, third character.
    const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0x63, 0x93, 0xfa, 0x96, 0x7b, 0x0a]);
    const error = await readSourceFile(await fileWith(bytes)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect(error).toMatchObject({ line: 2, column: 3, ruleId: 'not-utf8' });
    expect((error as BuildError).hint).toMatch(/iconv/);
  });
});
