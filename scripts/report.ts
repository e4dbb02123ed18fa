/** How problems and results are worded for people: `file:line:column: severity: message`, sizes. */
import { isAbsolute, relative } from 'node:path';
import type { DiagnosticDetails } from './errors.ts';

/** Format one diagnostic the way compilers do, with the path relative to the working folder. */
export function formatDiagnostic(severity: 'error' | 'warning', message: string, details: DiagnosticDetails): string {
  let place = '';
  if (details.file) {
    place = [displayFile(details.file), details.line, details.line !== undefined ? details.column : undefined]
      .filter((part) => part !== undefined)
      .join(':');
    place += ': ';
  }
  const hint = details.hint ? `\n  hint: ${details.hint}` : '';
  return `${place}${severity}: ${message}${hint}`;
}

/** A file path as the user would type it: relative to the working folder when inside it. */
export function displayFile(file: string): string {
  const rel = isAbsolute(file) ? relative(process.cwd(), file) : file;
  return rel && !rel.startsWith('..') ? rel : file;
}

/** A size in the unit a person reads it in. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
