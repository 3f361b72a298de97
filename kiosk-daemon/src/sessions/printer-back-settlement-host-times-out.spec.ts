/**
 * The settlement of a new card left at the card printer's slot, once the printer answers again
 * (`card-printer-back-settlement.ts`), when the office times out on its report (the card
 * `abandoned` once pulled into the reject bin, or `issued` once found taken): the card is
 * accounted for at once (in the bin, or counted issued), the card making closed and card making
 * offered again, and the report goes to the daemon's background tries (`CardMakingReports`) until
 * the office answers: it learns the card's fate once, never twice, also when the journal refused
 * the close meanwhile and the next look settles it again.
 *
 * A real terminal's Evolis emulator over TCP, the real journal in SQLite, the real background tries,
 * the kiosk's root machine; the office faked (it does not answer while `silent`).
 */
import { ErrorCode, JOURNEYS, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { CARD } from '../journeys/issue-card-on-real-terminal.spec-support.js';
import { cardReports, issuedCount, printerAnswers } from '../journeys/new-card-left-at-slot.spec-support.js';

import {
  isOpen,
  type KioskWithCardLeft,
  kioskWithCardLeftEachCase,
  NO_CARD_MAKING,
  stepNames,
} from './card-printer-back.spec-support.js';

const kioskWithCardLeft = kioskWithCardLeftEachCase();

/** The office times out on every card report while `silent.now` (the report never reaches it). */
function officeTimesOut(kiosk: KioskWithCardLeft): { now: boolean } {
  const silent = { now: true };
  const office = kiosk.world.issuance;
  const answer = office.reportIssuance.bind(office);
  office.reportIssuance = async (...args: Parameters<typeof office.reportIssuance>) => {
    if (silent.now) throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The office did not answer in time.');
    return answer(...args);
  };
  return silent;
}

const reportSteps = async (kiosk: KioskWithCardLeft): Promise<string[]> =>
  (await stepNames(kiosk.world)).filter((n) => n.startsWith('recovery.host.issued:'));

/** The report answered in the background once the office answers again; a while after, nothing more sent. */
async function answeredOnce(
  kiosk: KioskWithCardLeft,
  silent: { now: boolean },
  outcome: string,
): Promise<void> {
  silent.now = false;
  await eventually(
    async () => (await reportSteps(kiosk)).includes('recovery.host.issued:done'),
    'the report done',
    { withinMs: 10_000 },
  );
  await eventually(async () => !kiosk.retries.owns(kiosk.world.tx), 'the background tries ended', {
    withinMs: 10_000,
  });
  await kiosk.look();
  expect(cardReports(kiosk.world)).toEqual([`card:${outcome}:${CARD}`]);
}

describe('printer-back-settlement-host-times-out', () => {
  it('fault: the office times out on the abandoned report: the card in the bin once, closed, card making offered; reported once when the office answers', async () => {
    const k = await kioskWithCardLeft({ reports: true });
    const { world, before } = k;
    const silent = officeTimesOut(k);
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    expect(world.devices.printerEmulator.cardPosition()).toBe('none');
    expect(await issuedCount(world)).toBe(before.issued);
    expect(await isOpen(world)).toBe(false);
    expect(k.offered()).toEqual([...JOURNEYS]);
    expect(cardReports(world)).toEqual([]);
    expect(await reportSteps(k)).toEqual(['recovery.host.issued:intent', 'recovery.host.issued:failed']);
    expect(k.retries.owns(world.tx)).toBe(true);

    await answeredOnce(k, silent, 'abandoned');
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
  });

  it('fault: the office times out on the issued report of a card taken meanwhile: counted issued once, closed; reported once when the office answers', async () => {
    const k = await kioskWithCardLeft({ reports: true });
    const { world, before } = k;
    const silent = officeTimesOut(k);
    world.devices.printerEmulator.takeCard();
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(await issuedCount(world)).toBe(before.issued + 1);
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(await isOpen(world)).toBe(false);
    expect(k.offered()).toEqual([...JOURNEYS]);
    expect(cardReports(world)).toEqual([]);
    expect(k.retries.owns(world.tx)).toBe(true);

    await answeredOnce(k, silent, 'issued');
    expect(await issuedCount(world)).toBe(before.issued + 1);
  });

  it('fault: the office times out and the journal refuses the close: the next look closes it, the report sent by the background tries alone, once', async () => {
    const k = await kioskWithCardLeft({ reports: true });
    const { world, before } = k;
    const silent = officeTimesOut(k);
    await world.db.query(
      `CREATE TRIGGER refuse BEFORE UPDATE OF "status" ON "journal_transaction"
       BEGIN SELECT RAISE(ABORT, 'no space'); END`,
    );
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(await isOpen(world)).toBe(true);
    expect(k.offered()).toEqual(NO_CARD_MAKING);
    expect(k.errors.length).toBeGreaterThan(0);
    for (const said of k.errors) expect(said).toContain(ErrorCode.JOURNAL_WRITE_FAILED);

    await world.db.query('DROP TRIGGER refuse');
    await k.look();
    expect(await isOpen(world)).toBe(false);
    expect(k.offered()).toEqual([...JOURNEYS]);
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    await answeredOnce(k, silent, 'abandoned');
  });
});
