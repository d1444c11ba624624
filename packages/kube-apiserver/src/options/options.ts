// kube-apiserver flags → ApiServerOptions: parse (flags.ts), complete and validate
// (validation.ts), then read the files the flags name and turn them into the objects
// startApiServer takes, as upstream's ApplyTo does (pkg/kubeapiserver/options/authentication.go
// ApplyTo: client CA, service-account public keys via keyutil.PublicKeysFromFile;
// pkg/controlplane/apiserver/options: the signing key via keyutil.PrivateKeyFromFile).
//
// A flag left out keeps startApiServer's default, which is kubeadm's value where kubeadm sets
// the flag (--authorization-mode=Node,RBAC, --enable-bootstrap-token-auth=true,
// --enable-admission-plugins=NodeRestriction, …), so `parseKubeApiServerFlags([])` is `{}`.
import { readFile as fsReadFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { decodePem, encodePem, importPrivateKeyPem, importPublicKey, parseCertificateDer, parseCertificatesPem } from '@tlsboot/pki';
import type { KeyPair } from '@tlsboot/pki';
import { admissionPluginNames } from '../server/authorization-modes.js';
import type { AdmissionPluginName, AuthorizationMode } from '../server/authorization-modes.js';
import type { ApiServerOptions } from '../server/start-api-server.js';
import { fail } from './flag-values.js';
import { parseKubeApiServerFlagValues } from './flags.js';
import type { KubeApiServerFlags } from './flags.js';
import { completeKubeApiServerFlags, validateKubeApiServerFlags } from './validation.js';

/** Where the files named by flags come from. */
export interface KubeApiServerFlagFiles {
  /** Reads one file as text (default: the local filesystem). */
  readFile?: (path: string) => string | Promise<string>;
  /** Relative paths are read from here (default: as given, i.e. the process's working directory). */
  baseDir?: string;
}

/** The plugins upstream enables by default (DefaultOffAdmissionPlugins leaves them on) that tlsboot simulates. */
const defaultOnSimulatedPlugins: readonly AdmissionPluginName[] = ['CertificateApproval', 'CertificateSigning', 'CertificateSubjectRestriction'];

/** kubeadm's `--enable-admission-plugins=NodeRestriction`, the value when the flag is left out. */
const kubeadmEnabledPlugins: readonly string[] = ['NodeRestriction'];

/** utilerrors.NewAggregate(errs).Error(): one message alone, several as `[a, b]`. */
function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

/**
 * Completes and validates parsed flags as the real binary does before it starts (Complete, then
 * Validate with every problem aggregated). Throws KUBE_APISERVER_FLAGS_INVALID.
 */
export function checkKubeApiServerFlags(flags: KubeApiServerFlags): void {
  const completeError = completeKubeApiServerFlags(flags);
  if (completeError !== undefined) fail(completeError);
  const errors = validateKubeApiServerFlags(flags);
  if (errors.length > 0) fail(aggregate(errors));
}

/**
 * The admission plugins that run: upstream's default-on ones plus `--enable-admission-plugins`
 * (kubeadm's NodeRestriction when left out) minus `--disable-admission-plugins`, limited to the
 * simulated ones (NamespaceLifecycle always runs first). Undefined when neither flag is given.
 */
export function admissionPluginsFromFlags(flags: KubeApiServerFlags): AdmissionPluginName[] | undefined {
  if (flags.enableAdmissionPlugins === undefined && flags.disableAdmissionPlugins === undefined) return undefined;
  const on = new Set<string>([...defaultOnSimulatedPlugins, ...(flags.enableAdmissionPlugins ?? kubeadmEnabledPlugins)]);
  for (const name of flags.disableAdmissionPlugins ?? []) on.delete(name);
  return admissionPluginNames.filter((n) => on.has(n));
}

/** Go's os error text for a failed read (`open <path>: no such file or directory`). */
function readError(path: string, err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return `open ${path}: no such file or directory`;
  if (code === 'EACCES') return `open ${path}: permission denied`;
  if (code === 'EISDIR') return `read ${path}: is a directory`;
  return (err as Error).message;
}

/**
 * Reads the files the flags name and builds the startApiServer options they set. Flags are
 * assumed checked (checkKubeApiServerFlags). Throws KUBE_APISERVER_FLAGS_INVALID naming the flag
 * and file at fault.
 */
export async function kubeApiServerOptionsFromFlags(flags: KubeApiServerFlags, files: KubeApiServerFlagFiles = {}): Promise<Partial<ApiServerOptions>> {
  const readFile = files.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));
  const read = async (path: string, what: string): Promise<string> => {
    const full = files.baseDir === undefined || isAbsolute(path) ? path : join(files.baseDir, path);
    try {
      return await readFile(full);
    } catch (err) {
      return fail(`${what}: ${readError(path, err)}`);
    }
  };
  const o: Partial<ApiServerOptions> = {};
  if (flags.bindAddress !== undefined) o.host = flags.bindAddress;
  if (flags.securePort !== undefined) o.port = flags.securePort;
  if (flags.anonymousAuth !== undefined) o.anonymousAuth = flags.anonymousAuth;
  if (flags.enableBootstrapTokenAuth !== undefined) o.enableBootstrapTokenAuth = flags.enableBootstrapTokenAuth;
  if (flags.authorizationMode !== undefined) o.authorizationModes = flags.authorizationMode as AuthorizationMode[];
  const plugins = admissionPluginsFromFlags(flags);
  if (plugins !== undefined) o.enableAdmissionPlugins = plugins;
  if (flags.clientCAFile !== undefined) {
    const path = flags.clientCAFile;
    const text = await read(path, 'unable to load client CA file');
    try {
      o.clientCAs = parseCertificatesPem(text, path);
    } catch (err) {
      fail(`unable to load client CA file ${JSON.stringify(path)}: ${(err as Error).message}`);
    }
    if (o.clientCAs.length === 0) fail(`unable to load client CA file ${JSON.stringify(path)}: data does not contain any valid RSA or ECDSA certificates`);
  }
  if (flags.kubeletClientCertificate !== undefined) o.kubeletClientCertificate = await read(flags.kubeletClientCertificate, '--kubelet-client-certificate');
  if (flags.kubeletClientKey !== undefined) o.kubeletClientKey = await read(flags.kubeletClientKey, '--kubelet-client-key');
  if (flags.kubeletCertificateAuthority !== undefined) o.kubeletCertificateAuthority = await read(flags.kubeletCertificateAuthority, '--kubelet-certificate-authority');
  if (flags.kubeletPreferredAddressTypes !== undefined) o.kubeletPreferredAddressTypes = flags.kubeletPreferredAddressTypes;
  if (flags.serviceAccountIssuer !== undefined) o.serviceAccountIssuer = flags.serviceAccountIssuer;
  if (flags.apiAudiences !== undefined) o.apiAudiences = flags.apiAudiences;
  if (flags.serviceAccountMaxTokenExpirationMs !== undefined) o.serviceAccountMaxTokenExpirationSeconds = Math.floor(flags.serviceAccountMaxTokenExpirationMs / 1000);
  if (flags.serviceAccountSigningKeyFile !== undefined) {
    const path = flags.serviceAccountSigningKeyFile;
    const text = await read(path, 'failed to parse service-account-issuer-key-file');
    try {
      o.serviceAccountKeys = await importPrivateKeyPem(text, path);
    } catch (err) {
      fail(`failed to parse service-account-issuer-key-file: error reading private key file ${path}: ${(err as Error).message}`);
    }
  }
  if (flags.serviceAccountKeyFile !== undefined) {
    const keys: Array<KeyPair['publicKey']> = [];
    for (const path of flags.serviceAccountKeyFile) keys.push(...(await publicKeysFromFile(path, await read(path, 'error reading public key file'))));
    o.serviceAccountPublicKeys = keys;
  }
  return o;
}

/**
 * keyutil.PublicKeysFromFile: every key in the file — private keys give their public half,
 * "PUBLIC KEY" blocks and certificates theirs; other blocks are tolerated.
 */
async function publicKeysFromFile(path: string, text: string): Promise<Array<KeyPair['publicKey']>> {
  const keys: Array<KeyPair['publicKey']> = [];
  try {
    for (const block of decodePem(text, path)) {
      if (/PRIVATE KEY$/.test(block.type)) keys.push((await importPrivateKeyPem(encodePem(block.type, block.der), path)).publicKey);
      else if (block.type === 'PUBLIC KEY') keys.push((await importPublicKey(block.der, path)).publicKey);
      else if (block.type === 'CERTIFICATE') keys.push((await importPublicKey(parseCertificateDer(block.der, path).publicKeySpki, path)).publicKey);
    }
  } catch (err) {
    fail(`error reading public key file ${path}: ${(err as Error).message}`);
  }
  if (keys.length === 0) fail(`error reading public key file ${path}: data does not contain any valid RSA or ECDSA public keys`);
  return keys;
}

/**
 * The kube-apiserver command line → the startApiServer options it sets: parse, complete,
 * validate, read the files. `startApiServer({ clock, ...await parseKubeApiServerFlags(argv) })`.
 */
export async function parseKubeApiServerFlags(argv: readonly string[], files: KubeApiServerFlagFiles = {}): Promise<Partial<ApiServerOptions>> {
  const flags = parseKubeApiServerFlagValues(argv);
  checkKubeApiServerFlags(flags);
  return kubeApiServerOptionsFromFlags(flags, files);
}
