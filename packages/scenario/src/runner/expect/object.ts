// `object` expectations: GET the object as the cluster admin; `absent: true` expects NotFound;
// `matches` is a partial object (match.ts).
import type { KubeObject } from '@tlsboot/api';
import { isNotFound } from '@tlsboot/api';
import { resourceClient } from '@tlsboot/client';
import type { ExpectationBody } from '../../format/types.js';
import { resourceOf } from '../manifests.js';
import type { RunContext } from '../run-context.js';
import type { ExpectationResult } from './index.js';
import { matchPartial, mismatchText } from './match.js';

export type ObjectExpectation = Extract<ExpectationBody, { object: unknown }>['object'];

export async function checkObject(ctx: RunContext, e: ObjectExpectation): Promise<ExpectationResult> {
  const info = resourceOf(e.apiVersion, e.kind);
  const namespace = info.namespaced ? e.namespace || 'default' : undefined;
  const what = `${e.kind} ${namespace ? `${namespace}/` : ''}${e.name}`;
  let object: KubeObject;
  try {
    object = await resourceClient<KubeObject>(ctx.admin, info, namespace).get(e.name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return e.absent ? { ok: true, message: `${what} is absent` } : { ok: false, message: `${what} not found` };
  }
  if (e.absent) return { ok: false, message: `${what} exists (resourceVersion ${object.metadata?.resourceVersion ?? '?'}), expected it absent` };
  if (e.matches) {
    const m = matchPartial(e.matches, object);
    if (!m.ok) return { ok: false, message: `${what}: ${mismatchText(m)}` };
    return { ok: true, message: `${what} matches` };
  }
  return { ok: true, message: `${what} exists` };
}
