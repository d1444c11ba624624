import { isIP } from 'node:net';
import { PkiError } from './errors.js';
import { x509 } from './x509.js';

/** Subject alternative names as Go's x509.Certificate and x509.CertificateRequest hold them. */
export interface SubjectAltNames {
  dnsNames?: string[];
  ipAddresses?: string[];
  emailAddresses?: string[];
  uris?: string[];
}

export const subjectAltNameOid = '2.5.29.17';

/** True when there is at least one SAN. */
export function hasSubjectAltNames(sans: SubjectAltNames): boolean {
  return Boolean(sans.dnsNames?.length || sans.ipAddresses?.length || sans.emailAddresses?.length || sans.uris?.length);
}

/** Checks every IP and URI; `source` names the input in the error. */
function validate(sans: SubjectAltNames, source: string): void {
  for (const ip of sans.ipAddresses ?? []) {
    if (isIP(ip) === 0) throw new PkiError('SIGN_INVALID', `${source}: "${ip}" is not an IP address`);
  }
  for (const uri of sans.uris ?? []) {
    if (!URL.canParse(uri)) throw new PkiError('SIGN_INVALID', `${source}: "${uri}" is not a URI`);
  }
}

/**
 * The SubjectAlternativeName extension, names in the order Go's marshalSANs writes them (DNS,
 * email, IP, URI). Critical only when the subject is empty (RFC 5280 §4.2.1.6, as Go does).
 */
export function subjectAltNameExtension(sans: SubjectAltNames, subjectEmpty: boolean, source = 'hosts'): x509.SubjectAlternativeNameExtension {
  validate(sans, source);
  const names: x509.JsonGeneralName[] = [
    ...(sans.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(sans.emailAddresses ?? []).map((value) => ({ type: 'email' as const, value })),
    ...(sans.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(sans.uris ?? []).map((value) => ({ type: 'url' as const, value })),
  ];
  return new x509.SubjectAlternativeNameExtension(names, subjectEmpty);
}

/** The SANs carried by a list of extensions (a certificate's, or a CSR's extensionRequest). */
export function subjectAltNamesOf(extensions: readonly x509.Extension[]): SubjectAltNames {
  const sans: Required<SubjectAltNames> = { dnsNames: [], ipAddresses: [], emailAddresses: [], uris: [] };
  for (const ext of extensions) {
    if (ext.type !== subjectAltNameOid) continue;
    const san = new x509.SubjectAlternativeNameExtension(ext.rawData);
    for (const item of san.names.items) {
      if (item.type === 'dns') sans.dnsNames.push(item.value);
      else if (item.type === 'email') sans.emailAddresses.push(item.value);
      else if (item.type === 'ip') sans.ipAddresses.push(item.value);
      else if (item.type === 'url') sans.uris.push(item.value);
    }
  }
  const result: SubjectAltNames = {};
  for (const key of Object.keys(sans) as (keyof SubjectAltNames)[]) if (sans[key].length > 0) result[key] = sans[key];
  return result;
}

/**
 * Splits cfssl `hosts` the way cfssl does (csr.go): an IP address, an email address (contains
 * "@"), a URI (parses with a scheme) or else a DNS name.
 */
export function sansFromHosts(hosts: readonly string[]): SubjectAltNames {
  const sans: Required<SubjectAltNames> = { dnsNames: [], ipAddresses: [], emailAddresses: [], uris: [] };
  for (const host of hosts) {
    if (isIP(host) !== 0) sans.ipAddresses.push(host);
    else if (host.includes('@')) sans.emailAddresses.push(host);
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host) && URL.canParse(host)) sans.uris.push(host);
    else sans.dnsNames.push(host);
  }
  const result: SubjectAltNames = {};
  for (const key of Object.keys(sans) as (keyof SubjectAltNames)[]) if (sans[key].length > 0) result[key] = sans[key];
  return result;
}
