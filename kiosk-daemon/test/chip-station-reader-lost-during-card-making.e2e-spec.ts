/**
 * The fault, on the real PC/SC stack: the card printer's chip station reader lost while a resident
 * pays the replacement fee by QR code. The offer was withdrawn for the next resident, but this
 * one's card making still took a blank to the station, whose encoding failed: a blank spoiled for
 * nothing, the resident waiting for a card that could not be made. Now the daemon looks at the
 * station before the card number is ordered (and again right before the feed): no number is
 * reserved to be voided, no blank leaves the hopper, the decision is journaled, the session
 * ends DEVICE_OFFLINE with the fee kept with the application, and the reader back brings card
 * making back. The daemon runs on pcscd (a child of this test) with vpcd's two slots, the chip
 * station on the second; the readers go when pcscd comes back without them.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { describeOnPcscd } from './daemon-on-pcscd.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!; // a card to replace, the fee due

interface Step {
  step: string;
  phase: string;
  detail: string | null;
}

const printerState = (k: { devices: readonly { kind: string; device: string }[] }) =>
  k.devices.find((d) => d.kind === 'cardPrinter')?.device;

describeOnPcscd(
  'chip station reader lost during card making, on pcscd',
  // the other PC/SC suites take pcscd in turn: wait for them
  { lockTimeoutMs: 420_000 },
  (suite) => {
    function lastReplacement(): { errorCode: string | null; steps: Step[] } {
      const db = new Database(suite.daemon.journalPath, { readonly: true });
      try {
        const tx = db
          .prepare(
            `SELECT id, errorCode FROM journal_transaction WHERE journey = 'replaceCard' ORDER BY serial DESC LIMIT 1`,
          )
          .get() as { id: string; errorCode: string | null };
        const steps = db
          .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
          .all(tx.id) as Step[];
        return { errorCode: tx.errorCode, steps };
      } finally {
        db.close();
      }
    }

    it('chip station reader lost while the fee is paid: no blank fed, fee kept, card making withdrawn', async () => {
      await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'), 30_000);
      const { newCard: before } = await suite.ui.waitForDemo((d) => d.newCard?.blanks !== undefined);
      expect(await suite.ui.emit('session.start', { journey: 'replaceCard' })).toEqual({ ok: true });
      await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
      await suite.ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
      const fee = await suite.ui.waitForSession((v) => v?.step === 'payFee' || v?.step === 'ended', 30_000);
      expect(fee?.step).toBe('payFee');
      expect(await suite.ui.emit('session.payFee', { method: 'qr' })).toEqual({ ok: true });
      await suite.ui.waitForDemo((d) => d.payment?.pending === true);

      // the QR code on screen: the chip station's reader goes (pcscd back without its readers)
      await suite.pcscd.restart({ readers: false });
      const down = await suite.ui.waitForKiosk((k) => printerState(k) === 'offline', 20_000);
      expect(down.journeysOffered).not.toContain('replaceCard');
      expect(await suite.ui.emit('demo.payment', { action: 'pay' })).toEqual({ ok: true });

      const ended = await suite.ui.waitForSession((v) => v?.error !== undefined, 30_000);
      expect(ended?.error?.code).toBe('DEVICE_OFFLINE');
      // the resident who paid is told the fee is kept with the application (the screen's words)
      const told = await suite.ui.waitForSession((v) => v?.step === 'ended', 15_000);
      expect(told?.feeKept).toBe(true);
      await suite.ui.emit('demo.idCard', { action: 'remove' });
      await suite.ui.waitForSession((v) => v === null, 15_000);

      // no blank left the hopper: the printer's counts are as before the session
      const { newCard: after } = await suite.ui.waitForDemo((d) => d.newCard?.blanks !== undefined);
      expect(after?.blanks).toEqual(before?.blanks);
      const made = lastReplacement();
      expect(made.errorCode).toBe('DEVICE_OFFLINE');
      const named = made.steps.map((s) => `${s.step}:${s.phase}`);
      expect(named).toEqual(
        expect.arrayContaining([
          'fee.paid:event',
          'fee.settled:event',
          'issuance.order:event',
          'host.issued:event',
        ]),
      );
      expect(named).not.toContain('card.feed:intent');
      expect(named).not.toContain('card.feed:event');
      expect(named).not.toContain('fee.refund:intent');
      expect(named).not.toContain('fee.close:intent');
      const detail = (name: string) => made.steps.find((s) => `${s.step}:${s.phase}` === name)?.detail;
      expect(detail('fee.settled:event')).toContain('"outcome":"accepted"');
      // the station seen down before a number was ordered: none reserved, none to void
      expect(detail('issuance.order:event')).toContain('"skipped":"chipStationOffline"');
      expect(detail('host.issued:event')).toContain('"skipped":"no card number reserved"');
      expect(named).not.toContain('host.issued:intent');

      // the readers back: card making is offered again, without a restart
      await suite.pcscd.restart();
      await suite.ui.waitForKiosk(
        (k) => printerState(k) === 'online' && k.journeysOffered.includes('replaceCard'),
        20_000,
      );
    }, 150_000);
  },
);
