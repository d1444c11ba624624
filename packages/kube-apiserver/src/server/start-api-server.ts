/**
 * startApiServer: one simulated kube-apiserver, assembled as kube-apiserver's Config.Complete().New()
 * does it — PKI, storage, the resource registry with its system namespaces, the authentication
 * chain, the authorizer chain (system:masters first), admission, discovery and OpenAPI — and
 * served over HTTPS on 127.0.0.1 (an ephemeral port unless told otherwise).
 */
import { resources, systemPrivilegedGroup } from '@tlsboot/api';
import type { ResourceInfo } from '@tlsboot/api';
import { exportPublicKeyPem, generateKeyPair } from '@tlsboot/pki';
import type { Certificate, CertificateAuthority, KeyPair } from '@tlsboot/pki';
import { systemRandom } from '@tlsboot/util';
import type { Clock, Random } from '@tlsboot/util';
import { AdmissionChain } from '../admission/interfaces.js';
import type { AdmissionPlugin } from '../admission/interfaces.js';
import { namespaceLifecycle } from '../admission/namespace-lifecycle.js';
import { newAuthenticator } from '../authentication/config.js';
import type { TokenAuthenticator } from '../authentication/interfaces.js';
import type { Authorizer } from '../authorization/interfaces.js';
import { privilegedGroupsAuthorizer } from '../authorization/privileged-groups.js';
import { unionAuthorizer } from '../authorization/union.js';
import { openAPIService } from '../endpoints/openapi/openapi-v3.js';
import { nodeProxyHandler } from '../registry/core/node-proxy.js';
import { podLogHandler } from '../registry/core/pod-log.js';
import { serviceAccountTokenHandler } from '../registry/core/serviceaccount-token.js';
import { ResourceRegistry } from '../registry/registry.js';
import { defaultServiceAccountIssuer, serviceAccountTokenAuthenticator } from '../serviceaccount/authenticator.js';
import { jwtTokenGenerator } from '../serviceaccount/jwt.js';
import { registryTokenGetter } from '../serviceaccount/token-getter.js';
import { MemoryStore } from '../storage/index.js';
import type { Storage } from '../storage/index.js';
import { discardTrace } from '../trace.js';
import type { TraceSink } from '../trace.js';
import { buildAdmissionPlugins, buildAuthorizers, reconcileDefaultPolicy, buildBootstrapTokenAuthenticators, defaultAdmissionPlugins, defaultAuthorizationModes } from './authorization-modes.js';
import type { AdmissionPluginName, AuthorizationMode, PolicyPreset } from './authorization-modes.js';
import { createSystemNamespaces } from './bootstrap-objects.js';
import { createClusterCA, issueClientCertificate, issueServingCertificate } from './certificates.js';
import type { ClientCertificateRequest } from './certificates.js';
import { defaultMaxRequestBodyBytes, startHttpServer } from './http-server.js';
import { kubeletClientCommonName, kubeletClientOrganization, newKubeletClient } from './kubelet-client.js';

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
  /**
   * Bearer token authenticators after the service-account one the server always installs
   * (upstream order: token file, service-account, bootstrap token, OIDC, webhook).
   */
  tokenAuthenticators?: Provided<TokenAuthenticator>;
  /**
   * `--service-account-signing-key-file` (and its public key as `--service-account-key-file`):
   * signs TokenRequest tokens and verifies service-account tokens. Default: a new P-256 key.
   */
  serviceAccountKeys?: KeyPair;
  /** More `--service-account-key-file` public keys that verify tokens (e.g. a rotated-out key). */
  serviceAccountPublicKeys?: readonly KeyPair['publicKey'][];
  /**
   * `--service-account-issuer`: the first issues new tokens, all are accepted. Default
   * `https://kubernetes.default.svc.cluster.local`.
   */
  serviceAccountIssuer?: string | readonly string[];
  /** `--api-audiences`; default the first issuer. */
  apiAudiences?: readonly string[];
  /** `--service-account-max-token-expiration` in seconds; default 0 (no maximum). */
  serviceAccountMaxTokenExpirationSeconds?: number;
  /**
   * `--authorization-mode`, in order, after the system:masters short-circuit. Default kubeadm's
   * `Node,RBAC` (upstream's own flag default is AlwaysAllow). Ignored when `authorizers` is given.
   */
  authorizationModes?: readonly AuthorizationMode[];
  /**
   * The default RBAC policy reconciled at start, whatever the modes: `kubeadm` (default; the v1.32
   * defaults plus what `kubeadm init` creates) or `upstream` (the bare v1.32 defaults).
   */
  policy?: PolicyPreset;
  /** Authorizers to use instead of the `authorizationModes` ones (still after system:masters). */
  authorizers?: Provided<Authorizer>;
  /** `--enable-bootstrap-token-auth`; default true, as kubeadm sets it (upstream's flag default is false). */
  enableBootstrapTokenAuth?: boolean;
  /**
   * `--enable-admission-plugins` simulated here; default kubeadm's `NodeRestriction` plus the
   * default-on CertificateApproval, CertificateSigning and CertificateSubjectRestriction (a list
   * given replaces the default). NamespaceLifecycle always runs first.
   */
  enableAdmissionPlugins?: readonly AdmissionPluginName[];
  /** More admission plugins, after the enabled ones. */
  admissionPlugins?: Provided<AdmissionPlugin>;
  /** Default: a new MemoryStore on `clock`, closed with the server. */
  storage?: Storage;
  /** `--max-request-body-bytes`… upstream's MaxRequestBodyBytes; default 3 MiB. */
  maxRequestBodyBytes?: number;
  /** The served resources (default: the api package's table). */
  resources?: readonly ResourceInfo[];
  /**
   * `--kubelet-client-certificate` (PEM) the apiserver presents to kubelets for `pods/log` and
   * `nodes/proxy`. Default: one the server issues itself from the cluster CA as kubeadm does
   * (`CN=kube-apiserver-kubelet-client, O=kubeadm:cluster-admins`, client auth, one year).
   */
  kubeletClientCertificate?: string;
  /** `--kubelet-client-key` (PEM), with `kubeletClientCertificate`. */
  kubeletClientKey?: string;
  /**
   * `--kubelet-certificate-authority` (PEM): the CA kubelets' serving certificates must chain to.
   * Absent (the default, as upstream and as kubeadm leaves it) the kubelet's certificate is NOT verified.
   */
  kubeletCertificateAuthority?: string;
  /** `--kubelet-preferred-address-types`; default kubeadm's InternalIP,ExternalIP,Hostname. */
  kubeletPreferredAddressTypes?: readonly string[];
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
  /** The service-account signing keys (what a kube-controller-manager needs as --service-account-private-key-file). */
  serviceAccountKeys: KeyPair;
  /** Their public key as a "PUBLIC KEY" PEM (`--service-account-key-file`). */
  serviceAccountPublicKeyPem: string;
  /** The `--service-account-issuer` values, the signing one first. */
  serviceAccountIssuers: readonly string[];
  /** `--api-audiences`. */
  apiAudiences: readonly string[];
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

  // Anything that fails from here on (a taken port …) must not leave the storage watched by the
  // authorizers' informers, or the process never exits.
  try {
    return await assemble();
  } catch (err) {
    if (ownsStorage && storage instanceof MemoryStore) storage.close();
    throw err;
  }

  async function assemble(): Promise<ApiServer> {
    const registry = new ResourceRegistry({ storage, clock, random }, table);
    await createSystemNamespaces(registry);
    const context: ServerContext = { clock, random, ca, storage, registry };
    // before any informer lists RBAC objects: the authorizers start from the reconciled policy
    await reconcileDefaultPolicy(options.policy ?? 'kubeadm', context);

    // service-account tokens: the authenticator first among the token authenticators, and TokenRequest
    const serviceAccountKeys = options.serviceAccountKeys ?? (await generateKeyPair());
    const issuers = typeof options.serviceAccountIssuer === 'string' ? [options.serviceAccountIssuer] : [...(options.serviceAccountIssuer ?? [defaultServiceAccountIssuer])];
    const apiAudiences = [...(options.apiAudiences ?? issuers.slice(0, 1))];
    const serviceAccountAuthenticator = serviceAccountTokenAuthenticator({
      keys: [serviceAccountKeys.publicKey, ...(options.serviceAccountPublicKeys ?? [])],
      issuers,
      audiences: apiAudiences,
      clock,
      getters: registryTokenGetter(registry),
    });
    const tokenRequest = serviceAccountTokenHandler({
      generator: await jwtTokenGenerator(issuers[0]!, serviceAccountKeys),
      apiAudiences,
      maxExpirationSeconds: options.serviceAccountMaxTokenExpirationSeconds ?? 0,
      registry,
      clock,
      random,
    });

    // the bearer-token authenticators, kept for TokenReview, which runs a token through them
    const tokenAuthenticators = [
      serviceAccountAuthenticator,
      ...buildBootstrapTokenAuthenticators(options.enableBootstrapTokenAuth ?? true, context),
      ...((await provide(options.tokenAuthenticators, context)) ?? []),
    ];
    const anonymousAuth = options.anonymousAuth ?? true;
    const authenticator = newAuthenticator({ clock, clientCAs, tokenAuthenticators, anonymousAuth });
    const authorizer = unionAuthorizer([
      privilegedGroupsAuthorizer([systemPrivilegedGroup]),
      ...((await provide(options.authorizers, context)) ??
        (await buildAuthorizers({ modes: options.authorizationModes ?? defaultAuthorizationModes }, context))),
    ]);
    const namespaces = registry.store('', 'namespaces');
    const admission = new AdmissionChain([
      namespaceLifecycle((name) => namespaces.get('', name).catch((err: { reason?: string }) => (err.reason === 'NotFound' ? undefined : Promise.reject(err)))),
      ...buildAdmissionPlugins(options.enableAdmissionPlugins ?? defaultAdmissionPlugins, context, authorizer),
      ...((await provide(options.admissionPlugins, context)) ?? []),
    ]);

    // the kubelet client: --kubelet-client-certificate/-key, or kubeadm's apiserver-kubelet-client pair
    const kubeletIdentity =
      options.kubeletClientCertificate !== undefined && options.kubeletClientKey !== undefined
        ? { certPem: options.kubeletClientCertificate, keyPem: options.kubeletClientKey }
        : await issueClientCertificate(ca, clock.now(), { commonName: kubeletClientCommonName, organizations: [kubeletClientOrganization] });
    const kubelet = newKubeletClient({
      certPem: kubeletIdentity.certPem,
      keyPem: kubeletIdentity.keyPem,
      caPem: options.kubeletCertificateAuthority,
      clock,
      ...(options.kubeletPreferredAddressTypes ? { preferredAddressTypes: options.kubeletPreferredAddressTypes } : {}),
    });

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
      installer: {
        registry,
        clock,
        random,
        admission,
        authorizer,
        subresourceCreaters: { '/serviceaccounts/token': tokenRequest },
        subresourceConnecters: { '/pods/log': podLogHandler({ kubelet, registry }), '/nodes/proxy': nodeProxyHandler({ kubelet, registry }) },
        tokenReview: { tokenAuthenticators, apiAudiences, anonymousAuth },
      },
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
      serviceAccountKeys,
      serviceAccountPublicKeyPem: await exportPublicKeyPem(serviceAccountKeys),
      serviceAccountIssuers: issuers,
      apiAudiences,
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
}

