/**
 * What the specs of a new card's activation cut in its PIN write share: the new card, a host that
 * holds it as new (its state and the activations it applied), a chip whose PIN write the spec
 * decides (`changePin`, given the chip) and whose reset takes the host's key, and a runner of the
 * real activation and reset writes on the journal, each in a transaction of its own.
 */
import { SecurePin } from '@kiosk/device-drivers';
import { KioskError } from '@kiosk/domain';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { hostWithoutWithdrawals } from './boot-recovery.spec-support.js';
import { journeyTools, type JourneyTools } from './journey-tools.js';
import type { NewPinJourneyDeps } from './new-pin-journey.js';
import { activatePin, resetPin } from './new-pin-writes.js';
import { VerifiedPinHold } from './verified-pin-hold.js';

const CARD = 'H41080000999';
const ID_NUMBER = '410803196211092425';

/** The chip's PIN: the default, the new one an activation wrote, or the one a reset set. */
export interface NewCardChip {
  pin: 'default' | 'new' | 'reset';
}

export type ChipPinWrite = (chip: NewCardChip) => Promise<{ result: string; triesLeft?: number }>;

export function newCardWorld(
  journal: JournalService,
  changePin: ChipPinWrite,
  retries?: JournaledHostRetries,
) {
  const chip: NewCardChip = { pin: 'default' };
  const host = { state: 'made', activations: 0 };
  const service = hostWithoutWithdrawals({
    card: async () => ({ cardNumber: CARD, state: host.state }),
    pinUnlockKey: async () => ({ keyHex: '0F'.repeat(16), keyVersion: 1 }),
    reportPinEvent: async () => ({}),
    activateCard: async (cardNumber: string) => {
      host.activations += 1;
      host.state = 'active';
      return { cardNumber, state: 'active' };
    },
  });
  const deps = {
    host: service,
    ...(retries && { retries }),
    heldPin: new VerifiedPinHold(),
    cardReader: {
      changePin: () => changePin(chip),
      resetPin: async () => {
        chip.pin = 'reset';
      },
    },
  } as unknown as NewPinJourneyDeps;
  /** an activation or a reset in a transaction of its own; `done`: its refusal's code, or undefined */
  const run = async (kind: 'activatePin' | 'resetPin') => {
    const tx = await journal.openTransaction(`s-${kind}-${Date.now()}`, kind);
    const tools = journeyTools(
      journal,
      tx,
      () => 'en',
      () => ({ cardIdentifier: 'CI-0999' }) as unknown as ReturnType<JourneyTools['card']>,
    );
    const write = {
      cardNumber: CARD,
      idNumber: ID_NUMBER,
      newPin: SecurePin.fromKeys([7, 3, 0, 1, 9, 4]),
      signal: new AbortController().signal,
    };
    const written =
      kind === 'activatePin'
        ? activatePin(deps, tools, write)
        : resetPin(deps, tools, { ...write, cardStateAtRead: host.state as 'made' });
    const done = written.then(
      () => undefined,
      (e: unknown) => KioskError.from(e).code,
    );
    return { tx, done };
  };
  return { chip, host, service, run };
}
