// The modules startKubelet starts after the client certificate (see kubelet-context.ts), in
// order. Node registration and lease, the serving certificate manager and the kubelet HTTPS
// server add themselves here.
import type { KubeletModule } from './kubelet-context.js';

export const defaultKubeletModules: readonly KubeletModule[] = [];
