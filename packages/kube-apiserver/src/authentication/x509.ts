/**
 * The x509 client-certificate authenticator, as k8s.io/apiserver/pkg/authentication/request/x509
 * (x509.go): the leaf is verified against the client CA bundle with the presented certificates
 * as intermediates, for usage "client auth", at the apiserver's clock time (not the wall clock);
 * then CommonNameUserConversion: CN is the user, each O a group, in order. No certificate or an
 * empty CN is "not mine"; a certificate that does not verify is an error (→ 401).
 */
import { createHash } from 'node:crypto';
import { credentialIdExtraKey } from '@tlsboot/api';
import { verifyChain } from '@tlsboot/pki';
import type { Certificate } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import { errorMessage } from '@tlsboot/util';
import type { AuthenticationRequest, AuthenticationResult, Authenticator } from './interfaces.js';
import { notMine } from './interfaces.js';

export interface X509AuthenticatorOptions {
  /** The `--client-ca-file` bundle; a function so that a reloaded bundle is seen at once. */
  clientCAs: readonly Certificate[] | (() => readonly Certificate[]);
  clock: Clock;
}

/** `AA:BB:…`, Go's certificateIdentifier key-id format (upper-case hex, colon separated). */
function keyIdText(hex: string | undefined): string {
  if (hex === undefined || hex === '') return '';
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

/**
 * certificateIdentifier in x509.go: `SN=<decimal serial>, SKID=<AA:BB…>, AKID=<AA:BB…>`, the
 * prefix of every verification error (only the server log and our trace show it).
 */
export function certificateIdentifier(cert: Certificate): string {
  const serial = BigInt(`0x${cert.serialNumber || '0'}`).toString(10);
  return `SN=${serial}, SKID=${keyIdText(cert.subjectKeyId)}, AKID=${keyIdText(cert.authorityKeyId)}`;
}

/**
 * A verified chain, remembered per presented leaf (the peer-certificate parser hands out one
 * Certificate object per connection): while the CA bundle is the same and the clock is inside
 * every certificate's validity window, the signatures need not be checked again. Upstream's
 * newest x509 authenticator likewise verifies once per connection.
 */
interface Verified {
  roots: readonly Certificate[];
  fromMs: number;
  untilMs: number;
  /** CommonNameUserConversion's credential id: `X509SHA256=<hex of the leaf's DER>`. */
  credentialId: string;
}

export function x509Authenticator(options: X509AuthenticatorOptions): Authenticator {
  const roots = typeof options.clientCAs === 'function' ? options.clientCAs : () => options.clientCAs as readonly Certificate[];
  const verified = new WeakMap<Certificate, Verified>();
  return {
    name: 'x509',
    async authenticate(request: AuthenticationRequest): Promise<AuthenticationResult> {
      const [leaf, ...intermediates] = request.peerCertificates;
      if (leaf === undefined) return notMine;
      const bundle = roots();
      if (bundle.length === 0) return notMine;
      const at = options.clock.now();
      let known = verified.get(leaf);
      const fresh = known !== undefined && known.roots === bundle && at.getTime() >= known.fromMs && at.getTime() <= known.untilMs;
      try {
        if (!fresh) {
          const chain = await verifyChain(leaf, { roots: bundle, intermediates, at, usages: ['client auth'] });
          known = {
            roots: bundle,
            fromMs: Math.max(...chain.map((c) => c.notBefore.getTime())),
            untilMs: Math.min(...chain.map((c) => c.notAfter.getTime())),
            credentialId: `X509SHA256=${createHash('sha256').update(leaf.der).digest('hex')}`,
          };
          verified.set(leaf, known);
        }
      } catch (err) {
        return { kind: 'error', authenticator: 'x509', error: `verifying certificate ${certificateIdentifier(leaf)} failed: ${errorMessage(err)}` };
      }
      const name = leaf.subject.commonName ?? '';
      if (name === '') return notMine;
      // CommonNameUserConversion puts the credential id in extra: a CSR's spec.extra and
      // `kubectl auth whoami` show it for a certificate user (reference §5.5).
      return {
        kind: 'authenticated',
        authenticator: 'x509',
        user: { name, groups: [...(leaf.subject.organizations ?? [])], extra: { [credentialIdExtraKey]: [known!.credentialId] } },
      };
    },
  };
}
