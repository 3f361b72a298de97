/**
 * Boot recovery and the slot-card service over a reader without a motor (the presence mechanism on
 * pcscd's stand-in), as the daemon wires them, for the daemon's unit specs of a boot or a card at
 * the slot; the session ends' card-left watch; and the count of the slot-card wait's take timeouts. Each is stopped by `cleanups`.
 */
import { Logger } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import type { CardReaderPort } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { SessionEnds } from './session-end.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { SlotCardRecovery } from './slot-card-recovery.js';

export function presenceBootRecovery(
  reader: CardReaderPort,
  journal: JournalService,
  timing: { readonly cardTakeMs: number; readonly positionWaitMs: number },
  cleanups: (() => unknown)[],
): { readonly slotCard: SlotCardRecovery; readonly recovery: SessionRecoveryService } {
  const devices = {
    cardReader: reader,
    // a dispenser that keeps its own counts: none to reconcile from the journal
    cashDispenser: {},
    statuses: (): DeviceStatus[] => [reader.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  const config = {
    timeouts: { cardTakeMs: timing.cardTakeMs },
    devices: { cardReader: { driver: 'pcsc', positionWaitMs: timing.positionWaitMs } },
  } as unknown as KioskConfig;
  const slotCard = new SlotCardRecovery(devices, journal, config);
  cleanups.push(() => slotCard.onApplicationShutdown());
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const recovery = new SessionRecoveryService(
    devices,
    journal,
    host,
    ...[undefined, undefined, undefined],
    slotCard,
    ...[undefined, undefined, undefined, undefined],
    config,
  );
  cleanups.push(() => recovery.onApplicationShutdown());
  return { slotCard, recovery };
}

/**
 * The slot-card wait listens to the reader anew after each take timeout: counted from now on;
 * `timeoutsPass(more)` resolves once `more` more have passed.
 */
export function takeTimeoutsOf(reader: CardReaderPort): (more: number) => Promise<void> {
  let listens = 0;
  const listen = reader.onCardEvent.bind(reader);
  reader.onCardEvent = (listener) => (listens++, listen(listener));
  return async (more) => {
    const base = listens;
    await eventually(() => listens, `the wait past ${more} take timeouts`, {
      withinMs: 5_000,
      until: (n) => n >= base + more,
    });
  };
}

/**
 * The session ends with no session running, and the card-left watch on `reader`: `kiosk` gets the
 * events told to the kiosk machine (CARD_LEFT_IN_READER, CARD_LEFT_CLEARED).
 */
export function endsWatchingCardLeft(
  reader: CardReaderPort,
  journal: JournalService,
  slotCard: SlotCardRecovery,
  cleanups: (() => unknown)[],
): { readonly ends: SessionEnds; readonly kiosk: string[] } {
  const ends = new SessionEnds({
    journal,
    metrics: new MetricsService(),
    slotCard,
    log: new Logger('Sessions'),
    sessionRuns: () => false,
  });
  const kiosk: string[] = [];
  cleanups.push(ends.watchCardLeft(reader, { send: (e) => kiosk.push(e.type) }));
  return { ends, kiosk };
}
