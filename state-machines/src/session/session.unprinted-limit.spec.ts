/**
 * RULES.md, "The social-security card": after 60 transactions not yet printed the card refuses
 * further use until the resident prints the records at a kiosk. A card at that limit comes in
 * for the records journey only; left unprinted, no other journey may run on it in the session.
 */
import { describe, expect, it } from '@jest/globals';
import {
  atStep,
  cardAndPin,
  journeyInput,
  printRecordsAtLimit,
  startJourneySession,
  takeCardBack,
} from '../testing/session-journeys-harness.js';

describe('card at its unprinted-records limit', () => {
  it('finished without printing: the card goes back with CARD_RECORDS_PRINT_REQUIRED, no other journey offered', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'records');
    await s.answer('fetchRecords', { records: [], unprintedCount: 60 });
    await atStep(s, 'showRecords');
    s.actor.send({ type: 'FINISH' });
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    // no "anything else?" on this card: a withdrawal asked for now is not started
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'withdraw' });
    await takeCardBack(s);
    expect(s.fakes.fetchWithdrawalQuota.calls).toHaveLength(0);
    expect(s.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_RECORDS_PRINT_REQUIRED' },
    });
  });

  it('printing failed: the card goes back, still at its limit, with CARD_RECORDS_PRINT_REQUIRED', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'records');
    await s.answer('fetchRecords', { records: [], unprintedCount: 60 });
    await atStep(s, 'showRecords');
    s.actor.send({ type: 'PRINT' });
    await s.fail('printRecords', 'DEVICE_SUPPLY_EMPTY');
    await atStep(s, 'showRecords');
    s.actor.send({ type: 'FINISH' });
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    await takeCardBack(s);
    expect(s.actor.getSnapshot().output?.error?.code).toBe('CARD_RECORDS_PRINT_REQUIRED');
  });

  it('uses the configured limit: 50 unprinted with a limit of 50 must be printed, 49 need not', async () => {
    const limited = (now: () => number) => {
      const input = journeyInput(now);
      return {
        ...input,
        journeyOptions: { ...input.journeyOptions, records: { printAvailable: true, printLimit: 50 } },
      };
    };
    const full = startJourneySession(limited);
    await cardAndPin(full, 'records');
    await full.answer('fetchRecords', { records: [], unprintedCount: 50 });
    await atStep(full, 'showRecords');
    full.actor.send({ type: 'FINISH' });
    await full.until(() => full.actor.getSnapshot().matches('ejectingCard'));

    const below = startJourneySession(limited);
    await cardAndPin(below, 'records');
    await below.answer('fetchRecords', { records: [], unprintedCount: 49 });
    await atStep(below, 'showRecords');
    below.actor.send({ type: 'FINISH' });
    await atStep(below, 'chooseJourney');
  });

  it('printed: the same card goes on to another journey', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'records');
    await printRecordsAtLimit(s);
  });
});
