import { Inject, Injectable } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { assertCardUsable, issuingRegionOf } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import type { SessionActorContracts } from '@kiosk/state-machines';
import { fromPromise, type PromiseActorLogic } from 'xstate';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { HostService } from '../host/host.service.js';
import { JournalService } from '../journal/journal.service.js';

/** What the session actors need to know about the transaction they serve. */
/** The implementations `sessionMachine.provide({ actors })` takes, one promise actor per contract. */
export type SessionActors = {
  [K in keyof SessionActorContracts]: PromiseActorLogic<
    SessionActorContracts[K]['output'],
    SessionActorContracts[K]['input']
  >;
};

export interface SessionTransaction {
  readonly transactionId: string;
}

/**
 * The session machine's side effects, provided to it by name: the card reader, the PIN pad, the
 * host and the journal. Irreversible acts (eject, retract) are journaled before they act and
 * after their outcome. The PIN goes from the PIN pad to the card's VERIFY inside this one
 * function and is wiped there; the machine sees only the verdict.
 */
@Injectable()
export class SessionActorsFactory {
  constructor(
    private readonly devices: DevicesService,
    private readonly host: HostService,
    private readonly journal: JournalService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
  ) {}

  create(tx: SessionTransaction): SessionActors {
    const { cardReader, pinPad } = this.devices;
    const journal = this.journal;
    const step = (
      name: string,
      phase: 'intent' | 'done' | 'failed' | 'event',
      detail?: Record<string, string | number | boolean | null>,
    ) => journal.recordStep(tx.transactionId, name, phase, detail);

    const irreversible = async (name: string, act: () => Promise<void>): Promise<void> => {
      await step(name, 'intent');
      try {
        await act();
      } catch (e) {
        await step(name, 'failed', { code: KioskError.from(e).code });
        throw e;
      }
      await step(name, 'done');
    };

    return {
      readCard: fromPromise(async ({ signal }) => {
        const card = await cardReader.readCard(signal);
        const masked = maskCardNumber(card.cardNumber);
        await journal.setMaskedCardNumber(tx.transactionId, masked);
        try {
          assertCardUsable(card, { regionPrefixes: this.config.kiosk.region.idRegionPrefixes });
        } catch (e) {
          await step('card.read', 'event', { card: masked, refused: KioskError.from(e).code });
          throw e;
        }
        await step('card.read', 'event', { card: masked });
        return {
          cardNumber: card.cardNumber,
          name: card.name,
          idNumber: card.idNumber,
          expiryDate: card.expiryDate,
          regionCode: issuingRegionOf(card),
        };
      }),

      verifyPin: fromPromise(async ({ input, signal }) => {
        const entry = await pinPad.collectPin({
          length: input.length,
          signal,
          timeoutMs: this.config.timeouts.stepMs,
        });
        if (entry.result === 'cancelled') return { result: 'cancelled' } as const;
        if (entry.result === 'timeout') {
          throw new KioskError(ErrorCode.SESSION_TIMED_OUT, 'No PIN was entered in time.');
        }
        try {
          const verdict = await cardReader.verifyPin(entry.pin, signal);
          await step('pin.verify', 'event', {
            result: verdict.result,
            ...(verdict.result === 'wrong' ? { attemptsLeft: verdict.attemptsLeft } : {}),
          });
          return verdict;
        } finally {
          entry.pin.wipe();
        }
      }),

      queryBalance: fromPromise(async ({ input, signal }) => {
        const answer = await this.host.balance(input.cardNumber, input.idNumber, signal);
        await step('balance.query', 'event', { ok: true });
        return { amountFen: answer.balanceFen, asOf: answer.asOf };
      }),

      ejectCard: fromPromise(({ signal }) => irreversible('card.eject', () => cardReader.eject(signal))),

      retractCard: fromPromise(({ signal }) =>
        irreversible('card.retract', () => cardReader.retract(signal)),
      ),
    };
  }
}
