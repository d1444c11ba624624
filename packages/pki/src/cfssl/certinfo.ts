import { isIP } from 'node:net';
import type { Certificate } from '../certificate.js';
import { formatRFC3339 } from '../go-time.js';
import type { x509 } from '../x509.js';
import { goJson } from './go-json.js';

/**
 * `cfssl certinfo -cert FILE` (cloudflare/cfssl certinfo/certinfo.go, cli/certinfo): the JSON
 * field names, order, omissions and formats of certinfo.Certificate and certinfo.Name.
 */

/** certinfo.Name: lists joined with ",", empty fields omitted; `names` = every attribute value in RDN order. */
export interface CfsslCertInfoName {
  common_name?: string;
  serial_number?: string;
  country?: string;
  organization?: string;
  organizational_unit?: string;
  locality?: string;
  province?: string;
  street_address?: string;
  postal_code?: string;
  names?: string[];
}

/** certinfo.Certificate. */
export interface CfsslCertInfo {
  subject: CfsslCertInfoName;
  issuer: CfsslCertInfoName;
  /** Decimal (big.Int.String). */
  serial_number: string;
  /** DNS names, then IP addresses (emails and URIs are not listed, as in cfssl); omitted when none. */
  sans?: string[];
  /** RFC 3339, UTC: "2006-01-02T15:04:05Z". */
  not_before: string;
  not_after: string;
  /** helpers.SignatureString, e.g. "SHA256WithRSA", "ECDSAWithSHA256". */
  sigalg: string;
  /** Upper-case hex octets joined by ":" (formatKeyID); "" when absent, never omitted. */
  authority_key_id: string;
  subject_key_id: string;
  pem: string;
}

/** Attribute OIDs pkix.Name.FillFromRDNSequence fills fields from. */
const attributes = {
  '2.5.4.3': 'common_name',
  '2.5.4.5': 'serial_number',
  '2.5.4.6': 'country',
  '2.5.4.10': 'organization',
  '2.5.4.11': 'organizational_unit',
  '2.5.4.7': 'locality',
  '2.5.4.8': 'province',
  '2.5.4.9': 'street_address',
  '2.5.4.17': 'postal_code',
} as const;
type Field = (typeof attributes)[keyof typeof attributes];

/** @peculiar/x509's Name.toJSON keys registered attributes by short name, the others by OID. */
const shortNames: Readonly<Record<string, string>> = { CN: '2.5.4.3', C: '2.5.4.6', L: '2.5.4.7', ST: '2.5.4.8', O: '2.5.4.10', OU: '2.5.4.11' };

/** certinfo.ParseName over the RDNs as they appear in the certificate. */
export function certinfoName(name: x509.Name): CfsslCertInfoName {
  const lists = new Map<Field, string[]>();
  const names: string[] = [];
  for (const rdn of name.toJSON()) {
    for (const [key, values] of Object.entries(rdn)) {
      const oid = shortNames[key] ?? key;
      for (const value of values) {
        names.push(value);
        const field = attributes[oid as keyof typeof attributes];
        if (field) lists.set(field, [...(lists.get(field) ?? []), value]);
      }
    }
  }
  // Go keeps the last CN and the last serialNumber; the other fields are lists joined with ",".
  const single = (field: Field) => lists.get(field)?.at(-1);
  const joined = (field: Field) => lists.get(field)?.join(',');
  const result: CfsslCertInfoName = {};
  const set = (key: keyof CfsslCertInfoName, value: string | undefined) => {
    if (value) (result as Record<string, unknown>)[key] = value;
  };
  set('common_name', single('common_name'));
  set('serial_number', single('serial_number'));
  for (const field of ['country', 'organization', 'organizational_unit', 'locality', 'province', 'street_address', 'postal_code'] as const) {
    set(field, joined(field));
  }
  if (names.length > 0) result.names = names;
  return result;
}

/** helpers formatKeyID: "AB:CD:…". */
function formatKeyId(hex: string | undefined): string {
  return (hex ?? '').toUpperCase().match(/../g)?.join(':') ?? '';
}

/** net.IP.String(): IPv6 in RFC 5952 form (WHATWG URL serialises it the same way), IPv4-mapped as IPv4. */
function goIpString(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const host = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!mapped) return host;
  const [hi, lo] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The certinfo JSON object of a certificate. */
export function certinfo(cert: Certificate): CfsslCertInfo {
  const sans = [...(cert.subjectAltNames.dnsNames ?? []), ...(cert.subjectAltNames.ipAddresses ?? []).map(goIpString)];
  const info: CfsslCertInfo = {
    subject: certinfoName(cert.x509.subjectName),
    issuer: certinfoName(cert.x509.issuerName),
    serial_number: BigInt(`0x${cert.serialNumber}`).toString(10),
    not_before: formatRFC3339(cert.notBefore),
    not_after: formatRFC3339(cert.notAfter),
    sigalg: cert.signatureAlgorithmCfssl,
    authority_key_id: formatKeyId(cert.authorityKeyId),
    subject_key_id: formatKeyId(cert.subjectKeyId),
    pem: cert.pem,
  };
  if (sans.length === 0) return info;
  // Keep Go's field order: sans comes right after serial_number.
  const { subject, issuer, serial_number, ...rest } = info;
  return { subject, issuer, serial_number, sans, ...rest };
}

/** What `cfssl certinfo` prints: json.MarshalIndent(cert, "", "  ") and a newline. */
export function certinfoJson(info: CfsslCertInfo): string {
  return `${goJson(info, '  ')}\n`;
}
