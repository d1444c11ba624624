/**
 * storage.APIObjectVersioner.ParseResourceVersion (kubernetes/kubernetes:
 * staging/src/k8s.io/apiserver/pkg/storage/api_object_versioner.go): a resourceVersion is an
 * etcd revision printed in decimal; "" and "0" both mean 0 ("any"/"most recent").
 */
import { InvalidError } from './errors.js';

const maxUint64 = 18446744073709551615n;

/**
 * Parses a resourceVersion the way the apiserver does (strconv.ParseUint base 10). Throws
 * InvalidError on field `resourceVersion` with strconv's message, e.g.
 * `strconv.ParseUint: parsing "abc": invalid syntax`. Values past 2^53 lose precision, which only
 * matters for comparing two absurdly large versions.
 */
export function parseResourceVersion(resourceVersion: string): number {
  if (resourceVersion === '' || resourceVersion === '0') return 0;
  if (!/^[0-9]+$/.test(resourceVersion)) throw invalid(resourceVersion, 'invalid syntax');
  if (BigInt(resourceVersion) > maxUint64) throw invalid(resourceVersion, 'value out of range');
  return Number(resourceVersion);
}

function invalid(value: string, why: string): InvalidError {
  return new InvalidError([
    {
      type: 'FieldValueInvalid',
      field: 'resourceVersion',
      badValue: value,
      detail: `strconv.ParseUint: parsing ${JSON.stringify(value)}: ${why}`,
    },
  ]);
}
