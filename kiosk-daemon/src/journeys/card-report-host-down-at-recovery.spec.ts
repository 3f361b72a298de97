/**
 * Fault: recovery's own report of a card making to the office was not retried. Boot recovery
 * decided what became of a card being made (here: presented and taken, so `issued`) and the office
 * did not answer: the step was journaled failed, the transaction closed, and nothing sent it again,
 * so the office never learned the number's fate (a card issued and never made active). Now the
 * report goes to the background tries of journaled host acts until the office answers, and the
 * next boot sends again one a restart cut short: the office applies it once, under its
 * idempotency key (the transaction and the outcome).
 *
 * The real journal (SQLite in memory), the real background tries and recovery at boot; the office
 * is a fake that applies a report once per idempotency key, as the host does, and refuses while down.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import {
  cardGoneDevices,
  hostWithoutWithdrawals,
  journalsPerSpec,
  recoverAtBoot,
} from './boot-recovery.spec-support.js';
import { CardMakingReports } from './card-making-reports.js';

const CARD = 'H41080000999';
const APPLICATION = 'A0000042';

const journals = journalsPerSpec();

/** The office: unreachable while `down`; a report applied once per idempotency key, as the host does. */
function fakeOffice() {
  const office = {
    down: true,
    /** answers the next report with a refusal of its own (a state conflict) */
    refuseNext: false,
    /** every report that reached the office */
    calls: [] as string[],
    /** the reports the office applied (the first under each key) */
    applied: [] as string[],
  };
  const issuance = {
    reportIssuance: async (applicationNo: string, report: { outcome: string }, serial: string) => {
      if (office.down) throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The office cannot be reached.');
      if (office.refuseNext) {
        office.refuseNext = false;
        throw new KioskError(ErrorCode.HOST_REJECTED, 'The office refused the report.', { status: 409 });
      }
      const key = `${applicationNo}:${serial}:issued:${report.outcome}`;
      office.calls.push(key);
      if (!office.applied.includes(key)) office.applied.push(key);
      return {};
    },
  } as unknown as IssuanceHostService;
  return { office, issuance };
}

// a card printer whose card is gone from the slot (presented, then taken); no withdrawal held
const devices = cardGoneDevices();
const host = hostWithoutWithdrawals();

async function cardMakingWorld() {
  const opened = await journals.open();
  const { journal } = opened;
  const { office, issuance } = fakeOffice();
  // a card making cut short after its card was presented and taken: the office never told
  const tx = await journal.openTransaction('s1', 'issueCard');
  await journal.sealPersonalData(tx, 'cardNumber', CARD);
  await journal.recordStep(tx, 'issuance.order', 'event', { applicationNo: APPLICATION, attempt: 1 });
  for (const step of ['card.feed', 'card.present']) {
    await journal.recordStep(tx, step, 'intent');
    await journal.recordStep(tx, step, 'done');
  }
  const reports = async () =>
    (await journal.stepsOf(tx)).filter((s) => s.step === 'recovery.host.issued').map((s) => s.phase);
  /** One boot of the kiosk: its own background tries, then recovery; the tries go on after it. */
  const boot = async () => {
    const retries = journals.retries(journal);
    const cardReports = new CardMakingReports(journal, opened.db, retries, issuance);
    const report = await recoverAtBoot(journal, devices, host, { issuance, cardReports });
    return { report, retries };
  };
  const isOpen = async () => (await journal.openTransactions()).some((t) => t.id === tx);
  return { journal, office, tx, reports, boot, isOpen };
}

/** A while for any further try to happen (many pauses of the tries), real time. */
const aWhile = () => new Promise((r) => setTimeout(r, 200));

describe("recovery's card report the office did not answer", () => {
  it('fault: the office down during recovery’s report, then back: reported issued once, journaled done', async () => {
    const w = await cardMakingWorld();
    const { report, retries } = await w.boot();
    // boot goes on: the card making closed, its report failed and handed to the background
    expect(report.recovered).toBe(1);
    expect(await w.isOpen()).toBe(false);
    expect(await w.reports()).toEqual(['intent', 'failed']);
    expect(retries.owns(w.tx)).toBe(true);
    expect(w.office.applied).toEqual([]);

    w.office.down = false;
    await eventually(async () => (await w.reports()).includes('done'), 'the report done', {
      withinMs: 10_000,
    });
    await aWhile();
    expect(w.office.applied).toEqual([`${APPLICATION}:${w.tx}:issued:issued`]);
    expect(w.office.calls).toHaveLength(1);
    expect(await w.reports()).toEqual(['intent', 'failed', 'done']);
    expect(retries.owns(w.tx)).toBe(false);

    // the next boot finds nothing owed: the office is not told again
    retries.onApplicationShutdown();
    await w.boot();
    await aWhile();
    expect(w.office.calls).toHaveLength(1);
  });

  it('fault: a restart while the report is pending: reported once after the restart', async () => {
    const w = await cardMakingWorld();
    const first = await w.boot();
    expect(await w.reports()).toEqual(['intent', 'failed']);
    // the kiosk stops before the office answers: its tries end with it
    first.retries.onApplicationShutdown();
    w.office.down = false;

    const { retries } = await w.boot();
    // sent again at boot, under the same key, answered there
    expect(await w.reports()).toEqual(['intent', 'failed', 'done']);
    expect(retries.owns(w.tx)).toBe(false);
    await aWhile();
    expect(w.office.applied).toEqual([`${APPLICATION}:${w.tx}:issued:issued`]);
    expect(w.office.calls).toHaveLength(1);

    retries.onApplicationShutdown();
    await w.boot();
    await aWhile();
    expect(w.office.calls).toHaveLength(1);
  });

  it('fault: a restart while the report is pending and the office still down at boot: tried in the background, reported once', async () => {
    const w = await cardMakingWorld();
    (await w.boot()).retries.onApplicationShutdown();

    const { retries } = await w.boot();
    // boot goes on without the office: the report goes on in the background
    expect(retries.owns(w.tx)).toBe(true);
    expect(w.office.calls).toEqual([]);
    w.office.down = false;
    await eventually(async () => (await w.reports()).includes('done'), 'the report done after the restart', {
      withinMs: 10_000,
    });
    await aWhile();
    expect(w.office.applied).toEqual([`${APPLICATION}:${w.tx}:issued:issued`]);
    expect(w.office.calls).toHaveLength(1);
    expect((await w.reports()).filter((p) => p === 'done')).toHaveLength(1);
  });

  it('fault: the office refused recovery’s report (not a missing answer): it stands, never sent again at boot', async () => {
    const w = await cardMakingWorld();
    w.office.down = false;
    w.office.refuseNext = true;
    const { retries } = await w.boot();
    expect(await w.reports()).toEqual(['intent', 'failed']);
    expect(retries.owns(w.tx)).toBe(false);
    retries.onApplicationShutdown();
    await w.boot();
    await aWhile();
    expect(w.office.calls).toEqual([]);
  });
});
