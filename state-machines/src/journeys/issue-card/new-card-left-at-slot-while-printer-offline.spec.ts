/**
 * Fault: a new card not taken whose retract the card printer refused (offline) or never answered
 * was reported to the office `retracted` (abandoned) at once, while the card lay at the slot where
 * a resident could still take it. Now a retract's error that says the card was left at the slot
 * (`NEW_CARD_LEFT_AT_SLOT`, journaled for staff by the daemon) ends the journey with its fault and
 * no report: neither issued nor abandoned until the printer says where the card is. Any other
 * failed retract is reported retracted, as before. The journey on provided fakes.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { TAKE_MS, startIssue } from '../../testing/issue-card-harness.js';
import { NEW_CARD_LEFT_AT_SLOT, newCardLeftAtSlot } from './issue-card-making.states.js';

async function cardNotTaken() {
  const h = startIssue('new');
  h.fakes.checkApplication.last.resolve({ applicationId: 'app-11', feeDueFen: 0 });
  await waitFor(h.actor, (s) => s.matches('making'));
  h.fakes.makeCard.last.resolve({ cardNumber: 'H41080000902' });
  await waitFor(h.actor, (s) => s.matches('presenting'));
  h.fakes.presentNewCard.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeNewCard'));
  h.clock.increment(TAKE_MS);
  expect(h.actor.getSnapshot().value).toBe('retractingNewCard');
  return h;
}

const coded = (code: string, details?: Record<string, unknown>) =>
  Object.assign(new Error(code), { code, ...(details ? { details } : {}) });

describe('new-card-left-at-slot-while-printer-offline', () => {
  it('fault: the retract left the card at the slot: the journey ends with its fault, the office told nothing', async () => {
    const h = await cardNotTaken();
    h.fakes.retractNewCard.last.reject(coded('DEVICE_OFFLINE', { [NEW_CARD_LEFT_AT_SLOT]: true }));
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.fakes.reportIssuance.calls).toHaveLength(0);
    const output = h.actor.getSnapshot().output;
    expect(output?.result).not.toBe('issued');
    expect(output?.result).not.toBe('retracted');
    expect(output?.error?.code).toBe('DEVICE_OFFLINE');
  });

  it('a retract failed otherwise (the card jammed) is reported retracted, as before', async () => {
    const h = await cardNotTaken();
    h.fakes.retractNewCard.last.reject(coded('CARD_PRINTER_JAM'));
    await waitFor(h.actor, (s) => s.matches('reporting'));
    expect(h.fakes.reportIssuance.last.input.result).toBe('retracted');
  });

  it('reads the mark only where it is set', () => {
    expect(newCardLeftAtSlot(coded('DEVICE_OFFLINE', { [NEW_CARD_LEFT_AT_SLOT]: true }))).toBe(true);
    expect(newCardLeftAtSlot(coded('DEVICE_OFFLINE'))).toBe(false);
    expect(newCardLeftAtSlot(null)).toBe(false);
  });
});
