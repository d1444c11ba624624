// The four `kubectl config` steps over the Kubeconfig model, as pure edits:
// kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/config/create_cluster.go (modifyCluster),
// create_authinfo.go (modifyAuthInfo), create_context.go (modifyContext) and use_context.go.
// Each returns a new Kubeconfig and leaves its input alone; file reading stays with the caller:
// `--embed-certs` is modelled by passing the PEM text (…Data), a path by passing the path as
// kubectl would write it (kubectl makes it absolute first).
import { ClientError } from './errors.js';
import { compact } from './kubeconfig-decoder.js';
import type { Kubeconfig, KubeconfigAuthInfo, KubeconfigCluster, KubeconfigContext } from './kubeconfig.js';

const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

function clone(config: Kubeconfig): Kubeconfig {
  return structuredClone(config);
}

/** Replaces the named entry or appends it (kubectl writes through a map keyed by name). */
function put<T extends { name: string }>(list: T[], entry: T): void {
  const i = list.findIndex((e) => e.name === entry.name);
  if (i >= 0) list[i] = entry;
  else list.push(entry);
}

/** `kubectl config set-cluster NAME` flags. Absent means "flag not given": the field is kept. */
export interface SetClusterOptions {
  server?: string;
  tlsServerName?: string;
  insecureSkipTLSVerify?: boolean;
  /** `--certificate-authority=PATH` without `--embed-certs`: written as certificate-authority. */
  certificateAuthority?: string;
  /** `--certificate-authority=PATH --embed-certs`: the PEM read from PATH, written as certificate-authority-data. */
  certificateAuthorityPem?: string;
  proxyUrl?: string;
}

/** modifyCluster: a CA (file or embedded) turns insecure off; insecure=true drops any CA. */
export function setCluster(config: Kubeconfig, name: string, o: SetClusterOptions): Kubeconfig {
  const out = clone(config);
  const c: KubeconfigCluster = { ...(out.clusters.find((e) => e.name === name)?.cluster ?? { server: '' }) };
  if (o.server !== undefined) c.server = o.server;
  if (o.tlsServerName !== undefined) c['tls-server-name'] = o.tlsServerName;
  if (o.insecureSkipTLSVerify !== undefined) {
    c['insecure-skip-tls-verify'] = o.insecureSkipTLSVerify;
    if (o.insecureSkipTLSVerify) {
      delete c['certificate-authority'];
      delete c['certificate-authority-data'];
    }
  }
  if (o.certificateAuthorityPem !== undefined) {
    c['certificate-authority-data'] = base64(o.certificateAuthorityPem);
    delete c['certificate-authority'];
    delete c['insecure-skip-tls-verify'];
  } else if (o.certificateAuthority !== undefined) {
    c['certificate-authority'] = o.certificateAuthority;
    delete c['certificate-authority-data'];
    delete c['insecure-skip-tls-verify'];
  }
  if (o.proxyUrl !== undefined) c['proxy-url'] = o.proxyUrl;
  put(out.clusters, { name, cluster: compact(c) as KubeconfigCluster });
  return out;
}

/** `kubectl config set-credentials NAME` flags (no exec/auth-provider). */
export interface SetCredentialsOptions {
  /** `--client-certificate=PATH` (path kept) … */
  clientCertificate?: string;
  /** … or with `--embed-certs`, the PEM read from it. */
  clientCertificatePem?: string;
  clientKey?: string;
  clientKeyPem?: string;
  token?: string;
  username?: string;
  password?: string;
}

/** modifyAuthInfo: a non-empty token clears basic auth, and basic auth clears the token. */
export function setCredentials(config: Kubeconfig, name: string, o: SetCredentialsOptions): Kubeconfig {
  const out = clone(config);
  const u: KubeconfigAuthInfo = { ...(out.users.find((e) => e.name === name)?.user ?? {}) };
  if (o.clientCertificatePem !== undefined) {
    u['client-certificate-data'] = base64(o.clientCertificatePem);
    delete u['client-certificate'];
  } else if (o.clientCertificate !== undefined) {
    u['client-certificate'] = o.clientCertificate;
    delete u['client-certificate-data'];
  }
  if (o.clientKeyPem !== undefined) {
    u['client-key-data'] = base64(o.clientKeyPem);
    delete u['client-key'];
  } else if (o.clientKey !== undefined) {
    u['client-key'] = o.clientKey;
    delete u['client-key-data'];
  }
  let setToken = false;
  let setBasic = false;
  if (o.token !== undefined) {
    u.token = o.token;
    setToken = o.token.length > 0;
  }
  if (o.username !== undefined) {
    u.username = o.username;
    setBasic = setBasic || o.username.length > 0;
  }
  if (o.password !== undefined) {
    u.password = o.password;
    setBasic = setBasic || o.password.length > 0;
  }
  if (setToken || setBasic) {
    if (!setToken) delete u.token;
    if (!setBasic) {
      delete u.username;
      delete u.password;
    }
  }
  put(out.users, { name, user: compact(u) as KubeconfigAuthInfo });
  return out;
}

/** `kubectl config set-context NAME --cluster= --user= --namespace=`. */
export interface SetContextOptions {
  cluster?: string;
  user?: string;
  namespace?: string;
}

export function setContext(config: Kubeconfig, name: string, o: SetContextOptions): Kubeconfig {
  const out = clone(config);
  const c: KubeconfigContext = { ...(out.contexts.find((e) => e.name === name)?.context ?? { cluster: '', user: '' }) };
  if (o.cluster !== undefined) c.cluster = o.cluster;
  if (o.user !== undefined) c.user = o.user;
  if (o.namespace !== undefined) c.namespace = o.namespace;
  put(out.contexts, { name, context: compact(c) as KubeconfigContext });
  return out;
}

/** `kubectl config use-context NAME`; kubectl's error when there is no such context. */
export function useContext(config: Kubeconfig, name: string): Kubeconfig {
  if (!config.contexts.some((c) => c.name === name)) {
    throw new ClientError('KUBECONFIG_INVALID', `no context exists with the name: "${name}"`);
  }
  const out = clone(config);
  out['current-context'] = name;
  return out;
}
