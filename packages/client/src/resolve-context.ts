// From a kubeconfig to what a REST client needs: k8s.io/client-go/tools/clientcmd/client_config.go
// (DirectClientConfig.ClientConfig, getContext, ConfirmUsable, Namespace),
// tools/clientcmd/validation.go (validateAuthInfo, validateClusterInfo, errConfigurationInvalid)
// and transport/transport.go (TLSConfigFor: CA and insecure together are refused).
import { readFile } from 'node:fs/promises';
import { activity } from '@tlsboot/util';
import { ClientError } from './errors.js';
import { goPathError } from './go-errors.js';
import type { Kubeconfig, KubeconfigAuthInfo, KubeconfigCluster, KubeconfigContext } from './kubeconfig.js';

/** The connection settings of one context, with every file and *-data field read (rest.Config). */
export interface ResolvedContext {
  contextName: string;
  clusterName: string;
  userName: string;
  /** The apiserver URL. */
  server: string;
  /** PEM CA bundle to verify the server with; absent means the system roots. */
  ca?: string;
  /** PEM client certificate (chain); may also hold the key when both come from one file. */
  clientCert?: string;
  /** PEM private key of the client certificate. */
  clientKey?: string;
  /** Bearer token, from token or tokenFile (trimmed, as the cached file token source does). */
  token?: string;
  /** The context's namespace, `default` when it names none. */
  namespace: string;
  tlsServerName?: string;
  insecureSkipTLSVerify: boolean;
}

/** utilerrors.NewAggregate(errs).Error(): one message alone, several in brackets, duplicates once. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

function invalid(message: string): ClientError {
  return new ClientError('KUBECONFIG_INVALID', message);
}

async function readText(path: string): Promise<{ text?: string; error?: string }> {
  try {
    return { text: await activity.track(readFile(path, 'utf8')) };
  } catch (err) {
    return { error: goPathError('open', path, err) };
  }
}

const fromBase64 = (data: string): string => Buffer.from(data, 'base64').toString('utf8');

/**
 * DirectClientConfig.ClientConfig + Namespace for `contextName` (default: current-context).
 * Throws KUBECONFIG_INVALID with client-go's wording: `context "x" does not exist` when the
 * asked-for context is missing, otherwise `invalid configuration: …` listing what ConfirmUsable
 * finds (a current-context that is not there, no server, conflicting or unreadable files).
 * KUBECONFIG_READ when a tokenFile cannot be read.
 */
export async function resolveContext(config: Kubeconfig, contextName?: string): Promise<ResolvedContext> {
  const required = contextName !== undefined && contextName !== '';
  const name = required ? contextName : config['current-context'];
  const named = config.contexts.find((c) => c.name === name);
  if (required && !named) throw invalid(`context "${name}" does not exist`);
  const context: KubeconfigContext = named?.context ?? { cluster: '', user: '' };
  const user: KubeconfigAuthInfo = config.users.find((u) => u.name === context.user)?.user ?? {};
  const cluster: KubeconfigCluster = config.clusters.find((c) => c.name === context.cluster)?.cluster ?? { server: '' };

  const errors: string[] = [];
  if (name !== '' && !named) errors.push(`context was not found for specified context: ${name}`);
  const auth = await validateAuthInfo(context.user, user, errors);
  const clusterFiles = await validateClusterInfo(context.cluster, cluster, errors);
  if (errors.length === 1 && errors[0] === emptyCluster) {
    throw invalid('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable');
  }
  if (errors.length > 0) throw invalid(`invalid configuration: ${aggregate(errors)}`);

  const ca = cluster['certificate-authority-data'] ? fromBase64(cluster['certificate-authority-data']) : clusterFiles.ca;
  const insecure = cluster['insecure-skip-tls-verify'] ?? false;
  if (insecure && ca !== undefined) throw invalid('specifying a root certificates file with the insecure flag is not allowed');

  let token = user.token || undefined;
  if (token === undefined && user.tokenFile) {
    const read = await readText(user.tokenFile);
    if (read.error !== undefined) throw new ClientError('KUBECONFIG_READ', read.error);
    token = read.text!.trim();
  }
  const resolved: ResolvedContext = {
    contextName: name,
    clusterName: context.cluster,
    userName: context.user,
    server: cluster.server,
    namespace: context.namespace || 'default',
    insecureSkipTLSVerify: insecure,
  };
  if (ca !== undefined) resolved.ca = ca;
  if (auth.clientCert !== undefined) resolved.clientCert = auth.clientCert;
  if (auth.clientKey !== undefined) resolved.clientKey = auth.clientKey;
  if (token !== undefined) resolved.token = token;
  if (cluster['tls-server-name']) resolved.tlsServerName = cluster['tls-server-name'];
  return resolved;
}

const emptyCluster = 'cluster has no server defined';

/** validateClusterInfo; returns the CA file's text when one is named and readable. */
async function validateClusterInfo(name: string, cluster: KubeconfigCluster, errors: string[]): Promise<{ ca?: string }> {
  if (Object.values(cluster).every((v) => v === '' || v === false || v === undefined)) {
    errors.push(emptyCluster);
    return {};
  }
  if (!cluster.server) errors.push(name === '' ? 'default cluster has no server defined' : `no server found for cluster "${name}"`);
  const file = cluster['certificate-authority'];
  if (file && cluster['certificate-authority-data']) {
    errors.push(`certificate-authority-data and certificate-authority are both specified for ${name}. certificate-authority-data will override.`);
  }
  if (!file) return {};
  const read = await readText(file);
  if (read.error !== undefined) errors.push(`unable to read certificate-authority ${file} for ${name} due to ${read.error}`);
  return read.text === undefined ? {} : { ca: read.text };
}

/** validateAuthInfo; returns the client certificate and key, from *-data or their files. */
async function validateAuthInfo(
  name: string,
  user: KubeconfigAuthInfo,
  errors: string[],
): Promise<{ clientCert?: string; clientKey?: string }> {
  const methods: string[] = [];
  if (user.token) methods.push('token');
  if (user.username || user.password) methods.push('basicAuth');
  if (methods.length > 1) {
    errors.push(`more than one authentication method found for ${name}; found [${methods.join(' ')}], only one is allowed`);
  }
  const certFile = user['client-certificate'];
  const keyFile = user['client-key'];
  const certData = user['client-certificate-data'];
  const keyData = user['client-key-data'];
  if (!certFile && !certData) return {};
  if (certFile && certData) errors.push(`client-cert-data and client-cert are both specified for ${name}. client-cert-data will override.`);
  if (keyFile && keyData) errors.push(`client-key-data and client-key are both specified for ${name}; client-key-data will override`);
  if (!keyFile && !keyData) errors.push(`client-key-data or client-key must be specified for ${name} to use the clientCert authentication method.`);
  const out: { clientCert?: string; clientKey?: string } = {};
  if (certFile) {
    const read = await readText(certFile);
    if (read.error !== undefined) errors.push(`unable to read client-cert ${certFile} for ${name} due to ${read.error}`);
    else out.clientCert = read.text;
  }
  if (keyFile) {
    const read = await readText(keyFile);
    if (read.error !== undefined) errors.push(`unable to read client-key ${keyFile} for ${name} due to ${read.error}`);
    else out.clientKey = read.text;
  }
  if (certData) out.clientCert = fromBase64(certData);
  if (keyData) out.clientKey = fromBase64(keyData);
  return out;
}
