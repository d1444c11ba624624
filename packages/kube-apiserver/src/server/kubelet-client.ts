/**
 * The apiserver's kubelet client (kubernetes/kubernetes pkg/kubelet/client/kubelet_client.go,
 * pkg/util/node/node.go GetPreferredNodeAddress): where a node's kubelet listens — the first
 * address of the node's status in `--kubelet-preferred-address-types` order, and the port the
 * kubelet reported in `status.daemonEndpoints.kubeletEndpoint.Port` (else `--kubelet-port`,
 * 10250) — and one HTTPS transport that presents `--kubelet-client-certificate` /
 * `--kubelet-client-key` to every kubelet.
 *
 * `--kubelet-certificate-authority`: when set, the kubelet's serving certificate must chain to it
 * (verified at the apiserver's clock, as the rest of tlsboot does) and name the address dialled.
 * When absent the apiserver does NOT verify the kubelet's serving certificate at all — upstream's
 * transportConfig sets `TLS.Insecure` when EnableHTTPS is on and no CA is given, and so do we.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import type { Node, NodeAddress } from '@tlsboot/api';
import { hostnameError, parseCertificateDer, parseCertificatesPem, verifyChain } from '@tlsboot/pki';
import type { Certificate } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';

/** `--kubelet-port`'s default (ports.KubeletPort). */
export const defaultKubeletPort = 10250;

/**
 * `--kubelet-preferred-address-types` as kubeadm sets it in the kube-apiserver manifest
 * (InternalIP,ExternalIP,Hostname). Upstream's own flag default is
 * Hostname,InternalDNS,InternalIP,ExternalDNS,ExternalIP (`upstreamPreferredAddressTypes`).
 */
export const kubeadmPreferredAddressTypes: readonly string[] = ['InternalIP', 'ExternalIP', 'Hostname'];
export const upstreamPreferredAddressTypes: readonly string[] = ['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP'];

export interface KubeletClientConfig {
  /** `--kubelet-client-certificate` (PEM). */
  certPem: string;
  /** `--kubelet-client-key` (PEM). */
  keyPem: string;
  /** `--kubelet-certificate-authority` (PEM bundle); absent: the kubelet's certificate is not verified. */
  caPem?: string | undefined;
  /** `--kubelet-preferred-address-types`. */
  preferredAddressTypes?: readonly string[];
  /** `--kubelet-port`: used when the node reports no kubelet port. */
  port?: number;
  /** Verifies the kubelet's chain at this clock's time. */
  clock: Clock;
}

/** client.ConnectionInfo: where one node's kubelet listens. */
export interface ConnectionInfo {
  scheme: 'https';
  hostname: string;
  port: string;
}

/** Go's `%v` of a []v1.NodeAddress: `[{InternalIP 10.0.0.1} {Hostname n1}]`. */
function formatAddresses(addresses: readonly NodeAddress[]): string {
  return `[${addresses.map((a) => `{${a.type} ${a.address}}`).join(' ')}]`;
}

/** nodeutil.GetPreferredNodeAddress: the first address of the first preferred type the node has. */
export function getPreferredNodeAddress(node: Node, preferredAddressTypes: readonly string[]): string {
  const addresses = node.status?.addresses ?? [];
  for (const type of preferredAddressTypes) {
    const hit = addresses.find((a) => a.type === type);
    if (hit !== undefined) return hit.address;
  }
  throw new Error(`no preferred addresses found; known addresses: ${formatAddresses(addresses)}`);
}

/** NodeConnectionInfoGetter.GetConnectionInfo over an already fetched Node. */
export function connectionInfoFor(node: Node, preferredAddressTypes: readonly string[], defaultPort: number): ConnectionInfo {
  const hostname = getPreferredNodeAddress(node, preferredAddressTypes);
  const reported = node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 0;
  return { scheme: 'https', hostname, port: String(reported > 0 ? reported : defaultPort) };
}

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A request the apiserver sends to a kubelet. */
export interface KubeletRequest {
  method: string;
  /** Path and query, e.g. `/containerLogs/default/p/c?follow=true`. */
  pathAndQuery: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer;
}

/** Go's net.OpError text for the Node error codes a dial can end with. */
function dialErrorText(err: NodeJS.ErrnoException, host: string, port: string): string {
  const addr = joinHostPort(host, port);
  switch (err.code) {
    case 'ECONNREFUSED':
      return `dial tcp ${addr}: connect: connection refused`;
    case 'EHOSTUNREACH':
      return `dial tcp ${addr}: connect: no route to host`;
    case 'ENETUNREACH':
      return `dial tcp ${addr}: connect: network is unreachable`;
    case 'ETIMEDOUT':
      return `dial tcp ${addr}: i/o timeout`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${host}: no such host`;
    case 'ECONNRESET':
      return `read tcp ${addr}: read: connection reset by peer`;
    // a TLS alert from the kubelet: crypto/tls alert.go's text, as Go's client reports it
    case 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE':
      return 'remote error: tls: handshake failure';
    case 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR':
      return 'remote error: tls: internal error';
    case 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE':
      return 'remote error: tls: bad certificate';
    default:
      return err.message;
  }
}

export interface KubeletClient {
  readonly preferredAddressTypes: readonly string[];
  readonly defaultPort: number;
  /** Whether the kubelet's serving certificate is verified (`--kubelet-certificate-authority` set). */
  readonly verifiesKubelet: boolean;
  connectionInfo(node: Node): ConnectionInfo;
  /**
   * Sends one request; resolves with the kubelet's response (headers read, body unread) or rejects
   * with the Go-shaped transport error text (dial or TLS verification).
   */
  send(info: ConnectionInfo, req: KubeletRequest): Promise<IncomingMessage>;
}

export function newKubeletClient(config: KubeletClientConfig): KubeletClient {
  const roots = config.caPem ? parseCertificatesPem(config.caPem, 'kubelet-certificate-authority') : undefined;
  const preferredAddressTypes = config.preferredAddressTypes ?? kubeadmPreferredAddressTypes;
  const defaultPort = config.port ?? defaultKubeletPort;

  async function verifyPeer(socket: TLSSocket, host: string): Promise<string | undefined> {
    if (roots === undefined) return undefined;
    const peer = socket.getPeerCertificate(true);
    if (peer === undefined || peer.raw === undefined) return 'x509: no certificate presented';
    const chain: Certificate[] = [];
    const seen = new Set<string>();
    for (let c = peer; c?.raw !== undefined && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
      seen.add(c.fingerprint256);
      chain.push(parseCertificateDer(new Uint8Array(c.raw), 'kubelet serving certificate'));
    }
    const [leaf, ...intermediates] = chain;
    try {
      await verifyChain(leaf!, { roots, intermediates, at: config.clock.now(), usages: ['server auth'] });
    } catch (err) {
      return (err as Error).message;
    }
    return hostnameError(leaf!, host);
  }

  return {
    preferredAddressTypes,
    defaultPort,
    verifiesKubelet: roots !== undefined,
    connectionInfo: (node) => connectionInfoFor(node, preferredAddressTypes, defaultPort),
    async send(info, req) {
      // dial and handshake first, verify, and only then send anything (Go's transport does the same)
      const servername = /^[0-9.]+$/.test(info.hostname) || info.hostname.includes(':') ? undefined : info.hostname;
      const socket = await new Promise<TLSSocket>((resolve, reject) => {
        const s = tlsConnect({
          host: info.hostname,
          port: Number(info.port),
          cert: config.certPem,
          key: config.keyPem,
          // the chain is checked below at the apiserver's clock; with no CA it is not checked at all
          rejectUnauthorized: false,
          ...(servername !== undefined ? { servername } : {}),
          ALPNProtocols: ['http/1.1'],
        });
        s.once('secureConnect', () => resolve(s));
        s.once('error', (err: NodeJS.ErrnoException) => reject(new Error(dialErrorText(err, info.hostname, info.port))));
      });
      const problem = await verifyPeer(socket, info.hostname);
      if (problem !== undefined) {
        socket.destroy();
        throw new Error(`tls: failed to verify certificate: ${problem}`);
      }
      return new Promise<IncomingMessage>((resolve, reject) => {
        const r = httpRequest({
          method: req.method,
          path: req.pathAndQuery,
          headers: { ...(req.headers ?? {}), host: joinHostPort(info.hostname, info.port) },
          createConnection: () => socket,
        });
        r.on('response', resolve);
        r.on('error', (err: NodeJS.ErrnoException) => reject(new Error(dialErrorText(err, info.hostname, info.port))));
        r.end(req.body && req.body.length > 0 ? req.body : undefined);
      });
    },
  };
}

/**
 * kubeadm's apiserver-kubelet-client certificate subject (cmd/kubeadm/app/certs/certlist.go
 * KubeadmCertKubeletClient, v1.29+: O=kubeadm:cluster-admins, before that system:masters).
 */
export const kubeletClientCommonName = 'kube-apiserver-kubelet-client';
export const kubeletClientOrganization = 'kubeadm:cluster-admins';
