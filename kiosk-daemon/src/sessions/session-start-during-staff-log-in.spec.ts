/**
 * The fault: a resident's start and a staff log-in in the same moment (the resident's screen and the
 * service display are two screens) both went on. The start checked the journeys offered, then
 * opened its journal transaction; a log-in in that moment saw no session yet and took the kiosk
 * into maintenance; the start then began its session under the staff visit (the PIN pad asked for
 * the staff PIN and the resident's at once, the visit's acts refused as busy). Now a start whose
 * journey is no longer offered once its transaction is open is refused JOURNEY_NOT_OFFERED, its
 * transaction closed as rejected, no session begun (the log-in's side: `maintenance.service.spec`,
 * a session begun while the log-in opened its transaction).
 */
import { describe, expect, it, jest } from '@jest/globals';
import type { Journey, KioskView } from '@kiosk/domain';
import { startOrContinue, type SessionStartDeps } from './session-start.js';
import { firstJourneyDeps } from './session-start.spec-support.js';

describe('a resident’s start while field staff log in', () => {
  it('the kiosk left service (maintenance) while the start opened its transaction: refused, closed, no session begun', async () => {
    let offered: Journey[] = ['balance', 'records'];
    const closed: unknown[][] = [];
    const began = jest.fn();
    const deps = {
      ...firstJourneyDeps(),
      journal: {
        openTransaction: () => {
          offered = []; // the staff log-in took the kiosk into maintenance meanwhile
          return Promise.resolve('tx-1');
        },
        closeTransaction: (...args: unknown[]) => Promise.resolve(void closed.push(args)),
      },
      kioskView: () =>
        ({
          mode: offered.length > 0 ? 'inService' : 'maintenance',
          journeysOffered: offered,
        }) as unknown as KioskView,
      sessionView: () => null,
      clearEnded: () => undefined,
      began,
    } as unknown as SessionStartDeps;

    await expect(startOrContinue(deps, null, 'balance')).rejects.toMatchObject({
      code: 'JOURNEY_NOT_OFFERED',
    });
    expect(began).not.toHaveBeenCalled();
    expect(closed).toEqual([['tx-1', 'rejected', 'JOURNEY_NOT_OFFERED']]);
  });
});
