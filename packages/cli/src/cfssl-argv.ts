/**
 * cfssl's flags are Go `flag` package flags: one dash, `-ca=ca.pem` or `-ca ca.pem`, and
 * boolean flags as `-initca` or `-initca=true` (cmd/cfssl/cli/config.go). Commander reads
 * `-ca` as the short flags -c -a, so cfssl's spellings are rewritten to long options before
 * parsing; everything else passes through unchanged, and nothing after `--` is touched.
 */
const valueFlags = new Set(['ca', 'ca-key', 'config', 'profile', 'cert', 'csr', 'hostname', 'bare']);
const boolFlags = new Set(['initca']);

/** Go's strconv.ParseBool, which the flag package uses for `-flag=value`. */
function goBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

export function normalizeCfsslArgv(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const m = /^--?([a-z][a-z-]*)(?:=([\s\S]*))?$/.exec(arg);
    const name = m?.[1];
    if (m && name !== undefined && valueFlags.has(name) && !arg.startsWith('--')) {
      out.push(`-${arg}`);
    } else if (m && name !== undefined && boolFlags.has(name)) {
      const value = m[2];
      const parsed = value === undefined ? true : goBool(value);
      if (parsed === true) out.push(`--${name}`);
      else if (parsed === undefined) out.push(`--${name}=${value}`); // commander reports it
    } else {
      out.push(arg);
    }
  }
  return out;
}
