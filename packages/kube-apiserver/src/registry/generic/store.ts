/**
 * The generic registry Store (k8s.io/apiserver/pkg/registry/generic/registry/store.go) for one
 * resource: create with generateName retries, get, list, watch, update with optimistic
 * concurrency, delete with preconditions and finalizers, deletecollection — over the Storage
 * interface, with the resource's strategy deciding what is kept and what is valid.
 *
 * Objects are stored with kind and apiVersion, as etcd holds them; lists strip them from items.
 */
import {
  groupResourceOf,
  groupVersionString,
  newGenerateNameConflict,
  newInvalid,
  newNotFound,
  optimisticLockErrorMessage,
  newConflict,
  validatePathSegmentName,
  generateName,
  isAlreadyExists,
  newAlreadyExists,
} from '@tlsboot/api';
import type { FieldError, GroupKind, GroupResource, KubeList, KubeObject, ResourceInfo } from '@tlsboot/api';
import type { Clock, Random } from '@tlsboot/util';
import type { Preconditions, Predicate, ResourceVersionMatch, Storage, StoredObject, Watcher } from '../../storage/index.js';
import { keyFor, prefixFor } from '../../storage/index.js';
import { validateMeta, validateMetaUpdate } from '../rest/generic-strategy.js';
import type { RESTStrategy, StrategyContext } from '../rest/strategy.js';
import { interpretStorageError } from './storage-errors.js';
import type { StorageOperation } from './storage-errors.js';
import { orderFields } from './field-order.js';
import { fillSystemFieldsOnCreate, formatTimestamp, keepSystemFieldsOnUpdate } from './system-fields.js';

/** maxNameGenerationCreateAttempts in store.go (RetryGenerateName, GA in v1.32). */
export const maxNameGenerationAttempts = 8;

/** A validating admission check run on the final object (rest.ValidateObjectFunc). */
export type ValidateObjectFunc = (obj: KubeObject, old: KubeObject | undefined) => Promise<void> | void;

export interface StoreDependencies {
  storage: Storage;
  clock: Clock;
  random: Random;
}

export interface ListParams {
  predicate?: Predicate;
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  limit?: number;
  continue?: string;
}

export interface WatchParams {
  predicate?: Predicate;
  resourceVersion?: string;
  allowBookmarks?: boolean;
  sendInitialEvents?: boolean;
  deadlineMs?: number;
}

/** rest.UpdatedObjectInfo: the new object, computed from the stored one (undefined when it does not exist). */
export type UpdatedObjectInfo = (existing: KubeObject | undefined) => KubeObject | Promise<KubeObject>;

export interface UpdateResult {
  object: KubeObject;
  created: boolean;
}

export interface DeleteResult {
  object: KubeObject;
  /** False when finalizers keep the object (it now has a deletionTimestamp). */
  deleted: boolean;
}

const asKube = (o: StoredObject): KubeObject => o as unknown as KubeObject;

/** Thrown out of a storage transaction to abort it with the object a dry run would have written. */
class DryRunResult {
  constructor(readonly object: StoredObject) {}
}

export class Store {
  readonly gr: GroupResource;
  readonly gk: GroupKind;
  readonly apiVersion: string;

  constructor(
    readonly info: ResourceInfo,
    readonly strategy: RESTStrategy,
    private readonly deps: StoreDependencies,
  ) {
    this.gr = groupResourceOf(info);
    this.gk = { group: info.group, kind: info.kind };
    this.apiVersion = groupVersionString(info);
  }

  private ns(namespace: string): string | undefined {
    return this.info.namespaced ? namespace : undefined;
  }

  key(namespace: string, name: string): string {
    return keyFor(this.gr, this.ns(namespace), name);
  }

  prefix(namespace: string): string {
    return prefixFor(this.gr, this.ns(namespace));
  }

  private fail(err: unknown, name: string, op: StorageOperation): never {
    throw interpretStorageError(err, this.gr, name, op);
  }

  /** The object as served alone: kind and apiVersion set, first. */
  typed(obj: KubeObject): KubeObject {
    return orderFields(obj, { kind: this.info.kind, apiVersion: this.apiVersion });
  }

  async get(namespace: string, name: string, resourceVersion?: string): Promise<KubeObject> {
    try {
      return this.typed(asKube(await this.deps.storage.get(this.key(namespace, name), resourceVersion ? { resourceVersion } : {})));
    } catch (err) {
      this.fail(err, name, 'get');
    }
  }

  async list(namespace: string, params: ListParams = {}): Promise<KubeList> {
    let result;
    try {
      result = await this.deps.storage.getList(this.prefix(namespace), { ...params, recursive: true });
    } catch (err) {
      this.fail(err, '', 'list');
    }
    const metadata: KubeList['metadata'] = { resourceVersion: result.resourceVersion };
    if (result.continue) metadata.continue = result.continue;
    if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
    const items = result.items.map((o) => orderFields(asKube(o), undefined));
    return { kind: this.info.listKind ?? `${this.info.kind}List`, apiVersion: this.apiVersion, metadata, items };
  }

  async watch(namespace: string, params: WatchParams = {}): Promise<Watcher> {
    try {
      return await this.deps.storage.watch(this.prefix(namespace), {
        ...params,
        recursive: true,
        bookmarkTypeMeta: { apiVersion: this.apiVersion, kind: this.info.kind },
      });
    } catch (err) {
      this.fail(err, '', 'watch');
    }
  }

  private ctx(user: StrategyContext['user'], namespace: string): StrategyContext {
    return { user, namespace, now: this.deps.clock.now() };
  }

  private invalid(name: string, errs: FieldError[]): void {
    if (errs.length > 0) throw newInvalid(this.gk, name, errs);
  }

  /** rest.BeforeCreate after the system fields: prepare, the kind's validation, then the path-segment rule for every kind. */
  private beforeCreate(obj: KubeObject, ctx: StrategyContext): void {
    this.strategy.prepareForCreate(obj, ctx);
    const name = obj.metadata.name ?? '';
    this.invalid(name, this.strategy.validate(obj));
    this.invalid(name, validateMeta(obj, this.info.namespaced, validatePathSegmentName));
  }

  /**
   * Store.Create. `obj.metadata.namespace` must already match the request (the handler checks);
   * a generateName without a name is resolved here, retried on collision.
   */
  async create(obj: KubeObject, user: StrategyContext['user'], validate?: ValidateObjectFunc, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const namespace = obj.metadata.namespace ?? '';
    const ctx = this.ctx(user, namespace);
    const generate = Boolean(obj.metadata.generateName) && !obj.metadata.name;
    const attempts = generate ? maxNameGenerationAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      const candidate = this.typed(structuredClone(obj));
      fillSystemFieldsOnCreate(candidate, ctx.now, this.deps.random);
      if (generate) candidate.metadata.name = generateName(obj.metadata.generateName!, this.deps.random);
      this.beforeCreate(candidate, ctx);
      await validate?.(candidate, undefined);
      const name = candidate.metadata.name!;
      try {
        const key = this.key(namespace, name);
        if (options.dryRun) {
          if ((await this.deps.storage.get(key, { ignoreNotFound: true })) !== null) throw newAlreadyExists(this.gr, name);
          return this.typed(candidate);
        }
        return this.typed(asKube(await this.deps.storage.create(key, candidate as unknown as StoredObject)));
      } catch (err) {
        const apiErr = isAlreadyExists(err) ? err : interpretStorageError(err, this.gr, name, 'create');
        if (!isAlreadyExists(apiErr) || !generate) throw apiErr;
        if (attempt >= attempts) throw newGenerateNameConflict(this.gr, name, 1);
      }
    }
  }

  /**
   * Store.Update: `objInfo` computes the new object from the stored one inside one guaranteed
   * update, so a PATCH applies to the state it read. A stale metadata.resourceVersion is 409
   * Conflict; none means "overwrite" (AllowUnconditionalUpdate). `strategy` is the endpoint's
   * (the main resource's, or a subresource's such as status).
   */
  async update(
    namespace: string,
    name: string,
    objInfo: UpdatedObjectInfo,
    user: StrategyContext['user'],
    options: { strategy?: RESTStrategy; validate?: ValidateObjectFunc; dryRun?: boolean } = {},
  ): Promise<UpdateResult> {
    const strategy = options.strategy ?? this.strategy;
    const ctx = this.ctx(user, namespace);
    const key = this.key(namespace, name);
    let created = false;
    let deleteAfter = false;
    let out: StoredObject;
    try {
      out = await this.deps.storage.guaranteedUpdate(
        key,
        async (stored, res) => {
          const exists = res.resourceVersion !== '0';
          if (!exists && !strategy.allowCreateOnUpdate) throw newNotFound(this.gr, name);
          const existing = exists ? this.typed(asKube(stored)) : undefined;
          const obj = this.typed(structuredClone(await objInfo(existing)));
          if (existing === undefined) {
            created = true;
            delete obj.metadata.resourceVersion;
            fillSystemFieldsOnCreate(obj, ctx.now, this.deps.random);
            this.beforeCreate(obj, ctx);
            await options.validate?.(obj, undefined);
            if (options.dryRun) throw new DryRunResult(obj as unknown as StoredObject);
            return obj as unknown as StoredObject;
          }
          const newRV = obj.metadata.resourceVersion ?? '';
          if (newRV === '') obj.metadata.resourceVersion = existing.metadata.resourceVersion!;
          else if (newRV !== existing.metadata.resourceVersion) throw newConflict(this.gr, name, optimisticLockErrorMessage);
          keepSystemFieldsOnUpdate(obj, existing);
          strategy.prepareForUpdate(obj, existing, ctx);
          this.invalid(name, [...validateMetaUpdate(obj, existing), ...validateMeta(obj, this.info.namespaced, validatePathSegmentName), ...strategy.validateUpdate(obj, existing)]);
          await options.validate?.(obj, existing);
          deleteAfter = Boolean(existing.metadata.deletionTimestamp) && (obj.metadata.finalizers ?? []).length === 0;
          if (options.dryRun) throw new DryRunResult(obj as unknown as StoredObject);
          return obj as unknown as StoredObject;
        },
        { ignoreNotFound: strategy.allowCreateOnUpdate },
      );
    } catch (err) {
      if (err instanceof DryRunResult) return { object: this.typed(asKube(err.object)), created };
      this.fail(err, name, 'update');
    }
    // The last finalizer of an object being deleted is gone: it goes now (store.go updateForGracefulDeletionAndFinalizers).
    if (deleteAfter) {
      try {
        out = await this.deps.storage.delete(key, { preconditions: { uid: out.metadata.uid } });
      } catch (err) {
        this.fail(err, name, 'delete');
      }
    }
    return { object: this.typed(asKube(out)), created };
  }

  /**
   * Store.Delete. Preconditions (uid, resourceVersion) that do not hold are 409 Conflict. An
   * object with finalizers gets a deletionTimestamp and stays until they are removed.
   */
  async delete(namespace: string, name: string, preconditions: Preconditions = {}, options: { dryRun?: boolean } = {}): Promise<DeleteResult> {
    const key = this.key(namespace, name);
    if (options.dryRun) {
      try {
        await this.deps.storage.guaranteedUpdate(key, (stored) => Promise.reject(new DryRunResult(stored)), { preconditions });
      } catch (err) {
        if (err instanceof DryRunResult) return { object: this.typed(asKube(err.object)), deleted: true };
        this.fail(err, name, 'delete');
      }
    }
    let current: KubeObject;
    try {
      current = asKube(await this.deps.storage.get(key));
    } catch (err) {
      this.fail(err, name, 'delete');
    }
    if ((current.metadata.finalizers ?? []).length > 0) {
      try {
        const out = await this.deps.storage.guaranteedUpdate(
          key,
          (stored) => {
            if (stored.metadata['deletionTimestamp']) return stored;
            return { ...stored, metadata: { ...stored.metadata, deletionTimestamp: formatTimestamp(this.deps.clock.now()), deletionGracePeriodSeconds: 0 } };
          },
          { preconditions },
        );
        return { object: this.typed(asKube(out)), deleted: false };
      } catch (err) {
        this.fail(err, name, 'delete');
      }
    }
    try {
      return { object: this.typed(asKube(await this.deps.storage.delete(key, { preconditions }))), deleted: true };
    } catch (err) {
      this.fail(err, name, 'delete');
    }
  }

  /**
   * A write outside the strategies (the server's own bookkeeping, e.g. marking a namespace
   * Terminating): `fn` gets the stored object and returns the new one.
   */
  async rawUpdate(namespace: string, name: string, fn: (stored: KubeObject) => KubeObject, preconditions?: Preconditions): Promise<KubeObject> {
    try {
      const out = await this.deps.storage.guaranteedUpdate(this.key(namespace, name), (stored) => fn(asKube(stored)) as unknown as StoredObject, preconditions ? { preconditions } : {});
      return this.typed(asKube(out));
    } catch (err) {
      this.fail(err, name, 'update');
    }
  }

  /** Store.DeleteCollection: deletes what a list with the same options returns; the answer lists what was deleted. */
  async deleteCollection(namespace: string, params: ListParams = {}): Promise<KubeList> {
    const listed = await this.list(namespace, params);
    const items: KubeObject[] = [];
    for (const item of listed.items) {
      try {
        const { object } = await this.delete(item.metadata.namespace ?? '', item.metadata.name ?? '');
        items.push(orderFields(object, undefined));
      } catch (err) {
        // deleted meanwhile: upstream ignores NotFound here
        if ((err as { reason?: string }).reason !== 'NotFound') throw err;
      }
    }
    return { kind: listed.kind, apiVersion: listed.apiVersion, metadata: {}, items };
  }
}
