/** Page planning without a browser: layout facts in, final pages, folios and running heads out. */
import { describe, expect, it } from 'vitest';
import { anchorId, RECTO_BREAK_PREFIX } from '../../scripts/layout/print-document.ts';
import type { TocEntry } from '../../scripts/layout/toc.ts';
import type { LayoutFacts } from '../../scripts/pdf/inspect/layout-facts.ts';
import { planPages, type PlanInput } from '../../scripts/pdf/press/plan.ts';

const entry = (id: string, text: string, chapterId: string): TocEntry => ({
  id,
  text,
  chapterId,
  depth: 1,
  children: [],
});

/** Main rendering: 扉 (0), 目次 (1), ch-1 (2–4), ch-2 (5–6), 奥付 (7). */
function facts(extra: [string, number][] = [], blank: number[] = []): LayoutFacts {
  return {
    pageCount: 8,
    destinations: new Map<string, number>([
      [anchorId('toc'), 1],
      [anchorId('ch-1'), 2],
      [anchorId('ch-2'), 5],
      [anchorId('colophon'), 7],
      ['h-1', 2],
      ['h-2', 5],
      ...extra,
    ]),
    blankPages: new Set(blank),
  };
}

function input(print: Partial<PlanInput['print']> = {}): PlanInput {
  return {
    chapterIds: ['ch-1', 'ch-2'],
    toc: [entry('h-1', '一', 'ch-1'), entry('h-2', '二', 'ch-2')],
    title: '本',
    print: { chapterStart: 'page', runningHead: 'both', hiddenFolio: false, ...print },
  };
}

describe('planPages', () => {
  it('puts the 目次 and the first chapter on rectos with blank pages between', () => {
    const plan = planPages(input(), facts());
    // 扉 p1, blank p2, 目次 p3, blank p4, ch-1 p5…
    expect(plan.sequence).toEqual([0, null, 1, null, 2, 3, 4, 5, 6, 7]);
    // The counts the build prints add up: 8 laid out + 2 blank before a recto.
    expect(plan.added).toEqual({ recto: 2, padding: 0 });
    expect(plan.frontPages).toBe(2);
    expect(plan.pageNumbers.get('h-1')).toBe(5);
    expect(plan.pageNumbers.get('h-2')).toBe(8);
    expect(plan.outline.map((item) => [item.title, item.pageIndex])).toEqual([
      ['一', 4],
      ['二', 7],
    ]);
  });

  it('starts every chapter on a recto when chapterStart is recto', () => {
    const plan = planPages(input({ chapterStart: 'recto' }), facts());
    const index = plan.sequence.indexOf(5);
    expect((index + 1) % 2).toBe(1);
    expect(plan.sequence[index - 1]).toBeNull();
  });

  it('honours 改丁 markers', () => {
    const plan = planPages(input(), facts([[`${RECTO_BREAK_PREFIX}1`, 4]]));
    expect((plan.sequence.indexOf(4) + 1) % 2).toBe(1);
  });

  it('pads to a multiple of 2, 4, 8 or 16 before the 奥付, which stays last', () => {
    for (const padTo of [2, 4, 8, 16] as const) {
      const plan = planPages(input({ padTo }), facts());
      expect(plan.sequence.length % padTo, `padTo ${padTo}`).toBe(0);
      expect(plan.sequence.length - padTo < 10).toBe(true);
      expect(plan.sequence.at(-1)).toBe(7);
    }
    // 10 pages without padding: 16 adds six blank pages, all before the 奥付.
    const plan = planPages(input({ padTo: 16 }), facts());
    expect(plan.sequence.slice(-7)).toEqual([null, null, null, null, null, null, 7]);
    expect(plan.added).toEqual({ recto: 2, padding: 6 });
    expect(8 + plan.added.recto + plan.added.padding).toBe(plan.sequence.length);
  });

  it('never puts a visible folio or running head on a blank page, with any padding or chapter start', () => {
    for (const padTo of [undefined, 4, 16] as const) {
      for (const chapterStart of ['page', 'recto'] as const) {
        const plan = planPages(input({ padTo, chapterStart, hiddenFolio: 'gutter-middle' }), facts([], [3]));
        const blanks = plan.marks.filter((mark) => mark.kind === 'blank');
        expect(blanks.length).toBeGreaterThan(0);
        for (const mark of blanks) {
          expect(mark.folio).toBeUndefined();
          expect(mark.runningHead).toBeUndefined();
          expect(mark.hiddenFolio).toBe(String(mark.index + 1));
        }
        // Every added blank page is a blank in the marks.
        const added = plan.sequence.flatMap((main, index) => (main === null && index >= 2 ? [index] : []));
        for (const index of added) expect(plan.marks.find((mark) => mark.index === index)?.kind).toBe('blank');
      }
    }
  });

  it('gives folios and running heads by page kind', () => {
    const plan = planPages(input(), facts([], [4]));
    const byPage = new Map(plan.marks.map((mark) => [mark.index + 1, mark]));
    // The front matter (pages 1–4) shows nothing: its added blanks are marked blank, its own pages not at all.
    expect(byPage.has(1)).toBe(false);
    expect(byPage.has(3)).toBe(false);
    expect(byPage.get(2)).toMatchObject({ kind: 'blank', folio: undefined });
    expect(byPage.get(5)).toMatchObject({ kind: 'opening', folio: '5', runningHead: undefined });
    expect(byPage.get(6)).toMatchObject({ kind: 'body', folio: '6', runningHead: '本' });
    expect(byPage.get(7)).toMatchObject({ kind: 'blank', folio: undefined, runningHead: undefined });
    expect(byPage.get(9)).toMatchObject({ kind: 'body', runningHead: '二' });
    expect(byPage.get(10)).toMatchObject({ kind: 'colophon', folio: undefined });
  });

  it('puts a hidden folio on pages without a visible one', () => {
    const plan = planPages(input({ hiddenFolio: true }), facts());
    const colophon = plan.marks.at(-1)!;
    expect(colophon.hiddenFolio).toBe(String(colophon.index + 1));
    expect(plan.marks.find((mark) => mark.kind === 'body')?.hiddenFolio).toBeUndefined();
  });

  it('reports an anchor Chromium did not place', () => {
    const broken = facts();
    broken.destinations.delete(anchorId('ch-2'));
    expect(() => planPages(input(), broken)).toThrow(/did not report where "ch-2"/);
  });
});
