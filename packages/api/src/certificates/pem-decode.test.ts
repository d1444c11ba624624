// Go's encoding/pem Decode as pkg/apis/certificates ParseCSR and validateCertificate use it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { certificateRequestDerFromPem, decodeBytesField, goPemDecode } from './pem-decode.js';

const body = Buffer.from('hello world!').toString('base64'); // aGVsbG8gd29ybGQh

test('encoding/pem Decode: text around blocks skipped, blocks in order, CRLF accepted', () => {
  const text = `junk\n-----BEGIN A-----\n${body}\n-----END A-----\nmiddle\r\n-----BEGIN B-----\r\n${body}\r\n-----END B-----\r\ntrail`;
  const first = goPemDecode(text);
  assert.is(first?.block.type, 'A');
  assert.is(Buffer.from(first!.block.bytes).toString(), 'hello world!');
  const second = goPemDecode(first!.rest);
  assert.is(second?.block.type, 'B');
  assert.is(goPemDecode(second!.rest), undefined);
});

test('encoding/pem Decode: headers, empty blocks, bad base64 skipped, mismatched END skipped', () => {
  const withHeader = goPemDecode(`-----BEGIN C-----\nProc-Type: 4,ENCRYPTED\n${body}\n-----END C-----\n`);
  assert.equal(withHeader?.block.headers, { 'Proc-Type': '4,ENCRYPTED' });
  const empty = goPemDecode('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
  assert.is(empty?.block.bytes.length, 0);
  assert.is(goPemDecode(`-----BEGIN C-----\n${body.slice(0, 10)}???\n-----END C-----\n`), undefined);
  assert.is(goPemDecode(`-----BEGIN C-----\n${body}\n-----END D-----\n`), undefined);
  // the first good block after a broken one is found
  assert.is(goPemDecode(`-----BEGIN C-----\n???\n-----END C-----\n-----BEGIN E-----\n${body}\n-----END E-----\n`)?.block.type, 'E');
});

test('helpers.go ParseCSR: the first block must be a CERTIFICATE REQUEST', () => {
  assert.equal(certificateRequestDerFromPem('invalid data'), { error: 'PEM block type must be CERTIFICATE REQUEST' });
  assert.equal(certificateRequestDerFromPem(new Uint8Array()), { error: 'PEM block type must be CERTIFICATE REQUEST' });
  assert.equal(certificateRequestDerFromPem(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`), {
    error: 'PEM block type must be CERTIFICATE REQUEST',
  });
  const ok = certificateRequestDerFromPem(`-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----\n`);
  assert.ok('der' in ok && Buffer.from(ok.der).toString() === 'hello world!');
});

test('[]byte JSON field: padded standard base64 only', () => {
  assert.is(Buffer.from(decodeBytesField('aGk=')!).toString(), 'hi');
  assert.is(decodeBytesField('aGk'), undefined);
  assert.is(decodeBytesField('a_k='), undefined);
  assert.is(decodeBytesField('')?.length, 0);
});

test.run();
