/**
 * Fault: the resident took the new card from the slot as its retract began (after the printer's
 * last look at the bezel, before the retract reached the slot): the retract found no card, and
 * card making went on as after any failed retract, reporting the card `retracted` (abandoned at the
 * office) while the resident held it, counted neither issued nor in the reject bin. Now the
 * retract's answer `taken` (the slot found empty, the printer answering) is a take seen: reported
 * issued, as a `NEW_CARD_TAKEN` during the retract is. The journey on provided fakes.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { TAKE_MS, startIssue } from '../../testing/issue-card-harness.js';

async function cardLeftAtSlot() {
  const h = startIssue('new');
  h.fakes.checkApplication.last.resolve({ applicationId: 'app-10', feeDueFen: 0 });
  await waitFor(h.actor, (s) => s.matches('making'));
  h.fakes.makeCard.last.resolve({ cardNumber: 'H41080000901' });
  await waitFor(h.actor, (s) => s.matches('presenting'));
  h.fakes.presentNewCard.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeNewCard'));
  h.clock.increment(TAKE_MS);
  expect(h.actor.getSnapshot().value).toBe('retractingNewCard');
  return h;
}

describe('a new card pulled from the slot as its retract began', () => {
  it('fault: the retract finds the slot empty: reported issued, the card making completed', async () => {
    const h = await cardLeftAtSlot();
    h.fakes.retractNewCard.last.resolve({ taken: true });
    await waitFor(h.actor, (s) => s.matches('reporting'));
    expect(h.fakes.reportIssuance.last.input.result).toBe('issued');
    h.fakes.reportIssuance.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    const output = h.actor.getSnapshot().output;
    expect(output?.result).toBe('issued');
    expect(output?.error).toBeUndefined();
  });

  it('a retract that pulled the card in is reported retracted, as before', async () => {
    const h = await cardLeftAtSlot();
    h.fakes.retractNewCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('reporting'));
    expect(h.fakes.reportIssuance.last.input.result).toBe('retracted');
  });
});
