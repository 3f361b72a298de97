/**
 * What RESULTS.md says when an issue-3 goal is not met: where the time goes and what is left to
 * try. The figures here were found by profiling (node --cpu-prof, per-phase timing, per-import CPU
 * time, trial builds) on 2026-11-27, not in the run that writes the file; the run's own numbers
 * are in the tables above them.
 */

export const STARTUP_GAP: readonly string[] = [
  '### Why the start-up ratio is above 1.3×',
  '',
  'Where the time goes, from timing marks in one start at a load of about 1 (ms from spawn): Node and `reflect-metadata` 80–120,',
  "Nest's own modules 545 (the empty app's load too: about 400 ES modules of @nestjs/core, common and platform-express), then",
  "what only the daemon has: the config room 95 and the daemon's module graph 400 (its rooms' 232 ES modules, zod's 95, terminus",
  'and websockets 81, and some 600 CommonJS files: TypeORM 295, yaml 72, prom-client with @opentelemetry/api 83, the',
  'socket.io stack about 70, pino 30), the configuration read and checked 30, and Nest starting the modules 415 (that start',
  "had the host simulator inside; the empty app's create and listen took 240): the journal opened and migrated, every device",
  'emulator opened and self-tested (printers over TCP, cash dispenser and ID reader over pseudo-terminals), recovery (which',
  "asks the host for held withdrawals: Node's fetch loads on that first call, about 35 ms of CPU), the gateway bound. In CPU",
  'the daemon does about twice the work of the empty app, and wall time follows the CPU column: on a busy machine both wait',
  'for the cores. In Node 20 most of the loading is the ES module loader (resolve, read, compile and link of each file), not',
  "the modules' own code.",
  '',
  'The comparison is like with like: the same Node binary with no flags, one program file each, the same ready line on',
  'stdout, started in turn in the same rounds. If anything it is hard on the daemon, whose test profile runs the device',
  "emulators (on a terminal: hardware) inside its process. The daemon's work is needed before a resident can be served;",
  'what it does not need at boot loads on first use: the receipt canvas binding (27 MB resident), the host simulator with',
  'Fastify (only when the host is embedded), mqtt (only when a fleet link starts); lint keeps them, and ES imports of',
  'TypeORM, out of the boot graph.',
  '',
  "The bundled entry (the table's second daemon row, `npm run build:bundle -w @kiosk/kiosk-daemon`, built by the root build) is",
  "the largest lever found: its CPU to ready is about a fifth below the tsc output's (1780–1840 → 1400–1430 ms, 2.42× → 1.84–1.88× of the",
  "same run's empty app, two sets of 3 runs at loads of 4–9 on 2 cores), wall time follows less closely on a busy machine. It loads the rooms,",
  "zod, yaml and xstate as one file; what it leaves is what both entries share with or add to the baseline: Nest's ES modules",
  '(the same in both), some 600 CommonJS files of the packages left outside (TypeORM, prom-client, socket.io, pino; native',
  'addons and lazy loads must stay outside), and the start work above. Tried on top, measured, not shipped: a V8 code cache',
  'for the CommonJS files (a require hook as v8-compile-cache does; `module.enableCompileCache` is not in Node 20) took',
  '80–90 ms of CPU off either entry (about 5 %) in one interleaved run of 5 rounds, and would need a writable cache folder on',
  'the terminal. Node 20 has no compile cache for ES modules, and a start-up snapshot needs a Node flag, which would make',
  'the comparison unfair. 1.3× would need the daemon ready in about 0.3× of the empty app beyond it (some 250 ms here) for',
  'its extra packages plus the self-test: with the bundle, the start work itself (journal, emulators, recovery) is the',
  'larger part left.',
  '',
];

export const JOURNEY_GAP: readonly string[] = [
  '### Why p99 is above 50 ms',
  '',
  'A balance journey makes 6 durable journal commits (open; the card read with its masked number and sealed values; PIN',
  "verify; balance; the eject's intent; its done with the close), each one WAL sync on a disk that other test runs share.",
  'better-sqlite3 writes synchronously, so a slow sync stops the event loop for its length: profiled at a load of 14, the',
  "journal's writes were most of a journey's time. The session machine and its journey machines are provided once per",
  'daemon (a journey used to build six machines anew): in an A/B run at a load of 11 the journeys of the same count ran',
  'with about 40 % fewer garbage collections (37–39 → 21–24) and less CPU. On a quiet machine the journey took p50 13–17 ms',
  'and p99 32–38 ms before these changes; a p99 above 50 ms is a run that met slow syncs, a busy CPU or a long GC.',
  '',
];
