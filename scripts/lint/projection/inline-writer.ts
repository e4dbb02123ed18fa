/**
 * Collects the inline content of one block: text runs are merged, so that a rule sees
 * `漢字のルビ` as one string whatever notations it was written with, and raw HTML tags are
 * followed so that `<rt>` readings, `<rp>` brackets and script or style text stay out of the prose.
 */
import type { Inline, Reading, Units } from './types.ts';
import { appendUnits, emptyUnits } from './units.ts';

// Elements whose text a reader never sees in the line: fallback brackets of ruby, and code.
/** Elements whose text a reader never sees in a line. */
export const HIDDEN_ELEMENTS: readonly string[] = ['rp', 'script', 'style', 'template', 'noscript'];
const HIDDEN = new Set(HIDDEN_ELEMENTS);
const TAG = /^<(\/?)([A-Za-z][\w-]*)[^>]*?(\/?)>$/s;

/** Inline content being collected. */
export class InlineWriter {
  readonly inlines: Inline[] = [];
  private hidden = 0;
  /** Inside an HTML `<rt>`: the reading so far. */
  private reading: Units | undefined;
  /** Inside an HTML `<ruby>`: the base text since the last reading. */
  private base: string | undefined;

  /** `readings` collects the readings of HTML ruby written in the block. */
  constructor(private readonly readings: Reading[]) {}

  /** Prose text. */
  text(units: Units): void {
    if (units.text === '' || this.hidden > 0) return;
    if (this.reading) {
      appendUnits(this.reading, units);
      return;
    }
    if (this.base !== undefined) this.base += units.text;
    const last = this.inlines.at(-1);
    if (last?.kind === 'text') appendUnits(last.units, units);
    else this.inlines.push({ kind: 'text', units: { text: units.text, offsets: [...units.offsets] } });
  }

  /** Inline code, or an HTML comment. */
  literal(kind: 'code' | 'comment', units: Units): void {
    if (this.hidden === 0 && !this.reading) this.inlines.push({ kind, units });
  }

  /** A hard line break at a source offset. */
  lineBreak(offset: number): void {
    if (this.hidden === 0 && !this.reading) this.inlines.push({ kind: 'break', offset });
  }

  /** A link and its text, collected by `fill` into a writer of its own. */
  link(url: string, fill: (writer: InlineWriter) => void): void {
    const inner = new InlineWriter(this.readings);
    fill(inner);
    if (inner.inlines.length > 0) this.inlines.push({ kind: 'link', url, children: inner.inlines });
  }

  /** A raw HTML tag met in the text (`<ruby>`, `</rt>`, …). */
  tag(html: string): void {
    const match = TAG.exec(html.trim());
    if (!match) return;
    const closing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    if (match[3] === '/') return;
    if (HIDDEN.has(name)) this.hidden = Math.max(0, this.hidden + (closing ? -1 : 1));
    else if (name === 'ruby') this.base = closing ? undefined : '';
    else if (name === 'rt' && !closing) this.reading = emptyUnits();
    else if (name === 'rt' && closing && this.reading) {
      if (this.reading.text !== '') this.readings.push({ units: this.reading, base: this.base ?? '' });
      this.reading = undefined;
      if (this.base !== undefined) this.base = '';
    }
  }
}
