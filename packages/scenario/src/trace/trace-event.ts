// One trace for a whole run (DESIGN.md "The trace"): every component's events, stamped with the
// order they reached the host (`seq`), plus the runner's own events (steps, expectations,
// requests sent as an identity, faults). Everything users see — narrated text, JSON lines, the
// sequence diagram, the HTML report, JUnit, golden traces — is rendered from this.
import type { TraceEvent as ApiServerTraceEvent } from '@tlsboot/kube-apiserver';
import type { KcmTraceEvent } from '@tlsboot/kube-controller-manager';
import type { KubeletTraceEvent } from '@tlsboot/kubelet';
import type { KubeProxyTraceEvent } from '@tlsboot/kube-proxy';

/** kube-proxy's events as the host stamps them (the component reports neither its name nor the time). */
export type StampedKubeProxyEvent = KubeProxyTraceEvent & { component: 'kube-proxy'; time: string };

/** What the runner itself did or found. */
export type RunnerTraceEvent = { component: 'scenario'; time: string } & (
  | { type: 'scenario.started'; scenario: string; seed: number; clock: 'virtual' | 'real'; workdir?: string }
  | { type: 'scenario.finished'; scenario: string; passed: boolean; failed: number }
  | { type: 'step.started'; step: number; action: string; name?: string; summary: string }
  | { type: 'step.finished'; step: number; action: string; ok: boolean; message?: string }
  | { type: 'expect.checked'; step: number; check: string; ok: boolean; message: string }
  | { type: 'request.sent'; step: number; identity: string; verb: string; path: string; status: number; reason?: string; message?: string }
  | { type: 'clock.moved'; from: string; to: string; reason: string }
  | { type: 'component.started' | 'component.stopped'; target: string }
  /** A component that ended on its own (the kubelet's `failed to run Kubelet: …`, os.Exit(1)). */
  | { type: 'component.exited'; target: string; message: string }
  | { type: 'fault.injected'; fault: string; target?: string }
);

export type ComponentTraceEvent = ApiServerTraceEvent | KcmTraceEvent | KubeletTraceEvent | StampedKubeProxyEvent;

export type TraceEvent = (ComponentTraceEvent | RunnerTraceEvent) & { seq: number };

/** The component that emitted the event, as steps name components (`kubelet/k8s01`). */
export function eventSource(e: ComponentTraceEvent | RunnerTraceEvent): string {
  switch (e.component) {
    case 'kubelet':
      return `kubelet/${e.node}`;
    case 'kube-proxy':
      return `kube-proxy/${e.node}`;
    default:
      return e.component;
  }
}
