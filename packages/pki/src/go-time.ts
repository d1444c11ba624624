/**
 * Go's renderings of a time.Time, for messages that must read as upstream's do.
 * `%v` → "2006-01-02 15:04:05 +0000 UTC"; time.RFC3339 → "2006-01-02T15:04:05Z". Times are UTC,
 * as every time in a certificate is.
 */
export function formatGoTime(date: Date): string {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction} +0000 UTC`;
}

export function formatRFC3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
