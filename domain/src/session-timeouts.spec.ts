/**
 * The session's default waits are the documented ones: RULES.md says 30 s without input ends a
 * step, with "need more time?" at 20 s, and 30 s for a card or cash at the slot; the shipped
 * profiles say the same (config rules-defaults). The ended screen's 5 s is the schema's default
 * since it became configurable. Changing one here means changing those with it.
 */
import {
  DEFAULT_CARD_TAKE_MS,
  DEFAULT_CASH_TAKE_MS,
  DEFAULT_ENDED_VIEW_MS,
  DEFAULT_STEP_MS,
  DEFAULT_WARN_MS,
} from './session-timeouts.js';

describe('session timeouts: the documented defaults', () => {
  it('ends a waiting step after 30 s, asking "need more time?" at 20 s (RULES.md)', () => {
    expect(DEFAULT_STEP_MS).toBe(30_000);
    expect(DEFAULT_WARN_MS).toBe(20_000);
  });

  it('waits 30 s for a card or cash at the slot (RULES.md)', () => {
    expect(DEFAULT_CARD_TAKE_MS).toBe(30_000);
    expect(DEFAULT_CASH_TAKE_MS).toBe(30_000);
  });

  it('keeps an ended session on screen 5 s', () => {
    expect(DEFAULT_ENDED_VIEW_MS).toBe(5_000);
  });
});
