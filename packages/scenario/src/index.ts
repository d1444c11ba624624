/**
 * @tlsboot/scenario — for now the PKI facade the cli reaches pki through, and the narrated
 * walk-through behind `npm start`; the scenario engine (cluster assembly, steps, expectations,
 * trace, reporters) comes later. The one public entry of the package; see README.md.
 */
export * as pki from '@tlsboot/pki';
export { runPkiWalkthrough, colorWanted } from './walkthrough/run-pki-walkthrough.js';
export type { PkiWalkthroughOptions, PkiWalkthroughResult } from './walkthrough/run-pki-walkthrough.js';
export type { HandshakeView, PeerView } from './walkthrough/mutual-tls.js';
export type { VerifyOutcome } from './walkthrough/steps-sign.js';
export type { KubeProxyOutcome } from './walkthrough/step-kube-proxy.js';
export { articleCfsslFiles } from './walkthrough/article-files.js';
