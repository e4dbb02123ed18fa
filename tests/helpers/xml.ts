/** Strict XML parsing for tests: well-formedness by saxes, then a DOM by xmldom for queries. */
import { DOMParser, type Document } from '@xmldom/xmldom';
import { SaxesParser } from 'saxes';

/** Parse XML, throwing on any well-formedness or namespace error. */
export function parseXml(text: string, name = 'document'): Document {
  const strict = new SaxesParser({ xmlns: true });
  strict.on('error', (error) => {
    throw new Error(`${name} is not well-formed XML: ${error.message}`);
  });
  strict.write(text).close();
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${name}: ${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
}

/** Elements by local name, ignoring namespaces. */
export function elements(doc: Document | ReturnType<Document['getElementsByTagName']>[number], localName: string) {
  return [...doc.getElementsByTagNameNS('*', localName)];
}
