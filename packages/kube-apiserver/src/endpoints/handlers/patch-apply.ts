/**
 * Applying a PATCH body to the stored object's JSON (handlers/patch.go): RFC 6902 JSON patch
 * (application/json-patch+json, via fast-json-patch), RFC 7386 JSON merge patch
 * (application/merge-patch+json), and strategic merge patch (application/strategic-merge-patch+json)
 * treated as a JSON merge patch with its `$`-directives dropped.
 *
 * Simplification: a real strategic merge patch merges lists that have a patch merge key (e.g.
 * containers by name) element by element and honours `$patch`, `$retainKeys`,
 * `$setElementOrder`, `$deleteFromPrimitiveList`; here such lists are replaced whole. For the
 * simple types tlsboot serves (maps of strings, conditions set by one writer) the results agree.
 */
import { newBadRequest } from '@tlsboot/api';
import jsonpatch from 'fast-json-patch';
import { goJSONError, nestingDepthError } from './decode.js';
import { newPatchRejected } from './generic-errors.js';
import type { PatchType } from './negotiation.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 MergePatch: objects merge recursively, null deletes, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

/** Drops strategic-merge directives (`$patch`, `$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`). */
export function stripDirectives(patch: Json): Json {
  if (Array.isArray(patch)) return patch.filter((e) => !(isObject(e) && e['$patch'] === 'delete')).map(stripDirectives);
  if (!isObject(patch)) return patch;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(patch)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}

function parsePatch(body: Buffer): Json {
  const text = body.toString('utf8');
  const tooDeep = nestingDepthError(text);
  if (tooDeep !== undefined) throw newBadRequest(`error decoding patch: ${tooDeep}`);
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    throw newBadRequest(`error decoding patch: ${goJSONError(text, err)}`);
  }
}

/** The patched object; 400 for a body that does not parse, 422 for a JSON patch that does not apply. */
export function applyPatch(type: PatchType, current: Record<string, unknown>, body: Buffer): Record<string, unknown> {
  const patch = parsePatch(body);
  let result: Json;
  if (type === 'application/json-patch+json') {
    if (!Array.isArray(patch)) throw newBadRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    try {
      result = jsonpatch.applyPatch(structuredClone(current) as Json, patch as unknown as jsonpatch.Operation[], true, true).newDocument as Json;
    } catch {
      throw newPatchRejected();
    }
  } else {
    if (!isObject(patch)) throw newBadRequest(`error decoding patch: json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
    result = mergePatch(current as Json, type === 'application/strategic-merge-patch+json' ? stripDirectives(patch) : patch);
  }
  if (!isObject(result)) throw newPatchRejected();
  return result;
}
