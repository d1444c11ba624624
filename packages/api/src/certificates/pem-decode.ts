/**
 * Go's encoding/pem Decode, byte for byte in what it accepts (text outside blocks is skipped, a
 * block whose base64 does not decode is skipped, `Key: value` lines right after BEGIN are
 * headers, CRLF accepted), and the PEM half of ParseCSR (kubernetes/kubernetes:
 * pkg/apis/certificates/helpers.go, v1/helpers.go). Both the apiserver's validation and the
 * controllers decode CSR and certificate bytes this way; the DER is then parsed with
 * @tlsboot/pki. Data is a binary string (one char per byte, as Buffer's 'latin1').
 */

/** pem.Block. */
export interface GoPemBlock {
  type: string;
  headers: Record<string, string>;
  bytes: Uint8Array;
}

const pemStart = '\n-----BEGIN ';
const pemEnd = '\n-----END ';
const pemEndOfLine = '-----';

/** getLine: the first line without its `\n` / `\r\n` and trailing spaces and tabs, and the rest. */
function getLine(data: string): [string, string] {
  let i = data.indexOf('\n');
  let j: number;
  if (i < 0) {
    i = data.length;
    j = i;
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] === '\r') i--;
  }
  return [data.slice(0, i).replace(/[ \t]+$/, ''), data.slice(j)];
}

/** base64.StdEncoding.Decode: padded standard alphabet; `\r` and `\n` are ignored; undefined when illegal. */
export function goBase64StdDecode(text: string): Uint8Array | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return undefined;
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** pem.Decode: the first block of `data` and what follows it, or undefined (and `data` unchanged) when there is none. */
export function goPemDecode(data: string): { block: GoPemBlock; rest: string } | undefined {
  let rest = data;
  for (;;) {
    if (rest.startsWith(pemStart.slice(1))) rest = rest.slice(pemStart.length - 1);
    else {
      const at = rest.indexOf(pemStart);
      if (at < 0) return undefined;
      rest = rest.slice(at + pemStart.length);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith(pemEndOfLine)) continue;
    typeLine = typeLine.slice(0, typeLine.length - pemEndOfLine.length);
    const headers: Record<string, string> = {};
    let headerCount = 0;
    for (;;) {
      if (rest.length === 0) return undefined;
      const [line, next] = getLine(rest);
      const colon = line.indexOf(':');
      if (colon < 0) break;
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      headerCount++;
      rest = next;
    }
    let endIndex: number;
    let endTrailerIndex: number;
    if (headerCount === 0 && rest.startsWith(pemEnd.slice(1))) {
      endIndex = 0;
      endTrailerIndex = pemEnd.length - 1;
    } else {
      endIndex = rest.indexOf(pemEnd);
      endTrailerIndex = endIndex + pemEnd.length;
    }
    if (endIndex < 0) continue;
    let endTrailer = rest.slice(endTrailerIndex);
    const endTrailerLen = typeLine.length + pemEndOfLine.length;
    if (endTrailer.length < endTrailerLen) continue;
    const restOfEndLine = endTrailer.slice(endTrailerLen);
    endTrailer = endTrailer.slice(0, endTrailerLen);
    if (!endTrailer.startsWith(typeLine) || !endTrailer.endsWith(pemEndOfLine)) continue;
    if (getLine(restOfEndLine)[0].length !== 0) continue;
    const bytes = goBase64StdDecode(rest.slice(0, endIndex).replace(/[ \t]/g, ''));
    if (bytes === undefined) continue;
    return { block: { type: typeLine, headers, bytes }, rest: getLine(rest.slice(endIndex + pemEnd.length - 1))[1] };
  }
}

/** The error ParseCSR gives when spec.request holds no CERTIFICATE REQUEST block first. */
export const csrPemTypeError = 'PEM block type must be CERTIFICATE REQUEST';

/**
 * The PEM half of ParseCSR: the DER of the first PEM block of the request bytes when it is a
 * `CERTIFICATE REQUEST`, else the upstream error. Parse the DER with @tlsboot/pki.
 */
export function certificateRequestDerFromPem(pemBytes: Uint8Array | string): { der: Uint8Array } | { error: string } {
  const text = typeof pemBytes === 'string' ? pemBytes : Buffer.from(pemBytes).toString('latin1');
  const decoded = goPemDecode(text);
  if (decoded === undefined || decoded.block.type !== 'CERTIFICATE REQUEST') return { error: csrPemTypeError };
  return { der: decoded.block.bytes };
}

/**
 * A `[]byte` field as Go's JSON decoding reads it (spec.request, status.certificate): base64
 * (StdEncoding) of the bytes; undefined when the text is not valid base64.
 */
export function decodeBytesField(value: string): Uint8Array | undefined {
  return goBase64StdDecode(value);
}
