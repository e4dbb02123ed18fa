/** Pictures made in tests: PNG written here (any colour type, with alpha), JPEG through jpeg-js. */
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG of `width` × `height` pixels; `pixel(x, y)` gives its channels (1 gray, 3 RGB, 4 RGBA).
 * With `ppi`, it records that resolution (a pHYs chunk, in pixels per metre).
 */
export function png(
  width: number,
  height: number,
  channels: 1 | 3 | 4,
  pixel: (x: number, y: number) => number[],
  ppi?: number,
): Buffer {
  const colorType = { 1: 0, 3: 2, 4: 6 }[channels];
  const rows = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), y * (width * channels + 1) + 1 + x * channels);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colorType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(ppi ? [chunk('pHYs', physChunk(ppi))] : []),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}

function physChunk(ppi: number): Buffer {
  const data = Buffer.alloc(9);
  const perMetre = Math.round(ppi / 0.0254);
  data.writeUInt32BE(perMetre, 0);
  data.writeUInt32BE(perMetre, 4);
  data[8] = 1;
  return data;
}

/** An RGB JPEG of `width` × `height` pixels; with `dpi`, its JFIF header records that resolution. */
export function jpegImage(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
  dpi?: number,
): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...pixel(x, y), 255], (y * width + x) * 4);
  const bytes = Buffer.from(jpeg.encode({ width, height, data }, 90).data);
  if (dpi) {
    // jpeg-js writes a JFIF segment first (FF E0 at byte 2) with no unit: give it dots per inch.
    bytes[13] = 1;
    bytes.writeUInt16BE(dpi, 14);
    bytes.writeUInt16BE(dpi, 16);
  }
  return bytes;
}
