/**
 * @tlsboot/scenario — for now the PKI facade the cli reaches pki through, the narrated
 * walk-through behind `npm start`, and the control plane behind `tlsboot up`; the scenario engine
 * (cluster assembly, steps, expectations, trace, reporters) comes later. The one public entry of
 * the package; see README.md.
 */
export * as pki from '@tlsboot/pki';
export { runPkiWalkthrough, colorWanted } from './walkthrough/run-pki-walkthrough.js';
export type { PkiWalkthroughOptions, PkiWalkthroughResult } from './walkthrough/run-pki-walkthrough.js';
export type { HandshakeView, PeerView } from './walkthrough/mutual-tls.js';
export type { VerifyOutcome } from './walkthrough/steps-sign.js';
export type { KubeProxyOutcome } from './walkthrough/step-kube-proxy.js';
export { articleCfsslFiles } from './walkthrough/article-files.js';
export { startControlPlane } from './control-plane/start-control-plane.js';
export type { ControlPlane, ControlPlaneOptions } from './control-plane/start-control-plane.js';
export { ControlPlaneError } from './control-plane/errors.js';
export type { ControlPlaneErrorCode } from './control-plane/errors.js';
export { adminUser, adminContext, clusterName, controlPlaneFiles } from './control-plane/admin-kubeconfig.js';
