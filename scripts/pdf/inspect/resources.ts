/**
 * Reading what a page's content refers to: its resources by category and name, and the image
 * dictionaries it draws. Shared by the preflight and the gray conversion, so that both read a
 * page the same way.
 */
import { PDFBool, PDFName, type PDFDict } from 'pdf-lib';

/** Whether an image dictionary is a stencil mask, painted in the fill colour (nothing to convert). */
export function isImageMask(dict: PDFDict): boolean {
  return dict.lookup(PDFName.of('ImageMask')) === PDFBool.True;
}
