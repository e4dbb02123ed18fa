/** The finished PDF's document information and viewer preferences. */
import { ReadingDirection, type PDFDocument } from 'pdf-lib';

/** Document information for the PDF's metadata. */
export interface PdfMetadata {
  title: string;
  authors: string[];
  subject?: string;
  keywords: string[];
  lang: string;
  created: Date;
}

/** Write the document information (dates from the build's timestamp) and how viewers open the book. */
export function writeMetadata(pdf: PDFDocument, metadata: PdfMetadata, vertical: boolean): void {
  pdf.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.authors.length > 0) pdf.setAuthor(metadata.authors.join('、'));
  if (metadata.subject) pdf.setSubject(metadata.subject);
  if (metadata.keywords.length > 0) pdf.setKeywords(metadata.keywords);
  pdf.setLanguage(metadata.lang);
  pdf.setCreator('tategaki-book');
  pdf.setProducer('tategaki-book (Chromium, pdf-lib)');
  pdf.setCreationDate(metadata.created);
  pdf.setModificationDate(metadata.created);
  const preferences = pdf.catalog.getOrCreateViewerPreferences();
  preferences.setDisplayDocTitle(true);
  // Pages of a 縦書き book turn right to left, spreads show the odd page on the left.
  if (vertical) preferences.setReadingDirection(ReadingDirection.R2L);
}
