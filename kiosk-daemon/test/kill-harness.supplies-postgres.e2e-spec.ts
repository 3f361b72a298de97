/**
 * The kill harness (`kill-harness.ts`) for field staff's refill and bin emptying (ADR 0022), the
 * daemon's journal on PostgreSQL: the subset on a printer without counters around each act's
 * outcome (left for staff before it, caught up at boot after it); SQLite runs every point of both
 * printers.
 */
import { suppliesUncounted } from './kill-harness-supplies.js';
import { describeKillHarness } from './kill-harness.js';

describeKillHarness('PostgreSQL', 'staff supply acts', [
  { ...suppliesUncounted, only: (p) => /^(before|after):maintenance\.(refill|emptyBin):done$/.test(p) },
]);
