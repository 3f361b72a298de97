/**
 * Fault: a withdrawal whose record brought the card's log to its unprinted-records limit (RULES.md:
 * the card then refuses further use until its records are printed) ended the session saying
 * nothing of it: the resident learnt it only at the card's next use, refused. The daemon's confirm
 * says so (`recordsPrintRequired`), the withdrawal's output carries it, and the ended screen's view
 * says it (`recordsPrintRequired`) unless a records journey of the session printed them since.
 */
import { describe, expect, it } from '@jest/globals';
import { toSessionView } from './session-view.js';
import {
  atStep,
  cardAndPin,
  cashTaken,
  chooseAmount,
  idAndFace,
  printRecordsAtLimit,
  startJourneySession,
  takeCardBack,
  type JourneySession,
} from '../testing/session-journeys-harness.js';

/** a withdrawal of 300 yuan taken, the confirm answering `confirmed`: "anything else?" */
async function withdraw(s: JourneySession, confirmed: { recordsPrintRequired?: boolean } | undefined) {
  await cardAndPin(s, 'withdraw');
  await idAndFace(s);
  await chooseAmount(s, 30_000);
  await s.answer('authoriseWithdrawal', { transactionId: 'tx-1' });
  await s.answer('journalWithdrawal', undefined);
  await cashTaken(s, 30_000, confirmed);
  await atStep(s, 'chooseJourney');
}

/** the withdrawal, then the session ended */
async function withdrawAndLeave(
  s: JourneySession,
  confirmed: { recordsPrintRequired?: boolean } | undefined,
) {
  await withdraw(s, confirmed);
  s.actor.send({ type: 'FINISH' });
  await takeCardBack(s);
}

const view = (s: JourneySession) => toSessionView(s.actor.getSnapshot(), 'en');

describe('session: a withdrawal whose record brought the card to its unprinted-records limit', () => {
  it('the ended screen says the records must be printed before the card is used again', async () => {
    const s = startJourneySession();
    await withdrawAndLeave(s, { recordsPrintRequired: true });
    expect(s.actor.getSnapshot().output?.results?.[1]?.output).toMatchObject({
      confirmed: true,
      recordsPrintRequired: true,
    });
    expect(view(s)).toMatchObject({ step: 'ended', outcome: 'completed', recordsPrintRequired: true });
  });

  it('a record below the limit: the ended screen says nothing of printing', async () => {
    const s = startJourneySession();
    await withdrawAndLeave(s, {});
    expect(view(s).step).toBe('ended');
    expect(view(s).recordsPrintRequired).toBeUndefined();
  });
});

/**
 * Fault: "anything else?" after a withdrawal that brought the card to its limit listed every
 * journey, and choosing any but the records sent the card back refused (CARD_RECORDS_PRINT_REQUIRED
 * from the daemon's check). The view says the limit there too (the UI then offers only the
 * records, the reason said); another journey chosen all the same is refused on that screen, the
 * card kept for the records or its return. Printed, everything is offered again.
 */
describe('session: "anything else?" with the card at its unprinted-records limit', () => {
  it('says the limit, refuses another journey without sending the card back, and goes on to the records', async () => {
    const s = startJourneySession();
    await withdraw(s, { recordsPrintRequired: true });
    expect(view(s)).toMatchObject({ step: 'chooseJourney', recordsPrintRequired: true });
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    expect(view(s)).toMatchObject({
      step: 'chooseJourney',
      recordsPrintRequired: true,
      error: { code: 'CARD_RECORDS_PRINT_REQUIRED' },
    });
    expect(s.checkCard.calls).toHaveLength(0);
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'records' });
    await printRecordsAtLimit(s);
    expect(view(s).recordsPrintRequired).toBeUndefined();
    expect(view(s).error).toBeUndefined();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    await s.until(() => s.actor.getSnapshot().matches({ cardIn: 'queryingBalance' }));
  });

  it('a withdrawal below the limit: "anything else?" says nothing of printing', async () => {
    const s = startJourneySession();
    await withdraw(s, {});
    expect(view(s).recordsPrintRequired).toBeUndefined();
  });
});

/**
 * Fault (records-print-required-printer-down): with the card at its limit and the receipt printer
 * unable to print (no paper, offline), "anything else?" still offered the records journey, which
 * could not print them. The session keeps the printer's word (PRINTER_CHANGED, heard between
 * journeys too) and the view says so there (`recordsPrintUnavailable`): the UI offers only the card
 * back, the resident sent to another kiosk. The printer back, the records are offered and print.
 */
describe('session: records-print-required-printer-down at "anything else?"', () => {
  it('says the records cannot be printed here while the printer is down, and offers them again once it is back', async () => {
    const s = startJourneySession();
    await withdraw(s, { recordsPrintRequired: true });
    expect(view(s).recordsPrintUnavailable).toBeUndefined();
    s.actor.send({ type: 'PRINTER_CHANGED', printAvailable: false });
    expect(view(s)).toMatchObject({
      step: 'chooseJourney',
      recordsPrintRequired: true,
      recordsPrintUnavailable: true,
    });
    s.actor.send({ type: 'PRINTER_CHANGED', printAvailable: true });
    expect(view(s).recordsPrintUnavailable).toBeUndefined();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'records' });
    await s.answer('fetchRecords', { records: [], unprintedCount: 60 });
    await atStep(s, 'showRecords');
    s.actor.send({ type: 'PRINT' });
    await s.answer('printRecords', { printedCount: 60 });
    await atStep(s, 'recordsPrinted');
  });

  // Fault (records-journey-sent-while-printer-down): a page that sent the records journey all the
  // same got the records fetched and shown, not printed, the count unchanged, then the "print
  // elsewhere" words. Refused on the screen at once, coded, in its words; the card kept for FINISH.
  it('records-journey-sent-while-printer-down: refused at once, nothing fetched, the card kept', async () => {
    const s = startJourneySession();
    await withdraw(s, { recordsPrintRequired: true });
    s.actor.send({ type: 'PRINTER_CHANGED', printAvailable: false });
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'records' });
    expect(view(s)).toMatchObject({
      step: 'chooseJourney',
      recordsPrintUnavailable: true,
      error: { code: 'CARD_RECORDS_PRINT_REQUIRED', message: expect.stringContaining('another kiosk') },
    });
    expect(s.checkCard.calls).toHaveLength(0);
    expect(s.actor.getSnapshot().children.journey).toBeUndefined();
    s.actor.send({ type: 'FINISH' });
    await takeCardBack(s);
    expect(view(s)).toMatchObject({ step: 'ended', recordsPrintRequired: true });
  });

  it('the printer down below the limit: "anything else?" says nothing of printing', async () => {
    const s = startJourneySession();
    await withdraw(s, {});
    s.actor.send({ type: 'PRINTER_CHANGED', printAvailable: false });
    expect(view(s).recordsPrintRequired).toBeUndefined();
    expect(view(s).recordsPrintUnavailable).toBeUndefined();
  });
});
