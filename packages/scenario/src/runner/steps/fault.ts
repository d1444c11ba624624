// `fault`: what goes wrong on the network, done for real on the sockets.
//
// `dropConnections: <component>` resets the component's TCP connections, as a network blip or a
// load balancer dropping idle flows would: requests in flight fail, watches end, and the
// component's clients dial again on their next request (their reflectors re-list and re-watch,
// with their backoff, on the run's clock). The clients themselves stay usable — closing a
// RestClient would be permanent (undici's Agent refuses requests once closed or destroyed), which
// is not what a dropped connection does. The sockets are found through Node's diagnostics
// channels, subscribed when this module loads (before any cluster starts):
//   - `kube-apiserver`: every connection the apiserver accepted (`net.server.socket` on its port),
//     whoever the client is, kubectl included;
//   - `kubelet/<node>`: the kubelet's connections to the apiserver (`undici:client:connected`):
//     those presenting its client certificate (CN system:node:<node>) and those that sent its
//     bootstrap token;
//   - `kube-controller-manager`: its connections to the apiserver, told by their User-Agent
//     (`tlsboot/kube-controller-manager`, and `…/<serviceaccount>` for the per-controller clients
//     of --use-service-account-credentials) or its client certificate;
//   - `kube-proxy/<node>`: refused — every node's kube-proxy presents the same identity
//     (system:kube-proxy or the kube-proxy service account) and User-Agent, so its connections
//     cannot be told from another node's.
// `apiserverUnavailable: {forMs}` stops the kube-apiserver (its port closes: clients get
// connection refused and retry with their backoff), moves the run's time on by forMs, and starts
// it again on the same port with the same CA and store.
import * as diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { errorMessage, formatDuration } from '@tlsboot/util';
import type { Fault, SourceLocation } from '../../format/types.js';
import { parseComponentRef } from '../components.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';

/** A client connection made by an undici client in this process, and what it has sent. */
interface ClientConnection {
  socket: TLSSocket | Socket;
  userAgents: Set<string>;
  bearerTokens: Set<string>;
}

const serverSockets = new Set<Socket>();
const clientConnections = new Map<Socket, ClientConnection>();

diagnostics.subscribe('net.server.socket', (message: unknown) => {
  const { socket } = message as { socket: Socket };
  serverSockets.add(socket);
  socket.once('close', () => serverSockets.delete(socket));
});
diagnostics.subscribe('undici:client:connected', (message: unknown) => {
  const { socket } = message as { socket: Socket };
  clientConnections.set(socket, { socket, userAgents: new Set(), bearerTokens: new Set() });
  socket.once('close', () => clientConnections.delete(socket));
});
diagnostics.subscribe('undici:client:sendHeaders', (message: unknown) => {
  const { socket, headers } = message as { socket: Socket; headers: string };
  const connection = clientConnections.get(socket);
  if (!connection || typeof headers !== 'string') return;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'user-agent') connection.userAgents.add(value);
    else if (name === 'authorization' && /^bearer /i.test(value)) connection.bearerTokens.add(value.slice(7).trim());
  }
});

/** The subject CN of the certificate this end of a TLS connection presented, if any. */
function presentedCommonName(socket: Socket): string | undefined {
  const getCertificate = (socket as Partial<TLSSocket>).getCertificate;
  if (typeof getCertificate !== 'function') return undefined;
  try {
    const cert = getCertificate.call(socket);
    const cn = cert && 'subject' in cert ? (cert.subject as unknown as Record<string, unknown> | undefined)?.['CN'] : undefined;
    return typeof cn === 'string' ? cn : Array.isArray(cn) ? String(cn[0]) : undefined;
  } catch {
    return undefined;
  }
}

function toApiserver(ctx: RunContext, c: ClientConnection): boolean {
  return c.socket.remotePort === ctx.plane.port && !c.socket.destroyed;
}

/** The live sockets that belong to `ref`, or a reason why they cannot be found faithfully. */
function socketsOf(ctx: RunContext, ref: string): Socket[] {
  const { kind, node } = parseComponentRef(ref);
  switch (kind) {
    case 'kube-apiserver':
      return [...serverSockets].filter((s) => s.localPort === ctx.plane.port && !s.destroyed);
    case 'kube-controller-manager': {
      if (!ctx.plane.controllerManager) throw new Error('kube-controller-manager is not running');
      const isKcm = (ua: string): boolean => ua === 'tlsboot/kube-controller-manager' || ua.startsWith('tlsboot/kube-controller-manager/');
      return [...clientConnections.values()]
        .filter((c) => toApiserver(ctx, c) && ([...c.userAgents].some(isKcm) || presentedCommonName(c.socket) === 'system:kube-controller-manager'))
        .map((c) => c.socket);
    }
    case 'kubelet': {
      const running = ctx.nodes.get(node!);
      if (!running) throw new Error(`no node ${JSON.stringify(node)} in spec.nodes`);
      // still starting counts: on the one-shot bootstrap path the kubelet is not joined until its
      // CSR is signed, and its bootstrap-token connections (the CSR watch) are what a drop hits then
      if (!running.joined && !running.starting) throw new Error(`kubelet/${node} is not running`);
      const user = `system:node:${node}`;
      const token = running.spec.kubelet?.bootstrapToken !== undefined ? ctx.resolve(running.spec.kubelet.bootstrapToken) : undefined;
      return [...clientConnections.values()]
        .filter((c) => toApiserver(ctx, c) && (presentedCommonName(c.socket) === user || (token !== undefined && c.bearerTokens.has(token) && c.userAgents.has('tlsboot/kubelet'))))
        .map((c) => c.socket);
    }
    case 'kube-proxy':
      throw new Error(
        `${ref}: every node's kube-proxy presents the same identity and User-Agent, so its connections cannot be told from another node's; stop and start it instead`,
      );
  }
}

/** Resets the connections of `ref`; returns how many were open. */
export async function dropConnections(ctx: RunContext, ref: string, source: SourceLocation): Promise<number> {
  let sockets: Socket[];
  try {
    sockets = socketsOf(ctx, ref);
  } catch (err) {
    throw new StepFailure(`fault dropConnections: ${errorMessage(err)}`, source);
  }
  ctx.trace.runner({ type: 'fault.injected', fault: 'dropConnections', target: ref });
  const closed = sockets.map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve()))));
  for (const s of sockets) {
    // a TCP RST where the handle is plain TCP (the apiserver's accepted sockets); a TLS socket is destroyed
    try {
      s.resetAndDestroy();
    } catch {
      s.destroy();
    }
  }
  await Promise.all(closed);
  await ctx.time.settle();
  return sockets.length;
}

/** Stops the kube-apiserver for `forMs` of the run's time, then starts it again. */
export async function apiserverUnavailable(ctx: RunContext, forMs: number, source: SourceLocation): Promise<void> {
  ctx.trace.runner({ type: 'fault.injected', fault: `apiserverUnavailable for ${formatDuration(forMs)}`, target: 'kube-apiserver' });
  try {
    await ctx.plane.stopApiServer();
  } catch (err) {
    throw new StepFailure(`fault apiserverUnavailable: stopping kube-apiserver: ${errorMessage(err)}`, source);
  }
  ctx.trace.runner({ type: 'component.stopped', target: 'kube-apiserver' });
  await ctx.time.advance(forMs);
  try {
    await ctx.plane.startApiServer();
  } catch (err) {
    throw new StepFailure(`fault apiserverUnavailable: starting kube-apiserver again after ${formatDuration(forMs)}: ${errorMessage(err)}`, source);
  }
  ctx.trace.runner({ type: 'component.started', target: 'kube-apiserver' });
  await ctx.time.settle();
}

export async function faultStep(ctx: RunContext, fault: Fault, source: SourceLocation): Promise<void> {
  if ('dropConnections' in fault) {
    await dropConnections(ctx, fault.dropConnections, source);
    return;
  }
  await apiserverUnavailable(ctx, fault.apiserverUnavailable.forMs, source);
}
