export { TlsbootError, isTlsbootError, errorMessage } from './errors.js';
export { parseDuration, formatDuration, Millisecond, Second, Minute, Hour } from './duration.js';
export type { DurationErrorCode } from './duration.js';
