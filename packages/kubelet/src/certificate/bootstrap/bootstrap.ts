// pkg/kubelet/certificate/bootstrap/bootstrap.go (v1.32): LoadClientConfig (Path A, rotation on:
// write the kubeconfig pointing at the store and hand the bootstrap config to the certificate
// manager), LoadClientCert (Path B, rotation off: request `node-csr-<digest>` with the bootstrap
// credentials, synchronously, with the key cached in kubelet-client.key.tmp), and the helpers
// isClientConfigStillValid and writeKubeconfigFromBootstrapping.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildKubeconfig, requestCertificate, waitForCertificate, writeKubeconfig } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import { createCertificateRequest, decodePem, formatGoTime, exportPrivateKeyPem, generateKeyPair, importPrivateKeyPem, parseCertificatesPem } from '@tlsboot/pki';
import type { KeyPair } from '@tlsboot/pki';
import type { Clock, Random } from '@tlsboot/util';
import { activity, errorMessage } from '@tlsboot/util';
import type { TraceEmitter } from '../../trace.js';
import { FileStore } from '../certificate-store.js';
import { pkiCertificateRequestCrypto } from '../x509-crypto.js';
import { digestedName } from './digested-name.js';
import { loadRestConfig } from './rest-config.js';
import type { RestConfig } from './rest-config.js';

/** tmpPrivateKeyFile: the key of an unfinished Path B bootstrap. */
export const tmpPrivateKeyFile = 'kubelet-client.key.tmp';
/** requestNodeCertificate's wait: context.WithTimeout(ctx, 3600*time.Second). */
export const nodeCertificateWaitMs = 3600_000;
export const kubeAPIServerClientKubeletSignerName = 'kubernetes.io/kube-apiserver-client-kubelet';

export interface BootstrapDeps {
  clock: Clock;
  random: Random;
  trace: TraceEmitter;
  /** A REST client for a rest.Config (the kubelet verifies the server at its own clock). */
  newClient: (config: RestConfig) => RestClient;
  signal?: AbortSignal;
}

async function statOrMissing(path: string): Promise<boolean> {
  try {
    await activity.track(stat(path));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new Error(`error reading existing bootstrap kubeconfig ${path}: ${errorMessage(err)}`);
  }
}

function hasCertificateBlock(pem: string): boolean {
  try {
    return decodePem(pem).some((b) => b.type === 'CERTIFICATE');
  } catch {
    return false;
  }
}

/** isClientConfigStillValid: the kubeconfig loads, has client certificates, and none is past NotAfter. */
export async function isClientConfigStillValid(kubeconfigPath: string, deps: Pick<BootstrapDeps, 'clock' | 'trace'>): Promise<boolean> {
  if (!(await statOrMissing(kubeconfigPath))) return false;
  const invalid = (message: string): false => {
    deps.trace({ type: 'kubelet.error', message });
    return false;
  };
  let config: RestConfig;
  try {
    config = await loadRestConfig(kubeconfigPath);
  } catch (err) {
    return invalid(`unable to read existing bootstrap client config from ${kubeconfigPath}: ${errorMessage(err)}`);
  }
  if (!config.clientCert) return invalid(`unable to read TLS certificates from existing bootstrap client config read from ${kubeconfigPath}: <nil>`);
  let certs;
  try {
    // certutil.ParseCertsPEM: no CERTIFICATE block at all is its own error
    if (!hasCertificateBlock(config.clientCert)) throw new Error('data does not contain any valid RSA or ECDSA certificates');
    certs = parseCertificatesPem(config.clientCert, kubeconfigPath);
  } catch (err) {
    return invalid(`unable to load TLS certificates from existing bootstrap client config read from ${kubeconfigPath}: ${errorMessage(err)}`);
  }
  for (const cert of certs) {
    if (deps.clock.nowMs() > cert.notAfter.getTime()) {
      return invalid(`part of the existing bootstrap client certificate in ${kubeconfigPath} is expired: ${formatGoTime(cert.notAfter)}`);
    }
  }
  return true;
}

/** writeKubeconfigFromBootstrapping: default-cluster / default-auth (cert and key = pemPath) / default-context. */
export async function writeKubeconfigFromBootstrapping(bootstrap: RestConfig, kubeconfigPath: string, pemPath: string, trace: TraceEmitter): Promise<void> {
  await writeKubeconfig(
    kubeconfigPath,
    buildKubeconfig({
      server: bootstrap.server,
      ...(bootstrap.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
      ...(bootstrap.caFile ? { caFile: bootstrap.caFile } : bootstrap.ca !== undefined ? { caPem: bootstrap.ca } : {}),
      clientCertFile: pemPath,
      clientKeyFile: pemPath,
      cluster: 'default-cluster',
      user: 'default-auth',
      context: 'default-context',
      namespace: 'default',
    }),
  );
  trace({ type: 'file.written', path: kubeconfigPath, kind: 'kubeconfig', target: pemPath });
}

/** What LoadClientConfig hands on: the config to request certificates with, and the one to use afterwards. */
export interface ClientConfigs {
  /** certConfig: the bootstrap credentials, or the kubeconfig itself when it is still valid. */
  certConfig: RestConfig;
  /** userConfig: the kubeconfig (possibly pointing at a pair the store does not have yet). */
  userConfig: RestConfig;
  /** Whether the bootstrap credentials are in use (certConfig ≠ userConfig). */
  bootstrapping: boolean;
}

/** LoadClientConfig (Path A). */
export async function loadClientConfig(kubeconfigPath: string, bootstrapPath: string, certDir: string, deps: BootstrapDeps): Promise<ClientConfigs> {
  if (!bootstrapPath) {
    const c = await loadRestConfig(kubeconfigPath).catch((err: unknown) => {
      throw new Error(`unable to load kubeconfig: ${errorMessage(err)}`);
    });
    deps.trace({ type: 'bootstrap.skipped', message: 'No bootstrapping requested, will use kubeconfig' });
    return { certConfig: c, userConfig: c, bootstrapping: false };
  }
  const store = await FileStore.open({ prefix: 'kubelet-client', certDir, clock: deps.clock, trace: deps.trace });
  if (await isClientConfigStillValid(kubeconfigPath, deps)) {
    const c = await loadRestConfig(kubeconfigPath).catch((err: unknown) => {
      throw new Error(`unable to load kubeconfig: ${errorMessage(err)}`);
    });
    deps.trace({ type: 'bootstrap.skipped', message: 'Current kubeconfig file contents are still valid, no bootstrap necessary' });
    return { certConfig: c, userConfig: c, bootstrapping: false };
  }
  const bootstrap = await loadRestConfig(bootstrapPath).catch((err: unknown) => {
    throw new Error(`unable to load bootstrap kubeconfig: ${errorMessage(err)}`);
  });
  const pemPath = store.currentPath();
  await writeKubeconfigFromBootstrapping(bootstrap, kubeconfigPath, pemPath, deps.trace);
  deps.trace({ type: 'bootstrap.started', path: 'load-client-config', message: 'Use the bootstrap credentials to request a cert, and set kubeconfig to point to the certificate dir' });
  // restclient.AnonymousClientConfig(bootstrap) with CertFile = KeyFile = the store's current path
  const { token: _token, clientCert: _cert, clientKey: _key, clientCertFile: _certFile, clientKeyFile: _keyFile, ...anonymous } = bootstrap;
  const userConfig: RestConfig = { ...anonymous, clientCertFile: pemPath, clientKeyFile: pemPath };
  return { certConfig: bootstrap, userConfig, bootstrapping: true };
}

/** LoadClientCert (Path B): returns once the kubeconfig at kubeconfigPath holds a valid certificate. */
export async function loadClientCert(kubeconfigPath: string, bootstrapPath: string, certDir: string, nodeName: string, deps: BootstrapDeps): Promise<void> {
  if (await isClientConfigStillValid(kubeconfigPath, deps)) {
    deps.trace({ type: 'bootstrap.skipped', message: `Kubeconfig exists and is valid, skipping bootstrap (path=${kubeconfigPath})` });
    return;
  }
  deps.trace({ type: 'bootstrap.started', path: 'load-client-cert', message: 'Using bootstrap kubeconfig to generate TLS client cert, key and kubeconfig file' });
  const bootstrapConfig = await loadRestConfig(bootstrapPath).catch((err: unknown) => {
    throw new Error(`unable to load bootstrap kubeconfig: ${errorMessage(err)}`);
  });
  const client = deps.newClient(bootstrapConfig);
  try {
    const store = await FileStore.open({ prefix: 'kubelet-client', certDir, clock: deps.clock, trace: deps.trace });
    let keys: KeyPair | undefined;
    try {
      keys = (await store.current()).keys;
      deps.trace({ type: 'bootstrap.key', source: 'store', path: store.currentPath() });
    } catch {
      keys = undefined;
    }
    const privKeyPath = join(certDir, tmpPrivateKeyFile);
    if (!keys) keys = await loadOrGenerateKeyFile(privKeyPath, deps.trace);
    await waitForServer(client, deps);
    const keyPem = await exportPrivateKeyPem(keys);
    const certPem = await requestNodeCertificate(client, keys, nodeName, deps);
    await store.update(certPem, keyPem);
    try {
      await activity.track(rm(privKeyPath));
      deps.trace({ type: 'file.removed', path: privKeyPath });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') deps.trace({ type: 'kubelet.error', message: `Failed cleaning up private key file (path=${privKeyPath}): ${errorMessage(err)}` });
    }
    await writeKubeconfigFromBootstrapping(bootstrapConfig, kubeconfigPath, store.currentPath(), deps.trace);
  } finally {
    await client.close();
  }
}

/** keyutil.LoadOrGenerateKeyFile: the key at path, or a new ECDSA P-256 key written there (0600, EC PRIVATE KEY). */
async function loadOrGenerateKeyFile(path: string, trace: TraceEmitter): Promise<KeyPair> {
  let text: string | undefined;
  try {
    text = await activity.track(readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`error loading key from ${path}: ${errorMessage(err)}`);
  }
  if (text !== undefined) {
    trace({ type: 'bootstrap.key', source: 'tmp-file', path });
    return importPrivateKeyPem(text, path);
  }
  const keys = await generateKeyPair('ecdsa-p256');
  try {
    await activity.track(mkdir(dirname(path), { recursive: true, mode: 0o755 }));
    const keyPem = await exportPrivateKeyPem(keys);
    await activity.track(writeFile(path, keyPem, { mode: 0o600 }));
  } catch (err) {
    throw new Error(`error writing key to ${path}: ${errorMessage(err)}`);
  }
  trace({ type: 'bootstrap.key', source: 'generated', path });
  trace({ type: 'file.written', path, kind: 'temporary-key' });
  return keys;
}

/** waitForServer's deadline: 1 minute. */
export const waitForServerDeadlineMs = 60_000;

/**
 * waitForServer: GET /healthz every ~2 s (wait.JitterUntil, jitter 0.2, sliding) until it answers
 * or 1 minute has passed. Each failure is logged ("Failed to connect to apiserver"); running out of
 * time is only logged by LoadClientCert ("Error waiting for apiserver to come up"), which then goes on.
 */
async function waitForServer(client: RestClient, deps: BootstrapDeps): Promise<void> {
  const until = deps.clock.nowMs() + waitForServerDeadlineMs;
  while (deps.clock.nowMs() < until) {
    try {
      // the body is plain text (`ok`), so read it as a stream (client-go: AbsPath("/healthz").Do().Raw())
      const res = await client.stream('GET', '/healthz');
      await res.body.text();
      return;
    } catch (err) {
      if (deps.signal?.aborted) throw deps.signal.reason;
      deps.trace({ type: 'kubelet.error', message: `Failed to connect to apiserver: ${errorMessage(err)}` });
    }
    const remaining = until - deps.clock.nowMs();
    if (remaining <= 0) break;
    await deps.clock.sleep(Math.min(deps.random.jitter(2000, 0.2), remaining), deps.signal);
  }
  deps.trace({ type: 'kubelet.error', message: 'Error waiting for apiserver to come up: timed out waiting to connect to apiserver' });
}

/** requestNodeCertificate: CN=system:node:<name>, O=system:nodes, three usages, the digested name, a 3600 s wait. */
async function requestNodeCertificate(client: RestClient, keys: KeyPair, nodeName: string, deps: BootstrapDeps): Promise<string> {
  const subject = { commonName: `system:node:${nodeName}`, organizations: ['system:nodes'] };
  const csr = await createCertificateRequest({ keys, subject }).catch((err: unknown) => {
    throw new Error(`unable to generate certificate request: ${errorMessage(err)}`);
  });
  const usages = ['digital signature', 'key encipherment', 'client auth'];
  const name = digestedName(csr.publicKeySpki, subject, usages);
  const ref = await requestCertificate(client, { csrPem: csr.pem, name, signerName: kubeAPIServerClientKubeletSignerName, usages, privateKey: keys, x509: pkiCertificateRequestCrypto, clock: deps.clock });
  deps.trace({ type: 'csr.created', manager: 'bootstrap', csr: ref.name, signerName: kubeAPIServerClientKubeletSignerName, usages });
  deps.trace({ type: 'csr.waiting', manager: 'bootstrap', csr: ref.name, timeoutMs: nodeCertificateWaitMs });
  const pem = await waitForCertificate(client, ref, { clock: deps.clock, random: deps.random, timeoutMs: nodeCertificateWaitMs, ...(deps.signal ? { signal: deps.signal } : {}) });
  const leaf = parseCertificatesPem(pem, ref.name)[0]!;
  deps.trace({ type: 'csr.issued', manager: 'bootstrap', csr: ref.name, serialNumber: leaf.serialNumber, notBefore: leaf.notBefore.toISOString(), notAfter: leaf.notAfter.toISOString() });
  return pem;
}
