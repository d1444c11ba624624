// digestedName from pkg/kubelet/certificate/bootstrap/bootstrap.go (v1.32): the fixed CSR name of
// the synchronous bootstrap, `node-csr-` + base64url (no padding) of SHA-512/256 over
// b64url(PKIX public key) `|` b64url(CN) `|` b64url(each O) `|` b64url(each usage) `|`.
// The delimiter is not in the base64url alphabet, so different inputs cannot hash the same stream.
import { createHash } from 'node:crypto';

export function digestedName(publicKeySpki: Uint8Array, subject: { commonName: string; organizations: readonly string[] }, usages: readonly string[]): string {
  const hash = createHash('sha512-256');
  const write = (data: Uint8Array | string): void => {
    hash.update(Buffer.from(data).toString('base64url'));
    hash.update('|');
  };
  write(publicKeySpki);
  write(subject.commonName);
  for (const o of subject.organizations) write(o);
  for (const u of usages) write(u);
  return `node-csr-${hash.digest('base64url')}`;
}
