/**
 * zod's compiled fast path off in the daemon's process, set before any schema is built (main
 * imports this before the configuration and the daemon's modules). zod 4 compiles a parser with
 * `new Function` for each object schema at its first parse, after checking once that eval is
 * allowed; that code is in no code cache, so every start compiled again the fast paths of what it
 * parsed before ready (the devices' counters, the back office's withdrawal list). The daemon
 * parses each answer, message or record once: the interpreted path gives the same results at a
 * cost it does not notice. The configuration's check was already made so (config-issues.ts).
 */
import { z } from 'zod';

z.config({ jitless: true });
