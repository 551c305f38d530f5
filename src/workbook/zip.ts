/**
 * The parts of an .xlsx file (a zip archive), checked before anything is read: the central directory
 * is read here, every part is inflated with Node's zlib, and its CRC-32 and sizes are compared with
 * what the archive records — a changed byte, a cut-off file or a part whose size lies is refused,
 * naming the part. The total expanded size is capped (MAX_EXPANDED_BYTES) before anything is inflated.
 * An archive that cannot be opened at all is refused (thrown); a damaged part is returned as an error
 * beside the good parts, so that the sheets in other parts can still be read and checked.
 */
import * as zlib from 'node:zlib';
import { MAX_EXPANDED_BYTES } from '../domain/limits.ts';
import type { ImportError } from './model.ts';
import { WorkbookReadError, refuse } from './readError.ts';

export interface ZipPart {
  name: string;
  bytes: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipContents {
  /** The parts that are whole, by name (folders left out). */
  parts: Map<string, ZipPart>;
  /** The parts that are damaged (encrypted, cut short, wrong size or checksum), by name, each with its error. */
  damaged: Map<string, ImportError>;
}

/** The archive's files, each checked; throws a located error when the archive itself cannot be read. */
export function openZip(data: Buffer, file: string): ZipContents {
  const damaged = (what: string): never => notReadable(file, what);
  // End of central directory: in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) damaged(data.length >= 4 && data.readUInt32LE(0) === LOCAL ? 'it is cut short (the zip directory at its end is missing)' : 'it is not a zip archive');
  const count = data.readUInt16LE(eocd + 10);
  const dirSize = data.readUInt32LE(eocd + 12);
  const dirOffset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) damaged('it is a ZIP64 archive, larger than any workbook the importer takes');
  if (dirOffset + dirSize > eocd) damaged('its zip directory points outside the file');

  const entries: Entry[] = [];
  let p = dirOffset;
  let expanded = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL) damaged(`its zip directory is damaged at entry ${n + 1}`);
    const nameLength = data.readUInt16LE(p + 28);
    const name = data.toString('utf8', p + 46, p + 46 + nameLength);
    const entry = {
      name: name.replace(/^\/+/, ''),
      flags: data.readUInt16LE(p + 8),
      method: data.readUInt16LE(p + 10),
      crc: data.readUInt32LE(p + 16),
      packed: data.readUInt32LE(p + 20),
      size: data.readUInt32LE(p + 24),
      offset: data.readUInt32LE(p + 42),
    };
    p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    if (name.endsWith('/')) continue;
    expanded += entry.size;
    if (expanded > MAX_EXPANDED_BYTES) {
      refuse(file, `The workbook expands to more than ${MAX_EXPANDED_BYTES / 1024 / 1024} MB of data, more than the importer takes: split it into smaller workbooks (for example one per plan year)`);
    }
    entries.push(entry);
  }

  const parts = new Map<string, ZipPart>();
  const damagedParts = new Map<string, ImportError>();
  for (const e of entries) {
    try {
      parts.set(e.name, { name: e.name, bytes: inflate(data, e, file) });
    } catch (error) {
      if (!(error instanceof WorkbookReadError)) throw error;
      damagedParts.set(e.name, error.errors[0]!);
    }
  }
  return { parts, damaged: damagedParts };
}

interface Entry {
  name: string;
  method: number;
  crc: number;
  size: number;
  packed: number;
  offset: number;
  flags: number;
}

const notReadable = (file: string, what: string): never =>
  refuse(file, `The file is not a readable .xlsx workbook: ${what}. Save it again from the spreadsheet program as an Excel Workbook (.xlsx) and import the new copy`);

/** One part's bytes, checked against its recorded size and CRC-32; throws a located error otherwise. */
function inflate(data: Buffer, e: Entry, file: string): Buffer {
  const bad = (what: string): never => notReadable(file, `part ${e.name} ${what}`);
  if (e.flags & 1) bad('is encrypted');
  if (e.offset + 30 > data.length || data.readUInt32LE(e.offset) !== LOCAL) bad('is missing or damaged');
  const start = e.offset + 30 + data.readUInt16LE(e.offset + 26) + data.readUInt16LE(e.offset + 28);
  if (start + e.packed > data.length) bad('is cut short');
  const packed = data.subarray(start, start + e.packed);
  let bytes: Buffer;
  if (e.method === 0) bytes = packed;
  else if (e.method === 8) {
    try {
      bytes = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      return bad('is damaged (it does not decompress to the size recorded)');
    }
  } else return bad(`uses a compression method (${e.method}) that workbooks do not use`);
  if (bytes.length !== e.size) bad('is damaged (its size differs from the size recorded)');
  if (crc32(bytes) !== e.crc) bad('is damaged (its checksum does not match)');
  return bytes;
}

let table: Uint32Array | null = null;
/** zlib's CRC-32 (Node 20.15+), or the same computed here on older Node 20. */
function crc32(bytes: Buffer): number {
  const native = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  if (typeof native === 'function') return native(bytes) >>> 0;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
