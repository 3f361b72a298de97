import type { SocialSecurityCardData } from '@kiosk/device-drivers';
import { KioskError, type DeviceStatus, type Locale } from '@kiosk/domain';
import type { Cassette } from '@kiosk/device-drivers';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { PersonalField } from '../journal/journal-personal-data.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';

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
  irreversible<T>(name: string, act: () => Promise<T>, detail?: StepDetail): Promise<T>;
  /** records what a device holds now (notes per cassette, bins, blanks) in the device counters */
  counters?(status: DeviceStatus, cassettes?: readonly Cassette[]): Promise<void>;
  /** keeps personal data of this transaction in full, sealed (AES-256-GCM); never a PIN */
  seal?(field: PersonalField, value: string): Promise<void>;
}

/**
 * The tools of one session. `transactionId` may be a function: a resident who does a further
 * journey in the same session gets a journal transaction (and an idempotency serial) of its own.
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
    irreversible: (name, act, detail) => journaledAct(journal, current(), name, act, detail),
    counters: (status, cassettes) => recordDeviceCounters(journal, status, cassettes),
    seal: (field, value) => journal.sealPersonalData(current(), field, value),
  };
}

/** Journals the intent, acts, then journals done or failed (with the failure's code); rethrows. */
export async function journaledAct<T>(
  journal: JournalService,
  transactionId: string,
  name: string,
  act: () => Promise<T>,
  detail?: StepDetail,
): Promise<T> {
  await journal.recordStep(transactionId, name, 'intent', detail);
  let result: T;
  try {
    result = await act();
  } catch (e) {
    await journal.recordStep(transactionId, name, 'failed', { code: KioskError.from(e).code });
    throw e;
  }
  await journal.recordStep(transactionId, name, 'done');
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
