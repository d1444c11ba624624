// The control plane of `tlsboot up`: what `kubeadm init` leaves behind — a cluster CA, a running
// kube-apiserver with its serving certificate, admin.conf, a kube-controller-manager with its own
// kubeconfig signing CSRs with the cluster CA, and (kubeadm policy) the cluster-info ConfigMap —
// in one process (cmd/kubeadm/app/cmd/phases/init: certs, kubeconfig, control-plane,
// wait-control-plane, bootstrap-token).
import { join } from 'node:path';
import { configMaps, restClientFromKubeconfig, serializeKubeconfig, type RestClient } from '@tlsboot/client';
import { clusterInfoConfigMap, namespacePublic } from '@tlsboot/api';
import { MemoryStore, startApiServer, type ApiServer, type ApiServerOptions, type PolicyPreset, type TraceSink } from '@tlsboot/kube-apiserver';
import { kubeadmControllerManagerFlags, startControllerManager, type ControllerManager, type TraceSink as KcmTraceSink } from '@tlsboot/kube-controller-manager';
import { exportPrivateKeyPem, serverVerifierAt } from '@tlsboot/pki';
import { errorMessage, type Clock, type Random } from '@tlsboot/util';
import { adminKubeconfig, adminUser, componentKubeconfig, controlPlaneFiles, controllerManagerUser } from './admin-kubeconfig.js';
import { ControlPlaneError } from './errors.js';
import { prepareWorkdir, writeWorkdirFiles } from './workdir.js';

export interface ControlPlaneOptions {
  /** Absolute path of the work directory; created when missing, refused when it is a file. */
  workdir: string;
  /** The clock of every component (`realClock` for kubectl: certificates are issued at its time). */
  clock: Clock;
  /** Where the components' trace events go; default nowhere. */
  trace?: TraceSink;
  /** The kube-apiserver's port on 127.0.0.1; default 0, a free port the kernel picks. */
  port?: number;
  /**
   * The default RBAC policy the kube-apiserver reconciles at start: `kubeadm` (default: the v1.32
   * defaults plus what `kubeadm init` adds, so a bootstrap token may create CSRs) or `upstream`
   * (the bare defaults: bootstrap identities have no binding until you add one, as in the article) or `none` (no default policy at all: only system:masters may do anything).
   */
  policy?: PolicyPreset;
  /**
   * More kube-controller-manager flags, after the ones tlsboot passes (`--kubeconfig`,
   * kubeadm's `--use-service-account-credentials=true --controllers=*,bootstrapsigner,tokencleaner`,
   * `--cluster-signing-cert-file`/`-key-file` = the cluster CA, `--root-ca-file`); a later flag wins.
   */
  controllerManagerFlags?: readonly string[];
  /** Where the controller-manager's trace events go; default nowhere. */
  controllerManagerTrace?: KcmTraceSink;
  /** Start the kube-controller-manager with the control plane (default true); else `startControllerManager()` later. */
  startControllerManager?: boolean;
  /** More kube-apiserver options (a scenario's parsed flags); `clock`, `trace`, `port`, `policy` and the store come from the control plane. */
  apiserver?: Partial<Omit<ApiServerOptions, 'clock' | 'trace' | 'port' | 'policy' | 'storage'>>;
  /** uids, generated names and audit ids of the apiserver (default: the system's). */
  random?: Random;
  /** The controller-manager's random source (watch timeouts, jitter); default the system's. */
  controllerManagerRandom?: Random;
  /** client-go ReflectorOptions.MinWatchTimeout of the controller-manager's informers (default and floor 5 min). */
  minWatchTimeoutMs?: number;
}

export interface ControlPlane {
  workdir: string;
  /** `https://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** `<workdir>/admin.kubeconfig`. */
  kubeconfigPath: string;
  /** `<workdir>/pki/ca.crt`. */
  caPath: string;
  /** Every file written, absolute, in the order of `controlPlaneFiles`. */
  files: string[];
  /** The running apiserver, for in-process callers (scenarios, tests); a new one after `startApiServer()`. */
  readonly apiserver: ApiServer;
  /** The running kube-controller-manager (its own client certificate, talking to the apiserver over mTLS), if running. */
  readonly controllerManager: ControllerManager | undefined;
  /** Starts the kube-controller-manager with the control plane's flags; the running one when it runs. */
  startControllerManager(): Promise<ControllerManager>;
  stopControllerManager(): Promise<void>;
  /** Stops the kube-apiserver (its port closes; clients see connection refused); the store is kept. */
  stopApiServer(): Promise<void>;
  /** Starts the kube-apiserver again on the same port with the same CA, service-account keys and store (a restart). */
  startApiServer(): Promise<ApiServer>;
  /** Stops every component and closes their ports; the files stay. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts the kube-apiserver on 127.0.0.1, writes its PKI and admin.kubeconfig into `workdir`
 * (all files or none, replacing those of an earlier run), and returns once the apiserver answers
 * `/readyz` to the admin credentials just written, as kubeadm's wait-control-plane phase waits
 * with admin.conf. On a failure the server is closed before the error is thrown.
 *
 * Files, as kubeadm lays out /etc/kubernetes: `pki/ca.crt` and `pki/apiserver.crt` (0644),
 * `pki/ca.key` (0600: mint more users with `tlsboot pki gencert -ca pki/ca.crt -ca-key pki/ca.key`)
 * and `admin.kubeconfig` (0600, it embeds the admin's key). The apiserver serves no files, so none
 * of them is reachable over HTTP.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const { workdir } = options;
  await prepareWorkdir(workdir);
  // the store outlives an apiserver restart, as etcd does
  const storage = new MemoryStore({ clock: options.clock });
  let apiserver: ApiServer;
  try {
    apiserver = await listen(options, { storage });
  } catch (err) {
    storage.close();
    throw err;
  }
  const first = apiserver;
  let apiserverRunning = true;
  let controllerManager: ControllerManager | undefined;
  try {
    const admin = await apiserver.issueClientCertificate({ commonName: adminUser.commonName, organizations: [...adminUser.organizations] });
    const kubeconfig = adminKubeconfig({ server: apiserver.url, caPem: apiserver.caPem, clientCertPem: admin.certPem, clientKeyPem: admin.keyPem });
    const kcm = await apiserver.issueClientCertificate({ commonName: controllerManagerUser.commonName });
    const kcmKubeconfig = componentKubeconfig({ server: apiserver.url, caPem: apiserver.caPem, clientCertPem: kcm.certPem, clientKeyPem: kcm.keyPem }, controllerManagerUser.commonName);
    const files = await writeWorkdirFiles(workdir, [
      { path: controlPlaneFiles.caCertificate, content: apiserver.caPem, mode: 0o644 },
      { path: controlPlaneFiles.caKey, content: await exportPrivateKeyPem(apiserver.ca.keys), mode: 0o600 },
      { path: controlPlaneFiles.apiserverCertificate, content: apiserver.servingCertificate.pem, mode: 0o644 },
      { path: controlPlaneFiles.adminKubeconfig, content: serializeKubeconfig(kubeconfig), mode: 0o600 },
      { path: controlPlaneFiles.controllerManagerKubeconfig, content: serializeKubeconfig(kcmKubeconfig), mode: 0o600 },
    ]);
    const kubeconfigPath = join(workdir, controlPlaneFiles.adminKubeconfig);
    // one admin client (one mTLS connection) for kubeadm's wait-control-plane and bootstrap-token phases
    const adminClient = await adminClientAt(kubeconfigPath, options.clock);
    try {
      await waitReady(adminClient, kubeconfigPath);
      if ((options.policy ?? 'kubeadm') === 'kubeadm') await uploadClusterInfo(adminClient, apiserver);
    } finally {
      await adminClient.close();
    }
    if (options.startControllerManager !== false) controllerManager = await startKcm(options);
    let stopping: Promise<void> | undefined;
    const plane: ControlPlane = {
      workdir,
      url: apiserver.url,
      port: apiserver.port,
      kubeconfigPath,
      caPath: join(workdir, controlPlaneFiles.caCertificate),
      files,
      get apiserver() {
        return apiserver;
      },
      get controllerManager() {
        return controllerManager;
      },
      async startControllerManager() {
        controllerManager ??= await startKcm(options);
        return controllerManager;
      },
      async stopControllerManager() {
        const running = controllerManager;
        controllerManager = undefined;
        await running?.stop();
      },
      async stopApiServer() {
        if (!apiserverRunning) return;
        apiserverRunning = false;
        await apiserver.close();
      },
      async startApiServer() {
        if (apiserverRunning) return apiserver;
        apiserver = await listen(
          { ...options, port: first.port, apiserver: { ...options.apiserver, ca: first.ca, serviceAccountKeys: first.serviceAccountKeys } },
          { storage },
        );
        apiserverRunning = true;
        return apiserver;
      },
      stop: () =>
        (stopping ??= (async () => {
          await plane.stopControllerManager().catch(() => undefined);
          await plane.stopApiServer();
          storage.close();
        })()),
    };
    return plane;
  } catch (err) {
    await controllerManager?.stop().catch(() => undefined);
    await apiserver.close();
    storage.close();
    throw err;
  }
}

async function listen(options: ControlPlaneOptions, kept: { storage: MemoryStore }): Promise<ApiServer> {
  const port = options.port ?? 0;
  try {
    return await startApiServer({
      ...options.apiserver,
      storage: kept.storage,
      ...(options.random ? { random: options.random } : {}),
      clock: options.clock,
      port,
      ...(options.trace ? { trace: options.trace } : {}),
      policy: options.policy ?? 'kubeadm',
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      // Go's net.Listen wording, as kube-apiserver prints it when --secure-port is taken.
      const why = code === 'EADDRINUSE' ? 'address already in use' : 'permission denied';
      throw new ControlPlaneError('PORT_IN_USE', `kube-apiserver: listen tcp 127.0.0.1:${port}: bind: ${why}; choose another port (0 picks a free one)`, { cause: err });
    }
    throw err;
  }
}

/**
 * kube-controller-manager as kubeadm runs it (cmd/kubeadm/app/phases/controlplane/manifests.go
 * getControllerManagerCommand): its own kubeconfig, service-account credentials per controller,
 * bootstrapsigner and tokencleaner on, the cluster CA as the signing CA.
 */
async function startKcm(options: ControlPlaneOptions): Promise<ControllerManager> {
  const file = (f: string): string => join(options.workdir, f);
  const flags = [
    `--kubeconfig=${file(controlPlaneFiles.controllerManagerKubeconfig)}`,
    ...kubeadmControllerManagerFlags,
    `--cluster-signing-cert-file=${file(controlPlaneFiles.caCertificate)}`,
    `--cluster-signing-key-file=${file(controlPlaneFiles.caKey)}`,
    `--root-ca-file=${file(controlPlaneFiles.caCertificate)}`,
    ...(options.controllerManagerFlags ?? []),
  ];
  try {
    return await startControllerManager({
      clock: options.clock,
      options: flags,
      ...(options.controllerManagerTrace ? { trace: options.controllerManagerTrace } : {}),
      ...(options.controllerManagerRandom ? { random: options.controllerManagerRandom } : {}),
      ...(options.minWatchTimeoutMs !== undefined ? { minWatchTimeoutMs: options.minWatchTimeoutMs } : {}),
    });
  } catch (err) {
    throw new ControlPlaneError('KCM_FAILED', errorMessage(err), { cause: err });
  }
}

/** kubeadm's bootstrap-token phase uploads `cluster-info` to kube-public (clusterinfo.go CreateBootstrapConfigMapIfNotExists). */
async function uploadClusterInfo(client: RestClient, apiserver: ApiServer): Promise<void> {
  await configMaps(client, namespacePublic).create(clusterInfoConfigMap(apiserver.url, apiserver.caPem));
}

/** GET /readyz with the admin kubeconfig: proves the CA, the admin certificate and the authorizer. */
async function waitReady(client: RestClient, kubeconfigPath: string): Promise<void> {
  try {
    const response = await client.stream('GET', '/readyz');
    const body = await response.body.text();
    if (body !== 'ok') throw new Error(`/readyz answered ${JSON.stringify(body)}`);
  } catch (err) {
    throw new ControlPlaneError('NOT_READY', `kube-apiserver: not ready with ${kubeconfigPath}: ${errorMessage(err)}`, { cause: err });
  }
}

/**
 * A client from admin.kubeconfig that checks the server's certificate at the control plane's
 * clock (DESIGN.md "Time": a virtual clock's certificates are dated by it, not by the wall clock).
 */
export function adminClientAt(kubeconfigPath: string, clock: Clock): Promise<RestClient> {
  return restClientFromKubeconfig(kubeconfigPath, { component: 'tlsboot-up', verifyServerFor: (ca) => serverVerifierAt(ca, clock) });
}
