/**
 * What the generic registry asks of each resource, modelled on k8s.io/apiserver/pkg/registry/rest
 * (create.go RESTCreateStrategy, update.go RESTUpdateStrategy): prepare the object for storage,
 * validate it with field errors (→ 422), and a few switches. One strategy per resource and one
 * per subresource that writes (status, approval); pure functions over plain JSON objects.
 */
import type { FieldError, KubeObject, ValidateNameFunc } from '@tlsboot/api';
import type { UserInfo } from '../../authentication/interfaces.js';

/** What a strategy may know about the request. */
export interface StrategyContext {
  user: UserInfo;
  /** The request's namespace ('' for cluster-scoped). */
  namespace: string;
  /** The apiserver clock's reading. */
  now: Date;
}

export interface RESTStrategy {
  /**
   * The name rule the strategy's validation applies (path.ValidatePathSegmentName for kinds
   * without a stricter one); used for metadata.name and generateName.
   */
  readonly nameValidation: ValidateNameFunc;
  /** PrepareForCreate: clear what the server owns (status of most kinds …). */
  prepareForCreate(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForUpdate: keep what this endpoint may not change (status on the main resource …). */
  prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** Validate (create), including ObjectMeta. */
  validate(obj: KubeObject): FieldError[];
  /** ValidateUpdate, including ObjectMeta (the update rules). */
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[];
  /** AllowCreateOnUpdate: PUT of a missing object creates it (false for most kinds). */
  readonly allowCreateOnUpdate: boolean;
  /** AllowUnconditionalUpdate: PUT without metadata.resourceVersion overwrites (true for most kinds). */
  readonly allowUnconditionalUpdate: boolean;
}

/** A deep copy of a JSON object. */
export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

/** obj[field] as a plain object, created when missing. */
export function objectField(obj: Record<string, unknown>, field: string): Record<string, unknown> {
  const v = obj[field];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  obj[field] = created;
  return created;
}
