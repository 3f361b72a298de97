import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { STEP_MS, ejectAndTake, reachEnterPin, startSession } from '../testing/session-fixtures.js';

async function reachQueryingBalance(h: ReturnType<typeof startSession>): Promise<void> {
  await reachEnterPin(h);
  h.verifyPin.last.resolve({ result: 'ok' });
  await waitFor(h.actor, (s) => s.matches({ cardIn: 'queryingBalance' }));
}

describe('session faults', () => {
  it('shows HOST_TIMEOUT, returns the card and ends failed when the host times out', async () => {
    const h = startSession();
    await reachQueryingBalance(h);
    h.queryBalance.last.reject(new KioskError('HOST_TIMEOUT', 'The back office did not answer in time.'));
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    expect(h.actor.getSnapshot().context.error).toEqual({
      code: 'HOST_TIMEOUT',
      message: 'The back office did not answer in time.',
    });
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'HOST_TIMEOUT' },
    });
  });

  it('stops waiting for a host that never answers after 30 s, with HOST_TIMEOUT', async () => {
    const h = startSession();
    await reachQueryingBalance(h);
    h.clock.increment(STEP_MS);
    expect(h.queryBalance.last.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().value).toBe('ejectingCard');
    expect(h.actor.getSnapshot().context.error?.code).toBe('HOST_TIMEOUT');
  });

  it('ends with CARD_REMOVED when the card is pulled out while it is being read', () => {
    const h = startSession();
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    h.actor.send({ type: 'CARD_INSERTED' });
    h.actor.send({ type: 'CARD_REMOVED' });
    expect(h.readCard.last.signal.aborted).toBe(true);
    expect(h.ejectCard.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_REMOVED' },
    });
  });

  it('refuses an expired card with CARD_EXPIRED and gives it back', async () => {
    const h = startSession();
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    h.actor.send({ type: 'CARD_INSERTED' });
    h.readCard.last.reject(
      new KioskError('CARD_EXPIRED', 'This card has expired; please apply for a new one.'),
    );
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    expect(h.verifyPin.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().context.error?.code).toBe('CARD_EXPIRED');
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_EXPIRED' },
    });
  });

  it.each(['CARD_NOT_ACTIVE', 'CARD_OTHER_REGION', 'CARD_DATA_CORRUPT', 'CARD_UNREADABLE'] as const)(
    'refuses a card the reader reports as %s and gives it back',
    async (code) => {
      const h = startSession();
      h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
      h.actor.send({ type: 'CARD_INSERTED' });
      h.readCard.last.reject({ code, message: 'refused' });
      await waitFor(h.actor, (s) => s.matches('ejectingCard'));
      expect(h.actor.getSnapshot().context.error).toEqual({ code, message: 'refused' });
    },
  );

  it('turns an uncoded failure into INTERNAL without leaking its text', async () => {
    const h = startSession();
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    h.actor.send({ type: 'CARD_INSERTED' });
    h.readCard.last.reject(new Error('SCardTransmit failed at 0x80100016 for 410802198003151310'));
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    const error = h.actor.getSnapshot().context.error;
    expect(error?.code).toBe('INTERNAL');
    expect(error?.message).not.toMatch(/SCard|4108/);
  });

  it('masks an ID number that slipped into a coded message', async () => {
    const h = startSession();
    await reachQueryingBalance(h);
    h.queryBalance.last.reject({ code: 'RESIDENT_NOT_FOUND', message: 'No resident 410802198003151310' });
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    expect(h.actor.getSnapshot().context.error?.message).toBe('No resident 4108**********1310');
  });

  it('retracts the card when the eject fails, keeping the eject fault', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.actor.send({ type: 'CANCEL' });
    h.ejectCard.last.reject(new KioskError('DEVICE_HARDWARE_ERROR', 'The card reader jammed.'));
    await waitFor(h.actor, (s) => s.matches('retractingCard'));
    h.retractCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'cardRetracted',
      error: { code: 'DEVICE_HARDWARE_ERROR' },
    });
  });

  it('ends failed with the device fault when the retract fails, the card accounted for', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.actor.send({ type: 'CANCEL' });
    h.ejectCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeCard'));
    h.clock.increment(30_000);
    h.retractCard.last.reject(new KioskError('DEVICE_BIN_FULL', 'The capture bin is full.'));
    await waitFor(h.actor, (s) => s.matches('accountingForCard'));
    expect(h.accountForCard.last.input).toEqual({ sessionId: 'session-1', act: 'retract' });
    h.accountForCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_BIN_FULL' },
      cardUnaccounted: 'retract',
    });
  });

  it('returns the card and ends failed when the kiosk aborts the session mid-PIN', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.actor.send({ type: 'ABORT', code: 'DEVICE_OFFLINE', message: 'The kiosk is going out of service.' });
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_OFFLINE' },
    });
  });
});
