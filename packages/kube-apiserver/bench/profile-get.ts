/**
 * A small driver for profiling one server's GET path alone (the bench measures both servers and
 * the fan-out, too much for a readable profile): one target on a worker thread, GET of the bench
 * Secret for a while, then requests/s and the server thread's busy and CPU time per request.
 *
 *   node --conditions=tlsboot-source --import tsx packages/kube-apiserver/bench/profile-get.ts [ours|bare] [seconds] [in-flight]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --conditions=tlsboot-source --import tsx packages/kube-apiserver/bench/profile-get.ts ours 10
 *
 * With --cpu-prof every thread writes a profile; the server's is the one whose samples are in
 * src/server/http-server.ts (tsx minifies each module onto one line: map columns back with a
 * source map of the same esbuild transform, or read the function names).
 */
import { getRound } from './get-rate.js';
import { call, connect } from './identity.js';
import { startInWorker, type RunningTarget } from './targets.js';
import { benchSecret, secretPath, secretsPath } from './workload.js';

const which = process.argv[2] ?? 'ours';
const seconds = Number(process.argv[3] ?? 8);
const inFlight = Number(process.argv[4] ?? 1);
if ((which !== 'ours' && which !== 'bare') || !(seconds > 0) || !Number.isInteger(inFlight) || inFlight < 1) {
  process.stderr.write('usage: profile-get.ts [ours|bare] [seconds > 0] [in-flight ≥ 1]\n');
  process.exit(2);
}

const ours = await startInWorker({ kind: 'ours' });
let target: RunningTarget = ours;
try {
  const admin = connect(ours.endpoint, { connections: 1, pipelining: 1 });
  await call(admin, 'POST', secretsPath, benchSecret(), [201]);
  const secret = JSON.parse(await call(admin, 'GET', secretPath)) as unknown;
  await admin.close();
  if (which === 'bare') target = await startInWorker({ kind: 'bare', keySpec: 'ecdsa-p256', body: secret });
  const d = connect(target.endpoint, { connections: 1, pipelining: inFlight });
  await getRound(d, secretPath, inFlight, 1000);
  const before = await target.usage!();
  const round = await getRound(d, secretPath, inFlight, seconds * 1000);
  const after = await target.usage!();
  await d.close();
  const perRequest = (ms: number) => ((ms * 1000) / round.requests).toFixed(1);
  const cpu = before.cpuMs !== undefined && after.cpuMs !== undefined ? `, CPU ${perRequest(after.cpuMs - before.cpuMs)} µs/req` : '';
  process.stdout.write(`${which}: ${Math.round(round.perSec)} req/s over ${seconds} s, ${inFlight} in flight; server busy ${perRequest(after.busyMs - before.busyMs)} µs/req${cpu}\n`);
} finally {
  await Promise.allSettled([ours.close(), target === ours ? undefined : target.close()]);
}
