// Shared set-up of the kube-controller-manager end-to-end tests (kcm-approve, kcm-sign): a live
// kube-apiserver (startApiServer) on a virtual clock, an admin client, a kubeadm bootstrap token
// (kubeadm's default-node-token group), and a kube-controller-manager with its own client
// certificate CN=system:kube-controller-manager and --use-service-account-credentials, as kubeadm
// runs it (cmd/kubeadm/app/phases/controlplane/manifests.go getControllerManagerCommand).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { bootstrapTokenToSecret, newBootstrapTokenString } from '@tlsboot/api';
import { buildKubeconfig, RestClient } from '@tlsboot/client';
import type { Kubeconfig } from '@tlsboot/client';
import { startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer, PolicyPreset } from '@tlsboot/kube-apiserver';
import { startControllerManager } from '@tlsboot/kube-controller-manager';
import type { ControllerManager, KcmTraceEvent } from '@tlsboot/kube-controller-manager';
import { createCertificateRequest, exportPrivateKeyPem, generateKeyPair } from '@tlsboot/pki';
import type { SubjectAltNames } from '@tlsboot/pki';
import { VirtualClock, realClock } from '@tlsboot/util';

/** The bootstrap token the cluster is created with (Secret bootstrap-token-abcdef, valid 24 h). */
export const token = 'abcdef.0123456789abcdef';

export interface Cluster {
  clock: VirtualClock;
  server: ApiServer;
  admin: RestClient;
  bootstrap: RestClient;
  kcm: ControllerManager;
  events: KcmTraceEvent[];
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** The apiserver's default RBAC policy (startApiServer `policy`); the apiserver's default when absent. */
  policy?: PolicyPreset;
  /**
   * Write the cluster CA to a temporary folder and pass it as
   * --cluster-signing-{cert,key}-file, as kubeadm does; without it no signer runs.
   */
  clusterSigning?: boolean;
  /** More kube-controller-manager flags, after the ones above. */
  flags?: string[];
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  // virtual time that starts at the wall clock (the test's own clients let Node check the serving certificate)
  const clock = new VirtualClock({ start: realClock.nowMs() });
  const server = await startApiServer({ clock, ...(opts.policy ? { policy: opts.policy } : {}) });
  const adminCert = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  const admin = new RestClient({ server: server.url, ca: server.caPem, clientCert: adminCert.certPem, clientKey: adminCert.keyPem });
  const secret = bootstrapTokenToSecret(
    { token: newBootstrapTokenString(token), usages: ['authentication', 'signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'], ttlMs: 24 * 3600_000 },
    clock.now(),
  );
  await admin.create('/api/v1/namespaces/kube-system/secrets', secret);
  const bootstrap = new RestClient({ server: server.url, ca: server.caPem, token });
  const kubeconfig = await controllerManagerKubeconfig(server);
  const options = ['--use-service-account-credentials=true'];
  let dir: string | undefined;
  if (opts.clusterSigning) {
    dir = await mkdtemp(join(tmpdir(), 'tlsboot-kcm-'));
    await writeFile(join(dir, 'ca.crt'), server.caPem);
    await writeFile(join(dir, 'ca.key'), await exportPrivateKeyPem(server.ca.keys));
    options.push(`--cluster-signing-cert-file=${join(dir, 'ca.crt')}`, `--cluster-signing-key-file=${join(dir, 'ca.key')}`);
  }
  options.push(...(opts.flags ?? []));
  const events: KcmTraceEvent[] = [];
  const kcm = await startControllerManager({ kubeconfig, clock, trace: { emit: (e) => void events.push(e) }, options });
  return {
    clock,
    server,
    admin,
    bootstrap,
    kcm,
    events,
    async close() {
      await kcm.stop();
      await admin.close();
      await bootstrap.close();
      await server.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A kubelet-client CSR (O=system:nodes, signer kube-apiserver-client-kubelet) for a fresh P-256 key. */
/** A kubeconfig for the kube-controller-manager: a client certificate CN=system:kube-controller-manager from the server's CA. */
export async function controllerManagerKubeconfig(server: ApiServer): Promise<Kubeconfig> {
  const kcmCert = await server.issueClientCertificate({ commonName: 'system:kube-controller-manager' });
  return buildKubeconfig({
    server: server.url,
    caPem: server.caPem,
    clientCertPem: kcmCert.certPem,
    clientKeyPem: kcmCert.keyPem,
    user: 'system:kube-controller-manager',
    cluster: 'kubernetes',
    context: 'system:kube-controller-manager@kubernetes',
  });
}

export async function kubeletClientCSR(name: string, cn: string, sans?: SubjectAltNames, expirationSeconds?: number): Promise<CertificateSigningRequest> {
  return nodeCSR(name, cn, { signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'client auth'], ...(sans ? { sans } : {}), ...(expirationSeconds !== undefined ? { expirationSeconds } : {}) });
}

/** A CSR for O=system:nodes, CN=`cn` with a fresh P-256 key, for `signerName` and `usages`. */
export async function nodeCSR(
  name: string,
  cn: string,
  o: { signerName: string; usages: string[]; sans?: SubjectAltNames; expirationSeconds?: number },
): Promise<CertificateSigningRequest> {
  const keys = await generateKeyPair('ecdsa-p256');
  const req = await createCertificateRequest({ keys, subject: { commonName: cn, organizations: ['system:nodes'] }, ...(o.sans ? { subjectAltNames: o.sans } : {}) });
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name },
    spec: {
      request: Buffer.from(req.pem).toString('base64'),
      signerName: o.signerName,
      usages: o.usages,
      ...(o.expirationSeconds !== undefined ? { expirationSeconds: o.expirationSeconds } : {}),
    },
  };
}

/** Polls (real time, the work is real I/O) until `check` holds. */
export async function eventually<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = realClock.nowMs() + timeoutMs;
  for (;;) {
    const v = await get();
    if (check(v)) return v;
    if (realClock.nowMs() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await realClock.sleep(20);
  }
}
