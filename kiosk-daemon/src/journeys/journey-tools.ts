import type { KioskConfig } from '@kiosk/config';
import type { ReceiptContext, SocialSecurityCardData } from '@kiosk/device-drivers';
import { KioskError, type DeviceKind, type DeviceStatus, type Locale } from '@kiosk/domain';
import type { Cassette } from '@kiosk/device-drivers';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { DeviceCounters, DeviceCountersService } from '../journal/device-counters.service.js';
import type { PersonalField } from '../journal/journal-personal-data.js';
import type { JournalService, StepDetail, WriteOptions } from '../journal/journal.service.js';

/** What every journey's actors share within one session: its journal transaction and the card read. */
export interface JourneyTools {
  readonly transactionId: string;
  /** the locale the resident reads now (receipts print in it) */
  readonly locale: () => Locale;
  /** the chip data read at the start of the session, when a card is in */
  readonly card: () => SocialSecurityCardData | undefined;
  /** journals an observation */
  step(name: string, detail?: StepDetail): Promise<void>;
  /** journals the intent, acts, then journals done or failed: for every act that cannot be undone */
  irreversible<T>(
    name: string,
    act: () => Promise<T>,
    detail?: StepDetail,
    options?: JournaledActOptions<T>,
  ): Promise<T>;
  /** records what a device holds now (notes per cassette, bins, blanks) in the device counters */
  counters?(status: DeviceStatus, cassettes?: readonly Cassette[]): Promise<void>;
  /**
   * the id of the device counters' last record now (0: none): journaled with an intent, it tells
   * the records before the act from those after it by order, not by their times
   */
  lastCountersRecord?(): Promise<number>;
  /**
   * records the counts an act journaled as made (set, never added: nothing when a record since
   * `made.after` has them already or they moved; `DeviceCountersService.recordCountsOnce`)
   */
  countsOnce?(
    kind: DeviceKind,
    made: Parameters<DeviceCountersService['recordCountsOnce']>[1],
    device?: DeviceCounters,
  ): Promise<boolean>;
  /** keeps personal data of this transaction in full, sealed (AES-256-GCM); never a PIN */
  seal?(field: PersonalField, value: string): Promise<void>;
  /**
   * These tools with the transaction in progress NOW fixed for good: what one actor journals from
   * its start on (intent, done, failed, a follow-up such as the retract after a dispense whose
   * outcome is unknown) goes to its own journey's transaction, whatever the session holds when the
   * act answers (a next journey's transaction, or none: the session ended or the daemon stops).
   */
  bound(): JourneyTools;
}

/**
 * The tools of one session. `transactionId` may be a function: a resident who does a further
 * journey in the same session gets a journal transaction (and an idempotency serial) of its own.
 * Such tools read the transaction at each call; an actor journals through `bound()` tools, taken
 * once when it starts (`SessionScope.tools` hands out only those), never through these.
 */
export function journeyTools(
  journal: JournalService,
  transactionId: string | (() => string),
  locale: () => Locale,
  card: () => SocialSecurityCardData | undefined,
): JourneyTools {
  const current = typeof transactionId === 'function' ? transactionId : () => transactionId;
  return {
    get transactionId() {
      return current();
    },
    locale,
    card,
    step: (name, detail) => journal.recordStep(current(), name, 'event', detail),
    irreversible: (name, act, detail, options) =>
      journaledAct(journal, current(), name, act, detail, options),
    counters: (status, cassettes) => recordDeviceCounters(journal, status, cassettes),
    lastCountersRecord: () => journal.counters.lastRecord(),
    countsOnce: (kind, made, device) => journal.counters.recordCountsOnce(kind, made, device),
    seal: (field, value) => journal.sealPersonalData(current(), field, value),
    bound: () => journeyTools(journal, current(), locale, card),
  };
}

export interface JournaledActOptions<T = unknown> {
  /**
   * The `done` goes into the journal with the transaction's next write (the next step or the
   * close), one commit for both: only for an act whose recovery does not read its `done` (a card
   * handed back: recovery looks at the reader). The intent is written before the act all the same.
   */
  readonly doneWithNextWrite?: boolean;
  /** what the `done` carries, made from the act's answer (the counts a retract made) */
  readonly doneDetail?: (result: T) => StepDetail | undefined;
}

/** Journals the intent, acts, then journals done or failed (with the failure's code); rethrows. */
export async function journaledAct<T>(
  journal: JournalService,
  transactionId: string,
  name: string,
  act: () => Promise<T>,
  detail?: StepDetail,
  options?: JournaledActOptions<T>,
): Promise<T> {
  await journal.recordStep(transactionId, name, 'intent', detail);
  let result: T;
  try {
    result = await act();
  } catch (e) {
    await journal.recordStep(transactionId, name, 'failed', { code: KioskError.from(e).code });
    throw e;
  }
  const done: WriteOptions = { withNextWrite: options?.doneWithNextWrite === true };
  await journal.recordStep(transactionId, name, 'done', options?.doneDetail?.(result), new Date(), done);
  return result;
}

/** Appends what a device holds now to the device counters; a device that counts nothing is skipped. */
export async function recordDeviceCounters(
  journal: JournalService,
  status: DeviceStatus,
  cassettes?: readonly Cassette[],
): Promise<void> {
  const counters = deviceCountersOf(status, cassettes);
  if (counters) await journal.counters.recordCounters(status.kind, counters);
}

/** The receipt's header for the session's transaction: the kiosk, the serial, now, in the resident's locale. */
export function receiptContextFor(
  config: Pick<KioskConfig, 'kiosk' | 'host'>,
  tools: Pick<JourneyTools, 'locale' | 'transactionId'>,
): ReceiptContext {
  return {
    locale: tools.locale(),
    kioskId: config.kiosk.id,
    serial: tools.transactionId,
    printedAt: new Date(),
    timeZone: config.kiosk.timeZone,
    verificationKey: config.host.kioskKey,
  };
}
