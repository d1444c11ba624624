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
export { createToken } from './token/create-token.js';
export type { CreateTokenOptions } from './token/create-token.js';
export { listTokens } from './token/list-tokens.js';
export type { TokenList } from './token/list-tokens.js';
export { deleteTokens, missingTokenMessage } from './token/delete-tokens.js';
export type { TokenCommandOptions } from './token/admin-client.js';
export { TokenError } from './token/errors.js';
export type { TokenErrorCode } from './token/errors.js';
export { formatBootstrapToken, formatTokenList, tokenListColumns } from './token/token-list-printer.js';
export { validateBootstrapToken, goStringSlice } from './token/validate-token.js';
export { shortHumanDuration } from './token/short-human-duration.js';
export { tabwrite } from './token/tabwriter.js';
export { bootstrapPolicyPresets } from '@tlsboot/kube-apiserver';
export type { BootstrapPolicyPreset } from '@tlsboot/kube-apiserver';
export { joinNode, validateNodeName } from './join/join-node.js';
export type { JoinNodeOptions, JoinedNode } from './join/join-node.js';
export { JoinError } from './join/errors.js';
export type { JoinErrorCode } from './join/errors.js';
export { bootstrapKubeletKubeconfig, tlsBootstrapUser } from './join/bootstrap-kubeconfig.js';
export { nodeFiles, kubeProxyFiles } from './join/node-files.js';
export { loadScenarioFile, loadScenarioFiles, parseScenario } from './format/load.js';
export { ScenarioError, formatProblem } from './format/errors.js';
export type { ScenarioProblem, ScenarioErrorCode } from './format/errors.js';
export { parseScenarioDuration } from './format/durations.js';
export { scenarioRegex } from './format/regex.js';
export type * from './format/types.js';
export type { TraceEvent, RunnerTraceEvent, ComponentTraceEvent, StampedKubeProxyEvent } from './trace/trace-event.js';
export { eventSource } from './trace/trace-event.js';
export { TraceCollector } from './trace/collector.js';
export type { RunnerEventInput } from './trace/collector.js';
export { narrate, narrationLines } from './report/narrate.js';
export type { NarrateOptions, NarrationLine } from './report/narrate.js';
export { liveNarrator } from './report/live-narrator.js';
export type { LiveNarrator, LiveNarratorOptions } from './report/live-narrator.js';
export { renderJsonLines, parseJsonLines, eventJson } from './report/jsonl.js';
export { renderMermaid, mermaidText } from './report/mermaid.js';
export type { MermaidOptions } from './report/mermaid.js';
export { renderHtml, htmlEscape } from './report/html.js';
export { renderJUnit, xmlEscape } from './report/junit.js';
export { normalise, compareGolden } from './report/golden.js';
export type { NormaliseOptions, GoldenComparison } from './report/golden.js';
export { runScenario, startRun } from './runner/run-scenario.js';
export type { RunOptions, RunResult, StepResult, StepOutcome, StartedRun } from './runner/run-scenario.js';
export { realTime } from './runner/real-time.js';
export { explainScenario, describeExpectation } from './explain/describe.js';
export { checkGolden, goldenPath } from './library/golden-file.js';
export type { GoldenStatus } from './library/golden-file.js';
