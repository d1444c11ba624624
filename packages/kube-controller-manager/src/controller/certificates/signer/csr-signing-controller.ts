/**
 * The csrsigning controller: one certificate controller per built-in signer, each with its own
 * CA (kubernetes/kubernetes cmd/kube-controller-manager/app/certificates.go
 * startCertificateSigningRequestSigningController, pkg/controller/certificates/signer/signer.go
 * NewKubeletServingCSRSigningController … NewLegacyUnknownCSRSigningController). All four share
 * the CSR informer and the `certificate-controller` client; each runs 5 workers.
 */
import type { CertificateSigningRequest } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import { formatSubject } from '@tlsboot/pki';
import type { ControllerContext, ControllerDescriptor, RunningController } from '../../../controller-context.js';
import { csrSigningControllerName } from '../../../names.js';
import { newCertificateController } from '../certificate-controller.js';
import type { CertificateController } from '../certificate-controller.js';
import { newCAProvider } from './ca-provider.js';
import type { CAProvider, ReadTextFile } from './ca-provider.js';
import { Signer } from './signer.js';
import type { SignerEvent } from './signer.js';
import { planCSRSigning } from './signer-files.js';

/** The ServiceAccount the CSR controllers' client runs as (certificates.go: ClientOrDie("certificate-controller")). */
export const csrSigningServiceAccount = 'certificate-controller';

/** `go kubeletServingSigner.Run(ctx, 5)` and the same for the other three. */
export const csrSigningWorkers = 5;

/** The trace event of one signer outcome. */
function signerEventToTrace(ctx: Pick<ControllerContext, 'emit'>, controller: string, event: SignerEvent): void {
  if (event.kind === 'failed') {
    ctx.emit({ type: 'csr.failed', controller, csr: event.csr, signerName: event.signerName, reason: event.reason, message: event.message });
    return;
  }
  const c = event.certificate;
  ctx.emit({
    type: 'csr.signed',
    controller,
    csr: event.csr,
    signerName: event.signerName,
    serialNumber: c.serialNumber,
    subject: { ...(c.subject.commonName !== undefined ? { commonName: c.subject.commonName } : {}), ...(c.subject.organizations ? { organizations: [...c.subject.organizations] } : {}) },
    subjectAltNames: c.subjectAltNames,
    usages: event.usages,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    issuer: formatSubject(c.issuer),
  });
}

/** A signer wired to the API: UpdateStatus through PUT …/status, outcomes to the trace. */
export function newAPISigner(
  client: RestClient,
  ctx: Pick<ControllerContext, 'clock' | 'emit'>,
  signerName: string,
  caProvider: CAProvider,
  certTtlMs: number,
  controllerName: string,
): Signer {
  const csrs = certificateSigningRequests<CertificateSigningRequest>(client);
  return new Signer({
    signerName,
    caProvider,
    certTtlMs,
    clock: ctx.clock,
    updateStatus: (csr) => csrs.updateStatus(csr),
    onEvent: (event) => signerEventToTrace(ctx, controllerName, event),
  });
}

/** startCertificateSigningRequestSigningController. `readFile` is for tests. */
export async function startCSRSigningController(ctx: ControllerContext, readFile?: ReadTextFile): Promise<RunningController | undefined> {
  const plan = planCSRSigning(ctx.options);
  if (plan.kind === 'skip') {
    ctx.emit({ type: 'controller.skipped', controller: csrSigningControllerName, reason: plan.reason });
    return undefined;
  }
  if (plan.kind === 'error') throw new Error(plan.message);
  const client = await ctx.clientFor(csrSigningServiceAccount);
  const informer = ctx.informers.certificateSigningRequests();
  const controllers: CertificateController[] = [];
  for (const signer of plan.signers) {
    if (!signer.files) {
      ctx.emit({ type: 'controller.skipped', controller: signer.controllerName, reason: signer.skipReason ?? '' });
      continue;
    }
    let caProvider: CAProvider;
    try {
      caProvider = await newCAProvider(signer.files.certFile, signer.files.keyFile, readFile);
    } catch (err) {
      await Promise.all(controllers.map((c) => c.stop()));
      throw new Error(`failed to start ${signer.signerName} certificate controller: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const s = newAPISigner(client, ctx, signer.signerName, caProvider, ctx.options.clusterSigningDurationMs, signer.controllerName);
    controllers.push(newCertificateController(signer.controllerName, informer, (csr) => s.handle(csr), { clock: ctx.clock, emit: ctx.emit, handleError: ctx.handleError }));
  }
  for (const c of controllers) void c.run(csrSigningWorkers).catch(ctx.handleError);
  return { stop: async () => void (await Promise.all(controllers.map((c) => c.stop()))) };
}

export const csrSigningControllerDescriptor: ControllerDescriptor = {
  name: csrSigningControllerName,
  aliases: ['csrsigning'],
  enabledByDefault: true,
  serviceAccount: csrSigningServiceAccount,
  init: (ctx) => startCSRSigningController(ctx),
};
