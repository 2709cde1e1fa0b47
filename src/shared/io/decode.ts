import { isUtf8 } from 'node:buffer';
import type { SourceFile } from '../sources/types.ts';

/**
 * How every reader (the work tree, git revisions, the GitHub APIs of the Action and the App) turns
 * a file's bytes into text: pure, so that the three agree on what is text, what is a refusal, and
 * what must never be written back.
 */
export type DecodedText =
  /**
   * `text` without a leading byte-order mark (`bom` says whether there was one). `lossy`: the
   * bytes are not valid UTF-8 (Latin-1, say), so `text` has U+FFFD where they were not: fine to
   * analyse, never to write back, which would replace every such byte.
   */
  | { ok: true; text: string; bom: boolean; lossy: boolean }
  /** NUL bytes: no text a template is written in. */
  | { ok: false; reason: 'binary' }
  /** UTF-16 with a byte-order mark (PowerShell's `>` writes it): `text` decoded, to tell whether it is a template worth an error. */
  | { ok: false; reason: 'utf16'; text: string };

/**
 * Decodes bytes as UTF-8 text. Costs about what `Buffer#toString` does: the validity check and the
 * NUL search are vectorized scans, a few percent of the decoding itself on a multi-megabyte template.
 */
export function decodeText(bytes: Buffer): DecodedText {
  const utf16 = bytes.length % 2 === 0 ? utf16Text(bytes) : undefined;
  if (utf16 !== undefined) return { ok: false, reason: 'utf16', text: utf16 };
  if (bytes.includes(0)) return { ok: false, reason: 'binary' };
  const text = bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom, lossy: !isUtf8(bytes) };
}

/** The SourceFile of decoded text: `bom` and `lossy` are there only when true, so plain files stay `{ path, text }`. */
export function decodedFile(path: string, decoded: { text: string; bom: boolean; lossy: boolean }): SourceFile {
  return { path, text: decoded.text, ...(decoded.bom ? { bom: true } : {}), ...(decoded.lossy ? { lossy: true } : {}) };
}

/** The text of a UTF-16 file with a byte-order mark, or undefined when the bytes do not start with one. */
function utf16Text(bytes: Buffer): string | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return undefined;
}
