import { Injectable, Logger } from '@nestjs/common';
import {
  AccountRecords,
  BalanceAnswer,
  CardInfo,
  CardStateAnswer,
  IssuerKeyAnswer,
  PinEventAnswer,
  ResidentAnswer,
  type WithdrawalLimits,
  type WithdrawalView,
  type AnomalyVerdict,
  type WithdrawalReversal,
} from '@kiosk/host-simulator/contract';
import type { z } from 'zod';
import { MetricsService } from '../telemetry/metrics.service.js';
import { countHostCall } from './count-host-call.js';
import { HostConnection } from './host-connection.js';
import { cardInPath, hostPath } from './host-path.js';
import type { HostRequest } from './host-http.client.js';
import { UnknownRecordValues } from './unknown-record-values.js';
import { withdrawalRequests, type WithdrawalAsked } from './withdrawal-requests.js';
import { ofSerial } from './withdrawals-of-serial.js';

/** The host's flag of a PIN locked on the card (its `pinFailures` rule on a `blocked` PIN event). */
const PIN_LOCK_FLAG: AnomalyVerdict = { rule: 'pinFailures', action: 'flag' };

/** The back-office calls the journeys make, in domain terms. */
@Injectable()
export class HostService {
  /** record kinds and details the host added after this kiosk: each logged once (ADR 0013) */
  readonly #log = new Logger('Host');
  readonly #unknownRecordValues = new UnknownRecordValues((message) => this.#log.warn(message));

  constructor(
    private readonly connection: HostConnection,
    private readonly metrics: MetricsService,
  ) {}

  async balance(cardNumber: string, idNumber: string, signal?: AbortSignal): Promise<BalanceAnswer> {
    return this.send('balance', {
      method: 'POST',
      path: '/v1/accounts/balance',
      body: { cardNumber, idNumber },
      schema: BalanceAnswer,
      signal,
    });
  }

  async card(cardNumber: string, signal?: AbortSignal): Promise<CardInfo> {
    return this.send('card', {
      method: 'GET',
      path: hostPath`/v1/cards/${cardInPath(cardNumber)}`,
      schema: CardInfo,
      signal,
    });
  }

  async records(cardNumber: string, limit = 20, signal?: AbortSignal): Promise<AccountRecords> {
    return this.send('records', {
      method: 'GET',
      path: hostPath`/v1/accounts/${cardInPath(cardNumber)}/records?limit=${limit}`,
      schema: this.#unknownRecordValues.reading(AccountRecords),
      signal,
    });
  }

  limits(cardNumber: string, idNumber: string, signal?: AbortSignal): Promise<WithdrawalLimits> {
    return this.send('withdrawalLimits', withdrawalRequests.limits(cardNumber, idNumber, signal));
  }

  /** Holds the amount at the host; the idempotency key is the kiosk id and the journal serial. */
  authoriseWithdrawal(request: WithdrawalAsked, signal?: AbortSignal): Promise<WithdrawalView> {
    return this.send(
      'withdrawalAuthorise',
      withdrawalRequests.authorise(this.connection.kioskId(), request, signal),
    );
  }

  confirmWithdrawal(
    authorisationId: string,
    transactionSerial: string,
    signal?: AbortSignal,
  ): Promise<WithdrawalView> {
    const kioskId = this.connection.kioskId();
    return this.send(
      'withdrawalConfirm',
      withdrawalRequests.confirm(kioskId, authorisationId, transactionSerial, signal),
    );
  }

  /**
   * The host's state of the withdrawal this kiosk authorised under `transactionSerial` (its
   * idempotency key), or undefined when the host never authorised one: what recovery decides by.
   */
  async withdrawalByKey(
    transactionSerial: string,
    signal?: AbortSignal,
  ): Promise<WithdrawalView | undefined> {
    const list = await this.send('withdrawalStatus', withdrawalRequests.ofSerial(transactionSerial, signal));
    return [...ofSerial(list.withdrawals, transactionSerial, 'withdrawal status')][0];
  }

  /** This kiosk's withdrawals the host still holds money for (newest first): recovery settles each. */
  async authorisedWithdrawals(signal?: AbortSignal): Promise<WithdrawalView[]> {
    return (await this.send('withdrawalStatus', withdrawalRequests.authorised(signal))).withdrawals;
  }

  /** `act` names the give-back in its idempotency key (one of its own: a counted taken's `reverse-taken`) */
  reverseWithdrawal(
    authorisationId: string,
    transactionSerial: string,
    reversal: WithdrawalReversal,
    signal?: AbortSignal,
    act = 'reverse',
  ): Promise<WithdrawalView> {
    const kioskId = this.connection.kioskId();
    return this.send(
      'withdrawalReverse',
      withdrawalRequests.reverse(kioskId, authorisationId, transactionSerial, reversal, act, signal),
    );
  }

  /**
   * Gives back what the host holds under the serial of this kiosk's authorisation, for a hold
   * whose authorisation id the kiosk never read (the answer timed out or carried an unknown
   * status). A no-op at the host where nothing is held; the withdrawals under the serial after it.
   */
  async releaseWithdrawalHold(
    transactionSerial: string,
    reason: 'cancelled' | 'timeout',
    signal?: AbortSignal,
  ): Promise<WithdrawalView[]> {
    const kioskId = this.connection.kioskId();
    const list = await this.send(
      'withdrawalRelease',
      withdrawalRequests.release(kioskId, transactionSerial, reason, signal),
    );
    return ofSerial(list.withdrawals, transactionSerial, 'hold release');
  }

  resident(idNumber: string, signal?: AbortSignal): Promise<ResidentAnswer> {
    return this.send('resident', {
      method: 'POST',
      path: '/v1/residents/lookup',
      body: { idNumber },
      schema: ResidentAnswer,
      signal,
    });
  }

  activateCard(
    cardNumber: string,
    idNumber: string,
    transactionSerial: string,
    signal?: AbortSignal,
  ): Promise<CardStateAnswer> {
    return this.cardStateChange('activate', cardNumber, idNumber, transactionSerial, signal);
  }

  reportTemporaryLoss(
    cardNumber: string,
    idNumber: string,
    transactionSerial: string,
    signal?: AbortSignal,
  ): Promise<CardStateAnswer> {
    return this.cardStateChange('temporary-loss', cardNumber, idNumber, transactionSerial, signal);
  }

  /** Lifts a temporary loss report (解挂): the holder found the card again. */
  unfreeze(
    cardNumber: string,
    idNumber: string,
    transactionSerial: string,
    signal?: AbortSignal,
  ): Promise<CardStateAnswer> {
    return this.cardStateChange('unfreeze', cardNumber, idNumber, transactionSerial, signal);
  }

  /**
   * The key of the chip in the reader for a PIN reset, diversified by its serial at the host (the
   * issuer key never leaves the host), for the holder whose ID card matched. Never log the answer.
   */
  pinUnlockKey(
    request: { cardNumber: string; cardIdentifier: string; idNumber: string },
    signal?: AbortSignal,
  ): Promise<IssuerKeyAnswer> {
    const { cardNumber, cardIdentifier, idNumber } = request;
    return this.send('pinUnlockKey', {
      method: 'POST',
      path: hostPath`/v1/cards/${cardInPath(cardNumber)}/issuer-key`,
      body: { purpose: 'pinUnlock', cardIdentifier, idNumber },
      schema: IssuerKeyAnswer,
      signal,
    });
  }

  /**
   * Tells the host what the card answered to a PIN (never the PIN): 'reset' after an unlock. The
   * host answers a key once: `transactionSerial` names the PIN entry for an outcome (its transaction
   * and the entry's number, `pin-outcome-to-host.ts`), the transaction alone for a reset (one a journey).
   */
  reportPinEvent(
    cardNumber: string,
    outcome: 'verified' | 'wrong' | 'blocked' | 'reset',
    transactionSerial: string,
    signal?: AbortSignal,
  ): Promise<PinEventAnswer> {
    return this.send('pinEvent', {
      method: 'POST',
      path: hostPath`/v1/cards/${cardInPath(cardNumber)}/pin-events`,
      body: { outcome },
      idempotencyKey: `${this.connection.kioskId()}:${transactionSerial}:pin-${outcome}`,
      schema: PinEventAnswer,
      signal,
      // the host flags a PIN locked on the card; the session's end tells the fleet PIN_BLOCKED
      // already (with the journey it ended), so its flag of the lock is not told again
      ...(outcome === 'blocked' && { toldByKiosk: PIN_LOCK_FLAG }),
    });
  }

  private cardStateChange(
    change: 'activate' | 'temporary-loss' | 'unfreeze',
    cardNumber: string,
    idNumber: string,
    transactionSerial: string,
    signal?: AbortSignal,
  ): Promise<CardStateAnswer> {
    return this.send(change, {
      method: 'POST',
      path: hostPath`/v1/cards/${cardInPath(cardNumber)}/${change}`,
      body: { idNumber },
      idempotencyKey: `${this.connection.kioskId()}:${transactionSerial}:${change}`,
      schema: CardStateAnswer,
      signal,
    });
  }

  private send<S extends z.ZodType>(operation: string, request: HostRequest<S>): Promise<z.infer<S>> {
    return countHostCall(this.metrics, operation, () => this.connection.client().request(request));
  }
}
