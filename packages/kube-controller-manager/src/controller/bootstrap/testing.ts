/**
 * Test doubles for the bootstrap controllers (the fake clientset and informer indexers of
 * kubernetes/kubernetes pkg/controller/bootstrap/common_test.go): an informer whose cache the
 * test fills, and a RestClient that records update and delete calls. Not exported by the package.
 */
import { bootstrapTokenIdKey, bootstrapTokenSecretKey, bootstrapTokenSecretPrefix, namespaceSystem, secretTypeBootstrapToken } from '@tlsboot/api';
import type { KubeObject, Secret } from '@tlsboot/api';
import { metaNamespaceKey } from '@tlsboot/client';
import type { Informer, InformerHandlers, RestClient } from '@tlsboot/client';

export class FakeInformer<T extends KubeObject> {
  readonly items = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  addEventHandler(h: InformerHandlers<T>): void {
    this.handlers.push(h);
  }
  async waitForSync(): Promise<void> {}
  get(key: string): T | undefined {
    return this.items.get(key);
  }
  list(): T[] {
    return [...this.items.values()];
  }
  /** GetIndexer().Add: into the cache without events. */
  index(obj: T): void {
    this.items.set(metaNamespaceKey(obj), obj);
  }
  add(obj: T): void {
    this.index(obj);
    for (const h of this.handlers) h.onAdd?.(obj, false);
  }
  update(obj: T): void {
    const old = this.items.get(metaNamespaceKey(obj))!;
    this.index(obj);
    for (const h of this.handlers) h.onUpdate?.(old, obj);
  }
  delete(obj: T): void {
    this.items.delete(metaNamespaceKey(obj));
    for (const h of this.handlers) h.onDelete?.(obj);
  }
  asInformer(): Informer<T> {
    return this as unknown as Informer<T>;
  }
}

export interface Action {
  verb: 'update' | 'delete';
  path: string;
  body?: unknown;
}

/** A RestClient that records what the controllers send; `fail` makes the next call throw. */
export function fakeClient(actions: Action[], fail?: { next?: unknown }): RestClient {
  const take = (): void => {
    if (fail?.next !== undefined) {
      const err = fail.next;
      fail.next = undefined;
      throw err;
    }
  };
  const client = {
    async update(path: string, body: unknown) {
      actions.push({ verb: 'update', path, body: structuredClone(body) });
      take();
      return body;
    },
    async delete(path: string, deleteOptions?: unknown) {
      actions.push({ verb: 'delete', path, ...(deleteOptions !== undefined ? { body: deleteOptions } : {}) });
      take();
      return { kind: 'Status', apiVersion: 'v1', status: 'Success' };
    },
  };
  return client as unknown as RestClient;
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** common_test.go newTokenSecret (+ addSecretExpiration / addSecretSigningUsage through `extra`). */
export function newTokenSecret(tokenId: string, tokenSecret: string, extra: Record<string, string> = {}, uid?: string): Secret {
  const data: Record<string, string> = { [bootstrapTokenIdKey]: b64(tokenId), [bootstrapTokenSecretKey]: b64(tokenSecret) };
  for (const [k, v] of Object.entries(extra)) data[k] = b64(v);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace: namespaceSystem, name: bootstrapTokenSecretPrefix + tokenId, resourceVersion: '1', ...(uid ? { uid } : {}) },
    type: secretTypeBootstrapToken,
    data,
  };
}

/** Lets promise chains and the queue settle (no timers move). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}
