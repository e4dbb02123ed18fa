/**
 * PDF/X-1a:2001 (ISO 15930-1) identification for a finished one-colour PDF: the version and
 * conformance keys, an output intent naming a registered printing condition (so no ICC profile
 * is shipped), `/Trapped /False`, a PDF 1.3 header, a file identifier, and XMP metadata that
 * repeats the document information for checkers that read it. The page content must already be
 * DeviceGray without transparency (convertToGray), the pages must carry TrimBox and BleedBox,
 * and the file must be saved without object streams, then given its header (withPdfX1aHeader).
 */
import { createHash } from 'node:crypto';
import { PDFDict, PDFHeader, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFDocument } from 'pdf-lib';
import { JAPAN_COLOR_2001_COATED, PDFX_1A_2001, type OutputCondition } from '../inspect/destinations.ts';

/** What PDF/X-1a needs besides the document. */
export interface PdfXOptions {
  title: string;
  created: Date;
  outputCondition?: OutputCondition;
}

/** Write the PDF/X-1a:2001 keys into a document (saved afterwards without object streams). */
export function applyPdfX1a(pdf: PDFDocument, options: PdfXOptions): void {
  const context = pdf.context;
  const condition = options.outputCondition ?? JAPAN_COLOR_2001_COATED;
  // Kept for pdf-lib's own use; the saved header is set by withPdfX1aHeader.
  context.header = PDFHeader.forVersion(1, 3);

  const info = infoDict(pdf);
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(PDFX_1A_2001.version));
  info.set(PDFName.of('GTS_PDFXConformance'), PDFString.of(PDFX_1A_2001.conformance));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  if (!info.has(PDFName.of('Title'))) pdf.setTitle(options.title);
  if (!info.has(PDFName.of('CreationDate'))) pdf.setCreationDate(options.created);
  if (!info.has(PDFName.of('ModDate'))) pdf.setModificationDate(options.created);

  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of(condition.identifier),
    OutputCondition: PDFString.of(condition.condition),
    RegistryName: PDFString.of(condition.registry),
    Info: PDFString.of(condition.condition),
  });
  pdf.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));

  // A file identifier is required; derived from the content's identity so that builds repeat.
  if (!context.trailerInfo.ID) {
    const id = createHash('md5')
      .update(`${options.title}\u0000${options.created.toISOString()}\u0000${pdf.getPageCount()}`)
      .digest('hex');
    context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  }

  const xmp = metadataXml(pdf);
  const stream = PDFRawStream.of(
    context.obj({ Type: 'Metadata', Subtype: 'XML' }) as PDFDict,
    Buffer.from(xmp, 'utf8'),
  );
  pdf.catalog.set(PDFName.of('Metadata'), context.register(stream));
}

/**
 * Write the PDF/X-1a header version into saved bytes. pdf-lib always writes `%PDF-1.7`
 * whatever the document's header says; the two headers have the same length, so no offset moves.
 */
export function withPdfX1aHeader(bytes: Uint8Array): Uint8Array {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (!/^%PDF-\d\.\d$/.test(head)) throw new Error(`not a PDF header: ${head}`);
  bytes.set(Buffer.from('%PDF-1.3', 'latin1'), 0);
  return bytes;
}

/** The document information dictionary (pdf-lib keeps its accessor private). */
function infoDict(pdf: PDFDocument): PDFDict {
  const existing = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (existing instanceof PDFDict) return existing;
  const dict = pdf.context.obj({});
  pdf.context.trailerInfo.Info = pdf.context.register(dict);
  return dict;
}

/** Text of an Info entry, decoded. */
function infoText(info: PDFDict, key: string): string | undefined {
  const value = info.lookup(PDFName.of(key));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : value?.toString();
}

function metadataXml(pdf: PDFDocument): string {
  const info = infoDict(pdf);
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const date = (key: string) => {
    const value = info.lookup(PDFName.of(key));
    return value instanceof PDFString ? xmpDate(value.decodeDate()) : undefined;
  };
  const title = infoText(info, 'Title') ?? '';
  const author = infoText(info, 'Author');
  const created = date('CreationDate');
  const modified = date('ModDate');
  const producer = infoText(info, 'Producer');
  const creator = infoText(info, 'Creator');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"',
    ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escape(title)}</rdf:li></rdf:Alt></dc:title>`,
    ...(author ? [`<dc:creator><rdf:Seq><rdf:li>${escape(author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    '<dc:format>application/pdf</dc:format>',
    ...(created ? [`<xmp:CreateDate>${created}</xmp:CreateDate>`] : []),
    ...(modified
      ? [`<xmp:ModifyDate>${modified}</xmp:ModifyDate>`, `<xmp:MetadataDate>${modified}</xmp:MetadataDate>`]
      : []),
    ...(creator ? [`<xmp:CreatorTool>${escape(creator)}</xmp:CreatorTool>`] : []),
    ...(producer ? [`<pdf:Producer>${escape(producer)}</pdf:Producer>`] : []),
    '<pdf:Trapped>False</pdf:Trapped>',
    `<pdfx:GTS_PDFXVersion>${PDFX_1A_2001.version}</pdfx:GTS_PDFXVersion>`,
    `<pdfx:GTS_PDFXConformance>${PDFX_1A_2001.conformance}</pdfx:GTS_PDFXConformance>`,
    `<pdfxid:GTS_PDFXVersion>${PDFX_1A_2001.version}</pdfxid:GTS_PDFXVersion>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** A date as XMP writes it, with the time zone. */
function xmpDate(date: Date | undefined): string | undefined {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}
