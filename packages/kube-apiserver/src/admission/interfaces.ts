/**
 * Admission (k8s.io/apiserver/pkg/admission/interfaces.go): after authorization and decoding,
 * before validation and storage. Mutating plugins (`admit`) run first and may change the object;
 * validating plugins (`validate`) see the final object. Throwing a StatusError refuses the request.
 */
import type { KubeObject, ResourceInfo } from '@tlsboot/api';
import type { UserInfo } from '../authentication/interfaces.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** admission.Attributes. */
export interface AdmissionAttributes {
  operation: Operation;
  resource: ResourceInfo;
  subresource: string;
  namespace: string;
  name: string;
  /** The new object (create, update); absent for delete. */
  object?: KubeObject;
  /** The stored object (update, delete). */
  oldObject?: KubeObject;
  user: UserInfo;
}

export interface AdmissionPlugin {
  /** `NamespaceLifecycle`, `NodeRestriction`, … (the `--enable-admission-plugins` names). */
  readonly name: string;
  admit?(attributes: AdmissionAttributes): Promise<void> | void;
  validate?(attributes: AdmissionAttributes): Promise<void> | void;
}

/** admission.chainAdmissionHandler: the plugins in order, mutating pass then validating pass. */
export class AdmissionChain {
  constructor(readonly plugins: readonly AdmissionPlugin[]) {}

  async admit(attributes: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) await p.admit?.(attributes);
  }

  async validate(attributes: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) await p.validate?.(attributes);
  }
}
