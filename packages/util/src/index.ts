export { TlsbootError, isTlsbootError, errorMessage } from './errors.js';
export { parseDuration, formatDuration, Millisecond, Second, Minute, Hour } from './duration.js';
export type { DurationErrorCode } from './duration.js';

export type { Clock, Timer } from './clock.js';
export { setCheckTimer } from './clock.js';
export { RealClock, realClock, maxHostTimerDelayMs } from './real-clock.js';
export type { RealClockHost } from './real-clock.js';
export { VirtualClock, defaultVirtualClockStart } from './virtual-clock.js';
export type { VirtualClockOptions, RunAllOptions, VirtualClockErrorCode, ChecksRun } from './virtual-clock.js';

export { RandomBase, kubernetesRandAlphabet } from './random.js';
export type { Random, RandomErrorCode } from './random.js';
export { SeededRandom, fnv1a32 } from './seeded-random.js';
export { systemRandom } from './system-random.js';

export { Backoff, exponentialBackoff } from './backoff.js';
export type { BackoffParams, ExponentialBackoffOptions, WaitErrorCode } from './backoff.js';

export { median, quantile } from './stats.js';

export { ActivityTracker, activity } from './activity.js';
export type { EndActivity } from './activity.js';
