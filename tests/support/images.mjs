// Small images built in memory for upload tests (no binary fixtures in the repository).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

// The stored renditions under a data directory (media/ab/<key>-<size>.webp), sorted.
export function mediaFiles(dataDir) {
  const root = join(dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.webp')).sort();
}

const crcTable = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// An RGB PNG of width x height with a gradient, optionally carrying a tEXt comment (metadata
// that must not survive re-encoding). `claimedHeight` writes a different height into the
// header than the pixels have (a decompression-bomb header).
export function png(width, height, { comment, claimedWidth, claimedHeight } = {}) {
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * row + 1 + x * 3;
      raw[i] = (x * 255) / Math.max(width - 1, 1);
      raw[i + 1] = (y * 255) / Math.max(height - 1, 1);
      raw[i + 2] = 128;
    }
  }
  return encodePng(claimedWidth ?? width, claimedHeight ?? height, raw, { comment });
}

// A PNG of the given header size around `raw` (filtered RGB rows: a filter byte, then
// 3 bytes a pixel), deflated at `level`.
export function encodePng(width, height, raw, { comment, level } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (comment) parts.push(chunk('tEXt', Buffer.from(`Comment\0${comment}`, 'latin1')));
  parts.push(chunk('IDAT', deflateSync(raw, level === undefined ? {} : { level })), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

// Width and height of a WebP (VP8, VP8L or VP8X), or null when `buf` is not one.
export function webpSize(buf) {
  if (buf.length < 30 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') return null;
  const kind = buf.toString('latin1', 12, 16);
  if (kind === 'VP8 ') return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
  if (kind === 'VP8L') {
    const b = buf.readUInt32LE(21);
    return { width: (b & 0x3fff) + 1, height: ((b >>> 14) & 0x3fff) + 1 };
  }
  if (kind === 'VP8X') return { width: 1 + buf.readUIntLE(24, 3), height: 1 + buf.readUIntLE(27, 3) };
  return null;
}
