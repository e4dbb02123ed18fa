/** Reading a built EPUB in tests: unzip it, parse its package, run EPUBCheck. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { elements, parseXml } from './xml.ts';

const run = promisify(execFile);

/** An unzipped EPUB with its package document parsed. */
export interface OpenedEpub {
  zip: JSZip;
  files: string[];
  opfPath: string;
  opf: ReturnType<typeof parseXml>;
  read(path: string): Promise<string>;
  /** Content documents in spine order, as [path, text]. */
  spine(): Promise<[string, string][]>;
}

/** Open an EPUB file. */
export async function openEpub(path: string): Promise<OpenedEpub> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const files = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  const read = async (name: string) => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${name} is not in the EPUB`);
    return entry.async('string');
  };
  const container = parseXml(await read('META-INF/container.xml'), 'container.xml');
  const opfPath = elements(container, 'rootfile')[0]!.getAttribute('full-path')!;
  const opf = parseXml(await read(opfPath), opfPath);
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const spine = async () => {
    const items = new Map(elements(opf, 'item').map((item) => [item.getAttribute('id'), item.getAttribute('href')]));
    const refs = elements(opf, 'itemref').map((ref) => `${base}${items.get(ref.getAttribute('idref'))}`);
    return Promise.all(refs.map(async (ref) => [ref, await read(ref)] as [string, string]));
  };
  return { zip, files, opfPath, opf, read, spine };
}

/** EPUBCheck's findings on a file. */
export interface EpubcheckResult {
  errors: number;
  warnings: number;
  fatals: number;
  messages: { severity: string; ID: string; message: string }[];
}

/** Run EPUBCheck (Debian package `epubcheck`) and return its counts and messages. */
export async function epubcheck(path: string): Promise<EpubcheckResult> {
  const dir = await mkdtemp(join(tmpdir(), 'epubcheck-'));
  const out = join(dir, 'out.json');
  try {
    await run('java', ['-jar', '/usr/share/java/epubcheck.jar', path, '--json', out], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { code?: number }) => {
      // EPUBCheck exits 1 when it finds errors; the JSON report says which.
      if (error.code !== 1) throw error;
    });
    const report = JSON.parse(await readFile(out, 'utf8')) as { messages: EpubcheckResult['messages'] };
    const count = (severity: string) => report.messages.filter((message) => message.severity === severity).length;
    return { errors: count('ERROR'), warnings: count('WARNING'), fatals: count('FATAL'), messages: report.messages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
