/**
 * The fault: a log-out (or a return to service, or the visit's time running out) waits for the
 * supply acts handed in before it (each bounded by `timeouts.supplyActMs`, ADR 0022), and an act
 * handed in while it waited was taken: it was not waited for, so the visit's transaction was closed
 * under it, and when its device did not answer in time the act was left for staff in a closed
 * transaction, listed nowhere: lost to staff and to the reconciliation. Now the visit takes no act
 * once it is ending: one handed in meanwhile is refused (STAFF_NOT_LOGGED_IN), nothing journaled,
 * the device never told. Against the real journal (SQLite in a temp folder) and the real
 * maintenance services; a dispenser that answers when the spec says and a receipt printer that
 * never answers.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { setImmediate as tick } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../journal/journal.service.js';
import {
  closeCashJournal,
  kiosk,
  openCashJournal,
  SilentDispenser,
  silentPrinter,
} from './supply-act-cut-off.spec-support.js';
import { undecidedSupplyActs } from './supply-act-recovery.js';

const CASH = {
  device: 'cashDispenser',
  supply: 'cassette:upper',
  added: 20,
  denominationFen: 10_000,
} as const;
const PAPER = { device: 'receiptPrinter', supply: 'paper', added: 2, countedBefore: 1 } as const;
/** long enough that the dispenser, told to answer, always answers within it, even on a loaded machine */
const BOUND_MS = 5_000;

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  ({ dir, db, journal } = await openCashJournal('supply-act-while-logging-out-'));
});

afterEach(() => closeCashJournal({ db, dir }));

/** A supervisor's kiosk: the dispenser answers when told (`lcdm.answer`), the printer never. */
function world() {
  const lcdm = new SilentDispenser(true);
  const told = { dispenser: false, printer: false };
  const refill = lcdm.refillSupply.bind(lcdm);
  lcdm.refillSupply = (supply: string, added: number) => {
    told.dispenser = true;
    return refill(supply, added);
  };
  const kioskWorld = kiosk({ journal, dir }, lcdm, BOUND_MS);
  (kioskWorld.devices as unknown as Record<string, unknown>)['receiptPrinter'] = {
    ...silentPrinter,
    refillSupply: () => {
      told.printer = true;
      return silentPrinter.refillSupply();
    },
  };
  /** the cash refill handed in, once the dispenser is told */
  const cashAtDispenser = async (token: string) => {
    told.dispenser = false;
    const cash = kioskWorld.supplies.refill(token, CASH);
    for (let i = 0; i < 10_000 && !told.dispenser; i += 1) await tick();
    expect(told.dispenser).toBe(true);
    return { cash }; // not awaited here: it ends once the dispenser answers
  };
  return { ...kioskWorld, lcdm, told, cashAtDispenser };
}

describe('fault: a supply act handed in while the visit ends is taken and lost', () => {
  it('refused while the log-out waits for an act before it: nothing journaled, the printer never told', async () => {
    const kiosk = world();
    const token = await kiosk.logIn('FS-0002');
    const [visit] = (await journal.openTransactions()).map((t) => t.id);
    const { cash } = await kiosk.cashAtDispenser(token);

    // staff log out while the dispenser works; another screen hands in a paper refill meanwhile
    const loggedOut = kiosk.maintenance.logOut(token);
    const paperRefused = expect(kiosk.supplies.refill(token, PAPER)).rejects.toMatchObject({
      code: 'STAFF_NOT_LOGGED_IN',
    });
    kiosk.lcdm.answer();
    await expect(cash).resolves.toMatchObject({ supply: CASH.supply, quantity: 20 });
    await loggedOut;
    await paperRefused;

    expect(kiosk.told.printer).toBe(false);
    const refills = (await journal.stepsOf(visit!)).filter((s) => s.step === 'maintenance.refill');
    expect(refills.map((s) => s.phase)).toEqual(['intent', 'done']);
    expect(await journal.openTransactions()).toEqual([]);
    expect(await undecidedSupplyActs(journal)).toEqual([]);
  });

  it('the next visit takes acts again', async () => {
    const kiosk = world();
    await kiosk.maintenance.logOut(await kiosk.logIn('FS-0002'));
    const token = await kiosk.logIn('FS-0002');
    const { cash } = await kiosk.cashAtDispenser(token);
    kiosk.lcdm.answer();
    await expect(cash).resolves.toMatchObject({ supply: CASH.supply, quantity: 20 });
    await kiosk.maintenance.logOut(token);
  });
});
