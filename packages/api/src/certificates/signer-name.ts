/**
 * Signer names (kubernetes/kubernetes: pkg/apis/core/validation/names.go ValidateSignerName,
 * IsKubernetesSignerName; plugin/pkg/admission/certificates/util.go for the `<domain>/*`
 * wildcard the approve/sign checks fall back to). A signer name is `domain/path`: the domain
 * dot-separated DNS-1123 labels (at least two, at most 253 bytes), the path dot-separated
 * DNS-1123 subdomains, 571 bytes in all.
 */
import { fieldInvalid, fieldRequired, fieldTooLong } from '../field-errors.js';
import type { FieldError, FieldPath } from '../field-errors.js';
import { goQuote, utf8Length } from '../go-format.js';
import { dns1123LabelMaxLength, dns1123SubdomainMaxLength, isDNS1123Label, isDNS1123Subdomain } from '../validation.js';

/** ValidateSignerName: the syntax errors of `signerName` at `path`, in upstream's order. */
export function validateSignerName(path: FieldPath, signerName: string): FieldError[] {
  if (signerName.length === 0) return [fieldRequired(path, '')];
  const segments = signerName.split('/');
  if (segments.length !== 2) {
    return [fieldInvalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  }
  const [domain, signerPath] = segments as [string, string];
  const errs: FieldError[] = [];
  const maxDomainSegmentLength = dns1123SubdomainMaxLength;
  if (utf8Length(domain) > maxDomainSegmentLength) errs.push(fieldTooLong(path, maxDomainSegmentLength));
  const domainLabels = domain.split('.');
  for (const label of domainLabels) {
    const problems = isDNS1123Label(label);
    if (problems.length === 0) continue;
    for (const p of problems) errs.push(fieldInvalid(path, domain, `validating label ${goQuote(label)}: ${p}`));
    break; // further labels would only repeat the same kind of message
  }
  if (domainLabels.length < 2) errs.push(fieldInvalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  for (const label of signerPath.split('.')) {
    const problems = isDNS1123Subdomain(label);
    if (problems.length === 0) continue;
    for (const p of problems) errs.push(fieldInvalid(path, signerPath, `validating label ${goQuote(label)}: ${p}`));
    break;
  }
  const maxPathSegmentLength = dns1123SubdomainMaxLength + dns1123LabelMaxLength + 1;
  const maxSignerNameLength = maxDomainSegmentLength + maxPathSegmentLength + 1;
  if (utf8Length(signerName) > maxSignerNameLength) errs.push(fieldTooLong(path, maxSignerNameLength));
  return errs;
}

/** IsKubernetesSignerName: the domain is kubernetes.io or one of its subdomains. */
export function isKubernetesSignerName(signerName: string): boolean {
  const host = signerName.split('/', 1)[0] ?? '';
  return host === 'kubernetes.io' || host.endsWith('.kubernetes.io');
}

/** `<domain>/*` for a signer name (buildWildcardAttributes): the name RBAC can grant for every signer of a domain. */
export function signerNameWildcard(signerName: string): string {
  return `${signerName.split('/')[0] ?? ''}/*`;
}
