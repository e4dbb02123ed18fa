/**
 * Reading what a page's content refers to: its resources by category and name, the forms and
 * images it draws. Shared by the preflight and the gray conversion, so that both read a page the
 * same way.
 */
import { PDFArray, PDFBool, PDFDict, PDFName, PDFNumber, type PDFObject } from 'pdf-lib';
import type { Operand } from './scan.ts';

const name = (key: string) => PDFName.of(key);

/** The name an operation takes last (`/F1 12 Tf`, `/Im0 Do`), if it is a name. */
export function lastName(operands: readonly Operand[]): string | undefined {
  const last = operands.at(-1);
  return last?.kind === 'name' ? last.value : undefined;
}

/** A resource by category and name (`/ExtGState /G3`), resolved. */
export function lookupIn(
  resources: PDFDict | undefined,
  category: string,
  key: string | undefined,
): PDFObject | undefined {
  if (!key) return undefined;
  const dict = resources?.lookup(name(category));
  return dict instanceof PDFDict ? dict.lookup(name(key)) : undefined;
}

/** An array of numbers (a matrix, a rectangle); anything else in it reads as 0. */
export function numberArray(value: PDFObject | undefined): number[] {
  return value instanceof PDFArray
    ? value.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : 0))
    : [];
}

/** A form's own resources, else the resources of the content that draws it. */
export function formResources(form: PDFDict, outer: PDFDict | undefined): PDFDict | undefined {
  const own = form.lookup(name('Resources'));
  return own instanceof PDFDict ? own : outer;
}

/** Whether a page or form is a transparency group (`/Group << /S /Transparency >>`). */
export function isTransparencyGroup(dict: PDFDict): boolean {
  const group = dict.lookup(name('Group'));
  return group instanceof PDFDict && group.lookup(name('S'))?.toString() === '/Transparency';
}

/** Whether an image dictionary is a stencil mask, painted in the fill colour (nothing to convert). */
export function isImageMask(dict: PDFDict): boolean {
  return dict.lookup(name('ImageMask')) === PDFBool.True;
}
