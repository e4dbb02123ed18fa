/** PDF bookmarks (the outline a viewer shows beside the pages), built with pdf-lib's low-level API. */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';

/** One bookmark. */
export interface OutlineItem {
  title: string;
  /** 0-based index of the page it opens. */
  pageIndex: number;
  children: OutlineItem[];
}

/** Replace the document's outline with `items`. */
export function writeOutline(pdf: PDFDocument, items: readonly OutlineItem[]): void {
  if (items.length === 0) return;
  const context = pdf.context;
  const pages = pdf.getPages();
  const rootRef = context.nextRef();

  const build = (list: readonly OutlineItem[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => context.nextRef());
    let count = 0;
    list.forEach((item, index) => {
      const page = pages[Math.min(item.pageIndex, pages.length - 1)]!;
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parentRef);
      dict.set(PDFName.of('Dest'), PDFArray.withContext(context));
      const dest = dict.lookup(PDFName.of('Dest'), PDFArray);
      dest.push(page.ref);
      dest.push(PDFName.of('XYZ'));
      dest.push(PDFNull);
      dest.push(PDFNull);
      dest.push(PDFNull);
      if (index > 0) dict.set(PDFName.of('Prev'), refs[index - 1]!);
      if (index < list.length - 1) dict.set(PDFName.of('Next'), refs[index + 1]!);
      if (item.children.length > 0) {
        const sub = build(item.children, refs[index]!);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        // Open entries count their descendants positively.
        dict.set(PDFName.of('Count'), PDFNumber.of(sub.count));
        count += sub.count;
      }
      context.assign(refs[index]!, dict);
      count += 1;
    });
    return { first: refs[0]!, last: refs.at(-1)!, count };
  };

  const top = build(items, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  pdf.catalog.set(PDFName.of('Outlines'), rootRef);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
