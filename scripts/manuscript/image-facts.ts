/**
 * What a picture's file says about its size: pixels (image-size reads them from the header of
 * every format a book may use, turning a JPEG by its EXIF orientation as Chromium and the reading
 * systems do), and the resolution it was saved at, which decides its size in print as a layout
 * program places it: a PNG's pHYs chunk, a JPEG's JFIF density. A file that records none is
 * placed at 96 pixels to the inch (CSS pixels, as the EPUB and the preview show it).
 */
import { imageSize } from 'image-size';

/** A picture's size: pixels, and the pixels per inch its file records, when it does. */
export interface ImageFacts {
  width: number;
  height: number;
  /** Pixels per inch across (and down, when they differ, the larger of the two is kept). */
  ppi?: number;
}

const INCHES_PER_METRE = 39.3701;
const CM_PER_INCH = 2.54;

/** The size of the picture in `bytes`, or undefined when its header cannot be read. */
export function imageFacts(bytes: Uint8Array): ImageFacts | undefined {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return undefined;
  }
  if (!size.width || !size.height) return undefined;
  const turned = (size.orientation ?? 1) >= 5;
  const ppi = pngResolution(bytes) ?? jfifResolution(bytes);
  return {
    width: turned ? size.height : size.width,
    height: turned ? size.width : size.height,
    ...(ppi ? { ppi } : {}),
  };
}

/** A PNG's pHYs chunk, when its unit is the metre (the unit 0 gives only the pixels' shape). */
function pngResolution(bytes: Uint8Array): number | undefined {
  if (bytes[0] !== 0x89 || bytes[1] !== 0x50) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Chunks follow the 8-byte signature: length, type, data, CRC. pHYs comes before the image data.
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === 'IDAT' || type === 'IEND') return undefined;
    if (type === 'pHYs' && length >= 9 && at + 17 <= bytes.length) {
      const perMetre = Math.max(view.getUint32(at + 8), view.getUint32(at + 12));
      return bytes[at + 16] === 1 && perMetre > 0 ? perMetre / INCHES_PER_METRE : undefined;
    }
    at += 12 + length;
  }
  return undefined;
}

/** A JPEG's JFIF density, when its unit is the inch or the centimetre. */
function jfifResolution(bytes: Uint8Array): number | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // JFIF's APP0 segment comes first, right after the start-of-image marker.
  const at = 2;
  if (bytes.length < at + 18 || bytes[at] !== 0xff || bytes[at + 1] !== 0xe0) return undefined;
  if (String.fromCharCode(...bytes.subarray(at + 4, at + 9)) !== 'JFIF\0') return undefined;
  const unit = bytes[at + 11];
  const density = Math.max(view.getUint16(at + 12), view.getUint16(at + 14));
  if (density === 0) return undefined;
  if (unit === 1) return density;
  if (unit === 2) return density * CM_PER_INCH;
  return undefined;
}
