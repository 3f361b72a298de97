/**
 * running-session-kept-when-kiosk-leaves-service: the kiosk machine's header said the daemon
 * ends a running session (ABORT) when the kiosk leaves service; nothing sends it, and by the
 * product's rule nothing should (ADR 0004, "a running session when the kiosk leaves service"): an
 * operator's hold or a device gone lets the resident's session finish (a staff log-in waits for
 * it), only new sessions and further journeys are held to the kiosk's offer. Here the kiosk is held out of service
 * (its offer empty) while a resident is at "anything else?" after a withdrawal: the session runs on,
 * the records chosen are refused JOURNEY_NOT_OFFERED with nothing journaled, and the resident's
 * finish hands the card back under the withdrawal's transaction, closed once, completed. The
 * daemon's session start and end, the real session machine, the real journal in a SQLite file.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, type Journey } from '@kiosk/domain';
import { atAnythingElse, closeSessions } from './anything-else.spec-support.js';

afterEach(() => closeSessions());

describe('running-session-kept-when-kiosk-leaves-service', () => {
  it('held out of service at "anything else?": the session runs on, a further journey refused, the card handed back as the resident finishes', async () => {
    let offered: Journey[] = ['balance', 'records', 'withdraw'];
    const k = await atAnythingElse(true, {
      kioskView: () => ({ mode: offered.length ? 'inService' : 'outOfService', journeysOffered: offered }),
    });
    // the operator's hold from the fleet: the kiosk offers nothing from now on
    offered = [];

    expect(k.running.ended).toBe(false);
    expect(k.running.actor.getSnapshot().matches({ cardIn: 'journeyDone' })).toBe(true);
    await expect(k.choose('records')).rejects.toMatchObject({ code: ErrorCode.JOURNEY_NOT_OFFERED });
    expect(await k.transactions()).toEqual([{ journey: 'withdraw', outcome: null, errorCode: null }]);

    await k.finish();
    expect(await k.steps()).toEqual([
      { journey: 'withdraw', step: 'card.eject:intent' },
      { journey: 'withdraw', step: 'card.eject:done' },
    ]);
    expect(await k.transactions()).toEqual([{ journey: 'withdraw', outcome: 'completed', errorCode: null }]);
    expect(k.told).toEqual([expect.objectContaining({ journey: 'withdraw', outcome: 'completed' })]);
  });
});
