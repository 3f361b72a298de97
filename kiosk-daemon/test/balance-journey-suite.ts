/**
 * The balance journey through a real daemon process, the same for every build of the daemon a
 * terminal may start: the tsc output (balance-journey.e2e-spec.ts) and the bundle
 * (bundled-daemon.e2e-spec.ts). The daemon answers /health and /metrics once ready; a resident
 * inserts the card, types the PIN, sees the balance and takes the card; the journal file (WAL)
 * holds the transaction, closed, and its steps in order. Each spec adds its own tests on the same
 * daemon after the journey.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite, type DaemonForSuite } from './daemon-for-suite.js';
import { lastTransactionClosed } from './journal-steps.js';
import type { UiClient } from './ui-client.js';

export const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

/**
 * Describes the balance journey on the daemon started from `entry` (startDaemon's when undefined),
 * then the spec's own tests, which `more` registers in the same describe.
 */
export function describeBalanceJourney(
  title: string,
  entry: string | undefined,
  more: (suite: DaemonForSuite) => void,
): void {
  describe(title, () => {
    const suite = daemonForSuite([], entry === undefined ? {} : { entry });

    it('answers /health and /metrics once ready, with the journal up and the devices open', async () => {
      const health = await fetch(`${suite.daemon.url}/health`);
      expect(health.status).toBe(200);
      const body = (await health.json()) as { status: string; info: Record<string, { status: string }> };
      expect(body.info.journal?.status).toBe('up');
      const metrics = await (await fetch(`${suite.daemon.url}/metrics`)).text();
      expect(metrics).toContain('kiosk_device_up{kind="cardReader"} 1');
    });

    it('shows the balance to a resident who inserts the card and types the PIN, then journals it', async () => {
      await driveBalanceJourney(suite.ui);
      // the journal file holds the transaction, closed before the ended view, and its steps
      await lastTransactionClosed(suite.daemon.journalPath, 'balance');
      expectBalanceJournalled(suite.daemon.journalPath);
    }, 60_000); // a dozen round trips to the daemon, each with a 10 s bound of its own

    more(suite);
  });
}

/** Zhang's balance from the home screen to the card taken, as the touch UI drives it. */
export async function driveBalanceJourney(ui: UiClient): Promise<void> {
  await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
  expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'insertCard');

  expect(await ui.emit('demo.card', { action: 'insert', cardId: zhang.key })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'enterPin');
  for (const key of zhang.cardPin) {
    expect(await ui.emit('demo.pinpad', { key })).toEqual({ ok: true });
  }
  await ui.waitForSession((v) => v?.pin?.entered === 6);
  await ui.emit('demo.pinpad', { key: 'enter' });

  const shown = await ui.waitForSession((v) => v?.step === 'showBalance');
  expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
  expect(shown?.card?.maskedName).toBe('张*明');

  const ended = await ui.finishAndTakeCard();
  expect(ended?.outcome).toBe('completed');
}

/** One balance transaction in the journal file, closed, with the card number masked, and its steps. */
function expectBalanceJournalled(journalPath: string): void {
  const db = new Database(journalPath, { readonly: true, fileMustExist: true });
  try {
    const tx = db.prepare(`SELECT * FROM journal_transaction WHERE journey = 'balance'`).all() as {
      id: string;
      status: string;
      outcome: string;
      maskedCardNumber: string;
    }[];
    expect(tx).toHaveLength(1);
    expect(tx[0]).toMatchObject({
      status: 'closed',
      outcome: 'completed',
      maskedCardNumber: 'H41******101',
    });
    const steps = db
      .prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`)
      .all(tx[0]!.id) as { step: string; phase: string }[];
    // the PIN's outcome owed to the host: journaled with the verdict, its answer whenever it came
    const told = steps.filter((s) => s.step === 'host.pinOutcome').map((s) => s.phase);
    expect(told[0]).toBe('intent');
    expect(
      steps.map((s) => `${s.step}:${s.phase}`).filter((s) => !s.startsWith('host.pinOutcome:done')),
    ).toEqual([
      'card.read:event',
      'pin.verify:event',
      'host.pinOutcome:intent',
      'balance.query:event',
      'card.eject:intent',
      'card.eject:done',
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  } finally {
    db.close();
  }
}
