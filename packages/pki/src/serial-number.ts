import { webcrypto } from './x509.js';

/**
 * A random positive serial number in hex. Kubernetes' authority draws from [0, 2^128)
 * (16 octets); cfssl uses 20 octets with the top bit cleared.
 */
export function randomSerialNumber(octets = 16): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(octets));
  bytes[0] = bytes[0]! & 0x7f;
  if (bytes.every((b: number) => b === 0)) bytes[octets - 1] = 1;
  return Buffer.from(bytes).toString('hex');
}
