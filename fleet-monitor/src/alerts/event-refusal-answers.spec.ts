/**
 * How the monitor answers an event it refuses for good (`refused-event-resent-by-a-kiosk-before-refusals`
 * end to end): the first refusal alone, a repeat with the refusal and then a plain ack; per kiosk; the
 * oldest refused forgotten past the bound (it costs one refusal more).
 */
import { describe, expect, it } from '@jest/globals';
import { EventRefusalAnswers } from './event-refusal-answers.js';

const at = '2026-11-30T00:00:00.000Z';
const ID = ['6f1c1a52-2b0e-4d7e-9a35-0b1f3c5d7e91', '0d5e8a3c-7b21-4f6a-8c90-1e2d3f4a5b6c'];
const CODE = 'FLEET_EVENT_MALFORMED';

describe('refused-event-resent-by-a-kiosk-before-refusals (the answers)', () => {
  it('the first refusal goes alone; the same event again is refused, then acked', () => {
    const answers = new EventRefusalAnswers();
    const refusal = { kioskId: 'k1', of: 'refusedEvents', ids: [ID[0]], code: CODE, at };
    expect(answers.answer('k1', ID[0]!, CODE, at)).toEqual({ acks: [refusal], again: false });
    expect(answers.answer('k1', ID[0]!, CODE, at)).toEqual({
      acks: [refusal, { kioskId: 'k1', ids: [ID[0]], at }],
      again: true,
    });
  });

  it("another kiosk's event of the same id is its own first refusal", () => {
    const answers = new EventRefusalAnswers();
    answers.answer('k1', ID[0]!, CODE, at);
    expect(answers.answer('k2', ID[0]!, CODE, at).again).toBe(false);
  });

  it('past the bound the oldest is forgotten: refused alone once more', () => {
    const answers = new EventRefusalAnswers(1);
    answers.answer('k1', ID[0]!, CODE, at);
    answers.answer('k1', ID[1]!, CODE, at);
    expect(answers.answer('k1', ID[1]!, CODE, at).again).toBe(true);
    expect(answers.answer('k1', ID[0]!, CODE, at).again).toBe(false);
  });
});
