import { PkiError } from './errors.js';

/** One PEM block (RFC 7468): its label and the DER bytes it carries. */
export interface PemBlock {
  type: string;
  der: Uint8Array;
}

const begin = /^-----BEGIN ([A-Z0-9 ]+)-----$/;
const end = /^-----END ([A-Z0-9 ]+)-----$/;
const base64Line = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads every PEM block of `text`, in order. Text outside blocks is ignored (openssl and
 * cfssl put comments there), but a block must be complete and its body valid base64.
 * `source` names the input in error messages (a file name, or "status.certificate").
 */
export function decodePem(text: string, source = 'input'): PemBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = begin.exec(lines[i]!.trim());
    if (!open) continue;
    const type = open[1]!;
    let body = '';
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!.trim();
      const close = end.exec(line);
      if (close) {
        if (close[1] !== type) {
          throw new PkiError('PEM_MALFORMED', `${source}: PEM block "${type}" ends with "-----END ${close[1]}-----" (line ${j + 1})`);
        }
        break;
      }
      if (line.includes(':')) continue; // RFC 1421 headers such as Proc-Type; encrypted keys are refused later by type
      if (!base64Line.test(line)) {
        throw new PkiError('PEM_MALFORMED', `${source}: line ${j + 1} of the PEM block "${type}" is not base64`);
      }
      body += line;
    }
    if (j === lines.length) {
      throw new PkiError('PEM_MALFORMED', `${source}: PEM block "${type}" that starts on line ${i + 1} has no "-----END ${type}-----" line (truncated?)`);
    }
    if (body.length === 0 || body.length % 4 !== 0) {
      throw new PkiError('PEM_MALFORMED', `${source}: PEM block "${type}" has ${body.length === 0 ? 'an empty body' : 'a truncated base64 body'}`);
    }
    blocks.push({ type, der: new Uint8Array(Buffer.from(body, 'base64')) });
    i = j;
  }
  return blocks;
}

/**
 * The single PEM block of one of the `types` expected in `text`; the first such block when
 * there are several (as Go's pem.Decode does with a chain file). A clear error when there is
 * no PEM at all or only blocks of other types.
 */
export function decodeOnePem(text: string, types: readonly string[], source = 'input'): PemBlock {
  const blocks = decodePem(text, source);
  if (blocks.length === 0) {
    throw new PkiError('PEM_MALFORMED', `${source}: no PEM data found (expected a "-----BEGIN ${types[0]}-----" block)`);
  }
  const block = blocks.find((b) => types.includes(b.type));
  if (!block) {
    const found = [...new Set(blocks.map((b) => b.type))].join('", "');
    throw new PkiError('PEM_WRONG_TYPE', `${source}: expected a PEM block of type "${types.join('" or "')}", found "${found}"`);
  }
  return block;
}

/** Every block of type `type` in `text` (e.g. all certificates of a bundle). */
export function decodePemBlocks(text: string, type: string, source = 'input'): Uint8Array[] {
  return decodePem(text, source).filter((b) => b.type === type).map((b) => b.der);
}

/** A PEM block with 64-character lines and a trailing newline, as Go's pem.Encode writes it. */
export function encodePem(type: string, der: Uint8Array | ArrayBuffer): string {
  const b64 = Buffer.from(der instanceof ArrayBuffer ? new Uint8Array(der) : der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}
