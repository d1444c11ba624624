/**
 * kubeadm's validation of the token it is asked to create
 * (cmd/kubeadm/app/apis/kubeadm/validation/validation.go: ValidateBootstrapTokens,
 * ValidateToken, ValidateTokenUsages, ValidateTokenGroups), with its field paths
 * (`bootstrapTokens.0.groups`) and Go's `%#v` of the bad value (`[]string{"foo"}`). The result is
 * the aggregate message kubeadm prints (one error alone, several as `[a, b]`), or undefined.
 */
import { aggregateMessage, goQuote, isValidBootstrapToken, knownTokenUsages, validateBootstrapGroupName, validateUsages } from '@tlsboot/api';

export interface TokenToValidate {
  token: string;
  usages: readonly string[];
  groups: readonly string[];
}

/** Go's `%#v` of a []string. */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

const authentication = knownTokenUsages[1]!; // "authentication": the usage extra groups need

export function validateBootstrapToken(t: TokenToValidate): string | undefined {
  const path = 'bootstrapTokens.0';
  const errs: string[] = [];
  if (!isValidBootstrapToken(t.token)) errs.push(`${path}.token: Invalid value: ${goQuote(t.token)}: the bootstrap token is invalid`);
  const usageProblem = validateUsages(t.usages);
  if (usageProblem !== undefined) errs.push(`${path}.usages: Invalid value: ${goStringSlice(t.usages)}: ${usageProblem}`);
  if (t.groups.length > 0 && !t.usages.includes(authentication)) {
    errs.push(`${path}.groups: Invalid value: ${goStringSlice(t.groups)}: token groups cannot be specified unless --usages includes ${goQuote(authentication)}`);
  }
  for (const group of t.groups) {
    const problem = validateBootstrapGroupName(group);
    if (problem !== undefined) errs.push(`${path}.groups: Invalid value: ${goStringSlice(t.groups)}: ${problem}`);
  }
  // ToAggregate drops repeated messages (a group given twice is reported once)
  return errs.length === 0 ? undefined : aggregateMessage([...new Set(errs)]);
}
