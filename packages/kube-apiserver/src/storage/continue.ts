/**
 * List continue tokens, byte for byte as k8s.io/apiserver/pkg/storage/continue.go writes them:
 * base64url (no padding) of Go's json.Marshal of `{"v":"meta.k8s.io/v1","rv":N,"start":"<key
 * after the prefix>"}`, so a token from this store looks like one from kube-apiserver.
 */

export const ErrInvalidStartRV = 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)';
export const ErrEmptyStartKey = 'continue key is not valid: encoded start key empty (version meta.k8s.io/v1)';
export const ErrGenericInvalidKey = 'continue key is not valid';
export const ErrUnrecognizedEncodedVersion = 'continue key is not valid: server does not recognize this encoded version';

/** A continue token that does not decode; the message is upstream's error text. */
export class ContinueTokenError extends Error {}

/** Go's encoding/json escapes <, >, & and U+2028/9 on top of what JSON.stringify escapes. */
function goJSONString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** storage.EncodeContinue: `key` must lie under `keyPrefix`. */
export function encodeContinue(key: string, keyPrefix: string, resourceVersion: number): string {
  if (!key.startsWith(keyPrefix) || key === keyPrefix) {
    throw new ContinueTokenError(
      `unable to encode next field: the key and key prefix do not match ${keyPrefix} ${key}`,
    );
  }
  const json = `{"v":"meta.k8s.io/v1","rv":${resourceVersion},"start":${goJSONString(key.slice(keyPrefix.length))}}`;
  return Buffer.from(json, 'utf8').toString('base64url');
}

/**
 * storage.DecodeContinue: the key to start from (inside keyPrefix) and the revision the list is
 * pinned to (-1: "the latest", as an inconsistent-continue token says).
 */
export function decodeContinue(token: string, keyPrefix: string): { fromKey: string; resourceVersion: number } {
  if (!/^[A-Za-z0-9_-]*$/.test(token) || token.length % 4 === 1) {
    throw new ContinueTokenError(`${ErrGenericInvalidKey}: illegal base64 data`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (err) {
    throw new ContinueTokenError(`${ErrGenericInvalidKey}: ${(err as Error).message}`);
  }
  const c = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const v = typeof c['v'] === 'string' ? c['v'] : '';
  if (v !== 'meta.k8s.io/v1') throw new ContinueTokenError(`${ErrUnrecognizedEncodedVersion} ${v}`);
  const rv = c['rv'];
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv === 0) throw new ContinueTokenError(ErrInvalidStartRV);
  const start = typeof c['start'] === 'string' ? c['start'] : '';
  if (start === '') throw new ContinueTokenError(ErrEmptyStartKey);
  // Defend against path traversal: the cleaned key must equal the key, so it stays under keyPrefix.
  const key = start.startsWith('/') ? start : `/${start}`;
  if (cleanPath(key) !== key) throw new ContinueTokenError(`${ErrGenericInvalidKey}: ${start}`);
  return { fromKey: keyPrefix + key.slice(1), resourceVersion: rv };
}

/** Go's path.Clean for a rooted path. */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}
