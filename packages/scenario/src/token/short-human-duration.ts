/**
 * duration.ShortHumanDuration (k8s.io/apimachinery/pkg/util/duration/duration.go): the TTL column
 * of `kubeadm token list` — `45s`, `59m`, `23h`, `364d`, `2y`; up to a second in the past is
 * `0s` ("almost now"), further back `<invalid>`.
 */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)}y`;
}
