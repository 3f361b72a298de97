import { ErrorCode, KioskError } from '@kiosk/domain';

/**
 * The card makings and withdrawals in one hand right now, each with its work: a staff settlement,
 * the self test's recovery (all open transactions while it runs), the dispenser-back settlement,
 * or the sweep of held withdrawals (one serial at a time, at boot or in the background). Another hand waits (recovery)
 * or is refused MAINTENANCE_SETTLEMENT_IN_PROGRESS (staff), so a card is never told to the host
 * twice, nor a hold confirmed or reversed twice (ADR 0010).
 */
export class SettlementHands {
  private readonly inHand = new Map<string, Promise<unknown>>();

  /**
   * Recovery's hand on every open transaction: a staff settlement still running (the visit ended
   * under it) is finished first, then the open transactions read anew, and all claimed with no
   * await from the read to the claim, so a settlement asked for from here on is refused. `release`
   * when recovery is over.
   */
  async claimForRecovery<T extends { readonly id: string }>(
    readOpen: () => Promise<T[]>,
  ): Promise<{ open: T[]; release: () => void }> {
    let open: T[];
    do {
      await Promise.allSettled([...this.inHand.values()]);
      open = await readOpen();
    } while (open.some((t) => this.inHand.has(t.id)));
    let done!: () => void;
    const recovering = new Promise<void>((resolve) => (done = resolve));
    for (const tx of open) this.inHand.set(tx.id, recovering);
    const release = (): void => {
      for (const tx of open) if (this.inHand.get(tx.id) === recovering) this.inHand.delete(tx.id);
      done();
    };
    return { open, release };
  }

  /**
   * One transaction in the sweep's hand (the sweep of held withdrawals, at boot or in the
   * background): another hand on it (a staff settlement, the dispenser-back settlement) is
   * finished first, then `settle` runs with it claimed, no await from the wait to the claim, so a
   * staff settlement asked for meanwhile is refused and a recovery waits for it. `settle` reads
   * the transaction anew: what it read before may be stale.
   */
  async sweep<T>(transactionId: string, settle: () => Promise<T>): Promise<T> {
    for (let held = this.inHand.get(transactionId); held; held = this.inHand.get(transactionId))
      await Promise.allSettled([held]);
    let done!: () => void;
    const sweeping = new Promise<void>((resolve) => (done = resolve));
    this.inHand.set(transactionId, sweeping);
    try {
      return await settle();
    } finally {
      if (this.inHand.get(transactionId) === sweeping) this.inHand.delete(transactionId);
      done();
    }
  }

  /** A staff settlement, refused while the transaction is in another hand. */
  async staffSettlement<T>(transactionId: string, what: string, settle: () => Promise<T>): Promise<T> {
    if (this.inHand.has(transactionId)) {
      throw new KioskError(
        ErrorCode.MAINTENANCE_SETTLEMENT_IN_PROGRESS,
        `${what} is being settled right now; look at the list again in a moment.`,
        { transactionId },
      );
    }
    const work = settle();
    this.inHand.set(transactionId, work);
    try {
      return await work;
    } finally {
      this.inHand.delete(transactionId);
    }
  }
}
