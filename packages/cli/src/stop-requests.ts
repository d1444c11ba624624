import type { StopRequests } from './io.js';

/**
 * Stop requests from the process: the first SIGINT (Ctrl-C) or SIGTERM aborts `signal`, its
 * reason the signal name. Once stopping, a second Ctrl-C ends the process the default way (the
 * SIGINT handler is gone), while a repeated SIGTERM is ignored: a process manager may signal the
 * whole process group and the bin's launcher pass the same SIGTERM on.
 */
export function processStopRequests(): StopRequests {
  const controller = new AbortController();
  const stop = (name: NodeJS.Signals): void => {
    process.off('SIGINT', onInterrupt);
    controller.abort(name);
  };
  const onInterrupt = (): void => stop('SIGINT');
  const onTerminate = (): void => stop('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
    },
  };
}

/** Stop requests from a caller's AbortSignal (tests, in-process use). */
export function signalStopRequests(signal: AbortSignal): StopRequests {
  return { signal, release() {} };
}
