/**
 * startApiServer: one simulated kube-apiserver, assembled as kube-apiserver's Config.Complete().New()
 * does it — PKI, storage, the resource registry with its system namespaces, the authentication
 * chain, the authorizer chain (system:masters first), admission, discovery and OpenAPI — and
 * served over HTTPS on 127.0.0.1 (an ephemeral port unless told otherwise).
 */
import { resources, systemPrivilegedGroup } from '@tlsboot/api';
import type { ResourceInfo } from '@tlsboot/api';
import type { Certificate, CertificateAuthority, KeyPair } from '@tlsboot/pki';
import { systemRandom } from '@tlsboot/util';
import type { Clock, Random } from '@tlsboot/util';
import { AdmissionChain } from '../admission/interfaces.js';
import type { AdmissionPlugin } from '../admission/interfaces.js';
import { namespaceLifecycle } from '../admission/namespace-lifecycle.js';
import { newAuthenticator } from '../authentication/config.js';
import type { TokenAuthenticator } from '../authentication/interfaces.js';
import { defaultPolicyAuthorizer } from '../authorization/default-policy.js';
import type { Authorizer } from '../authorization/interfaces.js';
import { privilegedGroupsAuthorizer } from '../authorization/privileged-groups.js';
import { unionAuthorizer } from '../authorization/union.js';
import { openAPIService } from '../endpoints/openapi/openapi-v3.js';
import { ResourceRegistry } from '../registry/registry.js';
import { MemoryStore } from '../storage/index.js';
import type { Storage } from '../storage/index.js';
import { discardTrace } from '../trace.js';
import type { TraceSink } from '../trace.js';
import { createSystemNamespaces } from './bootstrap-objects.js';
import { createClusterCA, issueClientCertificate, issueServingCertificate } from './certificates.js';
import type { ClientCertificateRequest } from './certificates.js';
import { defaultMaxRequestBodyBytes, startHttpServer } from './http-server.js';

/** What a component factory may use: the server's own parts, built before authentication. */
export interface ServerContext {
  clock: Clock;
  random: Random;
  ca: CertificateAuthority;
  storage: Storage;
  registry: ResourceRegistry;
}

/** A list given as is, or built from the server's parts once they exist. */
export type Provided<T> = readonly T[] | ((context: ServerContext) => readonly T[] | Promise<readonly T[]>);

async function provide<T>(value: Provided<T> | undefined, context: ServerContext): Promise<readonly T[] | undefined> {
  return typeof value === 'function' ? await value(context) : value;
}

export interface ApiServerOptions {
  /** The component's clock: certificate checks, timestamps, ages, watch timeouts. */
  clock: Clock;
  /** Where request events go (default: dropped). */
  trace?: TraceSink;
  /** uids, generated names, audit ids (default: the system's). */
  random?: Random;
  /** `--bind-address`; default 127.0.0.1. */
  host?: string;
  /** `--secure-port`; default 0 (an ephemeral port). */
  port?: number;
  /** The cluster CA; created (CN=kubernetes) when absent. */
  ca?: CertificateAuthority;
  /** Keys for the CA created when `ca` is absent. */
  caKeys?: KeyPair;
  /** Keys of the serving certificate (default: a new P-256 key). */
  servingKeys?: KeyPair;
  /** `--client-ca-file`; default the cluster CA. */
  clientCAs?: readonly Certificate[];
  /** `--anonymous-auth`; default true. */
  anonymousAuth?: boolean;
  /** Bearer token authenticators (bootstrap tokens, service-account tokens: later issues). */
  tokenAuthenticators?: Provided<TokenAuthenticator>;
  /**
   * `--authorization-mode` authorizers, after the system:masters one. Default: the stand-in for
   * the default RBAC policy's public bindings (authorization/default-policy.ts).
   */
  authorizers?: Provided<Authorizer>;
  /** Admission plugins after NamespaceLifecycle. */
  admissionPlugins?: Provided<AdmissionPlugin>;
  /** Default: a new MemoryStore on `clock`, closed with the server. */
  storage?: Storage;
  /** `--max-request-body-bytes`… upstream's MaxRequestBodyBytes; default 3 MiB. */
  maxRequestBodyBytes?: number;
  /** The served resources (default: the api package's table). */
  resources?: readonly ResourceInfo[];
}

export interface ClientCertificatePem {
  certPem: string;
  keyPem: string;
}

export interface ApiServer {
  /** `https://127.0.0.1:<port>`. */
  url: string;
  host: string;
  port: number;
  /** The cluster CA certificate (PEM): what clients trust, what client certificates chain to. */
  caPem: string;
  ca: CertificateAuthority;
  servingCertificate: Certificate;
  storage: Storage;
  registry: ResourceRegistry;
  /** A client certificate signed by the cluster CA, e.g. `{commonName: 'kubernetes-admin', organizations: ['system:masters']}`. */
  issueClientCertificate(request: ClientCertificateRequest): Promise<ClientCertificatePem>;
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const clock = options.clock;
  const random = options.random ?? systemRandom();
  const table = options.resources ?? resources;
  const ca = options.ca ?? (await createClusterCA(clock.now(), options.caKeys));
  const serving = await issueServingCertificate(ca, clock.now(), options.servingKeys);
  const clientCAs = options.clientCAs ?? [ca.certificate];
  const ownsStorage = options.storage === undefined;
  const storage = options.storage ?? new MemoryStore({ clock });

  const registry = new ResourceRegistry({ storage, clock, random }, table);
  await createSystemNamespaces(registry);
  const context: ServerContext = { clock, random, ca, storage, registry };

  const authenticator = newAuthenticator({
    clock,
    clientCAs,
    tokenAuthenticators: (await provide(options.tokenAuthenticators, context)) ?? [],
    anonymousAuth: options.anonymousAuth ?? true,
  });
  const authorizer = unionAuthorizer([privilegedGroupsAuthorizer([systemPrivilegedGroup]), ...((await provide(options.authorizers, context)) ?? [defaultPolicyAuthorizer()])]);
  const namespaces = registry.store('', 'namespaces');
  const admission = new AdmissionChain([
    namespaceLifecycle((name) => namespaces.get('', name).catch((err: { reason?: string }) => (err.reason === 'NotFound' ? undefined : Promise.reject(err)))),
    ...((await provide(options.admissionPlugins, context)) ?? []),
  ]);

  const host = options.host ?? '127.0.0.1';
  const caPem = ca.certificate.pem;
  const http = await startHttpServer({
    host,
    port: options.port ?? 0,
    tls: { certPem: serving.certPem, keyPem: serving.keyPem, clientCAPem: clientCAs.map((c) => c.pem).join('') },
    clock,
    random,
    trace: options.trace ?? discardTrace,
    authenticator,
    authorizer,
    installer: { registry, clock, random, admission, authorizer },
    openapi: openAPIService(table),
    table,
    maxRequestBodyBytes: options.maxRequestBodyBytes ?? defaultMaxRequestBodyBytes,
  });
  const port = http.address.port;
  let closed = false;
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    caPem,
    ca,
    servingCertificate: serving.certificate,
    storage,
    registry,
    async issueClientCertificate(request) {
      const issued = await issueClientCertificate(ca, clock.now(), request);
      return { certPem: issued.certPem, keyPem: issued.keyPem };
    },
    async close() {
      if (closed) return;
      closed = true;
      await http.close();
      if (ownsStorage && storage instanceof MemoryStore) storage.close();
    },
  };
}

