// A watch: one long GET whose chunked body carries one JSON event per line
// (k8s.io/apiserver pkg/endpoints/handlers/watch.go writes them; client-go's
// rest.Request.Watch + watch.StreamWatcher + the JSON framer read them). ERROR events end the
// watch with their Status as a StatusError, as the reflector's watchHandler does with
// apierrors.FromObject; a stream that simply ends ends the iteration, and so does one the
// connection drops (StreamWatcher treats a probable EOF as the end).
import type { KubeObject, WatchEvent } from '@tlsboot/api';
import { statusErrorFromStatus } from '@tlsboot/api';
import { activity } from '@tlsboot/util';
import { ClientError } from './errors.js';
import { asStatus } from './response-errors.js';
import type { RestClient } from './rest-client.js';

/** metav1.ListOptions of a watch request. */
export interface WatchOptions {
  /** Start after this version; '' or absent: synthetic ADDED events for everything first. */
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** The server ends the stream after this long. */
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
}

const eventTypes = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** One framed line to an event; malformed input is RESPONSE_MALFORMED. */
export function decodeWatchEvent<T extends KubeObject>(line: string): WatchEvent<T> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new ClientError('RESPONSE_MALFORMED', `unable to decode an event from the watch stream: ${(err as Error).message}`, { cause: err });
  }
  const o = value as { type?: unknown; object?: unknown } | null;
  if (typeof o !== 'object' || o === null || typeof o.type !== 'string') {
    throw new ClientError('RESPONSE_MALFORMED', 'unable to decode an event from the watch stream: not a watch event');
  }
  // watch.StreamWatcher / metav1 watch event conversion.
  if (!eventTypes.has(o.type)) throw new ClientError('RESPONSE_MALFORMED', `got invalid watch event type: ${o.type}`);
  if (typeof o.object !== 'object' || o.object === null) {
    throw new ClientError('RESPONSE_MALFORMED', `unable to decode an event from the watch stream: ${o.type} event without an object`);
  }
  return o as WatchEvent<T>;
}

/** Socket errors after the stream started: the watch is over (net.IsProbableEOF). */
function isProbableEOF(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'UND_ERR_SOCKET' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'UND_ERR_ABORTED' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (err as { name?: unknown } | null)?.name === 'AbortError'
  );
}

/**
 * Watches `path` (a collection path as resourcePath builds it). Yields each event as it arrives
 * — events split across chunks are joined, several in one chunk are split. The iteration ends
 * when the server ends the stream, when the connection drops, when `signal` aborts, or when the
 * consumer stops; it throws a StatusError for an ERROR event (410 Expired for a resourceVersion
 * that is too old) and for a refused request, a ClientError when no answer came.
 */
export async function* watch<T extends KubeObject = KubeObject>(
  client: RestClient,
  path: string,
  options: WatchOptions = {},
  signal?: AbortSignal,
): AsyncGenerator<WatchEvent<T>, void, undefined> {
  if (signal?.aborted) return;
  let response: Awaited<ReturnType<RestClient['stream']>>;
  try {
    response = await client.stream('GET', path, {
      query: {
        allowWatchBookmarks: options.allowWatchBookmarks ? 'true' : undefined,
        fieldSelector: options.fieldSelector || undefined,
        labelSelector: options.labelSelector || undefined,
        resourceVersion: options.resourceVersion,
        resourceVersionMatch: options.resourceVersionMatch,
        sendInitialEvents: options.sendInitialEvents === undefined ? undefined : String(options.sendInitialEvents),
        timeoutSeconds: options.timeoutSeconds,
        watch: 'true',
      },
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (signal?.aborted) return;
    throw err;
  }
  const body = response.body;
  const onAbort = (): void => {
    body.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let pending: Buffer = Buffer.alloc(0);
  const events: WatchEvent<T>[] = [];
  try {
    const chunks = body[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = (await chunks.next()) as IteratorResult<Buffer>;
      } catch (err) {
        if (signal?.aborted || isProbableEOF(err)) return;
        throw err;
      }
      if (next.done) break;
      // The events of a chunk are work (DESIGN.md "Time") from receipt until the consumer, having
      // run what each one calls synchronously (informer handlers), asks for the next chunk.
      const end = activity.begin();
      try {
        pending = pending.length === 0 ? next.value : Buffer.concat([pending, next.value]);
        let newline: number;
        while ((newline = pending.indexOf(0x0a)) >= 0) {
          const line = pending.subarray(0, newline).toString('utf8').trim();
          pending = pending.subarray(newline + 1);
          if (line !== '') events.push(decodeWatchEvent<T>(line));
        }
        while (events.length > 0) yield checkError(events.shift()!);
      } finally {
        end();
      }
    }
    const tail = pending.toString('utf8').trim();
    if (tail !== '') yield checkError(decodeWatchEvent<T>(tail));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!body.destroyed) body.destroy();
  }
}

function checkError<T extends KubeObject>(event: WatchEvent<T>): WatchEvent<T> {
  if (event.type !== 'ERROR') return event;
  const status = asStatus(event.object);
  if (!status) throw new ClientError('RESPONSE_MALFORMED', `unexpected object in a watch ERROR event: ${JSON.stringify(event.object)}`);
  throw statusErrorFromStatus(status);
}

