/**
 * CertificateSigningRequests, stored but not yet interpreted (the CSR issue adds validation,
 * signer names and the approval rules of k/k pkg/registry/certificates/certificates/strategy.go
 * and reference/k8s-csr-kubelet.md §1). What is here already: on create the requester is stamped
 * from the authenticated user (spec.username, uid, groups, extra; §1.3) and status cleared; the
 * main endpoint keeps status; `/status` replaces status; `/approval` replaces only
 * status.conditions. Replace `approvalStrategy` / `statusStrategy` for the real rules.
 */
import { validatePathSegmentName } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { defineStrategy, partUpdateStrategy, takeStatus } from '../rest/generic-strategy.js';
import type { RESTStrategy } from '../rest/strategy.js';
import { objectField } from '../rest/strategy.js';

export const certificateSigningRequestStrategy: RESTStrategy = defineStrategy({
  namespaced: false,
  nameValidation: validatePathSegmentName,
  hasStatus: true,
  prepareForCreate(obj, ctx) {
    const spec = objectField(obj, 'spec');
    spec['username'] = ctx.user.name;
    if (ctx.user.uid) spec['uid'] = ctx.user.uid;
    else delete spec['uid'];
    spec['groups'] = [...ctx.user.groups];
    if (ctx.user.extra && Object.keys(ctx.user.extra).length > 0) spec['extra'] = structuredClone(ctx.user.extra);
    else delete spec['extra'];
  },
  prepareForUpdate(obj, old) {
    // spec is immutable through every endpoint; the main endpoint changes metadata only
    obj['spec'] = structuredClone(old['spec']);
  },
});

export const certificateSigningRequestStatusStrategy: RESTStrategy = partUpdateStrategy(certificateSigningRequestStrategy, takeStatus);

/** `/approval`: only status.conditions come from the request. */
export const certificateSigningRequestApprovalStrategy: RESTStrategy = partUpdateStrategy(certificateSigningRequestStrategy, (incoming: KubeObject, result: KubeObject) => {
  const conditions = (incoming['status'] as Record<string, unknown> | undefined)?.['conditions'];
  const status = objectField(result, 'status');
  if (conditions === undefined) delete status['conditions'];
  else status['conditions'] = structuredClone(conditions);
});
