// pkg/kubelet/certificate/transport.go (v1.32) UpdateTransport / addCertRotation: every 10 s the
// kubelet looks at the certificate manager's current pair. A new pair → "Certificate rotation
// detected, shutting down client connections to start using new credentials" and the client is
// rebuilt (the next request re-handshakes with the new certificate). No valid pair for longer than
// exitAfter (5 min) while the server answers, or an expired pair while the server answers → the
// process exits (here: onExit, and the kubelet stops).
import { setCheckTimer } from '@tlsboot/util';
import type { Clock, Timer } from '@tlsboot/util';
import type { TraceEmitter } from '../trace.js';
import type { CertificateManager } from './certificate-manager.js';
import type { CertificatePair } from './certificate-store.js';

/** UpdateTransport's period. */
export const transportCheckPeriodMs = 10_000;
/** buildKubeletClientConfig: exitAfter = 5 * time.Minute. */
export const noCertificateExitAfterMs = 5 * 60_000;

export interface TransportRotation {
  stop(): void;
  /** The check itself (what the timer runs; true when it did something); exposed for tests. */
  check(): boolean;
}

export function updateTransport(o: {
  manager: Pick<CertificateManager, 'current' | 'serverHealthy'>;
  clock: Clock;
  trace: TraceEmitter;
  exitAfterMs?: number;
  /** The pair changed: rebuild the client (d.CloseAll()). */
  onRotated: (pair: CertificatePair) => void;
  /** os.Exit(1) with the message logged. */
  onExit: (message: string) => void;
}): TransportRotation {
  const exitAfter = o.exitAfterMs ?? noCertificateExitAfterMs;
  let lastCertAvailable = o.clock.nowMs();
  let lastCert = o.manager.current();
  let timer: Timer | undefined;
  let stopped = false;
  /** One look; true when it did something (logged, exited, rotated), false when all was as before. */
  const check = (): boolean => {
    const curr = o.manager.current();
    const now = o.clock.nowMs();
    if (exitAfter > 0) {
      if (!curr) {
        if (now > lastCertAvailable + exitAfter) {
          if (o.manager.serverHealthy()) {
            o.onExit('No valid client certificate is found and the server is responsive, exiting.');
            return true;
          }
          o.trace({ type: 'kubelet.error', message: 'No valid client certificate is found but the server is not responsive. A restart may be necessary to retrieve new initial credentials.' });
          return true;
        }
      } else {
        if (now > curr.leaf.notAfter.getTime()) {
          if (o.manager.serverHealthy()) {
            o.onExit('The currently active client certificate has expired and the server is responsive, exiting.');
            return true;
          }
          o.trace({ type: 'kubelet.error', message: 'The currently active client certificate has expired, but the server is not responsive. A restart may be necessary to retrieve new initial credentials.' });
          return true;
        }
        lastCertAvailable = now;
      }
    }
    if (!curr || curr === lastCert) return false;
    lastCert = curr;
    o.trace({ type: 'transport.rotated', message: 'Certificate rotation detected, shutting down client connections to start using new credentials' });
    o.onRotated(curr);
    return true;
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setCheckTimer(o.clock, transportCheckPeriodMs, () => {
      const did = check();
      schedule();
      return did;
    });
  };
  schedule();
  return {
    check,
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
