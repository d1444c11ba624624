// From a kubeconfig to a RestClient: clientcmd.BuildConfigFromFlags("", path) +
// kubernetes.NewForConfig in one call.
import { loadKubeconfig } from './kubeconfig-file.js';
import type { Kubeconfig } from './kubeconfig.js';
import { resolveContext } from './resolve-context.js';
import type { ResolvedContext } from './resolve-context.js';
import { RestClient } from './rest-client.js';
import type { RestClientOptions } from './rest-client.js';
import type { VerifyServer } from './tls-connector.js';

/**
 * Checks the server's chain against the context's CA instead of Node's wall-clock check — e.g. pki's
 * `serverVerifierAt(ca, clock)`, so a component on a virtual clock accepts what is valid at its time
 * (DESIGN.md "Time"). Not used when the context has no CA or skips verification.
 */
export type ServerVerifierFor = (caPem: string) => VerifyServer;

export interface KubeconfigClientOptions extends Omit<RestClientOptions, keyof ResolvedContext | 'server' | 'clientCert' | 'clientKey' | 'ca'> {
  /** The context to use instead of current-context. */
  context?: string;
  verifyServerFor?: ServerVerifierFor;
}

/** RestClient options for a resolved context. */
export function restClientOptions(ctx: ResolvedContext, verifyServerFor?: ServerVerifierFor): RestClientOptions {
  const o: RestClientOptions = { server: ctx.server, namespace: ctx.namespace, insecureSkipTLSVerify: ctx.insecureSkipTLSVerify };
  if (ctx.ca !== undefined) o.ca = ctx.ca;
  if (ctx.ca !== undefined && !ctx.insecureSkipTLSVerify && verifyServerFor) o.verifyServer = verifyServerFor(ctx.ca);
  if (ctx.clientCert !== undefined) o.clientCert = ctx.clientCert;
  if (ctx.clientKey !== undefined) o.clientKey = ctx.clientKey;
  if (ctx.token !== undefined) o.token = ctx.token;
  if (ctx.tlsServerName !== undefined) o.tlsServerName = ctx.tlsServerName;
  return o;
}

/** A client for a kubeconfig file (paths resolved against its directory) or a loaded Kubeconfig. */
export async function restClientFromKubeconfig(source: string | Kubeconfig, options: KubeconfigClientOptions = {}): Promise<RestClient> {
  const config = typeof source === 'string' ? await loadKubeconfig(source) : source;
  const { context, verifyServerFor, ...rest } = options;
  const ctx = await resolveContext(config, context);
  return new RestClient({ ...restClientOptions(ctx, verifyServerFor), ...rest });
}
