/**
 * A kiosk whose self test failed only because the card reader had not said, by the end of boot's
 * wait, whether a cut-short session's card is inside (CARD_POSITION_UNKNOWN: the card accounted for
 * and kept for staff, `card-inside-at-boot.ts`) goes back in service by itself once that is answered:
 * the reader has spoken, the card is gone and its removal journaled (the slot-card service's wait:
 * taken from the slot, or found gone at the reader's first word, ADR 0002). The kiosk is told
 * RECOVERY_SETTLED, as when a withdrawal left for the dispenser's silence is settled once it answers:
 * placed by its devices, and the fleet's recovery alert resolved by the status that follows.
 *
 * Only when nothing else holds it: a self test that failed of anything else (a withdrawal or a card
 * making left undecided stands before the card in the cause) is not touched, nor is one while a
 * withdrawal waits for the dispenser or a session runs; a card still kept for staff in the journal
 * (inside a reader that captures: kept there for them) or still in the reader keeps it out.
 */
import type { CardReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, ServiceReason, type DeviceStatus } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { cardKeptForStaff } from './boot-card-capture.js';
import type { createKioskActor } from './kiosk-actor.js';
import type { SessionRecoveryService } from './session-recovery.service.js';
import type { SlotCardRecovery } from './slot-card-recovery.js';

type KioskActor = Pick<ReturnType<typeof createKioskActor>, 'getSnapshot' | 'send' | 'subscribe'>;

export interface CardPositionUnknownDeps {
  readonly reader: Pick<CardReaderPort, 'cardPosition' | 'onCardEvent'>;
  readonly journal: Pick<JournalService, 'lastStepNamed'>;
  readonly recovery: Pick<SessionRecoveryService, 'waitsForTheDispenser'>;
  /** the slot-card service: its wait's end is when the card's removal is journaled */
  readonly slotCard: Pick<SlotCardRecovery, 'outcome'>;
  /** a resident's session runs or is being started */
  readonly sessionRuns: () => boolean;
  readonly statuses: () => DeviceStatus[];
  readonly log: { log(message: string): void; warn(message: string): void };
}

/** The watch, from its start until `stop`. */
export interface CardPositionUnknownWatch {
  stop(): void;
  /** resolves once the looks under way have ended (placed the kiosk or not) */
  idle(): Promise<void>;
}

/** Watches the kiosk (see above) from now. */
export function watchCardPositionUnknownCleared(
  kiosk: KioskActor,
  deps: CardPositionUnknownDeps,
): CardPositionUnknownWatch {
  const { reader, recovery } = deps;
  let stopped = false;
  const heldByIt = (): boolean => {
    const s = kiosk.getSnapshot();
    return (
      s.matches('outOfService') &&
      s.context.reason === ServiceReason.SELF_TEST_FAILED &&
      s.context.cause === ErrorCode.CARD_POSITION_UNKNOWN
    );
  };
  const mayPlace = () =>
    !stopped &&
    heldByIt() &&
    reader.cardPosition() === 'none' &&
    !recovery.waitsForTheDispenser &&
    !deps.sessionRuns();
  const check = async (): Promise<void> => {
    if (!mayPlace()) return;
    // the reader says none, the journal still keeps the card for staff until its removal is journaled
    if (await cardKeptForStaff(deps.journal)) return;
    if (!mayPlace()) return;
    deps.log.log(
      `the card the reader had not said of at boot (${ErrorCode.CARD_POSITION_UNKNOWN}) is gone, its removal journaled: back in service`,
    );
    kiosk.send({ type: 'RECOVERY_SETTLED', statuses: deps.statuses() });
  };
  // a journal that did not answer: the next card event or self test looks again
  const looks = new Set<Promise<void>>();
  const checkNow = () => {
    const look = check().catch((e: unknown) =>
      deps.log.warn(`whether the card left for staff is gone was not read: ${KioskError.from(e).code}`),
    );
    looks.add(look);
    void look.finally(() => looks.delete(look));
  };
  /** the slot-card wait of the kiosk's last self test, ended: the removal journaled (or not) */
  const afterTheWait = () => void deps.slotCard.outcome().then(checkNow, checkNow);
  let held = heldByIt();
  const kioskChanges = kiosk.subscribe(() => {
    const now = heldByIt();
    if (now && !held) afterTheWait();
    held = now;
  });
  const offCard = reader.onCardEvent(checkNow);
  afterTheWait();
  checkNow();
  return {
    stop: () => {
      stopped = true;
      kioskChanges.unsubscribe();
      offCard();
    },
    idle: async () => void (await Promise.all([...looks])),
  };
}
