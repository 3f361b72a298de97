/**
 * Anomaly rules on card use. Each rule flags (recorded for review) or blocks (withdrawals refused
 * with ANOMALY_BLOCKED until staff clear the block):
 * - PIN failures: wrong PINs within a window flag, more of them block; a PIN locked on the card flags;
 * - near-cap withdrawals on consecutive business days: flag, then block;
 * - the same card at two kiosks within minutes: block;
 * - cash retracted (not taken): flag, repeated within a window: block.
 */
import type { HostRules } from '../rules/host-rules.js';
import type { AnomalyRecord, AnomalyRule } from '../store/host-records.js';
import type { HostStore } from '../store/host-store.js';
import { DAY_MS } from '../seed/calendar.js';
import { noteRaised } from './raised-by-request.js';

const HOUR_MS = 3_600_000;

export class AnomalyMonitor {
  private readonly pinFailures = new Map<string, number[]>();
  private readonly retractions = new Map<string, number[]>();
  private readonly lastUse = new Map<string, { kioskId: string; at: number }>();
  private readonly nearCapDays = new Map<string, Set<string>>();

  constructor(
    private readonly store: HostStore,
    private readonly rules: HostRules,
  ) {}

  /** Staff cleared the card after review: withdrawals are allowed again. */
  clearBlock(cardNumber: string): void {
    const card = this.store.cards.get(cardNumber);
    if (card) card.withdrawalBlock = null;
  }

  /** Every card-present request: the same card at another kiosk within the window blocks. */
  noteCardUse(cardNumber: string, kioskId: string, at: Date): void {
    const last = this.lastUse.get(cardNumber);
    const windowMs = this.rules.twoKioskWindowMinutes * 60_000;
    if (last && last.kioskId !== kioskId && at.getTime() - last.at <= windowMs) {
      this.raise('sameCardTwoKiosks', cardNumber, kioskId, at, 'block', `also used at ${last.kioskId}`);
    }
    this.lastUse.set(cardNumber, { kioskId, at: at.getTime() });
  }

  notePinEvent(
    cardNumber: string,
    kioskId: string,
    outcome: 'verified' | 'wrong' | 'blocked' | 'reset',
    at: Date,
  ): { recentFailures: number; flagged: boolean } {
    const recent = this.withinWindow(this.pinFailures, cardNumber, at, this.rules.pinFailureWindowHours);
    if (outcome === 'wrong') recent.push(at.getTime());
    if (outcome === 'reset') recent.length = 0;
    let flagged = false;
    if (outcome === 'blocked') {
      this.raise('pinFailures', cardNumber, kioskId, at, 'flag', 'PIN locked on the card');
      flagged = true;
    } else if (outcome === 'wrong' && recent.length >= this.rules.pinFailuresToBlock) {
      this.raise('pinFailures', cardNumber, kioskId, at, 'block', `${recent.length} wrong PINs`);
      flagged = true;
    } else if (outcome === 'wrong' && recent.length >= this.rules.pinFailuresToFlag) {
      this.raise('pinFailures', cardNumber, kioskId, at, 'flag', `${recent.length} wrong PINs`);
      flagged = true;
    }
    return { recentFailures: recent.length, flagged };
  }

  /** After a withdrawal is authorised: the business day's total near the daily cap counts. */
  noteDailyTotal(cardNumber: string, kioskId: string, day: string, dayTotalFen: number, at: Date): void {
    if (dayTotalFen < this.rules.nearCapRatio * this.rules.dailyWithdrawalCapFen) return;
    const days = this.nearCapDays.get(cardNumber) ?? new Set<string>();
    this.nearCapDays.set(cardNumber, days);
    if (days.has(day)) return;
    days.add(day);
    let run = 1;
    for (let d = Date.parse(`${day}T00:00:00Z`) - DAY_MS; days.has(isoDay(d)); d -= DAY_MS) run += 1;
    if (run >= this.rules.nearCapDaysToBlock) {
      this.raise('nearCapConsecutiveDays', cardNumber, kioskId, at, 'block', `${run} days near the cap`);
    } else if (run >= this.rules.nearCapDaysToFlag) {
      this.raise('nearCapConsecutiveDays', cardNumber, kioskId, at, 'flag', `${run} days near the cap`);
    }
  }

  /** Cash presented but not taken, retracted into the kiosk. */
  noteRetraction(cardNumber: string, kioskId: string, at: Date): void {
    const recent = this.withinWindow(this.retractions, cardNumber, at, this.rules.retractionWindowHours);
    recent.push(at.getTime());
    const action = recent.length >= this.rules.retractionsToBlock ? 'block' : 'flag';
    this.raise('retractedCash', cardNumber, kioskId, at, action, `${recent.length} retraction(s)`);
  }

  private withinWindow(map: Map<string, number[]>, cardNumber: string, at: Date, hours: number): number[] {
    const since = at.getTime() - hours * HOUR_MS;
    const kept = (map.get(cardNumber) ?? []).filter((t) => t > since);
    map.set(cardNumber, kept);
    return kept;
  }

  private raise(
    rule: AnomalyRule,
    cardNumber: string,
    kioskId: string,
    at: Date,
    action: 'flag' | 'block',
    detail: string,
  ): void {
    const record: AnomalyRecord = Object.freeze({
      seq: this.store.anomalies.length + 1,
      at: at.toISOString(),
      rule,
      cardNumber,
      kioskId,
      action,
      detail,
    });
    this.store.anomalies.push(record);
    // named in the answer to the request that raised it, and no other
    noteRaised(record);
    const card = this.store.cards.get(cardNumber);
    if (action === 'block' && card) card.withdrawalBlock = rule;
    this.store.record({
      at: record.at,
      kioskId,
      action: `anomaly.${rule}.${action}`,
      cardNumber,
      outcome: 'ok',
    });
  }
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
