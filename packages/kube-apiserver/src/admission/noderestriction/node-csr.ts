/**
 * The CSR check NodeRestriction makes since v1.31 (kubernetes/kubernetes:
 * plugin/pkg/admission/noderestriction/admission.go admitCSR, with certificates.ParseCSR from
 * pkg/apis/certificates/helpers.go): a node may create a CSR for the kubelet signers only with
 * Subject CN `system:node:<its name>`. ParseCSR takes the first PEM block of spec.request
 * (Go's pem.Decode, which accepts an empty body where pki's strict decoder would not) and wants
 * exactly the type CERTIFICATE REQUEST.
 */
import { kubeAPIServerClientKubeletSignerName, kubeletServingSignerName } from '@tlsboot/api';
import { parseCertificateRequestDer } from '@tlsboot/pki';

/** The signers whose CSRs must name the requesting node. */
export const nodeCSRSigners: readonly string[] = [kubeletServingSignerName, kubeAPIServerClientKubeletSignerName];

export type ParsedCommonName = { ok: true; commonName: string } | { ok: false; error: string };

const pemBlock = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----/;

/** pem.Decode's first block: its type and bytes, or undefined when there is none that decodes. */
function firstPemBlock(text: string): { type: string; der: Uint8Array } | undefined {
  const m = pemBlock.exec(text);
  if (m === null) return undefined;
  const body = m[2]!.split(/\r?\n/).filter((l) => !l.includes(':')).join('').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) return undefined;
  return { type: m[1]!, der: new Uint8Array(Buffer.from(body, 'base64')) };
}

/** ParseCSR on spec.request (base64 of the PEM in the JSON form), reduced to the subject CN. */
export function csrCommonName(requestBase64: string): ParsedCommonName {
  const block = firstPemBlock(Buffer.from(requestBase64, 'base64').toString('latin1'));
  if (block === undefined || block.type !== 'CERTIFICATE REQUEST') return { ok: false, error: 'PEM block type must be CERTIFICATE REQUEST' };
  // Go's encoding/asn1 on no bytes at all
  if (block.der.length === 0) return { ok: false, error: 'asn1: syntax error: sequence truncated' };
  try {
    return { ok: true, commonName: parseCertificateRequestDer(block.der, 'spec.request').subject.commonName ?? '' };
  } catch (err) {
    // other malformed DER: pki's wording, not Go's x509/asn1 text
    return { ok: false, error: (err as Error).message };
  }
}
