// `request`: one API request as an identity (`as`), its outcome recorded as a `request.sent`
// trace event and, when `expect` is given, checked. The verb is an HTTP method (`get`, `post`,
// `put`, `patch`, `delete`, as the schema lists them) or the Kubernetes verb that maps to one
// (`list` → GET, `create` → POST, `update` → PUT, `deletecollection` → DELETE); `patch` sends
// a JSON merge patch (application/merge-patch+json, kubectl patch --type=merge).
//
// The outcome is what crossed the wire: the HTTP status and, for an error, the Status reason and
// message the apiserver sent (or the plain-text body); a request that got no HTTP answer (a
// connection refused, a TLS failure) is recorded with status 0, the client's error code as its
// reason and its message. Without `expect` any outcome passes — a 403 is a finding, not a failure.
import { isStatusError } from '@tlsboot/api';
import { kubeletNodeState } from '@tlsboot/kubelet';
import { isTlsbootError, errorMessage } from '@tlsboot/util';
import type { HttpExpectation, SourceLocation, StepBody } from '../../format/types.js';
import { scenarioRegex } from '../../format/regex.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';

type RequestStep = Extract<StepBody, { request: unknown }>['request'];

/** What one request came back with. */
export interface RequestOutcome {
  /** HTTP status; 0 when no HTTP answer came. */
  status: number;
  reason?: string;
  message?: string;
  /** The body of an answer that is not a Status (pods/log text, a JSON object), cut at 4 KiB. */
  body?: string;
}

const methods: Record<string, string> = {
  get: 'GET',
  list: 'GET',
  post: 'POST',
  create: 'POST',
  put: 'PUT',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETE',
};

/** The HTTP method of a step's verb, or undefined when tlsboot does not send it (`watch` streams forever). */
export function methodOf(verb: string): string | undefined {
  return methods[verb.toLowerCase()];
}

/** The outcome of an error thrown by RestClient: the server's Status, or no HTTP answer at all. */
export function outcomeOfError(err: unknown): RequestOutcome {
  if (isStatusError(err)) {
    const outcome: RequestOutcome = { status: err.statusCode };
    if (err.reason) outcome.reason = err.reason;
    if (err.status.message) outcome.message = err.status.message;
    return outcome;
  }
  return { status: 0, ...(isTlsbootError(err) ? { reason: err.code } : {}), message: errorMessage(err) };
}

/** Why `outcome` does not meet `expect`, or undefined when it does. */
export function outcomeMismatch(expect: HttpExpectation, outcome: RequestOutcome): string | undefined {
  const problems: string[] = [];
  const got = (v: unknown): string => (v === undefined ? 'none' : JSON.stringify(v));
  if (expect.status !== undefined && expect.status !== outcome.status) problems.push(`status ${expect.status} expected, got ${outcome.status}`);
  if (expect.reason !== undefined && expect.reason !== outcome.reason) problems.push(`reason ${JSON.stringify(expect.reason)} expected, got ${got(outcome.reason)}`);
  if (expect.message !== undefined) {
    const m = outcome.message;
    const re = scenarioRegex(expect.message);
    const ok = m !== undefined && (re ? re.test(m) : m.includes(expect.message));
    if (!ok) problems.push(`message ${re ? 'matching' : 'containing'} ${JSON.stringify(expect.message)} expected, got ${got(m)}`);
  }
  if (expect.body !== undefined) {
    const b = outcome.body;
    const re = scenarioRegex(expect.body);
    const ok = b !== undefined && (re ? re.test(b) : b.includes(expect.body));
    if (!ok) problems.push(`body ${re ? 'matching' : 'containing'} ${JSON.stringify(expect.body)} expected, got ${got(b === undefined ? undefined : b.slice(0, 200))}`);
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

export async function requestStep(ctx: RunContext, step: RequestStep, source: SourceLocation): Promise<RequestOutcome> {
  const method = methodOf(step.verb);
  if (!method) throw new StepFailure(`request: verb ${JSON.stringify(step.verb)} is not supported: use get, list, post (create), put (update), patch, delete`, source);
  const path = ctx.resolve(step.path);
  let who;
  try {
    who = await ctx.clientFor(step.as, step.to && step.to !== 'kube-apiserver' ? kubeletUrl(ctx, step.to) : undefined);
  } catch (err) {
    throw new StepFailure(`request as ${JSON.stringify(step.as)}: ${errorMessage(err)}`, source);
  }
  let outcome: RequestOutcome;
  try {
    const options = step.body !== undefined ? { body: step.body, ...(method === 'PATCH' ? { contentType: 'application/merge-patch+json' } : {}) } : {};
    const response = await who.client.stream(method, path, options);
    // read the whole answer: a 2xx Status that is not Success is an error too (Result.Into)
    const text = Buffer.from(await response.body.arrayBuffer()).toString('utf8');
    const status = statusFields(text);
    outcome = { status: response.statusCode, ...(status ?? { body: text.slice(0, 4096) }) };
  } catch (err) {
    outcome = outcomeOfError(err);
  } finally {
    await who.close().catch(() => undefined);
  }
  ctx.trace.runner({
    type: 'request.sent',
    step: ctx.step,
    identity: who.label,
    verb: step.verb,
    path,
    status: outcome.status,
    ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
    ...(outcome.message !== undefined ? { message: outcome.message } : {}),
  });
  await ctx.time.settle();
  if (step.expect) {
    const mismatch = outcomeMismatch(step.expect, outcome);
    if (mismatch) throw new StepFailure(`${step.verb} ${path} as ${who.label}: ${mismatch}`, source);
  }
  return outcome;
}

/** The HTTPS URL of a running kubelet's server (`kubelet/<node>`). */
function kubeletUrl(ctx: RunContext, ref: string): string {
  const node = ref.slice('kubelet/'.length);
  const kubelet = ctx.nodes.get(node)?.joined?.kubelet;
  const url = kubelet ? kubeletNodeState(kubelet.context).server?.url : undefined;
  if (!url) throw new Error(`${ref} is not serving (not started, or still bootstrapping)`);
  return url;
}

/** reason and message of a 2xx body that is a Status (a DELETE answers with one); undefined for any other body. */
function statusFields(text: string): Pick<RequestOutcome, 'reason' | 'message'> | undefined {
  try {
    const body = JSON.parse(text) as { kind?: unknown; reason?: unknown; message?: unknown };
    if (body.kind !== 'Status') return undefined;
    return {
      ...(typeof body.reason === 'string' && body.reason ? { reason: body.reason } : {}),
      ...(typeof body.message === 'string' && body.message ? { message: body.message } : {}),
    };
  } catch {
    return undefined;
  }
}
