/**
 * Fault: a card boot recovery could not capture stopped recovery. The real daemon killed in a
 * withdrawal right after journaling its dispense (`journal.crashAt=after:cash.dispense:intent`), the
 * resident's card inside the emulated reader, whose capture bin filled up while the kiosk was down
 * (`card-reader.json` beside the journal). At the next boot the capture was refused (DEVICE_BIN_FULL)
 * and recovery threw there: the withdrawal stayed open, the host (its own process) kept holding the
 * 200 yuan, the kiosk out of service for staff. Now the card is accounted for and kept in the reader
 * (`card.unaccounted`, masked, for staff; the card journeys held back) and the withdrawal is settled
 * at the host once, from the journal and the dispenser as any cut-short withdrawal is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_RESIDENTS, maskCardNumber } from '@kiosk/domain';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import {
  journalRows,
  latestTransaction,
  startRecoveryWorld,
  transactionSteps,
  withdrawalsAtHost,
  type RecoveryWorld,
} from './recovery-world.js';
import { UiClient } from './ui-client.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('a withdrawal cut short with its card inside and the capture bin full', () => {
  let world: RecoveryWorld;

  beforeAll(async () => {
    world = await startRecoveryWorld({ dirPrefix: 'kiosk-withdrawal-card-not-captured-' });
  }, 30_000);

  afterAll(async () => {
    await world?.dispose();
  });

  const atHost = (transactionId: string) => withdrawalsAtHost(world, transactionId);

  const readerState = () =>
    JSON.parse(readFileSync(join(world.dir, 'card-reader.json'), 'utf8')) as Record<string, unknown>;

  it('card not captured at boot: the withdrawal still settled at the host once, the card kept in the reader for staff', async () => {
    const first = await startDaemon(
      [...world.args, '--set', 'journal.crashAt=after:cash.dispense:intent'],
      daemonStart(world.dir),
    );
    const ui = new UiClient(first.url);
    await ui.connected();
    await ui.startWithCardAndPin('withdraw', li.key, li.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    await ui.waitForSession((v) => v?.step === 'chooseAmount');
    void ui.emit('session.amount', { amountFen: 20_000 }).catch(() => undefined);
    expect((await first.ended).signal).toBe('SIGKILL');
    ui.close();
    const withdrawal = latestTransaction(world.dir, 'withdraw');
    expect(await atHost(withdrawal)).toMatchObject([{ status: 'authorised', heldFen: 20_000 }]);
    expect(readerState()).toMatchObject({ position: 'inReader', cardId: li.key });
    // the capture bin filled up while the kiosk was down (50 cards, its capacity)
    writeFileSync(
      join(world.dir, 'card-reader.json'),
      JSON.stringify({ ...readerState(), captureBinCount: 50 }),
    );

    const second = await startDaemon(world.args, daemonStart(world.dir));
    const ui2 = new UiClient(second.url);
    try {
      await ui2.connected();
      const kiosk = await ui2.waitForKiosk((k) => k.mode !== 'booting' && k.mode !== 'selfTest', 20_000);
      expect(kiosk).toMatchObject({ mode: 'degraded', reason: 'CARD_LEFT_IN_READER' });
      expect(kiosk.journeysOffered).not.toContain('withdraw');
      // the money: nothing left the cassettes, the hold reversed once; the transaction closed
      expect(await atHost(withdrawal)).toMatchObject([
        { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: 20_000 },
      ]);
      const steps = transactionSteps(world.dir, withdrawal);
      expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
      expect(
        journalRows(world.dir, `SELECT status, outcome FROM journal_transaction WHERE id = ?`, withdrawal),
      ).toEqual([{ status: 'closed', outcome: 'interrupted' }]);
      // the card: accounted for where it is, masked, for staff; still in the reader
      expect(steps).toEqual(
        expect.arrayContaining([
          'recovery.card.retract:intent',
          'recovery.card.retract:failed',
          'card.unaccounted:event',
        ]),
      );
      const [unaccounted] = journalRows<{ detail: string }>(
        world.dir,
        `SELECT detail FROM journal_step WHERE transactionId = ? AND step = 'card.unaccounted'`,
        withdrawal,
      );
      expect(JSON.parse(unaccounted!.detail)).toEqual({
        after: 'retract',
        readerSays: 'inReader',
        code: 'DEVICE_BIN_FULL',
        card: maskCardNumber(li.cardNumber),
        forStaff: true,
      });
      expect(readerState()).toMatchObject({ position: 'inReader', cardId: li.key });
    } finally {
      ui2.close();
      expect(await second.stop()).toBe(0);
    }
  }, 120_000);
});
