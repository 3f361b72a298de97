/**
 * What the kiosk's root actor and the sessions are told once the kiosk has booted (its self test
 * done): the devices' statuses, which place the kiosk; a withdrawal left for the dispenser's
 * silence alone, settled once it answers (ADR 0020); the devices' events, relayed to the running
 * session; notes left in the presenter with no session running, which hold withdrawals back; a new
 * card left at the card printer's slot unsettled in the journal, which holds card making back and
 * is settled once the printer answers again; a self test failed only for a card the reader had not
 * said of at boot, placed once the card is gone and its removal journaled.
 * `SessionsService` wires it after the self test and undoes it at shutdown.
 */
import type { Logger } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import type { DevicesService } from '../devices/devices.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import type { MetricsService } from '../telemetry/metrics.service.js';
import type { NotesLeftOwed } from '../journeys/notes-left-owed.js';
import { watchCashLeftInPresenter } from './cash-left-in-presenter.js';
import { relayDeviceEvents, type DeviceEventTargets } from './device-events.js';
import { watchDispenserBack, type DispenserBackWiring } from './dispenser-back-wiring.js';
import type { createKioskActor } from './kiosk-actor.js';
import { watchNewCardLeftAtSlot } from './new-card-left-at-slot-watch.js';
import { CardPrinterBackWatch } from './card-printer-back-watch.js';
import { watchCardPositionUnknownCleared } from './card-position-unknown-cleared.js';
import type { SessionRecoveryService } from './session-recovery.service.js';
import type { SlotCardRecovery } from './slot-card-recovery.js';

type KioskActor = ReturnType<typeof createKioskActor>;

export interface BootedKioskDeps {
  readonly devices: DevicesService;
  readonly issuance: IssuanceHostService;
  readonly journal: Pick<JournalService, 'openTransactions' | 'stepsOf' | 'changes' | 'lastStepNamed'>;
  readonly metrics: MetricsService;
  readonly recovery: SessionRecoveryService;
  /** the withdrawals' notes-left steps owed to the journal, which hold withdrawals back too */
  readonly notesLeftOwed: NotesLeftOwed;
  /** the slot-card service, whose wait journals the removal of a card left for staff */
  readonly slotCard: Pick<SlotCardRecovery, 'outcome'>;
  readonly config: KioskConfig;
  readonly log: Logger;
  /** a resident's session runs or is being started */
  readonly sessionRunsOrStarts: () => boolean;
  /** the running session's actor, if any */
  readonly session: DeviceEventTargets['session'];
  readonly notify: DeviceEventTargets['notify'];
  readonly strayCard: DeviceEventTargets['strayCard'];
  /** subscribes to each session's end (after its close); answers the unsubscribe */
  readonly onSessionEnded: (listener: () => void) => () => void;
}

export interface BootedKioskWiring {
  readonly dispenserBack: DispenserBackWiring;
  /** a new card left at the printer's slot, settled once the printer answers again */
  readonly cardPrinterBack: CardPrinterBackWatch;
  /** the device events' unsubscribes */
  readonly cleanups: (() => void)[];
}

export function wireBootedKiosk(kiosk: KioskActor, deps: BootedKioskDeps): BootedKioskWiring {
  const { devices, metrics } = deps;
  metrics.observeDevices(devices.statuses());
  // a withdrawal left for the dispenser's silence alone: settled once it answers, never beside a
  // session running or being started, tried again with the reopen's waits (ADR 0020); watched
  // before the device events are relayed, so a comeback holds the kiosk before it places it
  const dispenserBack = watchDispenserBack(kiosk, {
    devices,
    reopen: deps.config.devices.reopen,
    recovery: deps.recovery,
    sessionRuns: deps.sessionRunsOrStarts,
    log: deps.log,
  });
  const cleanups = relayDeviceEvents(devices, deps.issuance, metrics, {
    session: deps.session,
    devicesChanged: (statuses) => kiosk.send({ type: 'DEVICES_CHANGED', statuses }),
    notify: deps.notify,
    strayCard: deps.strayCard,
  });
  // notes left in the presenter hold withdrawals back until it is empty (and their step, refused by
  // the journal, is in); read after the statuses are told, so the kiosk is placed by both
  const cashLeft = watchCashLeftInPresenter(
    devices.cashDispenser,
    kiosk,
    deps.sessionRunsOrStarts,
    deps.notesLeftOwed,
  );
  // a new card left at the printer's slot holds card making back until recovery or staff settle it
  const newCardLeft = watchNewCardLeftAtSlot(deps.journal, kiosk, deps.sessionRunsOrStarts, deps.log);
  // ... and is settled once the printer answers again, the kiosk with no session (one at a time)
  const cardPrinterBack = new CardPrinterBackWatch({
    printer: devices.cardPrinter,
    kiosk,
    recovery: deps.recovery,
    cardsLeft: () => newCardLeft.cardsLeft(),
    sessionRuns: deps.sessionRunsOrStarts,
    statuses: () => devices.statuses(),
    settled: () => newCardLeft.check(),
    log: deps.log,
  });
  const check = () => {
    cashLeft.check();
    newCardLeft.check();
    void cardPrinterBack.check();
  };
  const kioskChanges = kiosk.subscribe(check);
  cleanups.push(
    () => cashLeft.stop(),
    devices.onAnyStatus(check),
    devices.cashDispenser.onCashTaken(check),
    deps.onSessionEnded(check),
    () => kioskChanges.unsubscribe(),
  );
  cardPrinterBack.start();
  cleanups.push(() => cardPrinterBack.stop());
  // a self test failed only for the card the reader had not said of: placed once it is gone (ADR 0002)
  const cardPositionUnknown = watchCardPositionUnknownCleared(kiosk, {
    reader: devices.cardReader,
    journal: deps.journal,
    recovery: deps.recovery,
    slotCard: deps.slotCard,
    sessionRuns: deps.sessionRunsOrStarts,
    statuses: () => devices.statuses(),
    log: deps.log,
  });
  cleanups.push(() => cardPositionUnknown.stop());
  check();
  return { dispenserBack, cardPrinterBack, cleanups };
}
