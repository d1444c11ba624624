// The path of a request to the kubelet's server, as Go's net/http reads the request-target
// (net/http/request.go readRequest → url.ParseRequestURI; pkg/kubelet/server/server.go routes on
// the URL's path): an origin-form target ("/pods?x", "//") is a path as it stands — "//" is the
// path "//", not a scheme-relative URL with an empty host — and an absolute-form target
// ("https://host/pods") gives its path. Never throws: a target no URL parser takes keeps its text
// up to the query.

export function requestPath(target: string | undefined): string {
  const raw = target ?? '/';
  const beforeQuery = raw.split(/[?#]/, 1)[0]!;
  try {
    // the fixed origin in front keeps "//x/y" a path (with new URL(target, base) it would name host x)
    if (raw.startsWith('/')) return new URL(`https://kubelet${beforeQuery}`).pathname;
    return new URL(raw).pathname;
  } catch {
    return beforeQuery;
  }
}
