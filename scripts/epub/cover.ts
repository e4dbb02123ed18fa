/**
 * The default cover as a PNG for the EPUB: the design of layout/cover-design.ts (title and author
 * in the bundled Noto fonts, as outlines) rasterised by resvg, so the image is the same on every
 * machine.
 */
import type { Element } from 'hast';
import { s } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { Resvg } from '@resvg/resvg-js';
import { designDefaultCover, type CoverColour, type CoverText, type GlyphShape } from '../layout/cover-design.ts';

export type { CoverText } from '../layout/cover-design.ts';

/** The design's colours on screen. */
const SCREEN_COLOURS: Record<CoverColour, string> = {
  paper: '#f4efe4',
  accent: '#9b2d20',
  ink: '#1c1c1c',
  inkSoft: '#3a3a3a',
};

/** Draw the default cover as a PNG (1600 × 2560). */
export function renderDefaultCover(text: CoverText): Uint8Array {
  const design = designDefaultCover(text);
  const { width, height, frame } = design;
  const children: Element[] = [
    s('rect', { x: 0, y: 0, width, height, fill: SCREEN_COLOURS[design.background] }),
    s('rect', {
      x: frame.inset,
      y: frame.inset,
      width: width - 2 * frame.inset,
      height: height - 2 * frame.inset,
      fill: 'none',
      stroke: SCREEN_COLOURS[frame.colour],
      'stroke-width': frame.strokeWidth,
    }),
    ...design.groups.map((group) => s('g', { fill: SCREEN_COLOURS[group.colour] }, group.glyphs.map(glyphPath))),
  ];
  const svg = toHtml(
    s('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` }, children),
    {
      space: 'svg',
    },
  );
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}

function glyphPath(glyph: GlyphShape): Element {
  const d = glyph.commands
    .map(({ command, args }) => `${SVG_COMMANDS[command]}${args.map((value) => Number(value.toFixed(2))).join(' ')}`)
    .join('');
  return s('path', {
    d,
    transform: `translate(${glyph.x.toFixed(1)} ${glyph.baseline.toFixed(1)}) scale(${glyph.scale.toFixed(5)} ${(-glyph.scale).toFixed(5)})`,
  });
}

const SVG_COMMANDS = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' } as const;
