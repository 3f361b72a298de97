/**
 * The host's data: residents, their cards, their personal accounts (in the ledger) and the audit
 * log. One instance per simulator, nothing process-global. Tests read it through `HostStateView`.
 */
import type { DemoResident } from '@kiosk/domain';
import { Ledger, type LedgerView, personalAccountId } from '../ledger/ledger.js';

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
  residentByIdNumber(idNumber: string): Readonly<Resident> | undefined;
  balanceOfCard(cardNumber: string): number | undefined;
}

export class HostStore implements HostStateView {
  readonly residents = new Map<string, Resident>();
  readonly cards = new Map<string, Card>();
  readonly ledger = new Ledger();
  readonly audit: AuditEntry[] = [];
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

  record(entry: Omit<AuditEntry, 'seq'>): void {
    this.audit.push(Object.freeze({ seq: this.audit.length + 1, ...entry }));
  }
}
