/** Reading a built EPUB in tests: unzip it, parse its package, run EPUBCheck. */
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { elements, parseXml } from './xml.ts';

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

/** EPUBCheck's report, as the product's own runner reads it, so that tests and `npm run epubcheck` agree. */
export type { EpubcheckResult } from '../../scripts/check/epubcheck.ts';
