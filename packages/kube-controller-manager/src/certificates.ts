// Descriptors and start functions of the CSR controllers: cmd/kube-controller-manager/app/certificates.go
// (newCertificateSigningRequestApprovingControllerDescriptor / startCertificateSigningRequestApprovingController,
// …CleanerController). All of them run as the ServiceAccount `certificate-controller`.
import type { ControllerContext, ControllerDescriptor, RunningController } from './controller-context.js';
import { newCertificateController } from './controller/certificates/certificate-controller.js';
import { newSarApprover } from './controller/certificates/approver/sarapprove.js';
import { CSRCleanerController } from './controller/certificates/cleaner/cleaner.js';
import { csrApprovingControllerName, csrCleanerControllerName } from './names.js';

/** The ServiceAccount (kube-system) every CSR controller's client runs as. */
export const certificateControllerServiceAccount = 'certificate-controller';

/** `go approver.Run(ctx, 5)`. */
export const csrApprovingWorkers = 5;

export const csrApprovingControllerDescriptor: ControllerDescriptor = {
  name: csrApprovingControllerName,
  aliases: ['csrapproving'],
  enabledByDefault: true,
  serviceAccount: certificateControllerServiceAccount,
  async init(ctx: ControllerContext): Promise<RunningController> {
    const client = await ctx.clientFor(certificateControllerServiceAccount);
    const approver = newSarApprover(client, { controller: 'csrapproving', emit: ctx.emit });
    const controller = newCertificateController('csrapproving', ctx.informers.certificateSigningRequests(), approver.handle, {
      clock: ctx.clock,
      emit: ctx.emit,
      handleError: ctx.handleError,
    });
    void controller.run(csrApprovingWorkers).catch(ctx.handleError);
    return { stop: () => controller.stop() };
  },
};

export const csrCleanerControllerDescriptor: ControllerDescriptor = {
  name: csrCleanerControllerName,
  aliases: ['csrcleaner'],
  enabledByDefault: true,
  serviceAccount: certificateControllerServiceAccount,
  async init(ctx: ControllerContext): Promise<RunningController> {
    const client = await ctx.clientFor(certificateControllerServiceAccount);
    const cleaner = new CSRCleanerController({
      client,
      informer: ctx.informers.certificateSigningRequests(),
      clock: ctx.clock,
      emit: ctx.emit,
      handleError: ctx.handleError,
    });
    void cleaner.run().catch(ctx.handleError);
    return { stop: () => cleaner.stop() };
  },
};
