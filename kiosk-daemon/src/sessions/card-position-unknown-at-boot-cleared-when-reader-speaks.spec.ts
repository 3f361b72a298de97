/**
 * Fault: when a reader without a motor (the presence mechanism) had not spoken by the time boot
 * stopped waiting for its word, the cut-short session's card was accounted for and the self test
 * failed (CARD_POSITION_UNKNOWN): the kiosk stayed out of service until field staff came, even after
 * the reader spoke, the card was taken and its removal journaled (CARD_LEFT_CLEARED told), though
 * nothing was left for staff any more; and the fleet's recovery alert stayed raised with it.
 *
 * Now the kiosk is placed by its devices once the reader has spoken and the card is gone, its
 * removal journaled (RECOVERY_SETTLED, `card-position-unknown-cleared.ts`), and the status that
 * follows resolves the fleet's alert; a withdrawal left undecided still holds it for staff.
 *
 * The real journal (SQLite in memory), boot recovery, the slot-card service, the card-left watch,
 * the kiosk machine running recovery as its self test, the reader as `PcscCardReader` makes it for a
 * reader without a motor (pcscd's side stood in for), and the fleet monitor (in process) told the
 * kiosk's recovery alert and statuses by the real publisher.
 */
import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { DEVICE_KINDS, ErrorCode, ServiceReason, type DeviceStatus } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { waitFor } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { recoveryEvents, toFleetStatus } from '../telemetry/fleet/fleet-telemetry-mapping.js';
import { staffAlertFleet } from '../telemetry/mqtt/staff-alerts.spec-support.js';
import { watchCardPositionUnknownCleared } from './card-position-unknown-cleared.js';
import { createKioskActor } from './kiosk-actor.js';
import {
  cleanupsAfterEach,
  cutWithCardIn,
  SLOT_TAKE_MS,
  taken,
} from './presence-before-restart.spec-support.js';
import { restartWith, resumedWait } from './presence-boot-recovery.spec-support.js';
import { SessionEnds } from './session-end.js';
import { kioskViewOf } from './session-views.js';
import { undecidedForStaff } from './undecided-for-staff.js';

const cleanups = cleanupsAfterEach();
const fleet = staffAlertFleet(100);

/** every device answering (no supplies reported: the kiosk placed degraded) */
const statuses: DeviceStatus[] = DEVICE_KINDS.map((kind) => ({
  kind,
  device: 'online',
  supplies: [],
  driver: 'emulator',
  updatedAt: '2026-11-29T00:00:00.000Z',
}));

/**
 * The kiosk's boot after a crash with a session's card pushed in, the presence reader not listed
 * before recovery stops waiting (30 ms): its self test runs recovery (`withdrawalLeft`: recovery left
 * a withdrawal undecided besides), the card-left watch and the watch under test wired as the daemon
 * does, the fleet told the recovery alert and each status.
 */
async function bootWithReaderSilent(withdrawalLeft = false) {
  const k = await restartWith(
    cutWithCardIn,
    { cardInSlot: undefined, cardTakeMs: SLOT_TAKE_MS, positionWaitMs: 30 },
    cleanups,
  );
  const kiosk = createKioskActor(async () => {
    try {
      await k.recovery.recoverUnfinished();
    } catch (error) {
      // a withdrawal left undecided too stands before the card in the self test's cause
      throw withdrawalLeft ? undecidedForStaff(['w-1'], []) : error;
    }
    return statuses;
  });
  const ends = new SessionEnds({
    journal: k.journal,
    metrics: new MetricsService(),
    slotCard: k.slotCard,
    log: new Logger('Sessions'),
    sessionRuns: () => false,
  });
  cleanups.push(ends.watchCardLeft(k.reader, kiosk));
  k.recovery.onCardLeftForStaff(() => ends.cardLeftByRecovery());
  kiosk.start();
  cleanups.push(() => kiosk.stop());
  kiosk.send({ type: 'BOOTED' });
  await waitFor(kiosk, (s) => s.matches('outOfService'));
  const watch = watchCardPositionUnknownCleared(kiosk, {
    reader: k.reader,
    journal: k.journal,
    recovery: k.recovery,
    slotCard: k.slotCard,
    sessionRuns: () => false,
    statuses: () => statuses,
    log: new Logger('Sessions'),
  });
  cleanups.push(() => watch.stop());
  const config = {
    kiosk: { id: 'JZ-0001', timeZone: 'Asia/Shanghai' },
    demo: { panel: false },
  } as KioskConfig;
  const devices = { cardReader: k.reader, statuses: () => statuses } as unknown as DevicesService;
  const view = () => kioskViewOf(kiosk.getSnapshot(), config, devices);
  const publisher = fleet.kiosk();
  publisher.start();
  for (const event of recoveryEvents(undefined, view())) publisher.publishEvent(event);
  /**
   * the kiosk's status told to the fleet, once a monitor stored what it was told: the events (their
   * acks) and the status itself, which travels apart from them and is not acked
   */
  const tellStatus = async () => {
    let statusHandled = false;
    const heard = (topic: string) => {
      if (!topic.endsWith('/status')) return;
      statusHandled = true;
      fleet.fleet.ingest.off('handled', heard);
    };
    fleet.fleet.ingest.on('handled', heard);
    publisher.publishStatus(toFleetStatus(view(), statuses));
    await eventually(() => statusHandled && publisher.queued === 0, 'the status and the events stored', {
      withinMs: 10_000,
    });
  };
  const recoveryAlerts = async () =>
    eventually(
      async () => (await fleet.alertCodes()).filter((a) => a.startsWith('recoveryNeedsStaff')),
      'the fleet',
      {
        withinMs: 5_000,
      },
    );
  await tellStatus();
  return { ...k, kiosk, watch, view, tellStatus, recoveryAlerts };
}

const heldFor = (cause: string) => ({ mode: 'outOfService', reason: ServiceReason.SELF_TEST_FAILED, cause });

describe('card-position-unknown-at-boot-cleared-when-reader-speaks', () => {
  it('fault: the reader spoke, the card was taken from its slot and its removal journaled, yet the kiosk stayed out of service; now it is placed again and the fleet alert resolved', async () => {
    const k = await bootWithReaderSilent();
    expect(k.view()).toMatchObject(heldFor(ErrorCode.CARD_POSITION_UNKNOWN));
    expect(await k.recoveryAlerts()).toEqual(['recoveryNeedsStaff:SELF_TEST_FAILED']);

    k.list(true); // pcscd lists the reader: the card is in its slot, waited for
    const wait = await resumedWait(k);
    expect(k.view()).toMatchObject(heldFor(ErrorCode.CARD_POSITION_UNKNOWN));
    k.pull();
    await waitFor(k.kiosk, (s) => !s.matches('outOfService') && !s.matches('placing'), { timeout: 5_000 });
    expect((await k.steps(wait)).at(-1)).toBe(taken);
    expect(k.view()).toMatchObject({ mode: 'degraded' });
    expect(k.view().reason).not.toBe(ServiceReason.SELF_TEST_FAILED);
    expect(k.view().cause).toBeUndefined();
    expect(k.view().journeysOffered.length).toBeGreaterThan(0);

    await k.tellStatus();
    await eventually(k.recoveryAlerts, 'the recovery alert resolved', {
      withinMs: 5_000,
      until: (alerts) => alerts.length === 0,
    });
  });

  it('the reader speaks with the card gone (taken while it was silent): journaled taken, placed at once', async () => {
    const k = await bootWithReaderSilent();
    k.list(false);
    await expect(k.slotCard.outcome()).resolves.toBe('taken');
    await waitFor(k.kiosk, (s) => !s.matches('outOfService') && !s.matches('placing'), { timeout: 5_000 });
    expect(k.view()).toMatchObject({ mode: 'degraded' });
  });

  it('a withdrawal left undecided besides keeps it out of service for staff once the card is gone', async () => {
    const k = await bootWithReaderSilent(true);
    expect(k.view()).toMatchObject(heldFor(ErrorCode.WITHDRAWAL_UNDECIDED));
    k.list(true);
    await resumedWait(k);
    k.pull();
    await expect(k.slotCard.outcome()).resolves.toBe('taken');
    // the card journeys no longer held back for the card, the kiosk still held by its self test
    await eventually(() => k.kiosk.getSnapshot().context.reasons, 'the card left cleared', {
      withinMs: 5_000,
      until: (reasons) => !reasons.includes(ServiceReason.CARD_LEFT_IN_READER),
    });
    await k.watch.idle();
    expect(k.view()).toMatchObject(heldFor(ErrorCode.WITHDRAWAL_UNDECIDED));
    await k.tellStatus();
    expect(await k.recoveryAlerts()).toEqual(['recoveryNeedsStaff:SELF_TEST_FAILED']);
  });
});
