/**
 * Font names that say their weights. The bundled Noto JP files are cut from a variable font, and
 * their name tables kept the name of its lightest instance: Chromium embeds the regular and bold
 * faces as "NotoSerifJPExtraLight-Regular" and "NotoSansJPThin-Bold", and a print shop's
 * preflight asks why a book is set in ExtraLight and Thin. The style after the hyphen is right
 * (the files are the 400 and 700 instances); the weight word before it is dropped from the names
 * the PDF gives the fonts (BaseFont, FontName). Only the bundled families are renamed: a book's
 * own font keeps the name its maker gave it.
 */
import { PDFDict, PDFName, type PDFDocument } from 'pdf-lib';
import { BUNDLED_FAMILIES, fontFamilyName } from '../../fonts/fontsource.ts';

const BUNDLED = BUNDLED_FAMILIES.map((family) => fontFamilyName(family).replaceAll(' ', '')).join('|');
const WRONG_WEIGHT = new RegExp(
  `^([A-Z]{6}\\+)?(${BUNDLED})(?:Thin|ExtraLight|Light|Medium|SemiBold|ExtraBold|Black)-(Regular|Bold)$`,
);

/** The name a bundled face should carry, or undefined when `name` is right as it is. */
export function weightName(name: string): string | undefined {
  const match = WRONG_WEIGHT.exec(name);
  return match ? `${match[1] ?? ''}${match[2]}-${match[3]}` : undefined;
}

/** Rename the bundled fonts of a document in place (fonts and their descriptors); returns how many names changed. */
export function nameFontsByWeight(document: PDFDocument): number {
  let renamed = 0;
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const type = object.get(PDFName.of('Type'));
    const key = type === PDFName.of('Font') ? 'BaseFont' : type === PDFName.of('FontDescriptor') ? 'FontName' : '';
    const name = key ? object.get(PDFName.of(key)) : undefined;
    if (!(name instanceof PDFName)) continue;
    const better = weightName(name.decodeText());
    if (!better) continue;
    object.set(PDFName.of(key), PDFName.of(better));
    renamed++;
  }
  return renamed;
}
