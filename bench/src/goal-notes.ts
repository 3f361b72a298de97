/**
 * What RESULTS.md says when an issue-3 goal is not met: where the time goes and what is left to
 * try. The figures here were found by profiling (node --cpu-prof, per-phase timing, per-import CPU
 * time, trial builds) on 2026-11-27, not in the run that writes the file; the run's own numbers
 * are in the tables above them.
 */

/** Always printed under the start-up table: what the bundle changes and where the time goes. */
export const STARTUP_NOTES: readonly string[] = [
  '### What the bundle changes',
  '',
  "The tsc output makes Node 20's loaders find, read, compile and link about 1,400 files before the daemon can start: its",
  "rooms' 232 ES modules, zod's 95, some 400 of Nest and some 600 CommonJS files (TypeORM 295, prom-client with",
  '@opentelemetry/api 83, yaml 72, the socket.io stack about 70, pino 30). The bundle is a handful of files: the entry, one',
  'boot chunk with everything a start needs (the rooms, Nest, TypeORM, socket.io, pino, prom-client, zod, yaml, xstate),',
  'and lazy chunks for what a start may not need (the host simulator with Fastify, loaded only when the host is embedded).',
  'Native addons (better-sqlite3, pcsclite, the serial port and pseudo-terminal bindings, the canvas) and optional roads',
  '(`pg` for a PostgreSQL journal, `mqtt` for the fleet link) load from node_modules; the build stops when a bundled file',
  'would read a file beside itself, which would fail only on the terminal. The same bundler halves the empty app too: the',
  'finding and linking of files was most of both starts.',
  '',
];

/** Printed when the start-up goal is not met in the run. */
export const STARTUP_GAP: readonly string[] = [
  '### Why the start-up ratio is above 1.3×',
  '',
  "Like with like, what is left above the empty app is the daemon's own work before it may serve a resident. Profiled",
  '(node --cpu-prof, both bundles, a load of about 0.3), the main thread until ready: the empty app about 160 ms (its 2.2 MB',
  'of Nest and Express compiled about 40 ms, Nest starting); the daemon about 650 ms: compiling its 5.4 MB boot chunk about',
  "150 ms (TypeORM is 2.9 MB of the sources), TypeORM's module bodies about 90 ms, the configuration read and checked 30 ms,",
  "recovery's first call to the host 25 ms (Node's fetch loads then), then Nest wiring a dozen modules, the journal opened",
  'and migrated, every emulator opened and self-tested (printers over TCP, dispenser and ID reader over pseudo-terminals), the',
  'gateway bound, the metrics registered. 1.3× of the bundled empty app leaves some 70 ms for all of that; of the tsc output,',
  'some 150 ms. The ID-card emulators drew every demo portrait at import (about 20 ms): they now draw one when first read.',
  "Since then the bundle's TypeORM knows only the journal's two drivers (its factory required all eighteen at load): the boot",
  'chunk is 4.7 MB, and the daemon used about 90 ms less CPU to ready in an interleaved trial (600 against 690 ms); the',
  'empty app is untouched by it, so the ratio moved by about as much as the load of the day moves it.',
  '',
  'Measured and not shipped: a V8 code cache. Built as CommonJS by the same bundler (dynamic imports become requires:',
  'Node 20.20 requires ES modules without a flag) and compiled through `vm.Script` with cached data written by a first',
  'run, the daemon started in 335 ms against 519 ms as shipped, the empty app built and started the same way in 129 ms',
  'against 196 ms (7 interleaved rounds on 2026-11-27): the cache takes both sides down alike, the ratio moves from 2.65× to',
  '2.60×. It is a start-up gain for a terminal, not a lever for the goal; it is not shipped because the loader has to',
  "replace Node's CommonJS compile step and key the cache by the bundle's content (V8 checks only the source's length),",
  "which Node 22's `module.enableCompileCache()` does for us. What would move the ratio is less work at boot: the",
  "journal's boot reads and migrations without TypeORM (which the issue asks for), or fewer rooms started before ready.",
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
