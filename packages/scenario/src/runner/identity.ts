// The identities a scenario sends requests as (`request.as`, `approve.by`): each becomes a real
// client with real credentials — a client certificate signed by the cluster CA (or by a CA the
// cluster does not trust), a bootstrap or service-account token, the kubelet's own current
// credentials, or none at all. Every client checks the apiserver's certificate at the run's clock.
import { RestClient, loadKubeconfig, resolveContext } from '@tlsboot/client';
import type { RestClientOptions } from '@tlsboot/client';
import {
  createCertificateAuthority,
  createCertificateRequest,
  exportPrivateKeyPem,
  generateKeyPair,
  serverVerifierAt,
  signCertificate,
} from '@tlsboot/pki';
import type { Identity } from '../format/types.js';
import type { IdentityClient, RunContext } from './run-context.js';

/** How the trace names an identity. */
export function identityLabel(identity: Identity, resolve: (s: string) => string = (s) => s): string {
  if ('admin' in identity) return 'kubernetes-admin';
  if ('anonymous' in identity) return 'anonymous';
  if ('token' in identity) {
    const token = resolve(identity.token);
    const id = /^([a-z0-9]{6})\.[a-z0-9]{16}$/.exec(token)?.[1];
    return id ? `bootstrap token ${id}` : 'bearer token';
  }
  if ('certificate' in identity) {
    const c = identity.certificate;
    return `certificate CN=${c.commonName}${c.organizations?.length ? ` O=${c.organizations.join(',')}` : ''}${c.ca === 'other' ? ' (untrusted CA)' : ''}`;
  }
  if ('node' in identity) return `kubelet/${identity.node}`;
  return `serviceaccount ${identity.serviceAccount}`;
}

/**
 * A client as `identity`, to the apiserver — or, with `kubeletUrl`, to a kubelet's own port,
 * without checking the kubelet's certificate (as `curl -k` does: the point is what the kubelet
 * answers, whatever certificate it serves).
 */
export async function clientFor(ctx: RunContext, identity: Identity, kubeletUrl?: string): Promise<IdentityClient> {
  const apiserver = ctx.plane.apiserver;
  const base: RestClientOptions = kubeletUrl
    ? { server: kubeletUrl, insecureSkipTLSVerify: true, component: 'tlsboot-scenario' }
    : { server: apiserver.url, ca: apiserver.caPem, verifyServer: serverVerifierAt(apiserver.caPem, ctx.time.clock), component: 'tlsboot-scenario' };
  const label = identityLabel(identity, (s) => ctx.resolve(s));
  const owned = (options: RestClientOptions): IdentityClient => {
    const client = new RestClient(options);
    return { client, label, close: () => client.close() };
  };
  const borrowed = (client: RestClient): IdentityClient => ({ client, label, close: async () => undefined });

  if ('admin' in identity) {
    if (!kubeletUrl) return borrowed(ctx.admin);
    // the admin's own pair from admin.kubeconfig, presented to the kubelet instead
    const admin = await resolveContext(await loadKubeconfig(ctx.plane.kubeconfigPath));
    return owned({ ...base, ...(admin.clientCert ? { clientCert: admin.clientCert } : {}), ...(admin.clientKey ? { clientKey: admin.clientKey } : {}) });
  }
  if ('anonymous' in identity) return owned(base);
  if ('token' in identity) return owned({ ...base, token: ctx.resolve(identity.token) });
  if ('node' in identity) {
    const kubelet = ctx.nodes.get(identity.node)?.joined?.kubelet;
    if (!kubelet) throw new Error(`kubelet/${identity.node} is not running`);
    if (kubeletUrl) throw new Error('a kubelet\'s own credentials are for the apiserver; send to a kubelet as a certificate, token or anonymous identity');
    return borrowed(kubelet.client);
  }
  if ('serviceAccount' in identity) {
    const [namespace, name] = identity.serviceAccount.split('/');
    const review = await ctx.admin.request<{ status: { token: string } }>('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: [] } },
    });
    return owned({ ...base, token: review.status.token });
  }
  const c = identity.certificate;
  const now = ctx.time.clock.now();
  if (c.ca !== 'other') {
    const pair = await apiserver.issueClientCertificate({ commonName: c.commonName, ...(c.organizations ? { organizations: c.organizations } : {}) });
    return owned({ ...base, clientCert: pair.certPem, clientKey: pair.keyPem });
  }
  // a CA the cluster has never seen: the handshake completes, the x509 authenticator refuses the chain
  const ca = await createCertificateAuthority({ subject: { commonName: 'untrusted-ca' }, now });
  const keys = await generateKeyPair();
  const request = await createCertificateRequest({ keys, subject: { commonName: c.commonName, organizations: c.organizations ?? [] } });
  const cert = await signCertificate({ ca, request, now, profile: { usages: ['digital signature', 'key encipherment', 'client auth'], ttlMs: 24 * 3600_000 } });
  return owned({ ...base, clientCert: cert.pem, clientKey: await exportPrivateKeyPem(keys) });
}
