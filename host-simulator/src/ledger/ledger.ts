/**
 * Personal accounts as a double-entry ledger. Every movement is one transaction of two or more
 * entries whose amounts sum to zero; an account's balance is the sum of its entries. Personal
 * accounts hold what the fund owes a resident (positive balance); the counter-accounts (fund
 * contributions, medical settlement, cash paid out at kiosks, fee income) carry the other side.
 */
import type { RecordDetail } from '@kiosk/domain';

export type AccountId = string;

export const SystemAccount = {
  /** the pooled fund that credits contributions (goes negative as it pays into personal accounts) */
  fundContributions: 'fund:contributions',
  /** payments made with the card at pharmacies and clinics */
  medicalSettlement: 'settlement:medical',
  /** replacement fees collected */
  feeIncome: 'income:fees',
  /** the simulated QR payment provider's clearing account */
  qrClearing: 'clearing:qr',
  /** withdrawals authorised and not yet paid out or reversed */
  withdrawalHolds: 'hold:withdrawals',
} as const;

export const personalAccountId = (residentNo: string): AccountId => `personal:${residentNo}`;
export const kioskCashAccountId = (kioskId: string): AccountId => `cash:kiosk:${kioskId}`;

export type MovementKind =
  | 'opening'
  | 'contribution'
  | 'medicalPayment'
  | 'withdrawal'
  | 'withdrawalPaid'
  | 'withdrawalReversal'
  | 'fee'
  // a back office one release ahead of the kiosk posts these too (seed/newer-host-records.ts)
  | NewerHostKind;

/** A kind of record the kiosk does not know: long-term-care insurance premiums (长护险). */
export type NewerHostKind = 'longTermCare';
/** A medical payment's detail the kiosk does not know: a dental clinic. */
export type NewerHostDetail = 'dentalClinic';

export interface LedgerEntry {
  readonly accountId: AccountId;
  readonly amountFen: number;
}

export interface LedgerTransaction {
  readonly id: number;
  readonly at: string; // ISO date-time
  readonly kind: MovementKind;
  readonly description: string;
  /** what a medical payment was for, as a code the kiosk words in the resident's language */
  readonly detail?: RecordDetail | NewerHostDetail;
  readonly entries: readonly LedgerEntry[];
}

export interface LedgerView {
  balanceOf(accountId: AccountId): number;
  transactionsOf(accountId: AccountId): readonly LedgerTransaction[];
  transactions(): readonly LedgerTransaction[];
  /** true when every transaction sums to zero and so does the whole ledger */
  isBalanced(): boolean;
}

export class Ledger implements LedgerView {
  private readonly all: LedgerTransaction[] = [];
  private readonly balances = new Map<AccountId, number>();
  private readonly byAccount = new Map<AccountId, LedgerTransaction[]>();

  /** Moves `amountFen` (> 0) from one account to another as one balanced transaction. */
  transfer(input: {
    from: AccountId;
    to: AccountId;
    amountFen: number;
    at: string;
    kind: MovementKind;
    description: string;
    detail?: RecordDetail | NewerHostDetail;
  }): LedgerTransaction {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
      throw new RangeError('a ledger movement is a positive whole number of fen');
    }
    if (input.from === input.to) throw new RangeError('a ledger movement needs two accounts');
    const tx = this.post(input.at, input.kind, input.description, [
      { accountId: input.from, amountFen: -input.amountFen },
      { accountId: input.to, amountFen: input.amountFen },
    ]);
    if (input.detail !== undefined) (tx as { detail?: RecordDetail | NewerHostDetail }).detail = input.detail;
    return tx;
  }

  private post(
    at: string,
    kind: MovementKind,
    description: string,
    entries: LedgerEntry[],
  ): LedgerTransaction {
    const sum = entries.reduce((s, e) => s + e.amountFen, 0);
    if (sum !== 0) throw new RangeError('a ledger transaction must sum to zero');
    // readonly by type; Object.freeze here made seeding several times slower
    const tx: LedgerTransaction = { id: this.all.length + 1, at, kind, description, entries };
    this.all.push(tx);
    for (const e of tx.entries) {
      this.balances.set(e.accountId, (this.balances.get(e.accountId) ?? 0) + e.amountFen);
      const list = this.byAccount.get(e.accountId) ?? [];
      list.push(tx);
      this.byAccount.set(e.accountId, list);
    }
    return tx;
  }

  balanceOf(accountId: AccountId): number {
    return this.balances.get(accountId) ?? 0;
  }

  transactionsOf(accountId: AccountId): readonly LedgerTransaction[] {
    return this.byAccount.get(accountId) ?? [];
  }

  transactions(): readonly LedgerTransaction[] {
    return this.all;
  }

  isBalanced(): boolean {
    let total = 0;
    const recomputed = new Map<AccountId, number>();
    for (const tx of this.all) {
      let sum = 0;
      for (const e of tx.entries) {
        sum += e.amountFen;
        recomputed.set(e.accountId, (recomputed.get(e.accountId) ?? 0) + e.amountFen);
      }
      if (sum !== 0) return false;
      total += sum;
    }
    if (total !== 0) return false;
    for (const [id, balance] of this.balances) {
      if ((recomputed.get(id) ?? 0) !== balance) return false;
    }
    return true;
  }
}
