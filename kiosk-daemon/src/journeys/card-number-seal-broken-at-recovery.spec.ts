/**
 * Fault: a card making whose sealed card number does not open (a changed byte: JOURNAL_SEAL_BROKEN;
 * a key the kiosk no longer holds: JOURNAL_KEY_MISSING) threw out of boot recovery. Recovery read
 * the number to report the card to the office, at its own decision of a card making left open and
 * at the resume of a report owed in a closed one; the read threw, and so did the whole pass: every
 * open transaction after it left unsettled (a later card making's card never reported, a
 * withdrawal's hold not settled) and the host's leftovers not swept, at every boot. Now the report
 * that cannot be rebuilt is left owed, as a PIN report's is (`owed-host-acts.ts`: sent again at
 * each boot, should the number open again, until the bound of ADR 0025 gives it up with an alert),
 * logged, and recovery goes on: the card itself decided and counted as ever, the rest settled once.
 *
 * The real journal (SQLite in memory), the real background tries and recovery at boot; the office
 * is a fake that applies a report once per idempotency key, as the host does.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { owedHostActs } from '../journal/owed-host-acts.js';
import { detailText } from '../journal/step-detail.js';
import {
  cardGoneDevices,
  hostWithoutWithdrawals,
  journalsPerSpec,
  recoverAtBoot,
} from './boot-recovery.spec-support.js';
import { CardMakingReports } from './card-making-reports.js';

const journals = journalsPerSpec();
const devices = cardGoneDevices();
const host = hostWithoutWithdrawals();

async function world() {
  const opened = await journals.open();
  const { journal } = opened;
  const office = { down: false, applied: [] as string[] };
  const issuance = {
    reportIssuance: async (applicationNo: string, report: { cardNumber: string; outcome: string }) => {
      if (office.down) throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The office cannot be reached.');
      const told = `${applicationNo}:${maskCardNumber(report.cardNumber)}:${report.outcome}`;
      if (!office.applied.includes(told)) office.applied.push(told);
      return {};
    },
  } as unknown as IssuanceHostService;
  /** a card making cut short after its card was presented and taken: the office never told */
  const cardMaking = async (card: string, applicationNo: string) => {
    const tx = await journal.openTransaction(`s-${card}`, 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', card);
    await journal.recordStep(tx, 'issuance.order', 'event', {
      applicationNo,
      attempt: 1,
      card: maskCardNumber(card),
    });
    for (const step of ['card.feed', 'card.present']) {
      await journal.recordStep(tx, step, 'intent');
      await journal.recordStep(tx, step, 'done');
    }
    return tx;
  };
  /** its seal broken (a tampered row): its card number does not open */
  const breakSeal = (tx: string) =>
    opened.db.query(`UPDATE "journal_personal_data" SET "sealed" = 'AAAA' WHERE "transactionId" = ?`, [tx]);
  /** one run of the kiosk: its recovery at boot, then it stops (its background tries with it) */
  const boot = async () => {
    const retries = journals.retries(journal);
    const cardReports = new CardMakingReports(journal, opened.db, retries, issuance);
    try {
      return await recoverAtBoot(journal, devices, host, { issuance, cardReports });
    } finally {
      retries.onApplicationShutdown();
    }
  };
  return { journal, office, cardMaking, breakSeal, boot };
}

const phasesOf = async (journal: JournalService, tx: string, step: string) =>
  (await journal.stepsOf(tx)).filter((s) => s.step === step).map((s) => s.phase);
const isOpen = async (journal: JournalService, tx: string) =>
  (await journal.openTransactions()).some((t) => t.id === tx);

describe('a card making whose sealed card number does not open, at boot recovery', () => {
  it('fault: open at boot: recovery goes on (the next card making reported), its card counted taken and its report left owed', async () => {
    const w = await world();
    const broken = await w.cardMaking('H41080000111', 'A0000011');
    const next = await w.cardMaking('H41080000222', 'A0000022');
    await w.breakSeal(broken);

    const report = await w.boot();
    expect(report.recovered).toBe(2);
    // the card making after it settled as ever: reported issued once, closed
    expect(w.office.applied).toEqual([`A0000022:${maskCardNumber('H41080000222')}:issued`]);
    expect(await isOpen(w.journal, next)).toBe(false);
    // its own card decided as ever (presented, gone: taken), counted once; the report cannot be
    // rebuilt: journaled and left owed (sent again at a boot it opens at, or given up at the bound)
    expect(await isOpen(w.journal, broken)).toBe(false);
    const steps = await w.journal.stepsOf(broken);
    expect(steps.filter((s) => s.step === 'card.taken')).toHaveLength(1);
    expect(await phasesOf(w.journal, broken, 'recovery.host.issued')).toEqual(['intent', 'failed']);
    expect(
      detailText(
        steps.findLast((s) => s.step === 'recovery.host.issued'),
        'code',
      ),
    ).toBe('JOURNAL_SEAL_BROKEN');
    expect(owedHostActs(steps).map((a) => a.step)).toEqual(['recovery.host.issued']);

    // the next boot: still nothing thrown, nothing sent twice, the report still owed
    await w.boot();
    expect(w.office.applied).toEqual([`A0000022:${maskCardNumber('H41080000222')}:issued`]);
    expect(owedHostActs(await w.journal.stepsOf(broken))).toHaveLength(1);
  });

  it('fault: its report owed in a closed transaction: the next boot goes on (the other report sent), the report still owed', async () => {
    const w = await world();
    const broken = await w.cardMaking('H41080000111', 'A0000011');
    const other = await w.cardMaking('H41080000222', 'A0000022');
    // the first boot: the office away, both reports owed in closed transactions
    w.office.down = true;
    await w.boot();
    expect(await isOpen(w.journal, broken)).toBe(false);
    expect(owedHostActs(await w.journal.stepsOf(other))).toHaveLength(1);

    await w.breakSeal(broken);
    w.office.down = false;
    await w.boot();
    expect(w.office.applied).toEqual([`A0000022:${maskCardNumber('H41080000222')}:issued`]);
    expect((await phasesOf(w.journal, other, 'recovery.host.issued')).at(-1)).toBe('done');
    expect(owedHostActs(await w.journal.stepsOf(broken)).map((a) => a.step)).toEqual([
      'recovery.host.issued',
    ]);
  });
});
