/** A picture's size in pixels and the resolution its file records, which size it in print. */
import { describe, expect, it } from 'vitest';
import { imageFacts } from '../../scripts/manuscript/image-facts.ts';
import { jpegImage, png } from '../helpers/images.ts';

describe('image facts', () => {
  it('reads a PNG’s pixels and its pHYs resolution, and none when it records none', () => {
    expect(imageFacts(png(30, 20, 1, () => [0], 350))).toEqual({ width: 30, height: 20, ppi: expect.closeTo(350, 0) });
    expect(imageFacts(png(30, 20, 3, () => [0, 0, 0]))).toEqual({ width: 30, height: 20 });
  });

  it('reads a JPEG’s pixels and its JFIF density in dots per inch, and none without a unit', () => {
    expect(imageFacts(jpegImage(12, 18, () => [9, 9, 9], 300))).toEqual({ width: 12, height: 18, ppi: 300 });
    expect(imageFacts(jpegImage(12, 18, () => [9, 9, 9]))).toEqual({ width: 12, height: 18 });
  });

  it('reads an SVG’s size and nothing from a file that is not a picture', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"></svg>');
    expect(imageFacts(svg)).toEqual({ width: 40, height: 10 });
    expect(imageFacts(new TextEncoder().encode('not a picture'))).toBeUndefined();
  });
});
