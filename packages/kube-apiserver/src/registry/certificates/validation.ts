/**
 * CertificateSigningRequest validation (kubernetes/kubernetes:
 * pkg/apis/certificates/validation/validation.go, v1.32): create, and the three update flavours
 * (main resource, /status which may set the certificate, /approval which may set Approved and
 * Denied), with the compatibility options that tolerate problems already stored in the old
 * object. Works on the JSON form: spec.request and status.certificate are base64 strings.
 * The kubelet signers' rules are NOT validation; the signer enforces them (Failed condition).
 */
import {
  certificateApproved,
  certificateDenied,
  certificateFailed,
  decodeBytesField,
  fieldDuplicate,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  goPemDecode,
  goQuote,
  isKnownKeyUsage,
  keyUsages,
  legacyUnknownSignerName,
  newFieldPath,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateSignerName,
} from '@tlsboot/api';
import type { CertificateSigningRequestCondition, FieldError, KubeObject } from '@tlsboot/api';
import { parseCertificateDer } from '@tlsboot/pki';
import { validateCSRRequest } from './parse-csr.js';

/** certificateValidationOptions. */
export interface CertificateValidationOptions {
  allowSettingApprovalConditions: boolean;
  allowSettingCertificate: boolean;
  allowBothApprovedAndDenied: boolean;
  allowResettingCertificate: boolean;
  allowLegacySignerName: boolean;
  allowDuplicateConditionTypes: boolean;
  allowEmptyConditionType: boolean;
  allowArbitraryCertificate: boolean;
  allowUnknownUsages: boolean;
  allowDuplicateUsages: boolean;
}

export const strictOptions: CertificateValidationOptions = Object.freeze({
  allowSettingApprovalConditions: false,
  allowSettingCertificate: false,
  allowBothApprovedAndDenied: false,
  allowResettingCertificate: false,
  allowLegacySignerName: false,
  allowDuplicateConditionTypes: false,
  allowEmptyConditionType: false,
  allowArbitraryCertificate: false,
  allowUnknownUsages: false,
  allowDuplicateUsages: false,
});

type Obj = Record<string, unknown>;
const spec = (csr: KubeObject): Obj => (csr['spec'] as Obj | undefined) ?? {};
const status = (csr: KubeObject): Obj => (csr['status'] as Obj | undefined) ?? {};
const usagesOf = (csr: KubeObject): string[] => (spec(csr)['usages'] as string[] | undefined) ?? [];
const conditionsOf = (csr: KubeObject): CertificateSigningRequestCondition[] =>
  (status(csr)['conditions'] as CertificateSigningRequestCondition[] | undefined) ?? [];

/** status.certificate as bytes (Go's []byte); text that is not base64 is taken as it is. */
export function certificateBytes(csr: KubeObject): Uint8Array {
  const v = status(csr)['certificate'];
  if (typeof v !== 'string' || v === '') return new Uint8Array();
  return decodeBytesField(v) ?? new Uint8Array(Buffer.from(v, 'latin1'));
}

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** validateCertificate: PEM CERTIFICATE blocks only, no headers, each parses; empty data is fine. */
export function validateCertificate(pemData: Uint8Array): string | undefined {
  if (pemData.length === 0) return undefined;
  let rest = Buffer.from(pemData).toString('latin1');
  let blocks = 0;
  for (;;) {
    const decoded = goPemDecode(rest);
    if (decoded === undefined) break;
    const { block } = decoded;
    if (block.type !== 'CERTIFICATE') return `only CERTIFICATE PEM blocks are allowed, found ${goQuote(block.type)}`;
    if (Object.keys(block.headers).length !== 0) return 'no PEM block headers are permitted';
    blocks++;
    if (block.bytes.length === 0) return 'found CERTIFICATE PEM block containing 0 certificates';
    try {
      parseCertificateDer(block.bytes, 'status.certificate');
    } catch (err) {
      return `x509: malformed certificate (${(err as Error).message.replace(/^status\.certificate: /, '')})`;
    }
    rest = decoded.rest;
  }
  if (blocks === 0) return 'must contain at least one CERTIFICATE PEM block';
  return undefined;
}

const trueConditionTypes = new Set<string>([certificateApproved, certificateDenied, certificateFailed]);
const trueStatusOnly = ['True'];
const allStatusValues = ['False', 'True', 'Unknown'];
const sortedValidUsages = [...keyUsages];

function validateConditions(csr: KubeObject, opts: CertificateValidationOptions): FieldError[] {
  const path = newFieldPath('status', 'conditions');
  const errs: FieldError[] = [];
  const seenTypes = new Set<string>();
  let hasApproved = false;
  let hasDenied = false;
  conditionsOf(csr).forEach((c, i) => {
    const type = c.type ?? '';
    const st = (c.status as string | undefined) ?? '';
    if (!opts.allowEmptyConditionType && type.length === 0) errs.push(fieldRequired(path.index(i).child('type'), ''));
    const allowed = trueConditionTypes.has(type) ? trueStatusOnly : allStatusValues;
    if (st === '') errs.push(fieldRequired(path.index(i).child('status'), ''));
    else if (!allowed.includes(st)) errs.push(fieldNotSupported(path.index(i).child('status'), st, allowed));
    if (!opts.allowBothApprovedAndDenied) {
      if (type === certificateApproved) {
        hasApproved = true;
        if (hasDenied) errs.push(fieldInvalid(path.index(i).child('type'), type, 'Approved and Denied conditions are mutually exclusive'));
      } else if (type === certificateDenied) {
        hasDenied = true;
        if (hasApproved) errs.push(fieldInvalid(path.index(i).child('type'), type, 'Approved and Denied conditions are mutually exclusive'));
      }
    }
    if (!opts.allowDuplicateConditionTypes) {
      if (seenTypes.has(type)) errs.push(fieldDuplicate(path.index(i).child('type'), type));
      seenTypes.add(type);
    }
  });
  return errs;
}

/** validateCertificateSigningRequest: the object as it stands, under `opts`. */
export function validateCertificateSigningRequest(csr: KubeObject, opts: CertificateValidationOptions): FieldError[] {
  // ValidateCertificateRequestName: "We don't care what you call your certificate requests."
  const errs = validateObjectMeta(csr.metadata ?? {}, false, () => [], newFieldPath('metadata'));
  const specPath = newFieldPath('spec');
  const s = spec(csr);
  const requestError = validateCSRRequest(s['request']);
  if (requestError !== undefined) errs.push(fieldInvalid(specPath.child('request'), s['request'] ?? null, requestError));
  const usages = usagesOf(csr);
  if (usages.length === 0) errs.push(fieldRequired(specPath.child('usages'), ''));
  if (!opts.allowUnknownUsages) {
    usages.forEach((u, i) => {
      if (!isKnownKeyUsage(u)) errs.push(fieldNotSupported(specPath.child('usages').index(i), u, sortedValidUsages));
    });
  }
  if (!opts.allowDuplicateUsages) {
    const seen = new Set<string>();
    usages.forEach((u, i) => {
      if (seen.has(u)) errs.push(fieldDuplicate(specPath.child('usages').index(i), u));
      seen.add(u);
    });
  }
  const signerName = (s['signerName'] as string | undefined) ?? '';
  if (!opts.allowLegacySignerName && signerName === legacyUnknownSignerName) {
    errs.push(fieldInvalid(specPath.child('signerName'), signerName, 'the legacy signerName is not allowed via this API version'));
  } else {
    errs.push(...validateSignerName(specPath.child('signerName'), signerName));
  }
  const expirationSeconds = s['expirationSeconds'];
  if (typeof expirationSeconds === 'number' && expirationSeconds < 600) {
    errs.push(fieldInvalid(specPath.child('expirationSeconds'), expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  errs.push(...validateConditions(csr, opts));
  if (!opts.allowArbitraryCertificate) {
    const certErr = validateCertificate(certificateBytes(csr));
    if (certErr !== undefined) errs.push(fieldInvalid(newFieldPath('status', 'certificate'), '<certificate data>', certErr));
  }
  return errs;
}

function hasDuplicates(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}

/** getValidationOptions: strict, relaxed only for problems `old` already has (undefined on create). */
export function getValidationOptions(csr: KubeObject | undefined, old: KubeObject | undefined): CertificateValidationOptions {
  if (old === undefined) return { ...strictOptions };
  const oldTypes = conditionsOf(old).map((c) => c.type ?? '');
  const oldCert = certificateBytes(old);
  return {
    ...strictOptions,
    allowBothApprovedAndDenied: oldTypes.includes(certificateApproved) && oldTypes.includes(certificateDenied),
    allowLegacySignerName: spec(old)['signerName'] === legacyUnknownSignerName,
    allowDuplicateConditionTypes: hasDuplicates(oldTypes),
    allowEmptyConditionType: oldTypes.includes(''),
    allowArbitraryCertificate: (csr !== undefined && bytesEqual(certificateBytes(csr), oldCert)) || validateCertificate(oldCert) !== undefined,
    allowUnknownUsages: usagesOf(old).some((u) => !isKnownKeyUsage(u)),
    allowDuplicateUsages: hasDuplicates(usagesOf(old)),
  };
}

/** ValidateCertificateSigningRequestCreate. */
export function validateCertificateSigningRequestCreate(csr: KubeObject): FieldError[] {
  return validateCertificateSigningRequest(csr, getValidationOptions(csr, undefined));
}

const conditionFields = ['type', 'status', 'reason', 'message', 'lastUpdateTime', 'lastTransitionTime'] as const;

/** apiequality.Semantic.DeepEqual of two condition lists (the fields Go knows). */
function conditionsEqual(a: readonly CertificateSigningRequestCondition[], b: readonly CertificateSigningRequestCondition[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((c, i) => conditionFields.every((f) => (c[f] ?? '') === (b[i]![f] ?? '')));
}

/**
 * cmp.Diff of two condition lists, approximately: go-cmp's output is deliberately unstable, so
 * this prints the old and new lists instead.
 */
function conditionDiff(a: readonly CertificateSigningRequestCondition[], b: readonly CertificateSigningRequestCondition[]): string {
  return `- ${JSON.stringify(a)}\n+ ${JSON.stringify(b)}`;
}

function validateCertificateSigningRequestUpdateWith(csr: KubeObject, old: KubeObject, opts: CertificateValidationOptions): FieldError[] {
  const errs = validateCertificateSigningRequest(csr, opts);
  const metaErrs = validateObjectMetaUpdate(csr.metadata ?? {}, old.metadata ?? {}, newFieldPath('metadata'));
  const conditionsPath = newFieldPath('status', 'conditions');
  const find = (o: KubeObject, t: string) => conditionsOf(o).filter((c) => c.type === t);
  for (const t of [certificateApproved, certificateDenied, certificateFailed]) {
    if (find(csr, t).length < find(old, t).length) errs.push(fieldForbidden(conditionsPath, `updates may not remove a condition of type ${goQuote(t)}`));
  }
  if (!opts.allowSettingApprovalConditions) {
    for (const t of [certificateApproved, certificateDenied]) {
      const oldC = find(old, t);
      const newC = find(csr, t);
      if (newC.length < oldC.length) continue; // reported above
      if (newC.length > oldC.length) errs.push(fieldForbidden(conditionsPath, `updates may not add a condition of type ${goQuote(t)}`));
      else if (!conditionsEqual(oldC, newC)) {
        errs.push(fieldForbidden(conditionsPath, `updates may not modify a condition of type ${goQuote(t)}\n${conditionDiff(oldC, newC)}`));
      }
    }
  }
  const oldCert = certificateBytes(old);
  if (!bytesEqual(certificateBytes(csr), oldCert)) {
    const certPath = newFieldPath('status', 'certificate');
    if (!opts.allowSettingCertificate) errs.push(fieldForbidden(certPath, 'updates may not set certificate content'));
    else if (!opts.allowResettingCertificate && oldCert.length > 0) errs.push(fieldForbidden(certPath, 'updates may not modify existing certificate content'));
  }
  return [...errs, ...metaErrs];
}

/** ValidateCertificateSigningRequestUpdate (the main resource). */
export function validateCertificateSigningRequestUpdate(csr: KubeObject, old: KubeObject): FieldError[] {
  return validateCertificateSigningRequestUpdateWith(csr, old, getValidationOptions(csr, old));
}

/** ValidateCertificateSigningRequestStatusUpdate (/status: may set the certificate once). */
export function validateCertificateSigningRequestStatusUpdate(csr: KubeObject, old: KubeObject): FieldError[] {
  return validateCertificateSigningRequestUpdateWith(csr, old, { ...getValidationOptions(csr, old), allowSettingCertificate: true });
}

/** ValidateCertificateSigningRequestApprovalUpdate (/approval: may add Approved or Denied). */
export function validateCertificateSigningRequestApprovalUpdate(csr: KubeObject, old: KubeObject): FieldError[] {
  return validateCertificateSigningRequestUpdateWith(csr, old, { ...getValidationOptions(csr, old), allowSettingApprovalConditions: true });
}
