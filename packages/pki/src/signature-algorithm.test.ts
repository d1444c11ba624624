import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signatureAlgorithmNames } from './signature-algorithm.js';

test('names as Go x509.SignatureAlgorithm.String() and cfssl helpers.SignatureString print them', () => {
  const table: [Parameters<typeof signatureAlgorithmNames>[0], string, string][] = [
    [{ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } }, 'SHA256-RSA', 'SHA256WithRSA'],
    [{ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-512' } }, 'SHA512-RSA', 'SHA512WithRSA'],
    [{ name: 'RSA-PSS', hash: { name: 'SHA-384' } }, 'SHA384-RSAPSS', 'SHA384WithRSAPSS'],
    [{ name: 'ECDSA', hash: { name: 'SHA-256' } }, 'ECDSA-SHA256', 'ECDSAWithSHA256'],
    [{ name: 'ECDSA', hash: 'SHA-384' }, 'ECDSA-SHA384', 'ECDSAWithSHA384'],
    [{ name: 'ECDSA', hash: { name: 'SHA-512' } }, 'ECDSA-SHA512', 'ECDSAWithSHA512'],
    [{ name: 'Ed25519' }, 'Ed25519', 'Ed25519'],
  ];
  for (const [algorithm, go, cfssl] of table) assert.equal(signatureAlgorithmNames(algorithm), { go, cfssl }, go);
});

test('an algorithm it does not know is printed by its WebCrypto name', () => {
  assert.equal(signatureAlgorithmNames({ name: 'Ed448' }), { go: 'Ed448', cfssl: 'Ed448' });
});

test.run();
