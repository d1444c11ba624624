// The kubeconfig file format as kubectl and client-go read and write it:
// k8s.io/client-go/tools/clientcmd/api/v1/types.go (field names and omitempty),
// tools/clientcmd/api/v1/conversion.go (named lists ⇄ maps, duplicate names),
// tools/clientcmd/loader.go (Load, Write) and sigs.k8s.io/yaml (YAML 1.1, keys sorted on write).
//
// The model keeps the v1 wire shape — hyphenated keys, named lists, *-data fields as base64 —
// so what a test asserts is what the file says. Fields client-go knows but tlsboot does not use
// (exec, auth-provider, extensions, impersonation) are dropped on load, as Go drops unknown
// fields.
import YAML from 'yaml';
import { ClientError } from './errors.js';
import { Decoder, compact } from './kubeconfig-decoder.js';

/** clientcmd/api/v1 Cluster. */
export interface KubeconfigCluster {
  /** The apiserver URL, `https://host:port`. Always written, even when empty. */
  server: string;
  /** The name to check the server certificate against instead of the URL's host. */
  'tls-server-name'?: string;
  /** Skip verification of the server certificate (kubectl: --insecure-skip-tls-verify). */
  'insecure-skip-tls-verify'?: boolean;
  /** Path of a PEM CA bundle; relative paths are relative to the kubeconfig's directory. */
  'certificate-authority'?: string;
  /** Base64 of a PEM CA bundle; wins over certificate-authority. */
  'certificate-authority-data'?: string;
  /** A proxy URL for every request of this cluster (kept, not used by tlsboot). */
  'proxy-url'?: string;
  /** Ask the server not to compress responses (kept, not used by tlsboot). */
  'disable-compression'?: boolean;
}

/** clientcmd/api/v1 AuthInfo, the part tlsboot uses. */
export interface KubeconfigAuthInfo {
  /** Path of a PEM client certificate (may also hold the key, as kubelet-client-current.pem). */
  'client-certificate'?: string;
  /** Base64 of a PEM client certificate; wins over client-certificate. */
  'client-certificate-data'?: string;
  /** Path of a PEM private key. */
  'client-key'?: string;
  /** Base64 of a PEM private key; wins over client-key. */
  'client-key-data'?: string;
  /** A bearer token (bootstrap token `<id>.<secret>`, service-account JWT). */
  token?: string;
  /** Path of a file holding a bearer token; used when token is empty. */
  tokenFile?: string;
  /** Basic auth (kept for fidelity; the simulated apiserver has no basic-auth authenticator). */
  username?: string;
  password?: string;
}

/** clientcmd/api/v1 Context. `cluster` and `user` are always written. */
export interface KubeconfigContext {
  cluster: string;
  user: string;
  namespace?: string;
}

export interface NamedCluster {
  name: string;
  cluster: KubeconfigCluster;
}
export interface NamedAuthInfo {
  name: string;
  user: KubeconfigAuthInfo;
}
export interface NamedContext {
  name: string;
  context: KubeconfigContext;
}

/** clientcmd/api/v1 Config: one kubeconfig file. */
export interface Kubeconfig {
  apiVersion: 'v1';
  kind: 'Config';
  preferences: { colors?: boolean };
  clusters: NamedCluster[];
  users: NamedAuthInfo[];
  contexts: NamedContext[];
  'current-context': string;
}

/** clientcmdapi.NewConfig: what an empty file loads as. */
export function emptyKubeconfig(): Kubeconfig {
  return { apiVersion: 'v1', kind: 'Config', preferences: {}, clusters: [], users: [], contexts: [], 'current-context': '' };
}

// sigs.k8s.io/yaml goes through go-yaml v2, which resolves YAML 1.1 scalars: `y`, `on` and
// `yes` are booleans on read and are quoted on write.
const yamlOptions = { version: '1.1' } as const;

/**
 * clientcmd.Load: YAML or JSON text to a Kubeconfig. `source` names the input in errors
 * (client-go: `error loading config file "<file>": …`). An empty text is an empty config.
 */
export function parseKubeconfig(text: string, source: string): Kubeconfig {
  const fail = (detail: string): never => {
    throw new ClientError('KUBECONFIG_PARSE', `error loading config file "${source}": ${detail}`);
  };
  const doc = YAML.parseDocument(text, yamlOptions);
  const first = doc.errors[0];
  if (first) fail(`yaml: ${first.message.split('\n')[0]}`);
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) return emptyKubeconfig();
  return new Decoder(fail).config(raw);
}

/** One mapping as encoding/json + sigs.k8s.io/yaml write it: omitempty honoured, keys sorted. */
function stanza(o: object): Record<string, unknown> {
  const kept = compact(o) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(kept).sort().map((k) => [k, kept[k]]));
}

function byName<T extends { name: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * clientcmd.Write: the YAML kubectl writes. Every mapping's keys are sorted (apiVersion,
 * clusters, contexts, current-context, kind, preferences, users), named lists are sorted by name
 * (they pass through a Go map), empty lists are `null`, `preferences: {}` and
 * `current-context: ""` are always there, sequences are not indented under their key.
 */
export function serializeKubeconfig(config: Kubeconfig): string {
  const named = <K extends string>(list: ReadonlyArray<{ name: string } & Record<K, object>>, key: K): unknown =>
    list.length === 0 ? null : byName(list).map((e) => stanza({ name: e.name, [key]: stanza(e[key]) }));
  const doc = {
    apiVersion: 'v1',
    clusters: named(config.clusters, 'cluster'),
    contexts: named(config.contexts, 'context'),
    'current-context': config['current-context'],
    kind: 'Config',
    preferences: stanza(config.preferences),
    users: named(config.users, 'user'),
  };
  return YAML.stringify(doc, { ...yamlOptions, indentSeq: false, lineWidth: 0 });
}

/** What `buildKubeconfig` needs: one cluster, one user, one context, which becomes current. */
export interface BuildKubeconfigOptions {
  server: string;
  /** PEM of the CA bundle that signs the server certificate; embedded as certificate-authority-data. */
  caPem?: string;
  /** Or a path to it, written as certificate-authority (the kubelet's kubeconfig, §4.3). */
  caFile?: string;
  insecureSkipTLSVerify?: boolean;
  tlsServerName?: string;
  /** PEM client certificate and key, embedded as client-certificate-data / client-key-data. */
  clientCertPem?: string;
  clientKeyPem?: string;
  /** Or paths to them (the kubelet writes kubelet-client-current.pem for both). */
  clientCertFile?: string;
  clientKeyFile?: string;
  token?: string;
  user: string;
  cluster: string;
  context: string;
  namespace?: string;
}

const base64 = (pem: string | undefined): string | undefined => (pem === undefined ? undefined : Buffer.from(pem, 'utf8').toString('base64'));

/**
 * A kubeconfig with one cluster, user and context, as `kubectl config set-cluster [--embed-certs]`,
 * `set-credentials [--embed-certs]`, `set-context` and `use-context` build it (kubeadm's
 * kubeconfig phase and the kubelet's bootstrap write the same shape).
 */
export function buildKubeconfig(o: BuildKubeconfigOptions): Kubeconfig {
  const config = emptyKubeconfig();
  config.clusters.push({
    name: o.cluster,
    cluster: compact({
      server: o.server,
      'certificate-authority': o.caFile,
      'certificate-authority-data': base64(o.caPem),
      'insecure-skip-tls-verify': o.insecureSkipTLSVerify,
      'tls-server-name': o.tlsServerName,
    }),
  });
  config.users.push({
    name: o.user,
    user: compact({
      'client-certificate': o.clientCertFile,
      'client-certificate-data': base64(o.clientCertPem),
      'client-key': o.clientKeyFile,
      'client-key-data': base64(o.clientKeyPem),
      token: o.token,
    }),
  });
  config.contexts.push({ name: o.context, context: compact({ cluster: o.cluster, user: o.user, namespace: o.namespace }) });
  config['current-context'] = o.context;
  return config;
}
