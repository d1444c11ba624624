/**
 * What a resource handler gets (handlers.RequestScope plus the request): the parsed URL, the
 * resource and its Store, the authenticated user, the raw query and body, and the server's
 * clock, admission chain and authorizer. Handlers return an ApiResponse; the HTTP adapter
 * negotiates and writes it, so handlers stay free of the HTTP framework.
 */
import type { KubeList, KubeObject, ResourceInfo, SubresourceInfo } from '@tlsboot/api';
import type { Clock } from '@tlsboot/util';
import type { AdmissionChain } from '../../admission/interfaces.js';
import type { UserInfo } from '../../authentication/interfaces.js';
import type { Authorizer } from '../../authorization/interfaces.js';
import type { Store } from '../../registry/generic/store.js';
import type { ResourceRegistry } from '../../registry/registry.js';
import type { WatchEvent, Watcher } from '../../storage/index.js';
import type { RequestInfo } from '../request/request-info.js';

export interface RequestScope {
  info: RequestInfo;
  resource: ResourceInfo;
  subresource: SubresourceInfo | undefined;
  /** undefined for create-only reviews. */
  store: Store | undefined;
  registry: ResourceRegistry;
  user: UserInfo;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The request body (already limited to the maximum size); empty when none. */
  body: Buffer;
  clock: Clock;
  admission: AdmissionChain;
  authorizer: Authorizer;
}

/** An object (or list, or Status) to send with a status code; the adapter may turn it into a Table. */
export interface ObjectResponse {
  kind: 'object';
  statusCode: number;
  body: KubeObject | KubeList | Record<string, unknown>;
  /** The body is a list or object of `scope.resource` (so a Table can be made of it). */
  tableable: boolean;
}

/** A watch stream: events until the watcher ends or the deadline passes. */
export interface WatchResponse {
  kind: 'watch';
  watcher: Watcher;
  /** When the server ends the stream (epoch ms on the server clock). */
  deadlineMs: number;
  /** Stamps kind/apiVersion on event objects. */
  typed(event: WatchEvent): WatchEvent;
}

/**
 * A body streamed from elsewhere (rest.ResourceStreamer / a connecter's proxy): `pods/log` and
 * `nodes/proxy` relaying a kubelet's answer. No body means 204 No Content (StreamObject's null stream).
 */
export interface StreamResponse {
  kind: 'stream';
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: NodeJS.ReadableStream | undefined;
}

export type ApiResponse = ObjectResponse | WatchResponse | StreamResponse;

export function objectResponse(statusCode: number, body: ObjectResponse['body'], tableable = true): ObjectResponse {
  return { kind: 'object', statusCode, body, tableable };
}

/** The namespace objects of this request live in: the URL's for namespaced resources, '' otherwise. */
export function requestNamespace(scope: RequestScope): string {
  return scope.resource.namespaced ? scope.info.namespace : '';
}
