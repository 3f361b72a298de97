/**
 * The kill harness (`kill-harness.ts`) for field staff's refill and bin emptying (ADR 0022), the
 * daemon's journal on SQLite: a printer counting its cards, and one without counters.
 */
import { suppliesCounted, suppliesUncounted } from './kill-harness-supplies.js';
import { describeKillHarness } from './kill-harness.js';

describeKillHarness('SQLite', 'staff supply acts', [suppliesCounted, suppliesUncounted]);
