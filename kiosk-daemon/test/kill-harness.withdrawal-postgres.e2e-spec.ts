/**
 * The kill harness (`kill-harness.ts`) for withdrawals, the daemon's journal on PostgreSQL: the cash
 * taken, and the cash left at the slot (retracted, the hold reversed).
 */
import { withdrawal, withdrawalNotTaken } from './kill-harness-withdrawal.js';
import { describeKillHarness } from './kill-harness.js';

describeKillHarness('PostgreSQL', 'withdrawal', [withdrawal, withdrawalNotTaken]);
