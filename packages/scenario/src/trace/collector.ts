// The host's trace sink: one per run, handing each component its own sink and numbering events
// in the order they arrive. Listeners see events as they come (live narration of `tlsboot up`).
import type { TraceSink as ApiServerTraceSink } from '@tlsboot/kube-apiserver';
import type { TraceSink as KcmTraceSink } from '@tlsboot/kube-controller-manager';
import type { TraceSink as KubeletTraceSink } from '@tlsboot/kubelet';
import type { KubeProxyTraceSink } from '@tlsboot/kube-proxy';
import type { Clock } from '@tlsboot/util';
import type { ComponentTraceEvent, RunnerTraceEvent, TraceEvent } from './trace-event.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RunnerEventInput = DistributiveOmit<RunnerTraceEvent, 'component' | 'time'>;

export class TraceCollector {
  readonly events: TraceEvent[] = [];
  readonly #listeners = new Set<(e: TraceEvent) => void>();

  constructor(private readonly clock: Clock) {}

  /** Calls `listener` for every event from now on; returns the function that stops it. */
  subscribe(listener: (e: TraceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  add(event: ComponentTraceEvent | RunnerTraceEvent): TraceEvent {
    const e = { ...event, seq: this.events.length + 1 } as TraceEvent;
    this.events.push(e);
    for (const l of this.#listeners) l(e);
    return e;
  }

  /** An event of the runner, at the run's clock. */
  runner(event: RunnerEventInput): TraceEvent {
    return this.add({ component: 'scenario', time: this.clock.now().toISOString(), ...event } as RunnerTraceEvent);
  }

  apiserverSink(): ApiServerTraceSink {
    return { emit: (e) => void this.add(e) };
  }

  controllerManagerSink(): KcmTraceSink {
    return { emit: (e) => void this.add(e) };
  }

  kubeletSink(): KubeletTraceSink {
    return { emit: (e) => void this.add(e) };
  }

  kubeProxySink(): KubeProxyTraceSink {
    return { emit: (e) => void this.add({ ...e, component: 'kube-proxy', time: this.clock.now().toISOString() }) };
  }
}
