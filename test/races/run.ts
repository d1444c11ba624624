// One race run (issue 9, Build 4): N CSRs created at once against two kube-controller-managers,
// the admin's kubectl approve/deny racing csrapproving, the virtual clock moved past the
// csrcleaner's 1 h deadline while the second half is created, then 23 h more (the pending 24 h
// deadline). Returns the figures and every invariant that broke; used by test/races.test.ts (CI
// slice) and test/races/run-races.ts (`npm run races`).
// Upstream: pkg/controller/certificates/{approver/sarapprove.go,signer/signer.go,cleaner/cleaner.go},
// pkg/registry/certificates/certificates/strategy.go, kubectl pkg/cmd/certificates/certificates.go.
import type { CertificateSigningRequest } from '@tlsboot/api';
import { isStatusError } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import { SeededRandom, realClock } from '@tlsboot/util';
import { startRaceCluster } from './cluster.js';
import type { RaceCluster } from './cluster.js';
import { cleanerDeadline, expectedState, stateOf } from './invariants.js';
import type { CsrState, Violation } from './invariants.js';
import { csrObject, kubectlCertificate, planRace } from './workload.js';
import type { KubectlOutcome, PlannedCsr } from './workload.js';

export interface RaceOptions {
  csrs: number;
  seed: string;
  bootstrapTokens?: number;
  servingNodes?: number;
  /** Real-time limit of each settling phase (ms). */
  settleTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RaceFigures {
  csrs: number;
  seed: string;
  kinds: Record<string, number>;
  adminActions: Record<string, number>;
  /** States after everything settled, before the 23 h jump (deleted = by the cleaner at the 1 h mark). */
  statesSettled: Record<string, number>;
  /** The last state the admin's informer saw of each CSR (before its deletion, if deleted). */
  statesReached: Record<string, number>;
  /** Reasons of the Approved conditions of the CSRs that reached Issued or Failed. */
  approvedReasons: Record<string, number>;
  /** States at the end (after the 23 h jump). */
  statesFinal: Record<string, number>;
  kubectl: { updated: number; unchanged: number; refused: number; conflictsRetried: number };
  /** HTTP answers to PUT …/approval, PUT …/status and DELETE of one CSR, by status code. */
  approvalPuts: Record<string, number>;
  statusPuts: Record<string, number>;
  deletes: Record<string, number>;
  /** certificates written (csr.certificate events) and signatures the signers reported (csr.signed). */
  certificatesWritten: number;
  signedEvents: number;
  /** Signer / approver syncs that failed on a 409 and were requeued, over both controller-managers. */
  signerConflicts: number;
  approverConflicts: number;
  /** The approver's csr.approved events, per controller-manager. */
  autoApprovedBy: number[];
  cleanedBy: number[];
  /**
   * The admin writing a second certificate into an issued CSR's /status: without a
   * resourceVersion (validation: 422) and with a stale one (409). Not counted in statusPuts.
   */
  overwrite: { unconditional: number; stale: number; message: string };
  kcmErrors: number;
  /** Distinct error texts (CSR names elided), at most 8. */
  kcmErrorSamples: string[];
  virtualHours: number;
  wallMs: number;
}

export interface RaceReport {
  figures: RaceFigures;
  violations: Violation[];
}

const count = (into: Record<string, number>, key: string): void => void (into[key] = (into[key] ?? 0) + 1);
const hourMs = 3600_000;

export async function runRaces(o: RaceOptions): Promise<RaceReport> {
  const wallStart = realClock.nowMs();
  const log = o.log ?? (() => {});
  const random = new SeededRandom(o.seed);
  const tokens = o.bootstrapTokens ?? 8;
  const nodes = o.servingNodes ?? 8;
  const settleTimeoutMs = o.settleTimeoutMs ?? 120_000;
  const plan = planRace(o.csrs, random, tokens, nodes);
  // a fixed virtual start on a whole second plus 400 ms, so condition lastUpdateTimes (whole seconds) lag `now`
  const c = await startRaceCluster({ startMs: Date.UTC(2026, 0, 1, 0, 0, 0, 400), bootstrapTokens: tokens, servingNodes: nodes });
  const violations: Violation[] = [];
  const kubectl = new Map<string, KubectlOutcome>();
  try {
    const startMs = c.clock.nowMs();
    log(`generating ${plan.length} keys and CSRs`);
    const objects = await Promise.all(plan.map((p) => csrObject(p, `serve-${p.creator}`)));
    const delays = plan.map(() => random.int(20));
    const one = async (p: PlannedCsr, i: number): Promise<void> => {
      const client = p.kind === 'serving' ? c.nodes[p.creator]!.client : c.bootstrap[p.creator]!;
      try {
        await certificateSigningRequests(client).create(objects[i]!);
      } catch (err) {
        violations.push({ csr: p.name, problem: `create failed: ${err instanceof Error ? err.message : String(err)}` });
        return;
      }
      if (p.action === 'none') return;
      await realClock.sleep(delays[i]!);
      try {
        kubectl.set(p.name, await kubectlCertificate(c.admin, c.clock, p.name, p.action));
      } catch (err) {
        violations.push({ csr: p.name, problem: `kubectl certificate ${p.action} failed: ${err instanceof Error ? err.message : String(err)}` });
      }
    };
    log('wave 1: creating and deciding');
    await Promise.all(plan.map((p, i) => (p.wave === 1 ? one(p, i) : undefined)));
    const expected = (p: PlannedCsr): CsrState => expectedState(p.kind, p.action, kubectl.get(p.name));
    const unsettled = (wave?: 1): string[] =>
      plan.filter((p) => {
        if (wave !== undefined && p.wave !== wave) return false;
        const live = c.informer.get(p.name);
        return live !== undefined && stateOf(live) !== expected(p);
      }).map((p) => p.name);
    // let the controllers finish wave 1, so the cleaner's pass at the 1 h mark finds it terminal
    await settle(c, () => unsettled(1).length === 0, settleTimeoutMs);
    const overwrite = await overwriteProbe(c, plan);
    if (overwrite.unconditional !== 422 || overwrite.stale !== 409) violations.push({ csr: '*', problem: `a second certificate was not refused: ${JSON.stringify(overwrite)}` });
    log('wave 2: creating and deciding while the clock passes the cleaner’s 1 h deadline');
    const wave2 = Promise.all(plan.map((p, i) => (p.wave === 2 ? one(p, i) : undefined)));
    await c.clock.advance(hourMs + 60_000);
    await wave2;
    log('settling');
    await settle(c, () => unsettled().length === 0, settleTimeoutMs);
    for (const name of unsettled()) {
      const p = plan.find((x) => x.name === name)!;
      violations.push({ csr: name, problem: `left ${stateOf(c.informer.get(name)!)}, expected ${expected(p)} (${p.kind}, admin ${p.action})` });
    }
    const statesSettled = snapshot(c, plan);

    log('23 hours more: the pending deadline');
    for (let h = 0; h < 23; h++) {
      await c.clock.advance(hourMs);
      await settle(c, () => true, settleTimeoutMs);
    }
    const endMs = c.clock.nowMs();
    const statesFinal = snapshot(c, plan);

    // deletions: by the cleaner, once, never before the deadline, from the state the plan makes legal
    const deletedAt = new Map<string, number>();
    const deletes: Record<string, number> = {};
    const approvalPuts: Record<string, number> = {};
    const statusPuts: Record<string, number> = {};
    for (const r of c.trace.requests.values()) {
      if (!r.name || r.watch) continue;
      const code = String(r.statusCode ?? 'none');
      if (r.method === 'DELETE') {
        count(deletes, code);
        if (r.statusCode === 200) {
          if (deletedAt.has(r.name)) violations.push({ csr: r.name, problem: 'deleted twice' });
          deletedAt.set(r.name, r.respondedAtMs ?? 0);
        }
      } else if (r.method === 'PUT' && r.subresource === 'approval') count(approvalPuts, code);
      else if (r.method === 'PUT' && r.subresource === 'status') count(statusPuts, code);
    }
    const certificatesPer = new Map<string, number>();
    for (const e of c.trace.csrEvents) if (e.type === 'csr.certificate') certificatesPer.set(e.name, (certificatesPer.get(e.name) ?? 0) + 1);
    for (const p of plan) {
      const last = c.lastSeen.get(p.name);
      if (!last) {
        violations.push({ csr: p.name, problem: 'never seen by the admin informer' });
        continue;
      }
      const state = stateOf(last);
      if (state !== expected(p)) violations.push({ csr: p.name, problem: `last state ${state}, expected ${expected(p)}` });
      const written = certificatesPer.get(p.name) ?? 0;
      if (written !== (state === 'Issued' ? 1 : 0)) violations.push({ csr: p.name, problem: `${written} certificates written for a ${state} CSR` });
      const approvals = (last.status?.conditions ?? []).filter((x) => x.type === 'Approved').length;
      if (approvals > 1) violations.push({ csr: p.name, problem: `${approvals} Approved conditions` });
      const at = deletedAt.get(p.name);
      const live = c.informer.get(p.name);
      if (at !== undefined && live) violations.push({ csr: p.name, problem: 'deleted, yet still listed' });
      const deadline = cleanerDeadline(last);
      if (at !== undefined && (deadline === undefined || !(at > deadline))) {
        violations.push({ csr: p.name, problem: `deleted early at ${new Date(at).toISOString()} (deadline ${deadline === undefined ? 'none' : new Date(deadline).toISOString()})` });
      }
      // the cleaner passes hourly: anything a full pass past its deadline must be gone
      if (live && deadline !== undefined && deadline + hourMs < endMs) {
        violations.push({ csr: p.name, problem: `kept past its deadline ${new Date(deadline).toISOString()}` });
      }
    }

    const syncErrors = (controller: RegExp, message: RegExp): number =>
      c.kcmEvents.flat().filter((e) => e.type === 'controller.sync' && e.outcome === 'error' && controller.test(e.controller) && message.test(e.message ?? '')).length;
    const conflict = /the object has been modified/;
    const signerConflicts = syncErrors(/^csrsigning/, conflict);
    const approverConflicts = syncErrors(/^csrapproving$/, conflict);
    const kubectlFigures = { updated: 0, unchanged: 0, refused: 0, conflictsRetried: 0 };
    for (const k of kubectl.values()) {
      kubectlFigures[k.result]++;
      kubectlFigures.conflictsRetried += k.conflicts;
    }
    const certificatesWritten = [...certificatesPer.values()].reduce((a, b) => a + b, 0);
    const signedEvents = c.kcmEvents.flat().filter((e) => e.type === 'csr.signed').length;
    // the probe's two refused PUTs are the admin's, not a signer's
    statusPuts['409'] = (statusPuts['409'] ?? 0) - 1;
    statusPuts['422'] = (statusPuts['422'] ?? 0) - 1;
    if (statusPuts['422'] === 0) delete statusPuts['422'];
    // each PUT …/status that lost a race is one signer sync that failed on the 409 and was retried
    if ((statusPuts['409'] ?? 0) !== signerConflicts) violations.push({ csr: '*', problem: `${statusPuts['409'] ?? 0} status 409s, but ${signerConflicts} signer syncs failed on a conflict` });
    if ((approvalPuts['409'] ?? 0) !== approverConflicts + kubectlFigures.conflictsRetried) {
      violations.push({ csr: '*', problem: `${approvalPuts['409'] ?? 0} approval 409s, but ${approverConflicts} approver + ${kubectlFigures.conflictsRetried} kubectl conflicts` });
    }
    if (signedEvents !== certificatesWritten) violations.push({ csr: '*', problem: `${signedEvents} csr.signed events for ${certificatesWritten} certificates written` });
    for (const code of Object.keys(statusPuts)) if (code !== '200' && code !== '409') violations.push({ csr: '*', problem: `${statusPuts[code]} PUT …/status answered ${code}` });
    for (const code of Object.keys(approvalPuts)) if (code !== '200' && code !== '409') violations.push({ csr: '*', problem: `${approvalPuts[code]} PUT …/approval answered ${code}` });

    const statesReached: Record<string, number> = {};
    const approvedReasons: Record<string, number> = {};
    for (const last of c.lastSeen.values()) {
      count(statesReached, stateOf(last));
      const approved = last.status?.conditions?.find((x) => x.type === 'Approved');
      if (approved) count(approvedReasons, approved.reason ?? '');
    }
    const kinds: Record<string, number> = {};
    const adminActions: Record<string, number> = {};
    for (const p of plan) {
      count(kinds, p.kind);
      count(adminActions, p.action);
    }
    return {
      figures: {
        csrs: plan.length,
        seed: o.seed,
        kinds,
        adminActions,
        statesSettled,
        statesReached,
        approvedReasons,
        statesFinal,
        kubectl: kubectlFigures,
        approvalPuts,
        statusPuts,
        deletes,
        certificatesWritten,
        signedEvents,
        signerConflicts,
        approverConflicts,
        autoApprovedBy: c.kcmEvents.map((ev) => ev.filter((e) => e.type === 'csr.approved').length),
        cleanedBy: c.kcmEvents.map((ev) => ev.filter((e) => e.type === 'csr.cleaned').length),
        overwrite,
        kcmErrors: c.kcmErrors.length,
        kcmErrorSamples: [...new Set(c.kcmErrors.map((e) => e.replace(/node-csr-\d+|csr-\d+-serve-\d+/g, "<csr>").slice(0, 300)))].slice(0, 8),
        virtualHours: Math.round(((endMs - startMs) / hourMs) * 100) / 100,
        wallMs: realClock.nowMs() - wallStart,
      },
      violations,
    };
  } finally {
    await c.close();
  }
}

function snapshot(c: RaceCluster, plan: readonly PlannedCsr[]): Record<string, number> {
  const states: Record<string, number> = {};
  for (const p of plan) {
    const live: CertificateSigningRequest | undefined = c.informer.get(p.name);
    count(states, live ? stateOf(live) : 'deleted');
  }
  return states;
}

/**
 * What the API does with a second certificate (validation.go: a certificate, once set, never
 * changes): another issued CSR's certificate PUT to an issued CSR's /status as the admin, first
 * without a resourceVersion, then with a stale one.
 */
async function overwriteProbe(c: RaceCluster, plan: readonly PlannedCsr[]): Promise<RaceFigures['overwrite']> {
  const issued = plan.map((p) => c.informer.get(p.name)).filter((x): x is CertificateSigningRequest => x !== undefined && stateOf(x) === 'Issued');
  const [a, b] = issued;
  if (!a || !b) return { unconditional: 0, stale: 0, message: 'fewer than two issued CSRs' };
  const csrs = certificateSigningRequests(c.admin);
  const code = async (obj: CertificateSigningRequest): Promise<[number, string]> => {
    try {
      await csrs.updateStatus(obj);
      return [200, ''];
    } catch (err) {
      return isStatusError(err) ? [err.status.code ?? 0, err.status.message ?? ''] : [0, String(err)];
    }
  };
  const second = { ...a, status: { ...a.status, certificate: b.status!.certificate! } };
  const { resourceVersion: _rv, ...metadata } = a.metadata;
  const [unconditional, message] = await code({ ...second, metadata });
  const [stale] = await code({ ...second, metadata: { ...metadata, resourceVersion: '1' } });
  return { unconditional, stale, message };
}

/**
 * Waits (real time) until `done` holds and the controllers are idle. The controller-managers' clients
 * are rate limited on the virtual clock (--kube-api-qps 20, --kube-api-burst 30) and their work
 * queues back off on it, so when no CSR request reaches the apiserver for 75 ms the clock moves one
 * second; idle means three such seconds in a row brought no request.
 */
async function settle(c: RaceCluster, done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = realClock.nowMs() + timeoutMs;
  let last = -1;
  let quiet = 0;
  let idleAdvances = 0;
  while (realClock.nowMs() < deadline) {
    await realClock.sleep(25);
    const size = c.trace.requests.size;
    if (size !== last) {
      last = size;
      quiet = 0;
      idleAdvances = 0;
      continue;
    }
    if (++quiet < 3) continue;
    if (done() && idleAdvances >= 3) return;
    await c.clock.advance(1000);
    quiet = 0;
    idleAdvances++;
  }
}
