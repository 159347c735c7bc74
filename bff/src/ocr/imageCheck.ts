// Decides from the bytes themselves (never the file name or the declared type) whether an upload is a
// photo we can read, and rejects the ones no engine could: other formats, damaged files, tiny or dark
// shots. Runs before any engine, so a cloud service never receives such a file.
import sharp from 'sharp';
import type { IdCardImage, ImageType } from './types';
import { imageTooDark, imageTooSmall, imageUnreadable, notAnImage, pdfNotAccepted } from './ocrErrors';

export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** A card needs roughly this many pixels across for its 18 digits to be legible. */
const MIN_LONG_SIDE = 640;
const MIN_SHORT_SIDE = 400;
/** Refuse decompression bombs: a 4 MB file that would expand to gigabytes of pixels. */
const MAX_PIXELS = 50_000_000;
/** The card is the brightest thing in the shot; if even the top 5 % of pixels stay this dark, nothing is legible. */
const MIN_BRIGHT_LEVEL = 90;

const startsWith = (data: Buffer, bytes: number[], offset = 0) =>
  data.length >= offset + bytes.length && bytes.every((b, i) => data[offset + i] === b);

/** The image format from its magic bytes, or null for anything else. */
export function sniffImageType(data: Buffer): ImageType | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  return null;
}

const isPdf = (data: Buffer) => data.subarray(0, 1024).includes('%PDF-');

/** Brightness (0-255) below which 95 % of the pixels lie. */
async function brightLevel(data: Buffer): Promise<number> {
  const pixels = await sharp(data, { limitInputPixels: MAX_PIXELS })
    .resize({ width: 200, height: 200, fit: 'inside' })
    .grayscale()
    .raw()
    .toBuffer();
  const histogram = new Array<number>(256).fill(0);
  for (const value of pixels) histogram[value]++;
  let seen = 0;
  for (let level = 255; level >= 0; level--) {
    seen += histogram[level];
    if (seen >= pixels.length * 0.05) return level;
  }
  return 0;
}

/** Checks an upload and returns it typed; throws the AppError the user should see otherwise. */
export async function checkIdCardImage(data: Buffer): Promise<IdCardImage> {
  const type = sniffImageType(data);
  if (!type) throw isPdf(data) ? pdfNotAccepted() : notAnImage();

  let width: number;
  let height: number;
  try {
    const metadata = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
    width = metadata.autoOrient?.width ?? metadata.width ?? 0;
    height = metadata.autoOrient?.height ?? metadata.height ?? 0;
  } catch {
    throw imageUnreadable();
  }
  if (Math.max(width, height) < MIN_LONG_SIDE || Math.min(width, height) < MIN_SHORT_SIDE) {
    throw imageTooSmall();
  }
  if (width * height > MAX_PIXELS) throw imageUnreadable();

  let level: number;
  try {
    level = await brightLevel(data);
  } catch {
    // The header parsed but the pixels do not decode: a truncated or damaged file.
    throw imageUnreadable();
  }
  if (level < MIN_BRIGHT_LEVEL) throw imageTooDark();
  return { data, type };
}
