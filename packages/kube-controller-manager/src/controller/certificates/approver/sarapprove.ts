// The csrapproving controller: kubernetes/kubernetes pkg/controller/certificates/approver/sarapprove.go.
// A table of recognizers, tried in order (selfnodeclient before nodeclient); for each one that
// recognizes the CSR, a SubjectAccessReview made AS THE REQUESTER (spec.username, uid, groups,
// extra) for `create certificatesigningrequests/<subresource>` in certificates.k8s.io; the first
// allowed one appends Approved/AutoApproved and PUTs /approval. Recognized but never allowed is an
// ignorable error, so the CSR is retried with backoff (binding the RBAC later approves it). It
// never denies, and never looks at issued, approved or denied CSRs.
import type { CertificateRequestFields, CertificateSigningRequest, ResourceAttributes, SubjectAccessReview } from '@tlsboot/api';
import { certificateApproved, certificatesGroup, isNodeClientCert, isSelfNodeClientCert } from '@tlsboot/api';
import { certificateSigningRequests } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import { errorMessage } from '@tlsboot/util';
import type { KcmTraceEventInput } from '../../../trace.js';
import { IgnorableError } from '../certificate-controller.js';
import { getCertApprovalCondition, parseCSR } from '../certificate-controller-utils.js';

export interface CSRRecognizer {
  recognize(csr: CertificateSigningRequest, x509cr: CertificateRequestFields): boolean;
  /** The SubjectAccessReview's ResourceAttributes; `subresource` also names the recognizer. */
  permission: ResourceAttributes;
  successMessage: string;
}

/** The reason of every condition this approver writes. */
export const autoApprovedReason = 'AutoApproved';

function csrPermission(subresource: string): ResourceAttributes {
  return { group: certificatesGroup, resource: 'certificatesigningrequests', verb: 'create', subresource };
}

/** recognizers(): renewal by the node itself first, then any kubelet client CSR. */
export function recognizers(): CSRRecognizer[] {
  return [
    {
      recognize: (csr, x509cr) => isSelfNodeClientCert(csr.spec, x509cr),
      permission: csrPermission('selfnodeclient'),
      successMessage: 'Auto approving self kubelet client certificate after SubjectAccessReview.',
    },
    {
      recognize: (csr, x509cr) => isNodeClientCert(csr.spec, x509cr),
      permission: csrPermission('nodeclient'),
      successMessage: 'Auto approving kubelet client certificate after SubjectAccessReview.',
    },
  ];
}

/** The two API calls the approver makes (a fake in tests records them). */
export interface SarApproverClient {
  createSubjectAccessReview(sar: SubjectAccessReview): Promise<SubjectAccessReview>;
  /** PUT …/certificatesigningrequests/<name>/approval with the whole object (UpdateApproval). */
  updateApproval(csr: CertificateSigningRequest): Promise<CertificateSigningRequest>;
}

/** The approver's calls over a RestClient. */
export function restSarApproverClient(client: RestClient): SarApproverClient {
  const csrs = certificateSigningRequests(client);
  return {
    createSubjectAccessReview: (sar) =>
      client.create<SubjectAccessReview>('/apis/authorization.k8s.io/v1/subjectaccessreviews', sar, {
        resource: { group: 'authorization.k8s.io', resource: 'subjectaccessreviews' },
      }),
    updateApproval: (csr) => csrs.updateSubresource(csr, 'approval'),
  };
}

export interface SarApproverOptions {
  /** Names the controller in trace events; default `csrapproving`. */
  controller?: string;
  recognizers?: CSRRecognizer[];
  emit?: (event: KcmTraceEventInput) => void;
  /** Default parseCSR. Tests may recognize without a real PEM. */
  parse?: (csr: CertificateSigningRequest) => CertificateRequestFields;
}

export class SarApprover {
  private readonly controller: string;
  private readonly recognizers: CSRRecognizer[];
  private readonly emit: (event: KcmTraceEventInput) => void;
  private readonly parse: (csr: CertificateSigningRequest) => CertificateRequestFields;

  constructor(
    private readonly client: SarApproverClient,
    options: SarApproverOptions = {},
  ) {
    this.controller = options.controller ?? 'csrapproving';
    this.recognizers = options.recognizers ?? recognizers();
    this.emit = options.emit ?? (() => {});
    this.parse = options.parse ?? ((csr) => parseCSR(csr.spec.request));
  }

  /** The CertificateController handler. */
  readonly handle = async (csr: CertificateSigningRequest): Promise<void> => {
    if (csr.status?.certificate) return;
    const { approved, denied } = getCertApprovalCondition(csr.status);
    if (approved || denied) return;
    const name = csr.metadata.name ?? '';
    let x509cr: CertificateRequestFields;
    try {
      x509cr = this.parse(csr);
    } catch (err) {
      throw new Error(`unable to parse csr ${JSON.stringify(name)}: ${errorMessage(err)}`, { cause: err });
    }
    const tried: string[] = [];
    for (const r of this.recognizers) {
      if (!r.recognize(csr, x509cr)) continue;
      const subresource = r.permission.subresource ?? '';
      tried.push(subresource);
      this.emit({ type: 'csr.recognized', controller: this.controller, csr: name, recognizer: subresource, signerName: csr.spec.signerName, username: csr.spec.username ?? '' });
      const allowed = await this.authorize(csr, r.permission, subresource);
      if (allowed) {
        appendApprovalCondition(csr, r.successMessage);
        try {
          await this.client.updateApproval(csr);
        } catch (err) {
          throw new Error(`error updating approval for csr: ${errorMessage(err)}`, { cause: err });
        }
        this.emit({ type: 'csr.approved', controller: this.controller, csr: name, reason: autoApprovedReason, message: r.successMessage });
        return;
      }
    }
    if (tried.length > 0) {
      throw new IgnorableError(`recognized csr ${JSON.stringify(name)} as [${tried.join(' ')}] but subject access review was not approved`);
    }
  };

  /** A SubjectAccessReview for the requester recorded on the CSR; API errors are returned as they are. */
  private async authorize(csr: CertificateSigningRequest, attributes: ResourceAttributes, recognizer: string): Promise<boolean> {
    const spec = csr.spec;
    const sar: SubjectAccessReview = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      metadata: {},
      spec: {
        user: spec.username ?? '',
        uid: spec.uid ?? '',
        groups: [...(spec.groups ?? [])],
        extra: { ...(spec.extra ?? {}) },
        resourceAttributes: { ...attributes },
      },
    };
    const answer = await this.client.createSubjectAccessReview(sar);
    const allowed = answer.status?.allowed === true;
    const event: KcmTraceEventInput = {
      type: 'csr.subjectaccessreview',
      controller: this.controller,
      csr: csr.metadata.name ?? '',
      recognizer,
      user: spec.username ?? '',
      groups: [...(spec.groups ?? [])],
      allowed,
    };
    if (answer.status?.reason) event.reason = answer.status.reason;
    this.emit(event);
    return allowed;
  }
}

/** appendApprovalCondition: no timestamps; the server fills them. */
export function appendApprovalCondition(csr: CertificateSigningRequest, message: string): void {
  csr.status ??= {};
  csr.status.conditions = [...(csr.status.conditions ?? []), { type: certificateApproved, status: 'True', reason: autoApprovedReason, message }];
}

/** NewCSRApprovingController's approver over a RestClient. */
export function newSarApprover(client: RestClient, options: SarApproverOptions = {}): SarApprover {
  return new SarApprover(restSarApproverClient(client), options);
}
