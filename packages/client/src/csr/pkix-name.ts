// crypto/x509/pkix.Name as Go fills it from a parsed subject (FillFromRDNSequence), compared with
// reflect.DeepEqual and printed with %#v — what ensureCompatible in
// k8s.io/client-go/util/certificate/csr/csr.go does with the subjects of two CSRs.

/** One attribute of a distinguished name, in the order the DER holds them (RDNs flattened). */
export interface SubjectAttribute {
  /** Dotted OID, e.g. `2.5.4.3` for CN. */
  type: string;
  value: string;
}

interface PkixName {
  Country: string[];
  Organization: string[];
  OrganizationalUnit: string[];
  Locality: string[];
  Province: string[];
  StreetAddress: string[];
  PostalCode: string[];
  SerialNumber: string;
  CommonName: string;
  Names: SubjectAttribute[];
}

const listFields: Record<string, keyof PkixName> = {
  '2.5.4.6': 'Country',
  '2.5.4.7': 'Locality',
  '2.5.4.8': 'Province',
  '2.5.4.9': 'StreetAddress',
  '2.5.4.10': 'Organization',
  '2.5.4.11': 'OrganizationalUnit',
  '2.5.4.17': 'PostalCode',
};

/** pkix.Name.FillFromRDNSequence. */
function fill(attrs: readonly SubjectAttribute[]): PkixName {
  const n: PkixName = {
    Country: [],
    Organization: [],
    OrganizationalUnit: [],
    Locality: [],
    Province: [],
    StreetAddress: [],
    PostalCode: [],
    SerialNumber: '',
    CommonName: '',
    Names: [],
  };
  for (const atv of attrs) {
    n.Names.push(atv);
    if (atv.type === '2.5.4.3') n.CommonName = atv.value;
    else if (atv.type === '2.5.4.5') n.SerialNumber = atv.value;
    else {
      const field = listFields[atv.type];
      if (field !== undefined) (n[field] as string[]).push(atv.value);
    }
  }
  return n;
}

/**
 * reflect.DeepEqual of the two filled names. Every field derives from Names, so comparing the
 * attribute lists in order is the same comparison.
 */
export function pkixNamesEqual(a: readonly SubjectAttribute[], b: readonly SubjectAttribute[]): boolean {
  return a.length === b.length && a.every((x, i) => x.type === b[i]!.type && x.value === b[i]!.value);
}

/** `%#v` of the pkix.Name, as Go prints it in "csr subjects differ: new: %#v, orig: %#v". */
export function goSyntaxPkixName(attrs: readonly SubjectAttribute[]): string {
  const n = fill(attrs);
  const strings = (xs: string[]): string => (xs.length === 0 ? '[]string(nil)' : `[]string{${xs.map(goQuote).join(', ')}}`);
  const atvs = (xs: SubjectAttribute[]): string =>
    xs.length === 0
      ? '[]pkix.AttributeTypeAndValue(nil)'
      : `[]pkix.AttributeTypeAndValue{${xs
          .map((x) => `pkix.AttributeTypeAndValue{Type:asn1.ObjectIdentifier{${x.type.split('.').join(', ')}}, Value:${goQuote(x.value)}}`)
          .join(', ')}}`;
  return (
    `pkix.Name{Country:${strings(n.Country)}, Organization:${strings(n.Organization)}, ` +
    `OrganizationalUnit:${strings(n.OrganizationalUnit)}, Locality:${strings(n.Locality)}, ` +
    `Province:${strings(n.Province)}, StreetAddress:${strings(n.StreetAddress)}, ` +
    `PostalCode:${strings(n.PostalCode)}, SerialNumber:${goQuote(n.SerialNumber)}, ` +
    `CommonName:${goQuote(n.CommonName)}, Names:${atvs(n.Names)}, ExtraNames:[]pkix.AttributeTypeAndValue(nil)}`
  );
}

/** strconv.Quote for the printable text names hold (JSON's escapes agree with Go's for these). */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
