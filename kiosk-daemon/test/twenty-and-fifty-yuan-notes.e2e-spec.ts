/**
 * RULES.md "Balance, records and withdrawal": the amount is a multiple of the smallest note loaded.
 * A kiosk loaded with 50- and 20-yuan notes, where the smallest note does not divide the larger:
 * amounts are offered and accepted in 20-yuan steps only (50 and 70 yuan, though the notes would
 * make them, are refused WITHDRAWAL_NOT_NOTE_MULTIPLE before the host), and an amount a greedy
 * pass cannot make (60 yuan: a 50 leaves 10) is paid exactly, as three 20s, by the dispenser.
 * When the 20s are gone, the smallest note loaded is the 50 and the steps are 50 yuan.
 *
 * The built daemon with the emulated dispenser and the embedded back office.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalSteps } from './journal-steps.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const YUAN = 100;

describe('notes of 50 and 20 yuan: amounts in steps of the smallest note, paid by an exact mix', () => {
  const suite = daemonForSuite([
    '--set',
    'devices.cashDispenser.cassettes=[{denominationFen: 5000, count: 10}, {denominationFen: 2000, count: 3}]',
  ]);

  /** the notes left in each cassette, as the journal last recorded the dispenser */
  function notesLeft(): number[] {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const row = db
        .prepare(`SELECT counters FROM device_counters WHERE kind = 'cashDispenser' ORDER BY id DESC LIMIT 1`)
        .get() as { counters: string } | undefined;
      const counters = JSON.parse(row?.counters ?? '{}') as {
        cassettes?: { denominationFen: number; notes: number }[];
      };
      return (counters.cassettes ?? []).map((c) => c.notes);
    } finally {
      db.close();
    }
  }

  async function toAmounts() {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
    await ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    const choose = await ui.waitForSession(
      (v) =>
        v?.step === 'chooseAmount' && v.details?.kind === 'withdraw' && v.details.balanceFen !== undefined,
    );
    return choose?.details?.kind === 'withdraw' ? choose.details : undefined;
  }

  async function refusalOf(amountFen: number): Promise<string | undefined> {
    const { ui } = suite;
    await ui.emit('session.amount', { amountFen });
    const refused = await ui.waitForSession((v) => v?.error?.code !== undefined);
    expect(refused?.step).toBe('chooseAmount');
    return refused?.error?.code;
  }

  it('offers and accepts 20-yuan steps, refuses 50 and 70, pays 60 as three 20s; then 50-yuan steps', async () => {
    const { ui } = suite;
    const details = await toAmounts();
    expect(details?.noteFen).toBe(20 * YUAN);
    const offered = (details?.amountsFen ?? []).map((fen) => fen / YUAN);
    // 3 notes of 20 and 10 of 50: every 20-yuan step the notes make, up to the 500-yuan cap
    expect(offered.every((yuan) => yuan % 20 === 0)).toBe(true);
    expect(offered).toEqual(expect.arrayContaining([20, 40, 60, 100, 160, 500]));
    expect(offered).not.toContain(80); // four 20s, or a 50 and 30: not with three 20s
    expect(await refusalOf(50 * YUAN)).toBe('WITHDRAWAL_NOT_NOTE_MULTIPLE');
    expect(await refusalOf(70 * YUAN)).toBe('WITHDRAWAL_NOT_NOTE_MULTIPLE');
    expect(await refusalOf(80 * YUAN)).toBe('CASH_AMOUNT_NOT_PAYABLE');
    expect(journalSteps(suite.daemon.journalPath, 'withdraw')).not.toContain('withdrawal.authorise:intent');

    await ui.emit('session.amount', { amountFen: 60 * YUAN });
    await ui.waitForSession((v) => v?.step === 'takeCash');
    const atSlot = await ui.waitForDemo((d) => d.cash?.atSlot === true);
    expect(atSlot.cash?.amountFen).toBe(60 * YUAN);
    expect(notesLeft()).toEqual([10, 0]);
    await ui.emit('demo.cash', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney');
    if (ui.session?.step === 'cashWithdrawn') {
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await ui.finishAndTakeCard();

    // the 20s are gone: the smallest note loaded is the 50
    const next = await toAmounts();
    expect(next?.noteFen).toBe(50 * YUAN);
    expect(next?.amountsFen?.map((fen) => fen / YUAN)).toEqual([
      50, 100, 150, 200, 250, 300, 350, 400, 450, 500,
    ]);
    await ui.emit('session.command', { command: 'cancel' });
    await ui.waitForSession((v) => v?.step === 'takeCard');
    await ui.emit('demo.card', { action: 'take' });
    await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
  }, 90_000);
});
