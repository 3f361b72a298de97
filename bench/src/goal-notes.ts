/**
 * What RESULTS.md says when an issue-3 goal is not met: where the time goes and what is left to
 * try. The figures here were found by profiling (node --cpu-prof, per-import CPU time, per-query
 * timing) on 2026-11-27, not in the run that writes the file; the run's own numbers are in the
 * tables above them.
 */

export const STARTUP_GAP: readonly string[] = [
  '### Why the start-up ratio is above 1.3×',
  '',
  'The empty app is Node with Nest core, common and Express: about 440 ES modules and 400 CommonJS files. At ready the',
  'daemon has loaded about 850 ES modules and 1,000 CommonJS files, and it needs them before it can serve a resident.',
  'CPU time of each import on top of Nest (median of 5, found by profiling on a busy machine): TypeORM about 120 ms (300',
  'files, loaded through require; an ES import cost 200 ms, Node 20 reading its re-exports again), the device drivers 80',
  "ms, the daemon's own modules 65–120 ms, the socket.io stack 70 ms, zod 65 ms (95 files, 64 of them the locales its",
  'index re-exports), the state machines with xstate 40 ms, prom-client 30 ms (it requires @opentelemetry/api), yaml and',
  'the config 45 ms, terminus 15 ms, pino 15 ms. Then the Nest modules start: the journal opens and runs its',
  'migrations, every device is opened and self-tested (the printers over TCP, the cash dispenser and ID reader over',
  'pseudo-terminals), the gateway binds. What the daemon does not need at boot loads on first use: the receipt canvas',
  'binding (27 MB resident), the host simulator with Fastify (only when the host is embedded), mqtt (only when a fleet',
  'link starts); lint keeps them, and ES imports of TypeORM, out of the boot graph.',
  '',
  'Wall time follows the CPU column more than anything else: on a busy machine both programs wait for the cores, and',
  'the daemon has a little over twice the work of the empty app.',
  '',
  "Left to try: the rooms' own ~200 modules bundled into one file took some 150 ms of CPU off (9 %) in a trial, not enough",
  'for 1.3× by itself; fewer zod locales would need a change upstream.',
  '',
];

export const JOURNEY_GAP: readonly string[] = [
  '### Why p99 is above 50 ms',
  '',
  'A balance journey makes 8 durable journal commits (open, 5 steps, masked card number, close), each one WAL sync on a',
  'disk that other test runs share, and about 10 ms of CPU on two cores that are shared too; a slow journey is one that',
  'met slow syncs, a busy CPU or a full GC. On a quiet machine the same bench gave p50 13–17 ms and p99 32–38 ms',
  '(earlier on 2026-11-27, in instrumented runs). Left in the product, found by profiling: a journey allocates about 2.5 MB, and 1.3 MB of it, with',
  'some 3 ms of CPU, is the session machine and its five journey machines built anew (`machine.provide`) for every',
  'session, their transitions then formatted again by xstate: provided once per daemon with the session in their input,',
  'they would allocate about half as much. The masked card number and the card-read step, and the last step and the close, could',
  'each share one commit (two syncs less per journey).',
  '',
];
