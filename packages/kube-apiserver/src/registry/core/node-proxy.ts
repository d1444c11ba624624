/**
 * The `nodes/proxy` subresource (kubernetes/kubernetes pkg/registry/core/node/rest/proxy.go
 * ProxyREST.Connect, pkg/registry/core/node/strategy.go ResourceLocation and isProxyableHostname,
 * k8s.io/apimachinery/pkg/util/proxy/upgradeaware.go, k8s.io/apiserver/pkg/endpoints/handlers/rest.go
 * getRequestOptions): any method on `/api/v1/nodes/<node>[:port]/proxy/<path>` is relayed to
 * `https://<node address>:<kubelet port>/<path>?<query>` with the kubelet client certificate, and
 * the kubelet's status, headers and body come back as they are. A transport error is the Status
 * `ErrorNegotiated` makes of it (500, the Go error text).
 *
 * Differences: upstream refuses (400 `address not allowed`) a node whose address resolves to a
 * loopback or link-local IP; tlsboot runs every kubelet on 127.0.0.1, so that check
 * (`requireGlobalUnicast`) is off unless asked for. A port other than the kubelet's goes through
 * upstream's separate proxy transport, which is not simulated (400 saying so). Upgrade requests
 * (exec, port-forward over SPDY/websockets) and HTML link rewriting are not relayed.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { newBadRequest } from '@tlsboot/api';
import type { Node } from '@tlsboot/api';
import type { ApiResponse, RequestScope } from '../../endpoints/handlers/scope.js';
import type { KubeletClient } from '../../server/kubelet-client.js';
import type { ResourceRegistry } from '../registry.js';

/** utilnet.SplitSchemeNamePort: `name`, `name:port` or `scheme:name:port`. */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string; valid: boolean } {
  const parts = id.split(':');
  let scheme = '';
  let name = '';
  let port = '';
  switch (parts.length) {
    case 1:
      name = parts[0]!;
      break;
    case 2:
      [name, port] = parts as [string, string];
      break;
    case 3:
      [scheme, name, port] = parts as [string, string, string];
      break;
    default:
      return { scheme, name, port, valid: false };
  }
  const valid = name.length > 0 && (scheme === '' || scheme === 'http' || scheme === 'https');
  return { scheme, name, port, valid };
}

/** net.IP.IsGlobalUnicast for a literal address. */
export function isGlobalUnicast(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    if (ip === '255.255.255.255' || a === 0 || a === 127 || a >= 224) return false;
    return !(a === 169 && b === 254);
  }
  const v = ip.toLowerCase();
  if (v.startsWith('::ffff:') && isIP(v.slice(7)) === 4) return isGlobalUnicast(v.slice(7));
  if (v === '::' || v === '::1' || v.startsWith('ff') || /^fe[89ab]/.test(v)) return false;
  return true;
}

/** isProxyableHostname: every address the name resolves to must be global unicast. */
export async function isProxyableHostname(hostname: string): Promise<string | undefined> {
  let addresses: { address: string }[];
  try {
    addresses = isIP(hostname) !== 0 ? [{ address: hostname }] : await lookup(hostname, { all: true });
  } catch {
    return `lookup ${hostname}: no such host`;
  }
  if (addresses.length === 0) return 'no addresses for hostname';
  return addresses.every((a) => isGlobalUnicast(a.address)) ? undefined : 'address not allowed';
}

/**
 * getRequestOptions' subpath: the path after `proxy`, with a leading slash, and the trailing slash
 * of the request kept (net.JoinPreservingTrailingSlash onto the empty location path).
 */
export function proxySubpath(parts: readonly string[], requestPath: string): string {
  let p = parts.slice(3).join('/');
  if (p.length > 0 && !p.startsWith('/')) p = `/${p}`;
  if (requestPath.endsWith('/') && !p.endsWith('/')) p += '/';
  return p === '' ? '/' : p;
}

/** Request headers never relayed: hop-by-hop ones (httputil.ReverseProxy) and the credentials the apiserver consumed. */
const dropRequestHeaders = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'authorization']);
const dropResponseHeaders = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export function relayedRequestHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    const key = k.toLowerCase();
    if (v === undefined || dropRequestHeaders.has(key) || key.startsWith('impersonate-')) continue;
    out[key] = v;
  }
  return out;
}

export interface NodeProxyDependencies {
  kubelet: KubeletClient;
  registry: ResourceRegistry;
  /** Upstream's isProxyableHostname check (400 `address not allowed` for loopback kubelets); default off, see the file comment. */
  requireGlobalUnicast?: boolean;
}

/** The `nodes/proxy` connecter. */
export function nodeProxyHandler(deps: NodeProxyDependencies): (scope: RequestScope, method: string) => Promise<ApiResponse> {
  return async (scope, method) => {
    const id = scope.info.name;
    const { name, port: portReq, valid } = splitSchemeNamePort(id);
    if (!valid) throw newBadRequest(`invalid node request ${JSON.stringify(id)}`);
    const node = (await deps.registry.store('', 'nodes').get('', name)) as Node;
    const info = deps.kubelet.connectionInfo(node);
    if (deps.requireGlobalUnicast) {
      const problem = await isProxyableHostname(info.hostname);
      if (problem !== undefined) throw newBadRequest(problem);
    }
    if (portReq !== '' && portReq !== info.port) throw newBadRequest(`tlsboot: proxying to port ${portReq} of node ${name} (not the kubelet's ${info.port}) is not simulated`);
    const path = proxySubpath(scope.info.parts, scope.info.path);
    const query = scope.query.toString();
    const res = await deps.kubelet.send(info, {
      method,
      pathAndQuery: `${path}${query ? `?${query}` : ''}`,
      headers: relayedRequestHeaders(scope.headers),
      body: scope.body,
    });
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && !dropResponseHeaders.has(k)) headers[k] = v;
    return { kind: 'stream', statusCode: res.statusCode ?? 502, headers, body: res };
  };
}
