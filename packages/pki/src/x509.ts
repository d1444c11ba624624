/**
 * The one door to @peculiar/x509 inside this package. x509 2.x resolves its algorithm
 * providers through tsyringe, which needs a Reflect.metadata polyfill loaded before it; every
 * module here imports x509 from this file so that the order always holds, whichever module a
 * test or a caller loads first.
 *
 * The WebCrypto provider is Node's own `globalThis.crypto`: measured faster than
 * @peculiar/webcrypto for key generation and signing on Node 20 (figures in ../README.md,
 * `npm run bench:pki` reproduces them).
 */
import 'reflect-metadata';
import type { webcrypto as nodeWebcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** WebCrypto types under their DOM names (this project compiles without the DOM lib). */
export type Crypto = nodeWebcrypto.Crypto;
export type CryptoKey = nodeWebcrypto.CryptoKey;
export type CryptoKeyPair = nodeWebcrypto.CryptoKeyPair;
export type Algorithm = nodeWebcrypto.Algorithm;
export type EcdsaParams = nodeWebcrypto.EcdsaParams;
export type EcKeyGenParams = nodeWebcrypto.EcKeyGenParams;
export type RsaHashedKeyGenParams = nodeWebcrypto.RsaHashedKeyGenParams;

export const webcrypto = globalThis.crypto as unknown as Crypto;
x509.cryptoProvider.set(webcrypto);

export { x509 };
