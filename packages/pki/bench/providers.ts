/**
 * The WebCrypto provider choice: the same operations on Node's built-in `globalThis.crypto`
 * and on @peculiar/webcrypto. src/key-pair.ts always uses Node's provider, so this part talks
 * to each provider's `subtle` directly for keys and raw signatures, and hands the provider to
 * @peculiar/x509 (its `crypto` parameter, and `x509.cryptoProvider` while that provider is
 * measured) for CSR and certificate creation and CSR verification.
 */
import { randomBytes } from 'node:crypto';
import { Crypto as PeculiarCrypto } from '@peculiar/webcrypto';
import { toX509Name } from '../src/index.js';
import { kubeProxySubject } from '../src/testing.js';
import { webcrypto as nodeCrypto, x509, type Crypto, type CryptoKeyPair } from '../src/x509.js';
import { measure, type RoundPlan, type Throughput } from './measure.js';

export type ProviderName = 'node' | 'peculiar';
export type BenchKeySpec = 'ecdsa-p256' | 'rsa-2048';

export const providerLabels: Record<ProviderName, string> = {
  node: "Node's globalThis.crypto",
  peculiar: '@peculiar/webcrypto',
};

export interface ProviderRow {
  spec: BenchKeySpec;
  op: string;
  node: Throughput;
  peculiar: Throughput;
}

const generate = {
  'ecdsa-p256': { name: 'ECDSA', namedCurve: 'P-256' },
  'rsa-2048': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
} as const;
const signing = {
  'ecdsa-p256': { name: 'ECDSA', hash: 'SHA-256' },
  'rsa-2048': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
} as const;

const subject = toX509Name(kubeProxySubject);
const issuer = toX509Name({ organizations: ['k8s'], commonName: 'kubernetes' });
const notBefore = new Date('2026-01-01T00:00:00Z');
const notAfter = new Date('2027-01-01T00:00:00Z');
/** About the size of a leaf certificate's to-be-signed part. */
const message = new Uint8Array(randomBytes(512));

function providerCrypto(name: ProviderName): Crypto {
  return name === 'node' ? nodeCrypto : (new PeculiarCrypto() as unknown as Crypto);
}

async function keyPair(crypto: Crypto, spec: BenchKeySpec): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(generate[spec], true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** The six operations for one provider and key type, each as a closure over prepared inputs. */
async function operations(crypto: Crypto, spec: BenchKeySpec): Promise<[string, () => Promise<unknown>][]> {
  const ca = await keyPair(crypto, spec);
  const leaf = await keyPair(crypto, spec);
  const signature = await crypto.subtle.sign(signing[spec], leaf.privateKey, message);
  const csrParams = { name: subject, keys: leaf, signingAlgorithm: signing[spec] };
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(csrParams, crypto);
  const certParams = {
    serialNumber: '01',
    subject,
    issuer,
    notBefore,
    notAfter,
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: signing[spec],
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.BasicConstraintsExtension(false, undefined, true),
    ],
  };
  return [
    ['key generation', () => keyPair(crypto, spec)],
    ['raw sign (512 B)', () => crypto.subtle.sign(signing[spec], leaf.privateKey, message)],
    ['raw verify (512 B)', () => crypto.subtle.verify(signing[spec], leaf.publicKey, signature, message)],
    ['x509 CSR create', () => x509.Pkcs10CertificateRequestGenerator.create(csrParams, crypto)],
    ['x509 CSR verify', async () => {
      if (!(await csr.verify(crypto))) throw new Error('CSR did not verify');
    }],
    ['x509 certificate create', () => x509.X509CertificateGenerator.create(certParams, crypto)],
  ];
}

/** Every operation on both providers, one provider after the other for each operation. */
export async function compareProviders(specs: readonly BenchKeySpec[], plan: (spec: BenchKeySpec, op: string) => RoundPlan): Promise<ProviderRow[]> {
  const rows: ProviderRow[] = [];
  try {
    for (const spec of specs) {
      x509.cryptoProvider.set(nodeCrypto);
      const nodeOps = await operations(nodeCrypto, spec);
      const peculiar = providerCrypto('peculiar');
      x509.cryptoProvider.set(peculiar);
      const peculiarOps = await operations(peculiar, spec);
      for (let i = 0; i < nodeOps.length; i++) {
        const [op, runNode] = nodeOps[i]!;
        const runPeculiar = peculiarOps[i]![1];
        x509.cryptoProvider.set(nodeCrypto);
        const node = await measure(runNode, plan(spec, op));
        x509.cryptoProvider.set(peculiar);
        const pec = await measure(runPeculiar, plan(spec, op));
        rows.push({ spec, op, node, peculiar: pec });
      }
    }
  } finally {
    x509.cryptoProvider.set(nodeCrypto);
  }
  return rows;
}

/** Geometric mean of node/peculiar over all rows: above 1 means Node's provider is faster. */
export function nodeAdvantage(rows: readonly ProviderRow[]): number {
  const logs = rows.map((r) => Math.log(r.node.median / r.peculiar.median));
  return Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length);
}
