import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, decodedFile } from '../../../src/shared/io/decode.ts';

const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: Café\n';

describe('decodeText: what every reader takes for text', () => {
  it('valid UTF-8 is its text, neither BOM nor lossy', () => {
    assert.deepEqual(decodeText(Buffer.from(TEMPLATE, 'utf8')), { ok: true, text: TEMPLATE, bom: false, lossy: false });
    assert.deepEqual(decodeText(Buffer.alloc(0)), { ok: true, text: '', bom: false, lossy: false });
  });

  it('a UTF-8 byte-order mark is dropped from the text and said', () => {
    assert.deepEqual(decodeText(Buffer.from(`\ufeff${TEMPLATE}`, 'utf8')), { ok: true, text: TEMPLATE, bom: true, lossy: false });
  });

  it('bytes that are not UTF-8 (Latin-1) read with U+FFFD, and say they are lossy', () => {
    const latin1 = Buffer.from(TEMPLATE, 'latin1');
    assert.deepEqual(decodeText(latin1), { ok: true, text: TEMPLATE.replace('é', '\ufffd'), bom: false, lossy: true });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin1]);
    assert.deepEqual(decodeText(withBom), { ok: true, text: TEMPLATE.replace('é', '\ufffd'), bom: true, lossy: true });
    // A multi-byte sequence cut short at the end of the file, and a lone continuation byte.
    assert.equal((decodeText(Buffer.from([0x61, 0xe2, 0x82])) as { lossy: boolean }).lossy, true);
    assert.equal((decodeText(Buffer.from([0x61, 0x80, 0x62])) as { lossy: boolean }).lossy, true);
  });

  it('a U+FFFD the file really holds is no loss', () => {
    assert.deepEqual(decodeText(Buffer.from('Description: \ufffd\n', 'utf8')), { ok: true, text: 'Description: \ufffd\n', bom: false, lossy: false });
  });

  it('UTF-16 with a byte-order mark, little- or big-endian, is refused with its decoded text', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEMPLATE, 'utf16le')]);
    assert.deepEqual(decodeText(le), { ok: false, reason: 'utf16', text: TEMPLATE });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEMPLATE, 'utf16le').swap16()]);
    assert.deepEqual(decodeText(be), { ok: false, reason: 'utf16', text: TEMPLATE });
    // An odd length is no UTF-16: bytes that merely start like its mark.
    assert.deepEqual(decodeText(Buffer.from([0xff, 0xfe, 0x61])), { ok: true, text: '\ufffd\ufffda', bom: false, lossy: true });
  });

  it('NUL bytes are binary', () => {
    assert.deepEqual(decodeText(Buffer.from('\u0000GITCRYPT\u0000', 'latin1')), { ok: false, reason: 'binary' });
    assert.deepEqual(decodeText(Buffer.from(`${TEMPLATE}\u0000`, 'utf8')), { ok: false, reason: 'binary' });
  });

  it('decodedFile carries bom and lossy only when true, so a plain file stays { path, text }', () => {
    assert.deepEqual(decodedFile('t.yaml', { text: 'x', bom: false, lossy: false }), { path: 't.yaml', text: 'x' });
    assert.deepEqual(decodedFile('t.yaml', { text: 'x', bom: true, lossy: true }), { path: 't.yaml', text: 'x', bom: true, lossy: true });
  });
});
