// Go's wording for operating-system errors (os.PathError: "<op> <path>: <description>"), so
// messages that client-go builds around them read the same here.

const descriptions: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'file exists',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
};

/** `open /x: no such file or directory` for a Node fs error about `path`. */
export function goPathError(op: string, path: string, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const description = typeof code === 'string' ? descriptions[code] : undefined;
  return `${op} ${path}: ${description ?? (err instanceof Error ? err.message : String(err))}`;
}
