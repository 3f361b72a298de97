/**
 * The daemon's maintenance API as the staff screens call it (same origin: the daemon serves this
 * page). Every answer is the daemon's own view or result; a refusal is a `StaffApiError` with the
 * daemon's code, which the screens translate.
 */
import type {
  CardWhereabouts,
  DeviceKind,
  JammedCardWhereabouts,
  MaintenanceView,
  OldCardWhereabouts,
  ReconciliationReport,
  SupplyActVerdict,
  SupplyLevel,
} from '@kiosk/domain';

export class StaffApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** the daemon's details of the refusal (e.g. the device and the fault a clear found still there) */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export interface StaffVisit {
  readonly token: string;
  readonly staffId: string;
  readonly role: 'engineer' | 'supervisor';
  readonly expiresAt: string;
}

/** A refill or bin emptying done: how many, the device's count and the supply's level after it. */
export interface SupplyActDone {
  readonly quantity: number;
  /** the device's count after (null: it does not count this supply) */
  readonly after: number | null;
  /** the supply's level as the device reads it after the act (null, or absent from an older daemon: not listed) */
  readonly levelAfter?: SupplyLevel | null;
}

/** One transaction of `GET /maintenance/journal`: masked already, steps as `step:phase`. */
export interface RecentTransaction {
  readonly id: string;
  readonly journey: string;
  readonly status: string;
  readonly outcome: string | null;
  readonly errorCode: string | null;
  readonly maskedCardNumber: string | null;
  readonly startedAt: string;
  readonly steps: readonly string[];
}

/**
 * A supervisor's withdrawal verdict settled: how the host's hold ended; `aboveHoldFen`: counted
 * paid above what the host still held (it confirmed only its hold; the back office reconciles).
 */
export interface WithdrawalSettled {
  readonly transactionId: string;
  readonly hostStatus: string;
  readonly aboveHoldFen?: number;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export class MaintenanceApi {
  constructor(
    private readonly base = '',
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  /** Resolves once the PIN typed on the kiosk's PIN pad was accepted. */
  logIn(staffId: string): Promise<StaffVisit> {
    return this.call<StaffVisit>('POST', '/maintenance/login', undefined, { staffId });
  }

  /** How far the staff PIN typed on the pad for a log-in is (digits of how many), null while none is asked. */
  async loginPin(): Promise<{ entered: number; length: number } | null> {
    const answer = await this.call<{ pin: { entered: number; length: number } | null }>(
      'GET',
      '/maintenance/login/pin',
    );
    return answer.pin;
  }

  logOut(token: string): Promise<void> {
    return this.call<void>('POST', '/maintenance/logout', token);
  }

  /** Ends the visit releasing an operator's hold from the fleet; answers the hold's code, or null. */
  returnToService(token: string): Promise<{ releasedHold: string | null }> {
    return this.call<{ releasedHold: string | null }>('POST', '/maintenance/return-to-service', token);
  }

  view(token: string): Promise<MaintenanceView> {
    return this.call<MaintenanceView>('GET', '/maintenance/view', token);
  }

  refill(
    token: string,
    body: {
      device: DeviceKind;
      supply: string;
      added: number;
      countedBefore?: number;
      denominationFen?: number;
    },
  ): Promise<SupplyActDone> {
    return this.call('POST', '/maintenance/refill', token, body);
  }

  emptyBin(
    token: string,
    body: { device: DeviceKind; supply: string; counted: number },
  ): Promise<SupplyActDone> {
    return this.call('POST', '/maintenance/empty-bin', token, body);
  }

  /** One of the checks without a body: self test, test receipt, test dispense, test card. */
  check(
    token: string,
    check: 'self-test' | 'test-receipt' | 'test-dispense' | 'test-card',
  ): Promise<unknown> {
    return this.call('POST', `/maintenance/${check}`, token);
  }

  /** `jammedCard`: clearing the card printer's jam, where staff put the card that jammed */
  clearFault(token: string, device: DeviceKind, jammedCard?: JammedCardWhereabouts): Promise<unknown> {
    return this.call('POST', '/maintenance/clear-fault', token, {
      device,
      ...(jammedCard && { jammedCard }),
    });
  }

  reconciliation(token: string): Promise<ReconciliationReport> {
    return this.call('GET', '/maintenance/reconciliation', token);
  }

  /** The last transactions as the journal keeps them (masked), newest first; supervisors only. */
  recentJournal(token: string): Promise<RecentTransaction[]> {
    return this.call('GET', '/maintenance/journal', token);
  }

  /** A supervisor's verdict: paid, not paid, or the amount the resident took as counted. */
  settleWithdrawal(
    token: string,
    transactionId: string,
    verdict: 'paid' | 'notPaid' | { readonly takenFen: number },
  ): Promise<WithdrawalSettled> {
    const body =
      typeof verdict === 'string'
        ? { transactionId, verdict }
        : { transactionId, verdict: 'taken', takenFen: verdict.takenFen };
    return this.call('POST', '/maintenance/settle-withdrawal', token, body);
  }

  /** Where a supervisor found the card of a card making recovery left for staff. */
  settleCardMaking(token: string, transactionId: string, card: CardWhereabouts): Promise<unknown> {
    return this.call('POST', '/maintenance/settle-card-making', token, { transactionId, card });
  }

  /**
   * Where a supervisor found a replacement's handed-in card whose capture recovery left unknown;
   * `leftForStaff` when the card making's new card still needs a verdict of its own (listed again).
   */
  settleOldCard(
    token: string,
    transactionId: string,
    oldCard: OldCardWhereabouts,
  ): Promise<{ outcome: 'closed' | 'leftForStaff' }> {
    return this.call('POST', '/maintenance/settle-card-making', token, { transactionId, oldCard });
  }

  /** Staff's word on a refill or bin emptying a restart cut off: done or not (cash: a supervisor). */
  /** the act named by its visit's transaction, device and supply (a visit may leave more than one) */
  settleSupplyAct(
    token: string,
    act: { transactionId: string; device: string; supply: string },
    verdict: SupplyActVerdict,
  ): Promise<unknown> {
    const { transactionId, device, supply } = act;
    return this.call('POST', '/maintenance/settle-supply-act', token, {
      transactionId,
      device,
      supply,
      verdict,
    });
  }

  private async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.base}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new StaffApiError('DEVICE_OFFLINE', 'The kiosk daemon cannot be reached.');
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = parsed as { code?: unknown; message?: unknown; details?: unknown } | undefined;
      const details = error?.details;
      throw new StaffApiError(
        typeof error?.code === 'string' ? error.code : 'INTERNAL',
        typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
        typeof details === 'object' && details !== null && !Array.isArray(details)
          ? (details as Record<string, unknown>)
          : undefined,
      );
    }
    return parsed as T;
  }
}
