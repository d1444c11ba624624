/**
 * One csrsigning sub-controller's handler (kubernetes/kubernetes
 * pkg/controller/certificates/signer/signer.go: signer.handle and signer.sign, with
 * authority.go's PermissiveSigningPolicy through @tlsboot/pki's kubernetes signing style).
 * It signs only Approved, not Denied, not Failed CSRs of its own signer name; a request that
 * breaks the signer's rules gets a terminal Failed condition instead of a certificate.
 */
import { certificateFailed, formatRFC3339, hasTrueCondition, isCertificateRequestApproved } from '@tlsboot/api';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { PkiError, encodePem, signCertificate } from '@tlsboot/pki';
import type { Certificate, CertificateRequest } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import { parseCSR } from '../certificate-controller-utils.js';
import type { CAProvider } from './ca-provider.js';
import { signerCheckFor, signingDurationMs } from './signer-rules.js';
import type { SignerCheck } from './signer-rules.js';

/** The NotBefore backdate; it must stay below the smallest TTL a user may request (10 min). */
export const signingBackdateMs = 5 * 60_000;

/** The Failed condition's reason when a recognized signer refuses a request. */
export const signerValidationFailureReason = 'SignerValidationFailure';

/** What the signer tells the trace. */
export type SignerEvent =
  | { kind: 'signed'; csr: string; signerName: string; certificate: Certificate; usages: string[] }
  | { kind: 'failed'; csr: string; signerName: string; reason: string; message: string };

export interface SignerOptions {
  signerName: string;
  caProvider: CAProvider;
  /** `--cluster-signing-duration`, in milliseconds. */
  certTtlMs: number;
  clock: Clock;
  /** PUT …/certificatesigningrequests/<name>/status (UpdateStatus). */
  updateStatus(csr: CertificateSigningRequest): Promise<unknown>;
  onEvent?(event: SignerEvent): void;
}

export interface SignOptions {
  request: CertificateRequest;
  usages: readonly string[];
  expirationSeconds: number | undefined;
  now: Date;
}

export class Signer {
  readonly signerName: string;
  private readonly check: SignerCheck;

  /** newSigner: throws `unrecognized signerName: "X"` for anything but the four built-in signers. */
  constructor(private readonly options: SignerOptions) {
    this.signerName = options.signerName;
    this.check = signerCheckFor(options.signerName);
  }

  /** signer.handle: the certificate controller's handler for one CSR (a copy it may change). */
  async handle(csr: CertificateSigningRequest): Promise<void> {
    // Ignore unapproved or failed requests
    if (!isCertificateRequestApproved(csr) || hasTrueCondition(csr, certificateFailed)) return;
    // Fast path: another sub-controller owns this signer name.
    if (csr.spec.signerName !== this.signerName) return;
    const name = csr.metadata.name ?? '';
    let request: CertificateRequest;
    try {
      request = parseCSR(csr.spec.request);
    } catch (err) {
      throw new Error(`unable to parse csr ${JSON.stringify(name)}: ${messageOf(err)}`);
    }
    const usages = csr.spec.usages ?? [];
    const verdict = this.check(request, usages, csr.spec.signerName);
    if (!verdict.recognized) return;
    if (verdict.error !== undefined) {
      const status = csr.status ?? {};
      status.conditions = [
        ...(status.conditions ?? []),
        { type: certificateFailed, status: 'True', reason: signerValidationFailureReason, message: verdict.error, lastUpdateTime: formatRFC3339(this.options.clock.now()) },
      ];
      csr.status = status;
      try {
        await this.options.updateStatus(csr);
      } catch (err) {
        throw new Error(`error adding failure condition for csr: ${messageOf(err)}`);
      }
      this.options.onEvent?.({ kind: 'failed', csr: name, signerName: this.signerName, reason: signerValidationFailureReason, message: verdict.error });
      return;
    }
    let certificate: Certificate;
    try {
      certificate = await this.sign({ request, usages, expirationSeconds: csr.spec.expirationSeconds, now: this.options.clock.now() });
    } catch (err) {
      throw new Error(`error auto signing csr: ${messageOf(err)}`);
    }
    csr.status = { ...(csr.status ?? {}), certificate: Buffer.from(certificate.pem, 'utf8').toString('base64') };
    try {
      await this.options.updateStatus(csr);
    } catch (err) {
      throw new Error(`error updating signature for csr: ${messageOf(err)}`);
    }
    this.options.onEvent?.({ kind: 'signed', csr: name, signerName: this.signerName, certificate, usages: [...usages] });
  }

  /**
   * signer.sign: CertificateAuthority.Sign with PermissiveSigningPolicy{TTL: duration(expirationSeconds),
   * Usages, Backdate: 5m, Short: 8h}. The result is one PEM `CERTIFICATE` block, no chain.
   */
  async sign(options: SignOptions): Promise<Certificate> {
    const ca = await this.options.caProvider.currentCA();
    try {
      const certificate = await signCertificate({
        ca,
        request: options.request,
        profile: { usages: options.usages, ttlMs: signingDurationMs(options.expirationSeconds, this.options.certTtlMs), backdateMs: signingBackdateMs, style: 'kubernetes' },
        now: options.now,
      });
      return { ...certificate, pem: encodePem('CERTIFICATE', certificate.der) };
    } catch (err) {
      if (err instanceof PkiError && err.code === 'CSR_BAD_SIGNATURE') {
        throw new Error(`unable to verify certificate request signature: ${verificationText(err.message)}`);
      }
      throw err;
    }
  }
}

/** pki names its input before Go's text ("…: signature does not match its public key (x509: …)"); keep Go's part. */
function verificationText(message: string): string {
  return /\(([^()]*)\)$/.exec(message)?.[1] ?? message;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
