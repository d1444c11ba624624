// The crypto ceiling of `tlsboot bench` (issue 8 §1): what this process can do per second on the
// paths the components use — WebCrypto ECDSA P-256 key generation, signing and verification
// (@tlsboot/pki generateKeyPair; crypto.subtle.sign/verify), and full mutual-TLS handshakes on
// 127.0.0.1 between a node:tls server and client presenting certificates of the cluster CA (no
// session resumption) — plus `openssl speed -seconds 1 ecdsap256` when openssl is on the PATH.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createSecureContext, createServer } from 'node:tls';
import { webcrypto } from 'node:crypto';
import { generateKeyPair } from '@tlsboot/pki';
import type { KeySpec } from '@tlsboot/pki';

export interface CryptoCeiling {
  keySpec: KeySpec;
  keyGenerationsPerSecond: number;
  signaturesPerSecond: number;
  verificationsPerSecond: number;
  mtlsHandshakesPerSecond: number;
  /** `openssl speed -seconds 1 ecdsap256`, when openssl is present. */
  openssl?: { signPerSecond: number; verifyPerSecond: number };
}

export interface MtlsCredentials {
  caPem: string;
  server: { certPem: string; keyPem: string };
  client: { certPem: string; keyPem: string };
}

/** `fn` run with `inFlight` concurrent loops for `ms` of wall time; operations per second. */
export async function rate(fn: () => Promise<unknown>, ms: number, inFlight = 8): Promise<number> {
  let ops = 0;
  const start = performance.now();
  const end = start + ms;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      await fn();
      ops++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  return ops / ((performance.now() - start) / 1000);
}

type SignAlgorithm = Parameters<typeof webcrypto.subtle.sign>[0];

function signAlgorithm(spec: KeySpec): SignAlgorithm {
  return spec.startsWith('ecdsa') ? { name: 'ECDSA', hash: 'SHA-256' } : spec.startsWith('rsa') ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'Ed25519' };
}

/** Full mTLS handshakes per second (one secure context per side, as a component holds one per identity). */
export async function handshakeRate(creds: MtlsCredentials, ms: number, inFlight = 4): Promise<number> {
  const serverContext = { key: creds.server.keyPem, cert: creds.server.certPem, ca: creds.caPem, requestCert: true, rejectUnauthorized: false };
  const server = createServer(serverContext, (socket) => socket.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const clientContext = createSecureContext({ key: creds.client.keyPem, cert: creds.client.certPem, ca: creds.caPem });
  const handshake = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, secureContext: clientContext, rejectUnauthorized: false }, () => {
        // the server saw our certificate and we saw its one: a full mutual handshake happened
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
  try {
    return await rate(handshake, ms, inFlight);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** sign/s and verify/s from `openssl speed ... ecdsap256` output (the `256 bits ecdsa (nistp256)` row). */
export function parseOpensslSpeed(text: string): { signPerSecond: number; verifyPerSecond: number } | undefined {
  const m = /256 bits ecdsa \(nistp256\)\s+\S+s\s+\S+s\s+([\d.]+)\s+([\d.]+)/.exec(text);
  if (!m) return undefined;
  return { signPerSecond: Number(m[1]), verifyPerSecond: Number(m[2]) };
}

/** `openssl speed -seconds 1 ecdsap256`; undefined when openssl is absent or says something else. */
export async function opensslSpeed(): Promise<{ signPerSecond: number; verifyPerSecond: number } | undefined> {
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn('openssl', ['speed', '-seconds', '1', 'ecdsap256'], { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolve(undefined);
      return;
    }
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', () => resolve(undefined));
    child.on('close', () => resolve(parseOpensslSpeed(out)));
  });
}

export async function measureCryptoCeiling(creds: MtlsCredentials, options: { keySpec: KeySpec; msPerFigure?: number; openssl?: boolean }): Promise<CryptoCeiling> {
  const ms = options.msPerFigure ?? 1000;
  const spec = options.keySpec;
  const keyGenerationsPerSecond = await rate(() => generateKeyPair(spec), ms);
  const keys = await generateKeyPair(spec);
  const data = new Uint8Array(512).fill(7);
  const algorithm = signAlgorithm(spec);
  const signature = await webcrypto.subtle.sign(algorithm, keys.privateKey, data);
  const signaturesPerSecond = await rate(() => webcrypto.subtle.sign(algorithm, keys.privateKey, data), ms);
  const verificationsPerSecond = await rate(() => webcrypto.subtle.verify(algorithm, keys.publicKey, signature, data), ms);
  const mtlsHandshakesPerSecond = await handshakeRate(creds, ms);
  const openssl = options.openssl === false ? undefined : await opensslSpeed();
  return { keySpec: spec, keyGenerationsPerSecond, signaturesPerSecond, verificationsPerSecond, mtlsHandshakesPerSecond, ...(openssl ? { openssl } : {}) };
}
