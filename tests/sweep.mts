import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { bookWarnings, loadBook } from '../scripts/book.ts';
const files: string[] = [];
const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else if (p.endsWith('.txt')) files.push(p); } };
walk('/tmp/aozora-src/cards');
files.sort();
const step = Math.floor(files.length / Number(process.argv[2] ?? 300));
const counts = new Map<string, number>(); const examples = new Map<string, string>();
let leaks = 0, errors = 0, done = 0;
for (let i = Math.floor(step / 2); i < files.length; i += step) {
  const f = files[i]!;
  if (statSync(f).size > 400_000) continue;
  try {
    const book = await loadBook(f, undefined, { assetProblems: [] });
    const html = book.chapters.map((c) => toHtml(c.tree)).join('');
    if (/［＃/.test(html.replace(/<[^>]+>/g, ''))) { leaks++; console.log('LEAK', f); }
    for (const w of bookWarnings(book)) {
      const key = `${w.ruleId} ${w.message.replace(/［＃.*?］/, (m) => m.replace(/「[^」]*」/g, '「X」').replace(/[0-9０-９一二三四五六七八九十]+/g, 'N'))}`.slice(0, 110);
      counts.set(key, (counts.get(key) ?? 0) + 1); if (!examples.has(key)) examples.set(key, `${f}:${w.line}:${w.column}`);
    }
  } catch (e) { errors++; console.log('ERROR', f, (e as Error).message.slice(0, 200)); }
  done++;
}
console.log('files', done, 'leaks', leaks, 'errors', errors);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v, k, examples.get(k));
