// Raw HTTPS and TLS probes of the security-invariant tests (issue 9 §5): bodies exactly as served
// (whatever the status), TLS handshakes at a chosen protocol version, and this process's
// listening sockets from /proc.
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { request } from 'node:https';
import { connect } from 'node:tls';
import type { SecureVersion } from 'node:tls';

export interface Identity {
  certPem: string;
  keyPem: string;
}

/** One GET with a client certificate; the status and body whatever they are. `ca` undefined: trust whatever the server presents. */
export function rawGet(url: string, path: string, ca: string | undefined, identity: Identity): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  const trust = ca === undefined ? { rejectUnauthorized: false } : { ca };
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET', agent: false, ...trust, cert: identity.certPem, key: identity.keyPem }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A TLS handshake offering only protocol versions up to `max` (down to TLS 1.0, with OpenSSL's
 * security level 0 so that the client really offers them): the protocol agreed, or the error the
 * handshake failed with.
 */
export function handshake(port: number, max: SecureVersion): Promise<{ protocol: string } | { error: string; code: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, minVersion: 'TLSv1', maxVersion: max, ciphers: 'DEFAULT@SECLEVEL=0', rejectUnauthorized: false, servername: 'localhost' });
    socket.once('secureConnect', () => {
      resolve({ protocol: socket.getProtocol() ?? '' });
      socket.destroy();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve({ error: err.message, code: err.code ?? '' }));
  });
}

/** `openssl s_client` with extra flags; its exit code and combined output (stdin closed). */
export function opensslSClient(port: number, flags: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', ...flags], { timeout: 10_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
    child.stdin?.end();
  });
}

export interface Listener {
  family: 'tcp' | 'tcp6';
  address: string;
  port: number;
  inode: string;
}

/** "0100007F" → 127.0.0.1; a tcp6 address in /proc's four little-endian words → its text form (v4-mapped shown as ::ffff:a.b.c.d). */
function decodeAddress(hex: string): string {
  const bytes = (h: string) => Buffer.from(h, 'hex');
  if (hex.length === 8) return [...bytes(hex)].reverse().join('.');
  const words = [0, 1, 2, 3].map((i) => Buffer.from([...bytes(hex.slice(i * 8, i * 8 + 8))].reverse()));
  const all = Buffer.concat(words);
  if (all.subarray(0, 10).every((b) => b === 0) && all[10] === 0xff && all[11] === 0xff) return `::ffff:${[...all.subarray(12)].join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(all.readUInt16BE(i).toString(16));
  return groups.join(':');
}

/** Every TCP socket in LISTEN state (st 0A) owned by this process: /proc/self/net/tcp{,6} matched to the socket inodes of /proc/self/fd. */
export async function ownListeners(): Promise<Listener[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.add(m[1]!);
  }
  const out: Listener[] = [];
  for (const family of ['tcp', 'tcp6'] as const) {
    const text = await readFile(`/proc/self/net/${family}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9]!)) continue;
      const [addr, port] = f[1]!.split(':');
      out.push({ family, address: decodeAddress(addr!), port: parseInt(port!, 16), inode: f[9]! });
    }
  }
  return out;
}

/** `ss -ltnpH` lines that name this process's pid, or undefined when ss is absent. */
export function ssListeners(): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile('ss', ['-ltnpH'], { timeout: 10_000 }, (err, stdout) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(undefined);
      resolve(stdout.split('\n').filter((l) => l.includes(`pid=${process.pid},`)));
    });
  });
}
