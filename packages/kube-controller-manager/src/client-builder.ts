// How controllers get their API clients: k8s.io/controller-manager/pkg/clientbuilder
// (client_builder.go SimpleControllerClientBuilder, client_builder_dynamic.go
// DynamicControllerClientBuilder, getOrCreateServiceAccount). Without
// --use-service-account-credentials every controller shares the component's client; with it
// each ServiceAccount kube-system/<name> gets its own client whose bearer token comes from
// TokenRequest (one hour, renewed when 80 % of it has passed), so the apiserver authorizes each
// controller as `system:serviceaccount:kube-system:<name>` against its `system:controller:*` role.
import type { ServiceAccount, TokenRequest } from '@tlsboot/api';
import { isStatusError, namespaceSystem, serviceAccountUserName } from '@tlsboot/api';
import { namespaces, RestClient, serviceAccounts } from '@tlsboot/client';
import type { RequestOptions, RestClientOptions, StreamResponse } from '@tlsboot/client';
import type { Clock } from '@tlsboot/util';
import type { KcmTraceEventInput } from './trace.js';

/** defaultExpirationSeconds of the dynamic client builder. */
export const controllerTokenExpirationSeconds = 3600;
/** defaultLeewayPercent: a token is replaced once less than this share of its life is left. */
export const controllerTokenLeewayPercent = 20;

export interface ControllerClientBuilder {
  clientFor(saName: string): Promise<RestClient>;
  close(): Promise<void>;
}

/** SimpleControllerClientBuilder: the component's own client for every controller. */
export function simpleClientBuilder(root: RestClient): ControllerClientBuilder {
  return { clientFor: async () => root, close: async () => {} };
}

function isReason(err: unknown, reason: string): boolean {
  return isStatusError(err) && err.status.reason === reason;
}

/** getOrCreateServiceAccount: get, else make sure the namespace exists (errors tolerated) and create. */
export async function getOrCreateServiceAccount(
  root: RestClient,
  namespace: string,
  name: string,
  onCreated?: () => void,
): Promise<ServiceAccount> {
  const sas = serviceAccounts(root, namespace);
  try {
    return await sas.get(name);
  } catch (err) {
    if (!isReason(err, 'NotFound')) throw err;
  }
  try {
    await namespaces(root).get(namespace);
  } catch (err) {
    if (isReason(err, 'NotFound')) await namespaces(root).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }).catch(() => undefined);
  }
  try {
    const sa = await sas.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace, name } });
    onCreated?.();
    return sa;
  } catch (err) {
    // racing another starter: it exists now
    if (isReason(err, 'AlreadyExists')) return sas.get(name);
    throw err;
  }
}

/** A source of bearer tokens, asked before every request. */
export type TokenSource = () => Promise<string>;

/** A RestClient whose Authorization header comes from a token source (client-go's oauth2 transport wrapper). */
export class TokenSourceRestClient extends RestClient {
  constructor(
    options: RestClientOptions,
    private readonly tokenSource: TokenSource,
  ) {
    super(options);
  }

  override async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return super.request<T>(method, path, await this.withToken(options));
  }

  override async stream(method: string, path: string, options: RequestOptions = {}): Promise<StreamResponse> {
    return super.stream(method, path, await this.withToken(options));
  }

  private async withToken(options: RequestOptions): Promise<RequestOptions> {
    const token = await this.tokenSource();
    return { ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } };
  }
}

export interface DynamicClientBuilderOptions {
  /** The component's own client: creates ServiceAccounts and requests tokens. */
  root: RestClient;
  /** Server URL and TLS trust for the controller clients (no client certificate). */
  connection: Omit<RestClientOptions, 'clientCert' | 'clientKey' | 'token'>;
  clock: Clock;
  namespace?: string;
  emit?: (event: KcmTraceEventInput) => void;
}

/** DynamicControllerClientBuilder: one TokenRequest-backed client per ServiceAccount, cached. */
export function dynamicClientBuilder(options: DynamicClientBuilderOptions): ControllerClientBuilder {
  const namespace = options.namespace ?? namespaceSystem;
  const clients = new Map<string, Promise<RestClient>>();
  const emit = options.emit ?? (() => {});

  const tokenSourceFor = (saName: string): TokenSource => {
    let current: { token: string; refreshAtMs: number } | undefined;
    let pending: Promise<string> | undefined;
    const fetch = async (): Promise<string> => {
      await getOrCreateServiceAccount(options.root, namespace, saName, () =>
        emit({ type: 'controller.credentials', serviceAccount: saName, user: serviceAccountUserName(namespace, saName), action: 'serviceaccount-created' }),
      );
      const body: TokenRequest = {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        metadata: {},
        spec: { expirationSeconds: controllerTokenExpirationSeconds },
      } as TokenRequest;
      const tr = await options.root.create<TokenRequest>(`/api/v1/namespaces/${namespace}/serviceaccounts/${saName}/token`, body, {
        resource: { group: '', resource: 'serviceaccounts' },
        name: saName,
      });
      const token = tr.status?.token ?? '';
      const expiresMs = Date.parse(tr.status?.expirationTimestamp ?? '') || options.clock.nowMs() + controllerTokenExpirationSeconds * 1000;
      const lifeMs = expiresMs - options.clock.nowMs();
      current = { token, refreshAtMs: expiresMs - (lifeMs * controllerTokenLeewayPercent) / 100 };
      const event: KcmTraceEventInput = { type: 'controller.credentials', serviceAccount: saName, user: serviceAccountUserName(namespace, saName), action: 'token-issued' };
      if (tr.status?.expirationTimestamp) (event as { expirationTimestamp?: string }).expirationTimestamp = tr.status.expirationTimestamp;
      emit(event);
      return token;
    };
    return async () => {
      if (current && options.clock.nowMs() < current.refreshAtMs) return current.token;
      pending ??= fetch().finally(() => {
        pending = undefined;
      });
      return pending;
    };
  };

  return {
    clientFor(saName: string): Promise<RestClient> {
      let client = clients.get(saName);
      if (!client) {
        client = (async () => {
          const source = tokenSourceFor(saName);
          await source(); // the first token before the client is handed out (ClientOrDie)
          return new TokenSourceRestClient({ ...options.connection, component: `kube-controller-manager/${saName}` }, source);
        })();
        clients.set(saName, client);
        client.catch(() => clients.delete(saName));
      }
      return client;
    },
    async close() {
      const all = await Promise.allSettled(clients.values());
      await Promise.all(all.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
    },
  };
}
