import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { packageEpub, unescapeText, type PackageMetadata } from '../../scripts/epub/package.ts';
import type { EpubPage } from '../../scripts/epub/pages.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';

const metadata: PackageMetadata = {
  title: '本',
  lang: 'ja',
  identifier: 'urn:uuid:00000000-0000-5000-8000-000000000000',
  modified: '2026-01-01T00:00:00Z',
  vertical: true,
  authors: [],
  contributors: [],
  subjects: [],
  tocTitle: '目次',
  readings: { authors: [] },
  cover: { url: '', width: 1, height: 1, alt: '表紙' },
  navBody: '<nav/>',
  ncxPoints: [],
  accessModes: ['textual'],
  accessModeSufficient: 'textual',
  accessibilityFeatures: [],
  accessibilitySummary: 'x',
};
const page = (nodes: EpubPage['nodes']): EpubPage => ({
  id: 'p-001',
  filename: 'p-001.xhtml',
  title: '一',
  bodyClass: 'p-text',
  nodes,
});

describe('packageEpub', () => {
  it('stops the build when the packager would drop an attribute', async () => {
    const nodes = [h('p', { title: 'ok', contentEditable: 'x', foo: 'dropped' }, '本文')];
    await expect(
      packageEpub([{ page: page(nodes), xhtml: toXhtml(nodes) }], metadata, '', new Date(0)),
    ).rejects.toMatchObject({
      ruleId: 'epub-dropped-content',
      message: expect.stringContaining("attribute foo isn't allowed"),
    });
  });
});

describe('unescapeText', () => {
  it('turns numeric references back into characters but keeps markup characters escaped', () => {
    expect(unescapeText('&#x65E5;&#x672C;&#x3C;&amp;&#x9;&#x1F600;')).toBe('日本&#x3C;&amp;&#x9;😀');
  });
});
