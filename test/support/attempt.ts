// Helpers of the security-invariant tests (issue 9 §5): run a request that is expected to be
// refused and report what came back, so that a test can assert the exact upstream refusal.
import { StatusError } from '@tlsboot/api';

/** What a request ended with: `ok` (a 2xx), or the Status code, reason and message of the refusal. */
export type Outcome = { ok: true; value: unknown } | { ok: false; code: number; reason: string; message: string };

export async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof StatusError) return { ok: false, code: err.statusCode, reason: err.reason, message: err.status.message ?? '' };
    throw err;
  }
}

/** The 129-byte Status every failed authentication gets (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go). */
export const unauthorized = { ok: false, code: 401, reason: 'Unauthorized', message: 'Unauthorized' } as const;

/** A 403 with upstream's sentence (responsewriters.ForbiddenStatusError via authorization/authorizer). */
export function forbidden(message: string): Outcome {
  return { ok: false, code: 403, reason: 'Forbidden', message };
}
