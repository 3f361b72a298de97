/**
 * Fault: whether the records could be printed was read once, as the session started. Paper put
 * back while the records were on screen kept the print action withheld; paper running out (or the
 * printer going offline) mid-session still offered it. The session forwards PRINTER_CHANGED to the
 * records journey, which offers or withholds its printing again; the records stay on screen. A
 * card at its unprinted-records limit is told it needs printing and that the kiosk cannot print.
 */
import { describe, expect, it } from '@jest/globals';
import { journeyDetailsOf } from './journey-details.js';
import { toSessionView } from './session-view.js';
import {
  atStep,
  cardAndPin,
  journeyInput,
  startJourneySession,
  takeCardBack,
  type JourneySession,
} from '../testing/session-journeys-harness.js';

const noPaper = (now: () => number) => {
  const input = journeyInput(now);
  return { ...input, journeyOptions: { ...input.journeyOptions, records: { printAvailable: false } } };
};

function records(s: JourneySession) {
  const details = journeyDetailsOf(s.actor.getSnapshot());
  if (details?.kind !== 'records') throw new Error(`not on the records: ${details?.kind}`);
  return details;
}

const RECORDS = Array.from({ length: 3 }, (_, i) => ({
  at: `2026-11-0${i + 1}T09:00:00.000Z`,
  kind: 'medicalPayment' as const,
  amountFen: -1_000,
  balanceAfterFen: 50_000 - i * 1_000,
}));

describe('records printing read once', () => {
  it('fault: paper put back mid-session — printing is offered again and prints', async () => {
    const s = startJourneySession(noPaper);
    await cardAndPin(s, 'records');
    await s.answer('fetchRecords', { records: RECORDS, unprintedCount: 12 });
    await atStep(s, 'showRecords');
    expect(records(s)).toMatchObject({ printAvailable: false });
    expect(records(s).records).toHaveLength(3);

    s.actor.send({ type: 'PRINTER_CHANGED', printAvailable: true });
    expect(records(s)).toMatchObject({ printAvailable: true });
    s.actor.send({ type: 'PRINT' });
    await s.answer('printRecords', { printedCount: 12 });
    await atStep(s, 'recordsPrinted');
  });

  it('fault: paper gone mid-session — printing is withheld, the records stay on screen', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'records');
    await s.answer('fetchRecords', { records: RECORDS, unprintedCount: 12 });
    await atStep(s, 'showRecords');
    expect(records(s)).toMatchObject({ printAvailable: true });

    s.actor.send({ type: 'PRINTER_CHANGED', printAvailable: false });
    s.actor.send({ type: 'PRINT' });
    await atStep(s, 'showRecords');
    expect(s.fakes.printRecords.calls).toHaveLength(0);
    expect(records(s)).toMatchObject({ printAvailable: false });
    expect(records(s).records).toHaveLength(3);
    expect(toSessionView(s.actor.getSnapshot(), 'zh-CN').error?.code).toBe('DEVICE_SUPPLY_EMPTY');
  });

  it('a card at its limit without paper: told it needs printing, that printing is off, and goes back refused', async () => {
    const s = startJourneySession(noPaper);
    await cardAndPin(s, 'records');
    await s.answer('fetchRecords', { records: RECORDS, unprintedCount: 60 });
    await atStep(s, 'showRecords');
    expect(records(s)).toMatchObject({ printAvailable: false, recordsUntilPrintRequired: 0 });
    expect(toSessionView(s.actor.getSnapshot(), 'zh-CN').error?.code).toBe('CARD_RECORDS_PRINT_REQUIRED');
    s.actor.send({ type: 'FINISH' });
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    await takeCardBack(s);
    expect(s.actor.getSnapshot().output?.error?.code).toBe('CARD_RECORDS_PRINT_REQUIRED');
  });
});
