/**
 * The `pods/log` subresource (kubernetes/kubernetes pkg/registry/core/pod/rest/log.go LogREST.Get,
 * pkg/registry/core/pod/strategy.go LogLocation and validateContainer,
 * pkg/apis/core/validation ValidatePodLogOptions, k8s.io/apiserver/pkg/registry/generic/rest/streamer.go
 * LocationStreamer): the pod's container log, read from the kubelet of the pod's node at
 * `/containerLogs/<namespace>/<pod>/<container>` with the kubelet client certificate, and relayed
 * as `text/plain`. A pod bound to no node has an empty location: 204 No Content.
 */
import { FieldError, newBadRequest, newInvalid } from '@tlsboot/api';
import type { Node, Pod } from '@tlsboot/api';
import { newNoRouteMethodNotAllowed } from '../../endpoints/handlers/generic-errors.js';
import type { ApiResponse, RequestScope } from '../../endpoints/handlers/scope.js';
import type { KubeletClient } from '../../server/kubelet-client.js';
import type { ResourceRegistry } from '../registry.js';
import { checkHttpResponse, maxReadLength } from '../rest/http-response-checker.js';

/** PodLogOptions, as decoded from the query. */
export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
  insecureSkipTLSVerifyBackend: boolean;
}

/** strconv.ParseBool, as the query-parameter conversion uses it. */
function parseBool(name: string, v: string | null): boolean {
  if (v === null) return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', ''].includes(v)) return false;
  throw newBadRequest(`${name}: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function parseInt64(name: string, v: string | null): number | undefined {
  if (v === null) return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw newBadRequest(`${name}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

/** time.RFC3339 without fractional seconds, in UTC. */
function formatRFC3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The PodLogOptions query parameters (the conversion of url.Values into api.PodLogOptions). */
export function decodePodLogOptions(query: URLSearchParams): PodLogOptions {
  const opts: PodLogOptions = {
    container: query.get('container') ?? '',
    follow: parseBool('follow', query.get('follow')),
    previous: parseBool('previous', query.get('previous')),
    timestamps: parseBool('timestamps', query.get('timestamps')),
    insecureSkipTLSVerifyBackend: parseBool('insecureSkipTLSVerifyBackend', query.get('insecureSkipTLSVerifyBackend')),
  };
  const sinceSeconds = parseInt64('sinceSeconds', query.get('sinceSeconds'));
  if (sinceSeconds !== undefined) opts.sinceSeconds = sinceSeconds;
  const tailLines = parseInt64('tailLines', query.get('tailLines'));
  if (tailLines !== undefined) opts.tailLines = tailLines;
  const limitBytes = parseInt64('limitBytes', query.get('limitBytes'));
  if (limitBytes !== undefined) opts.limitBytes = limitBytes;
  const sinceTime = query.get('sinceTime');
  if (sinceTime !== null) {
    const d = new Date(sinceTime);
    if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(sinceTime)) {
      throw newBadRequest(`sinceTime: parsing time ${JSON.stringify(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTime)} as "2006"`);
    }
    opts.sinceTime = formatRFC3339(d);
  }
  return opts;
}

/** ValidatePodLogOptions. */
export function validatePodLogOptions(opts: PodLogOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (opts.tailLines !== undefined && opts.tailLines < 0) errs.push(new FieldError('FieldValueInvalid', 'tailLines', opts.tailLines, 'must be greater than or equal to 0'));
  if (opts.limitBytes !== undefined && opts.limitBytes < 1) errs.push(new FieldError('FieldValueInvalid', 'limitBytes', opts.limitBytes, 'must be greater than 0'));
  if (opts.sinceSeconds !== undefined && opts.sinceTime !== undefined) {
    errs.push(new FieldError('FieldValueForbidden', '', undefined, 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (opts.sinceSeconds !== undefined && opts.sinceSeconds < 1) {
    errs.push(new FieldError('FieldValueInvalid', 'sinceSeconds', opts.sinceSeconds, 'must be greater than 0'));
  }
  return errs;
}

/** podutil.VisitContainers order: init containers, containers, ephemeral containers. */
function containerNames(pod: Pod): string[] {
  const spec = (pod.spec ?? { containers: [] }) as { containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
}

/** validateContainer: the named container must exist; with none named, the pod's only container. */
export function validateContainer(container: string, pod: Pod): string {
  const name = pod.metadata.name ?? '';
  if (container === '') {
    const containers = pod.spec?.containers ?? [];
    if (containers.length === 1) return containers[0]!.name;
    if (containers.length === 0) throw newBadRequest(`a container name must be specified for pod ${name}`);
    throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${containerNames(pod).join(' ')}]`);
  }
  if (!containerNames(pod).includes(container)) throw newBadRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

/** LogLocation's query: url.Values.Encode, so the keys come sorted. */
export function kubeletLogQuery(opts: PodLogOptions): string {
  const params: [string, string][] = [];
  if (opts.follow) params.push(['follow', 'true']);
  if (opts.previous) params.push(['previous', 'true']);
  if (opts.timestamps) params.push(['timestamps', 'true']);
  if (opts.sinceSeconds !== undefined) params.push(['sinceSeconds', String(opts.sinceSeconds)]);
  if (opts.sinceTime !== undefined) params.push(['sinceTime', opts.sinceTime]);
  if (opts.tailLines !== undefined) params.push(['tailLines', String(opts.tailLines)]);
  if (opts.limitBytes !== undefined) params.push(['limitBytes', String(opts.limitBytes)]);
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new URLSearchParams(params).toString();
}

/** Reads at most `limit` bytes of a stream (io.LimitReader + io.ReadAll). */
export async function readLimited(body: NodeJS.ReadableStream, limit = maxReadLength): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(b);
    size += b.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

export interface PodLogDependencies {
  kubelet: KubeletClient;
  registry: ResourceRegistry;
}

/** The `pods/log` handler (LogREST.Get + StreamObject). */
export function podLogHandler(deps: PodLogDependencies): (scope: RequestScope, method: string) => Promise<ApiResponse> {
  const gr = { group: '', resource: 'pods/log' };
  return async (scope, method): Promise<ApiResponse> => {
    if (method !== 'GET') throw newNoRouteMethodNotAllowed();
    const name = scope.info.name;
    const opts = decodePodLogOptions(scope.query);
    const errs = validatePodLogOptions(opts);
    if (errs.length > 0) throw newInvalid({ group: '', kind: 'PodLogOptions' }, name, errs);
    const pod = (await deps.registry.store('', 'pods').get(scope.info.namespace, name)) as Pod;
    const container = validateContainer(opts.container, pod);
    const nodeName = pod.spec?.nodeName ?? '';
    // no host assigned: an empty location, and StreamObject answers a null stream with 204
    if (nodeName === '') return { kind: 'stream', statusCode: 204, headers: {}, body: undefined };
    const node = (await deps.registry.store('', 'nodes').get('', nodeName)) as Node;
    const info = deps.kubelet.connectionInfo(node);
    const query = kubeletLogQuery(opts);
    const path = `/containerLogs/${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}/${container}`;
    const location = `${info.scheme}://${info.hostname.includes(':') ? `[${info.hostname}]` : info.hostname}:${info.port}${path}${query ? `?${query}` : ''}`;
    let res;
    try {
      res = await deps.kubelet.send(info, { method: 'GET', pathAndQuery: `${path}${query ? `?${query}` : ''}` });
    } catch (err) {
      // the http.Client error: `Get "<url>": <transport error>`
      throw new Error(`Get ${JSON.stringify(location)}: ${(err as Error).message}`);
    }
    const failure = checkHttpResponse(res.statusCode ?? 0, res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode <= 206 ? '' : await readLimited(res), gr, name);
    if (failure !== undefined) throw failure;
    return { kind: 'stream', statusCode: 200, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' }, body: res };
  };
}
