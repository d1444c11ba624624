// The controllers table: cmd/kube-controller-manager/app/controllermanager.go
// NewControllerDescriptors(). Each entry is one ControllerDescriptor (controller-context.ts);
// adding a controller is one file with its init function plus one line here. tlsboot runs only
// the CSR and bootstrap-token controllers; names.ts lists every name v1.32 knows so that
// `--controllers` accepts and refuses the same names as the real binary.
import { csrApprovingControllerDescriptor, csrCleanerControllerDescriptor } from './certificates.js';
import type { ControllerDescriptor } from './controller-context.js';
import { bootstrapSignerControllerDescriptor, tokenCleanerControllerDescriptor } from './controller/bootstrap/bootstrap-controllers.js';
import { csrSigningControllerDescriptor } from './controller/certificates/signer/csr-signing-controller.js';

export type { ControllerContext, ControllerDescriptor, RunningController } from './controller-context.js';

/** The controllers tlsboot implements, in upstream's start order. */
export const controllerDescriptors: ControllerDescriptor[] = [
  csrSigningControllerDescriptor,
  csrApprovingControllerDescriptor,
  csrCleanerControllerDescriptor,
  bootstrapSignerControllerDescriptor,
  tokenCleanerControllerDescriptor,
];
