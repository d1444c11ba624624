// Errors below HTTP, worded as a Go client reports them (net/http's url.Error:
// `Get "https://…": dial tcp 127.0.0.1:6443: connect: connection refused`), plus the one case
// Go cannot explain either: a server that drops the connection because it did not accept the
// client certificate. With TLS 1.3 the client's handshake is over before the server has checked
// its certificate, so all the client sees is the connection closing before any answer
// (DESIGN.md "Dependencies": "the client only sees the connection close").
import { isTlsbootError, errorMessage } from '@tlsboot/util';
import { ClientError } from './errors.js';

/** Node's codes for a server chain it could not build to a trusted root. */
const unknownAuthority = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);
const otherVerifyFailures = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_PURPOSE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface ConnectionContext {
  method: string;
  url: string;
  /** host:port, for Go's `dial tcp host:port` wording. */
  address: string;
  /** Whether this client presented a certificate: decides how a dropped handshake is explained. */
  presentedClientCertificate: boolean;
}

/** url.Error's Op: `Get`, `Post`, `Patch`… */
function op(method: string): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for the ways a server's refusal of the client certificate shows on the client. */
function looksLikeHandshakeRejection(err: unknown): boolean {
  const code = codeOf(err);
  if (code !== undefined && /^ERR_SSL_.*ALERT/.test(code)) return true;
  const message = errorMessage(err);
  if (code === 'ECONNRESET' && message.includes('before secure TLS connection was established')) return true;
  // TLS 1.3: undici's "other side closed" on a connection that never carried a response byte.
  if (code === 'UND_ERR_SOCKET') {
    const socket = (err as { socket?: { bytesRead?: number } }).socket;
    return socket?.bytesRead === 0;
  }
  return false;
}

/** The ClientError for anything that kept a request from getting an HTTP answer. */
export function connectionError(err: unknown, ctx: ConnectionContext): ClientError {
  const prefix = `${op(ctx.method)} ${JSON.stringify(ctx.url)}:`;
  if (isTlsbootError(err)) {
    return new ClientError(err.code === 'TLS_SERVER_UNTRUSTED' ? 'TLS_SERVER_UNTRUSTED' : 'CONNECTION_FAILED', `${prefix} ${err.message}`, {
      cause: err,
    });
  }
  const code = codeOf(err);
  if (code !== undefined && unknownAuthority.has(code)) {
    return new ClientError('TLS_SERVER_UNTRUSTED', `${prefix} tls: failed to verify certificate: x509: certificate signed by unknown authority`, {
      cause: err,
    });
  }
  if (code !== undefined && otherVerifyFailures.has(code)) {
    return new ClientError('TLS_SERVER_UNTRUSTED', `${prefix} tls: failed to verify certificate: ${errorMessage(err)}`, { cause: err });
  }
  if (looksLikeHandshakeRejection(err)) {
    const why = ctx.presentedClientCertificate
      ? 'the server most likely rejected the client certificate (it may be expired, not yet valid, or signed by a CA the server does not trust)'
      : 'the server most likely requires a client certificate and none was presented';
    return new ClientError('TLS_CLIENT_CERT_REJECTED', `${prefix} the connection was closed during the TLS handshake: ${why}`, {
      cause: err,
    });
  }
  let detail = errorMessage(err);
  if (code === 'ECONNREFUSED') detail = `dial tcp ${ctx.address}: connect: connection refused`;
  else if (code === 'ENOTFOUND') detail = `dial tcp: lookup ${ctx.address.replace(/:\d+$/, '')}: no such host`;
  else if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') detail = `dial tcp ${ctx.address}: i/o timeout`;
  return new ClientError('CONNECTION_FAILED', `${prefix} ${detail}`, { cause: err });
}
