/**
 * The withdrawals recovery left for staff, as the supervisor's screen shows them: the amount the
 * resident asked for (what the supervisor counts the cash for), whose card (masked only), the step
 * the kiosk stopped at, a verdict already given whose answer the host did not give, and the cash
 * dispenser's counts (per cassette, reject and retract bins: now and as the journal last recorded
 * them) to count the cash against. Reading never fails the view: personal data that does not open
 * reads as null, and so does an amount that does not read.
 */
import { countOf, type CashDispenserPort } from '@kiosk/device-drivers';
import { maskCardNumber, maskName, type PendingWithdrawalSettlement } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import type { PersonalData } from '../journal/journal-personal-data.js';
import { detailCount } from '../journal/step-detail.js';
import { withdrawalVerdictOf } from '../journeys/withdrawal-staff-settlement.js';

/** The steps that journal the amount asked for, the first found wins. */
const AMOUNT_STEPS = ['withdrawal.authorise', 'withdrawal.authorised', 'cash.dispense'];

type CashCounters = PendingWithdrawalSettlement['counters'];

/** The dispenser's counts now against the journal's last record of them. */
async function cashCounters(journal: JournalService, dispenser: CashDispenserPort): Promise<CashCounters> {
  // a record that does not read leaves the journal's side unknown, the dispenser's still shown
  const latest = await journal.counters.latestCounters().catch(() => ({}) as const);
  const recorded = 'cashDispenser' in latest ? latest.cashDispenser?.counters : undefined;
  const supplies = dispenser.status().supplies;
  const cassettes: CashCounters['cassettes'][number][] = dispenser.cassettes().map((c) => ({
    cassette: c.id,
    denominationFen: c.denominationFen,
    device: c.count,
    journal: recorded?.cassettes?.find((r) => r.cassette === c.id)?.notes ?? null,
  }));
  for (const r of recorded?.cassettes ?? []) {
    if (cassettes.some((c) => c.cassette === r.cassette)) continue;
    cassettes.push({
      cassette: r.cassette,
      denominationFen: r.denominationFen,
      device: null,
      journal: r.notes,
    });
  }
  return {
    cassettes,
    rejectBinDevice: countOf(supplies, 'rejectBin'),
    rejectBinJournal: recorded?.rejectBin ?? null,
    retractBinDevice: countOf(supplies, 'retractBin'),
    retractBinJournal: recorded?.retractBin ?? null,
  };
}

/** Open withdrawals with `recovery.needsStaff`, oldest first. */
export async function pendingWithdrawals(
  journal: JournalService,
  dispenser: CashDispenserPort,
): Promise<PendingWithdrawalSettlement[]> {
  const out: PendingWithdrawalSettlement[] = [];
  let counters: CashCounters | undefined;
  for (const tx of await journal.openTransactions()) {
    if (tx.journey !== 'withdraw') continue;
    const steps = await journal.stepsOf(tx.id);
    if (!steps.some((s) => s.step === 'recovery.needsStaff')) continue;
    // the last step of the journey itself, before any boot's recovery wrote its own
    const firstRecovery = steps.findIndex((s) => s.step.startsWith('recovery.'));
    const journey = firstRecovery < 0 ? steps : steps.slice(0, firstRecovery);
    const stopped = journey.at(-1);
    const amountFen =
      AMOUNT_STEPS.map((name) =>
        detailCount(
          journey.find((s) => s.step === name),
          'amountFen',
        ),
      ).find((fen) => fen !== undefined) ?? null;
    const personal = await journal.personalDataOf(tx.id).catch((): PersonalData => ({}));
    const verdict = withdrawalVerdictOf(steps);
    out.push({
      transactionId: tx.id,
      startedAt: tx.startedAt,
      verdict: verdict === 'unreadable' ? null : (verdict ?? null),
      amountFen,
      card: personal.cardNumber ? maskCardNumber(personal.cardNumber) : null,
      name: personal.residentName ? maskName(personal.residentName) : null,
      stoppedAt: stopped ? `${stopped.step}:${stopped.phase}` : null,
      counters: (counters ??= await cashCounters(journal, dispenser)),
    });
  }
  return out;
}
