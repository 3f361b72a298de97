/**
 * The resident's cancel while a motorless ("presence") reader is lost (pcscd restarting), through
 * the daemon's session machine and actors, the session's end (SessionEnds with the slot-card service
 * and the card-left watch), the real journal (SQLite in memory), and the reader as `PcscCardReader`
 * makes it on the pcscd stand-in: the card read, pcscd gone, the cancel, the hand-back asked.
 */
import { expect, jest } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import type { DeviceStatus } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { waitFor } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import { cancelledBalanceSession, sessionActorsOn } from './card-reader-session.spec-support.js';
import type { RunningSession } from './running-session.js';
import { pcscdStandIn, presenceReaderOn } from './pcscd-presence-stand-in.spec-support.js';
import { endsWatchingCardLeft } from './presence-boot-recovery.spec-support.js';
import { SlotCardRecovery } from './slot-card-recovery.js';

/** `settled()`: the session's end settled as the daemon does, its card steps as journaled. */
export async function cancelWhileReaderLost(
  lostReaderWaitMs: number,
  cleanups: (() => Promise<unknown> | unknown)[],
) {
  const pcscd = pcscdStandIn();
  const reader = presenceReaderOn(pcscd, lostReaderWaitMs);
  await reader.open();
  cleanups.push(() => reader.close());
  pcscd.list(true);
  pcscd.say(undefined);
  expect(reader.cardPosition()).toBe('unknown');
  const { journal, factory, db } = await sessionActorsOn(reader);
  const devices = { cardReader: reader, statuses: (): DeviceStatus[] => [reader.status()] };
  const config = { timeouts: { cardTakeMs: 30_000 } } as KioskConfig;
  const slotCard = new SlotCardRecovery(devices as unknown as DevicesService, journal, config);
  cleanups.push(() => slotCard.onApplicationShutdown());
  const { ends, kiosk } = endsWatchingCardLeft(reader, journal, slotCard, cleanups);
  const session = await cancelledBalanceSession(factory, journal, {
    cardTakeMs: 30_000,
    cardMoveMs: 10_000,
    readerCaptures: () => reader.canCapture(),
  });
  // the hand-back asked of the reader (after its journal intent) while the reader is still lost
  const eject = jest.spyOn(reader, 'eject');
  await waitFor(session.actor, (s) => s.matches('ejectingCard'), { timeout: 2_000 });
  await eventually(() => eject.mock.calls.length, 'the eject asked', {
    withinMs: 2_000,
    until: (n) => n > 0,
  });
  eject.mockRestore();
  const settled = async () => {
    await waitFor(session.actor, (s) => s.status === 'done', { timeout: 2_000 });
    const output = session.actor.getSnapshot().output;
    const running = { transactionId: session.tx, journey: 'balance', startedAt: 0, release: () => undefined };
    await ends.settle(running as unknown as RunningSession, output);
    const steps = (await journal.stepsOf(session.tx))
      .map((s) => `${s.step}:${s.phase}${s.detail ? ` ${s.detail}` : ''}`)
      .filter((s) => /^card\.(eject|retract|unaccounted|leftInSlot)/.test(s));
    return { output, steps };
  };
  return { reader, pcscd, session, kiosk, journal, db, slotCard, settled };
}
