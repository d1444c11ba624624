// A worker thread of the join storm (issue 8 §2, "use both cores"): hosts one slice of the
// kubelets (node-host.ts) with its own real clock, and reports their milestones to the main
// thread by message. The apiserver, the kube-controller-manager and the serving approver stay in
// the main thread; every kubelet here still has its own real mTLS connections to 127.0.0.1.
// Protocol: workerData = NodeHostInput; posts {type:'ready'} once loaded and starts its kubelets on
// {type:'start'} (so module loading is not part of the storm); then posts NodeHostEvent messages; answers {type:'check'} with
// {type:'checked', ...NodeHostCheck} and {type:'stop'} with {type:'stopped'}.
import { parentPort, workerData } from 'node:worker_threads';
import { RealClock } from '@tlsboot/util';
import { startNodeHost } from './node-host.js';
import type { NodeHost, NodeHostInput } from './node-host.js';

const port = parentPort;
if (!port) throw new Error('storm-worker.ts runs in a worker thread');
let host: NodeHost | undefined;
port.on('message', (m: { type: 'start' | 'check' | 'stop' }) => {
  if (m.type === 'start') host ??= startNodeHost(workerData as NodeHostInput, new RealClock(), (e) => port.postMessage(e));
  else if (!host) port.postMessage(m.type === 'check' ? { type: 'checked', identitiesOk: 0, servingOk: 0, errors: ['never started'] } : { type: 'stopped' });
  else if (m.type === 'check') void host.check().then((c) => port.postMessage({ type: 'checked', ...c }));
  else if (m.type === 'stop') void host.stop().then(() => port.postMessage({ type: 'stopped' }));
});
port.postMessage({ type: 'ready' });
