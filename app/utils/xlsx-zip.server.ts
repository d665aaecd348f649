import { pipeline, Readable } from "node:stream";
import zlib from "node:zlib";

/**
 * The parts of a zip (an XLSX file) read from its central directory, each unpacked as a stream:
 * the reader asks for the parts it needs in the order it needs them, and stops unpacking a part
 * as soon as it has read enough, so a part that inflates to gigabytes is never held.
 */

export class ZipError extends Error {}

export interface ZipPart {
  method: number;
  start: number;
  size: number;
}

const END = 0x06054b50;
const END64_LOCATOR = 0x07064b50;
const END64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** An XLSX has a few dozen parts; a directory of more is not a workbook. */
const MAX_PARTS = 10_000;
const PIECE = 64 * 1024;

function u64(bytes: Buffer, at: number): number {
  const n = bytes.readBigUInt64LE(at);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError("zip: offset out of range");
  return Number(n);
}

function findEnd(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (bytes.readUInt32LE(at) === END) return at;
  throw new ZipError("zip: no end of central directory");
}

/** Where the central directory starts and how many entries it has (zip64 when the 32-bit fields are full). */
function directory(bytes: Buffer): { offset: number; count: number } {
  const end = findEnd(bytes);
  let offset = bytes.readUInt32LE(end + 16);
  let count = bytes.readUInt16LE(end + 10);
  if (
    (offset === 0xffffffff || count === 0xffff) &&
    end >= 20 &&
    bytes.readUInt32LE(end - 20) === END64_LOCATOR
  ) {
    const at = u64(bytes, end - 12);
    if (at + 56 > bytes.length || bytes.readUInt32LE(at) !== END64) throw new ZipError("zip: bad zip64 end");
    count = u64(bytes, at + 32);
    offset = u64(bytes, at + 48);
  }
  if (count > MAX_PARTS) throw new ZipError("zip: too many parts");
  return { offset, count };
}

/** A zip64 extra field's sizes and offset, for the 32-bit fields that are full. */
function zip64Extra(
  bytes: Buffer,
  from: number,
  to: number,
  full: { size: boolean; compressed: boolean; offset: boolean },
) {
  for (let at = from; at + 4 <= to; at += 4 + bytes.readUInt16LE(at + 2)) {
    if (bytes.readUInt16LE(at) !== 0x0001) continue;
    let field = at + 4;
    const take = () => ((field += 8), u64(bytes, field - 8));
    const size = full.size ? take() : undefined;
    const compressed = full.compressed ? take() : undefined;
    const offset = full.offset ? take() : undefined;
    return { size, compressed, offset };
  }
  return {};
}

export function zipParts(bytes: Buffer): Map<string, ZipPart> {
  const parts = new Map<string, ZipPart>();
  let { offset: at, count } = directory(bytes);
  for (; count > 0; count--) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL)
      throw new ZipError("zip: bad central directory");
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    let size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    let local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    const extra = at + 46 + nameLength;
    const full = {
      size: bytes.readUInt32LE(at + 24) === 0xffffffff,
      compressed: size === 0xffffffff,
      offset: local === 0xffffffff,
    };
    if (full.size || full.compressed || full.offset) {
      const wide = zip64Extra(bytes, extra, extra + extraLength, full);
      size = wide.compressed ?? size;
      local = wide.offset ?? local;
    }
    if (flags & 1 || (method !== 0 && method !== 8))
      throw new ZipError("zip: encrypted or unknown compression");
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL)
      throw new ZipError("zip: bad local header");
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + size > bytes.length) throw new ZipError("zip: part past the end of the file");
    parts.set(name, { method, start, size });
    at = extra + extraLength + bytes.readUInt16LE(at + 32);
  }
  return parts;
}

function* pieces(bytes: Buffer) {
  for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, at + PIECE);
}

/** The unpacked bytes of a part, in pieces of at most 64 KiB; inflating waits while they are not read. */
export function unpack(bytes: Buffer, part: ZipPart): AsyncIterable<Buffer> {
  const source = Readable.from(pieces(bytes.subarray(part.start, part.start + part.size)));
  if (part.method === 0) return source;
  return pipeline(source, zlib.createInflateRaw({ chunkSize: PIECE }), () => {});
}
