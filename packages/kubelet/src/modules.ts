// The modules startKubelet starts after the client certificate (see kubelet-context.ts), in
// order: the HTTPS listener, node registration and status, the node lease, the serving
// certificate (server/node-modules.ts). Hosts that want only the client identity pass `[]`.
import type { KubeletModule } from './kubelet-context.js';
import { kubeletNodeModules } from './server/node-modules.js';

export const defaultKubeletModules: readonly KubeletModule[] = kubeletNodeModules();
