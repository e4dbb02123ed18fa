/**
 * How large a picture prints and where it goes (scripts/layout/pictures.ts), from its file's pixels
 * and resolution and the 版面: whole line pitches in the flow, the page when it is too large to
 * leave more than one line beside it, and the pictures too small for the page they take.
 */
import type { Root } from 'hast';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { parseBookConfig } from '../../scripts/config/load.ts';
import { resolveGeometry } from '../../scripts/layout/geometry.ts';
import { pictureBox, smallPictures } from '../../scripts/layout/pictures.ts';
import type { Profile } from '../../scripts/config/schema.ts';

const geometry = (yaml = '', profile: Profile = 'print-shop') => {
  const { config, locate } = parseBookConfig({ text: `title: 本\n${yaml}`, file: 'book.yaml' });
  return resolveGeometry(config, profile, locate);
};

// 文庫: 9 pt type at a pitch of 15.3 pt, 16 lines of 38 characters: 244.8 pt across, 342 pt along.
const bunko = geometry();

describe('pictureBox', () => {
  it('prints a picture in the flow at its own size, on whole line pitches with a character of space either side', () => {
    // 300 × 150 pixels at 300 ppi: 72 × 36 pt.
    const box = pictureBox({ width: 300, height: 150, ppi: 300 }, 'flow', '', bunko);
    expect(box).toMatchObject({ placement: 'flow', lines: Math.ceil((72 + 18) / 15.3) });
    expect(box.width).toBeCloseTo(72, 5);
    expect(box.height).toBeCloseTo(36, 5);
  });

  it('takes 96 pixels to the inch for a file that records no resolution', () => {
    const box = pictureBox({ width: 96, height: 192 }, 'flow', '', bunko);
    expect(box.width).toBeCloseTo(72, 5);
    expect(box.height).toBeCloseTo(144, 5);
  });

  it('shrinks a picture to the column, leaving room along it for the caption', () => {
    const plain = pictureBox({ width: 300, height: 3000, ppi: 300 }, 'flow', '', bunko);
    expect(plain.height).toBeCloseTo(38 * 9, 5);
    const captioned = pictureBox({ width: 300, height: 3000, ppi: 300 }, 'flow', '第一図', bunko);
    expect(captioned.height).toBeLessThan(plain.height - 9);
  });

  it('gives the page to a picture that would leave one line beside it, and fills the 版面 with a full-page one', () => {
    // 1200 × 1800 at 96 ppi is far larger than the page: it takes the page, as large as the 版面 allows.
    const large = pictureBox({ width: 1200, height: 1800 }, 'flow', '', bunko);
    expect(large.placement).toBe('page');
    expect(large.lines).toBe(16);
    expect(Math.max(large.width / 244.8, large.height / 342)).toBeCloseTo(1, 3);
    // A small picture marked full-page is enlarged to the 版面.
    const small = pictureBox({ width: 100, height: 50, ppi: 300 }, 'page', '', bunko);
    expect(small.width).toBeCloseTo(244.8, 3);
    expect(pictureBox({ width: 100, height: 50 }, 'bleed', '', bunko).placement).toBe('bleed');
  });

  it('lays the picture across the lines of a horizontal book by its height', () => {
    const horizontal = geometry('writingMode: horizontal\n');
    const box = pictureBox({ width: 300, height: 150, ppi: 300 }, 'flow', '', horizontal);
    expect(box.lines).toBe(Math.ceil((36 + 2 * horizontal.fontSize) / horizontal.pitchPt));
  });
});

describe('smallPictures', () => {
  const chapter = (className: string[], src: string): { file: { path: string }; tree: Root } => ({
    file: { path: '01.md' },
    tree: {
      type: 'root',
      children: [
        {
          ...h('figure', { className }, [h('img', { src, alt: '' })]),
          position: { start: { line: 7, column: 1 }, end: { line: 7, column: 20 } },
        },
      ],
    },
  });
  const images = new Map([
    ['small.png', { path: '/m/small.png', mediaType: 'image/png' as const, facts: { width: 400, height: 600 } }],
    ['large.png', { path: '/m/large.png', mediaType: 'image/png' as const, facts: { width: 2000, height: 3000 } }],
  ]);

  it('finds a full-page picture with too few pixels for the print resolution, and the pixels it needs', () => {
    const [found, ...rest] = smallPictures([chapter(['picture', 'picture-page'], 'small.png')], bunko, images, 350);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ src: 'small.png', place: { file: '01.md', line: 7, column: 1 } });
    // Printed as large as the 版面 allows: 342 pt tall, which at 350 ppi needs 1663 pixels.
    expect(found!.needed.height).toBe(Math.ceil((342 / 72) * 350));
    expect(found!.ppi).toBeCloseTo((600 / 342) * 72, 3);
  });

  it('measures a picture to the edges against the whole sheet, and passes a large enough file', () => {
    const [bleed] = smallPictures([chapter(['picture', 'picture-bleed'], 'small.png')], bunko, images, 350);
    // It covers the sheet (the trim and 3 mm of bleed, 111 × 154 mm), cropped top and bottom:
    // a 2 : 3 picture is narrower than the sheet.
    expect(bleed!.printed.width).toBeCloseTo(bunko.sheet.width, 3);
    expect(bleed!.printed.height).toBeCloseTo(bunko.sheet.width * 1.5, 3);
    expect(smallPictures([chapter(['picture', 'picture-page'], 'large.png')], bunko, images, 350)).toEqual([]);
    // A picture in the flow prints at its own size: the preflight measures it, not this.
    expect(smallPictures([chapter(['picture'], 'large.png')], bunko, images, 350)).toEqual([]);
  });
});
