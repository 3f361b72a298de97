/**
 * The fault: the card's hand-back failed because the reader went offline (pcscd gone under a
 * motorless "presence" reader), the session fell back on a retract, the presence reader refused it
 * ("This reader has no capture bin", DEVICE_HARDWARE_ERROR), and that refusal replaced the eject's
 * fault in what the resident read. A retract that is only the fallback of a failed eject now keeps
 * the eject's fault, whatever the retract answers (a motor reader's retract failing too shows the
 * eject's fault as well); the card is accounted for and kept for staff as before. A retract of a
 * card not taken (the eject done) still shows its own fault: nothing failed before it (specs
 * session.faults, session.card-kept-for-staff).
 */
import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { toSessionView } from './session-view.js';
import { reachEnterPin, startSession, type SessionHarness } from '../testing/session-fixtures.js';

const view = (h: SessionHarness) => toSessionView(h.actor.getSnapshot(), 'en');

async function handBackFailsThenRetractFails(retractFault: KioskError): Promise<SessionHarness> {
  const h = startSession();
  await reachEnterPin(h);
  h.actor.send({ type: 'CANCEL' });
  await waitFor(h.actor, (s) => s.matches('ejectingCard'));
  h.ejectCard.last.reject(new KioskError('DEVICE_OFFLINE', 'The card reader is offline.'));
  await waitFor(h.actor, (s) => s.matches('retractingCard'));
  h.retractCard.last.reject(retractFault);
  await waitFor(h.actor, (s) => s.matches('accountingForCard'));
  expect(h.accountForCard.last.input).toEqual({ sessionId: 'session-1', act: 'retract' });
  h.accountForCard.last.resolve();
  await waitFor(h.actor, (s) => s.status === 'done');
  return h;
}

describe('session: a failed hand-back is what the resident reads, not its fallback retract', () => {
  it('fault: the hand-back fails offline and a presence reader refuses the retract (no capture bin): the resident reads DEVICE_OFFLINE, the card kept for staff', async () => {
    const h = await handBackFailsThenRetractFails(
      new KioskError(
        'DEVICE_HARDWARE_ERROR',
        'This reader has no capture bin; the card stays with the resident.',
      ),
    );
    expect(view(h)).toMatchObject({
      step: 'ended',
      outcome: 'failed',
      cardKeptForStaff: true,
      error: { code: 'DEVICE_OFFLINE', message: 'The card reader is offline.' },
    });
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_OFFLINE' },
      cardUnaccounted: 'retract',
    });
  });

  it('fault: the hand-back fails offline and a motor reader fails the retract too: the resident reads the eject fault, DEVICE_OFFLINE', async () => {
    const h = await handBackFailsThenRetractFails(
      new KioskError('DEVICE_TIMEOUT', 'The card reader did not finish the retract.'),
    );
    expect(view(h)).toMatchObject({
      outcome: 'failed',
      cardKeptForStaff: true,
      error: { code: 'DEVICE_OFFLINE' },
    });
  });
});
