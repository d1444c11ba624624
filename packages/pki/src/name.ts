import { x509 } from './x509.js';

/**
 * A distinguished name the way Go's crypto/x509/pkix.Name holds it: one string for the common
 * name and lists for the rest. Kubernetes reads identity from it: CN is the user name and each O
 * a group (k8s.io/apiserver/pkg/authentication/request/x509).
 */
export interface Subject {
  commonName?: string;
  organizations?: string[];
  organizationalUnits?: string[];
  countries?: string[];
  provinces?: string[];
  localities?: string[];
}

const oid = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
} as const;

/** Go's ASN.1 PrintableString alphabet (encoding/asn1 isPrintable); anything else is UTF8String. */
const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function attribute(type: string, value: string): Record<string, x509.JsonAttributeObject[]> {
  return { [type]: [printable.test(value) ? { printableString: value } : { utf8String: value }] };
}

/**
 * The x509 Name of a subject, with RDNs in the order Go's pkix.Name.ToRDNSequence writes them
 * (C, ST, L, O, OU, CN), one value per RDN, PrintableString where possible as Go does.
 */
export function toX509Name(subject: Subject): x509.Name {
  const rdns: Record<string, x509.JsonAttributeObject[]>[] = [];
  const add = (type: string, values: readonly string[] | undefined) => {
    for (const value of values ?? []) rdns.push(attribute(type, value));
  };
  add(oid.C, subject.countries);
  add(oid.ST, subject.provinces);
  add(oid.L, subject.localities);
  add(oid.O, subject.organizations);
  add(oid.OU, subject.organizationalUnits);
  if (subject.commonName !== undefined && subject.commonName !== '') add(oid.CN, [subject.commonName]);
  return new x509.Name(rdns);
}

/** Reads a subject back from an x509 Name (other attribute types are ignored, as pkix.Name.FillFromRDNSequence does for its fields). */
export function fromX509Name(name: x509.Name): Subject {
  const subject: Subject = {};
  const cn = name.getField(oid.CN);
  if (cn.length > 0) subject.commonName = cn[cn.length - 1]!;
  const set = (key: Exclude<keyof Subject, 'commonName'>, values: string[]) => {
    if (values.length > 0) subject[key] = values;
  };
  set('organizations', name.getField(oid.O));
  set('organizationalUnits', name.getField(oid.OU));
  set('countries', name.getField(oid.C));
  set('provinces', name.getField(oid.ST));
  set('localities', name.getField(oid.L));
  return subject;
}

/**
 * The subject as one line, RDNs in Go's order: `C=CN, ST=BeiJing, O=k8s, CN=admin`. With
 * `equals` = " = " it is openssl's default `-nameopt oneline` form (`C = CN, ..., CN = admin`).
 */
export function formatSubject(subject: Subject, equals = '='): string {
  const parts: string[] = [];
  const push = (label: string, values: readonly string[] | undefined) => values?.forEach((v) => parts.push(`${label}${equals}${v}`));
  push('C', subject.countries);
  push('ST', subject.provinces);
  push('L', subject.localities);
  push('O', subject.organizations);
  push('OU', subject.organizationalUnits);
  if (subject.commonName) parts.push(`CN${equals}${subject.commonName}`);
  return parts.join(', ');
}
