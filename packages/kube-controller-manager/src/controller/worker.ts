/**
 * The worker half of the queue-driven controllers (kubernetes/kubernetes
 * pkg/controller/certificates/certificate_controller.go and pkg/controller/bootstrap/tokencleaner.go:
 * `worker` and `processNextWorkItem`): pop a key, sync it, forget its backoff on success, requeue
 * it rate-limited on failure, and mark it done either way so the queue may hand it out again.
 */
import type { RateLimitingQueue } from '@tlsboot/client';

/** One key off the queue; false once the queue is shut down. `onError` runs after the key is requeued. */
export async function processNextWorkItem(queue: RateLimitingQueue<string>, sync: (key: string) => Promise<void>, onError: (key: string, err: unknown) => void): Promise<boolean> {
  const key = await queue.get();
  if (key === undefined) return false;
  try {
    await sync(key);
    queue.forget(key);
  } catch (err) {
    queue.addRateLimited(key);
    onError(key, err);
  } finally {
    queue.done(key);
  }
  return true;
}

/** worker (wait.Until): takes work items until `processNext` says the queue is shut down. */
export async function runWorker(processNext: () => Promise<boolean>): Promise<void> {
  while (await processNext()) {
    // next key
  }
}
