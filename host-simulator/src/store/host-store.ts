/**
 * The host's data: residents, their cards, their personal accounts (in the ledger) and the audit
 * log. One instance per simulator, nothing process-global. Tests read it through `HostStateView`.
 */
import type { DemoResident } from '@kiosk/domain';
import { Ledger, type LedgerView, personalAccountId } from '../ledger/ledger.js';
import type { AnomalyRecord, Application, QrPayment, Withdrawal } from './host-records.js';

export const CARD_STATES = [
  'made',
  'active',
  'temporarilyLost',
  'lost',
  'cancelled',
  'expired',
] as const satisfies readonly DemoResident['cardState'][];
export type CardState = (typeof CARD_STATES)[number];

export interface Resident {
  /** the host's own handle; the ID number is data, not a key that travels */
  readonly residentNo: string;
  readonly idNumber: string;
  readonly name: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string; // YYYY-MM-DD
  readonly accountId: string;
}

export interface Card {
  readonly cardNumber: string;
  readonly residentNo: string;
  state: CardState;
  readonly issueDate: string; // YYYY-MM-DD
  readonly expiryDate: string; // YYYY-MM-DD, 10 years after issue
  readonly regionCode: string;
  /** when the state last changed (ISO date-time); a temporary loss lapses 15 days after it */
  stateChangedAt: string;
  /** the social-security and the bank (financial) function, enabled together at activation */
  functions: { socialSecurity: boolean; bank: boolean };
  /** set by an anomaly rule that blocks: withdrawals are refused until staff clear it */
  withdrawalBlock: string | null;
  /**
   * The serial of the chip made for this card number (hex, upper case), as the card factory or
   * the kiosk that personalised it reported: a chip key is handed out only for this chip. Null
   * when no serial was reported with the personalisation (then no chip is refused).
   */
  readonly chipSerial: string | null;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly kioskId: string;
  readonly action: string;
  /** the card number concerned, if any (never an ID number, never a PIN) */
  readonly cardNumber: string | null;
  /** 'ok' or the error code answered */
  readonly outcome: string;
}

export interface HostStateView {
  readonly residents: ReadonlyMap<string, Readonly<Resident>>; // by residentNo
  readonly cards: ReadonlyMap<string, Readonly<Card>>; // by card number
  readonly ledger: LedgerView;
  readonly audit: readonly AuditEntry[];
  readonly applications: ReadonlyMap<string, Readonly<Application>>;
  readonly withdrawals: ReadonlyMap<string, Readonly<Withdrawal>>;
  readonly payments: ReadonlyMap<string, Readonly<QrPayment>>;
  readonly anomalies: readonly AnomalyRecord[];
  residentByIdNumber(idNumber: string): Readonly<Resident> | undefined;
  balanceOfCard(cardNumber: string): number | undefined;
}

export class HostStore implements HostStateView {
  readonly residents = new Map<string, Resident>();
  readonly cards = new Map<string, Card>();
  readonly ledger = new Ledger();
  readonly audit: AuditEntry[] = [];
  readonly applications = new Map<string, Application>();
  readonly withdrawals = new Map<string, Withdrawal>();
  private readonly withdrawalsBySerial = new Map<string, Withdrawal>();
  /** serials a kiosk released before any authorisation arrived: a late authorisation is refused */
  private readonly releasedSerials = new Set<string>();
  private readonly withdrawalsByResident = new Map<string, Withdrawal[]>();
  readonly payments = new Map<string, QrPayment>();
  readonly anomalies: AnomalyRecord[] = [];
  private readonly counters = new Map<string, number>();
  private readonly byIdNumber = new Map<string, Resident>();

  addResident(input: Omit<Resident, 'accountId'>): Resident {
    if (this.byIdNumber.has(input.idNumber)) throw new Error('duplicate resident');
    const resident: Resident = Object.freeze({
      ...input,
      accountId: personalAccountId(input.residentNo),
    });
    this.residents.set(resident.residentNo, resident);
    this.byIdNumber.set(resident.idNumber, resident);
    return resident;
  }

  addCard(card: Card): Card {
    if (this.cards.has(card.cardNumber)) throw new Error('duplicate card number');
    this.cards.set(card.cardNumber, card);
    return card;
  }

  residentByIdNumber(idNumber: string): Resident | undefined {
    return this.byIdNumber.get(idNumber);
  }

  holderOf(card: Card): Resident {
    const resident = this.residents.get(card.residentNo);
    if (!resident) throw new Error('card without a holder');
    return resident;
  }

  balanceOfCard(cardNumber: string): number | undefined {
    const card = this.cards.get(cardNumber);
    return card ? this.ledger.balanceOf(this.holderOf(card).accountId) : undefined;
  }

  /** The next number in a named sequence (card numbers, applications, authorisations...). */
  nextNumber(sequence: string, start = 1): number {
    const next = (this.counters.get(sequence) ?? start - 1) + 1;
    this.counters.set(sequence, next);
    return next;
  }

  /** Card numbers continue the seeded series: H4108 + 7 digits. */
  nextCardNumber(): string {
    return `H4108${String(this.nextNumber('card', 1001)).padStart(7, '0')}`;
  }

  nextApplicationNo(): string {
    return `A${String(this.nextNumber('application')).padStart(7, '0')}`;
  }

  addWithdrawal(w: Withdrawal): void {
    this.withdrawals.set(w.authorisationId, w);
    this.withdrawalsBySerial.set(`${w.kioskId}\u0000${w.transactionSerial}`, w);
    const list = this.withdrawalsByResident.get(w.residentNo) ?? [];
    list.push(w);
    this.withdrawalsByResident.set(w.residentNo, list);
  }

  withdrawalBySerial(kioskId: string, transactionSerial: string): Withdrawal | undefined {
    return this.withdrawalsBySerial.get(`${kioskId}\u0000${transactionSerial}`);
  }

  releaseSerial(kioskId: string, transactionSerial: string): void {
    this.releasedSerials.add(`${kioskId}\u0000${transactionSerial}`);
  }

  isSerialReleased(kioskId: string, transactionSerial: string): boolean {
    return this.releasedSerials.has(`${kioskId}\u0000${transactionSerial}`);
  }

  withdrawalsOf(residentNo: string): readonly Withdrawal[] {
    return this.withdrawalsByResident.get(residentNo) ?? [];
  }

  applicationsOf(residentNo: string): Application[] {
    return [...this.applications.values()].filter((a) => a.residentNo === residentNo);
  }

  record(entry: Omit<AuditEntry, 'seq'>): void {
    this.audit.push({ seq: this.audit.length + 1, ...entry });
  }
}
