import { describe, expect, it } from '@jest/globals';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest } from './fleet-ingest.js';
import {
  alertsForStatus,
  goneByStatus,
  recoveryAlertKey,
  recoverySettledBy,
  supplyActAnsweredKey,
  WITHDRAWAL_LEFT_KEY,
} from './alert-rules.js';
import type { OnlineStatus } from '../contract/telemetry.contract.js';

function status(paper: 'ok' | 'low' | 'empty'): OnlineStatus {
  return {
    connection: 'online',
    kioskId: 'k1',
    mode: paper === 'empty' ? 'degraded' : 'inService',
    version: '1',
    journeysOffered: [],
    devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: paper }] }],
    heartbeatIntervalS: 10,
    at: new Date().toISOString(),
  };
}

describe('alert rules', () => {
  it('a supply running low and one run out are two conditions, each with its own key', () => {
    expect(alertsForStatus(status('low'))).toEqual([
      { kind: 'supplyLow', key: 'supply/receiptPrinter/paper/low', code: 'low' },
    ]);
    expect(alertsForStatus(status('empty'))).toEqual([
      { kind: 'supplyEmpty', key: 'supply/receiptPrinter/paper', code: 'empty' },
    ]);
    expect(alertsForStatus(status('ok'))).toEqual([]);
  });

  it('paper low, then out: the low alert is cleared and the empty one raised; the refill clears it', async () => {
    const store = new SqliteFleetStore(':memory:');
    const ingest = new FleetIngest(store);
    const send = (paper: 'ok' | 'low' | 'empty'): Promise<void> =>
      ingest.accept('kiosk/k1/status', Buffer.from(JSON.stringify(status(paper))));
    await send('low');
    expect(await store.activeAlerts()).toMatchObject([{ kind: 'supplyLow' }]);
    await send('empty');
    expect(await store.activeAlerts()).toMatchObject([{ kind: 'supplyEmpty', code: 'empty' }]);
    await send('ok');
    expect(await store.activeAlerts()).toEqual([]);
    expect((await store.alertHistory()).map((alert) => [alert.kind, alert.clearedAt !== null])).toEqual([
      ['supplyEmpty', true],
      ['supplyLow', true],
    ]);
    await store.close();
  });

  it("a failed self test's recovery is settled once the kiosk is placed again, not for its self test", () => {
    const placed = (mode: string, reason?: string): boolean =>
      recoverySettledBy({ ...status('ok'), mode, ...(reason !== undefined && { reason }) });
    expect(placed('inService')).toBe(true);
    expect(placed('degraded', 'PAPER_EMPTY')).toBe(true);
    expect(placed('outOfService', 'CASH_DISPENSER_DOWN')).toBe(true);
    expect(placed('outOfService', 'REMOTE_OUT_OF_SERVICE')).toBe(true);
    expect(placed('outOfService', 'SELF_TEST_FAILED')).toBe(false);
    expect(placed('outOfService', 'SELF_TEST_TIMEOUT')).toBe(false);
    expect(placed('maintenance', 'MAINTENANCE')).toBe(false);
    expect(placed('selfTest')).toBe(false);
    expect(placed('booting')).toBe(false);
    // a newer kiosk's mode: not known to be placed
    expect(placed('standby')).toBe(false);
  });

  it('fault: a recovery alert other than SELF_TEST_FAILED stays once the kiosk is placed again: every code goes', () => {
    const none: ReadonlySet<string> = new Set();
    for (const key of [
      'recovery/SELF_TEST_FAILED',
      'recovery/SELF_TEST_TIMEOUT',
      'recovery/CARD_STATE_CONFLICT',
    ]) {
      expect(goneByStatus({ ...status('ok'), mode: 'inService' }, key, none)).toBe(true);
      expect(
        goneByStatus({ ...status('ok'), mode: 'outOfService', reason: 'SELF_TEST_TIMEOUT' }, key, none),
      ).toBe(false);
      expect(goneByStatus({ ...status('ok'), mode: 'maintenance', reason: 'MAINTENANCE' }, key, none)).toBe(
        false,
      );
    }
    // an anomaly is for an operator to acknowledge: no status clears it
    expect(goneByStatus({ ...status('ok'), mode: 'inService' }, 'anomaly/1', none)).toBe(false);
  });

  it('fault: a supply act left for staff was cleared by the kiosk back in service, not by staff answering', () => {
    const event = { code: 'MAINTENANCE_SUPPLY_UNSETTLED', device: 'receiptPrinter', supply: 'paper' };
    const key = recoveryAlertKey(event);
    expect(key).toBe('supplyAct/receiptPrinter/paper');
    // the kiosk stays in service with the act left: no status clears it
    expect(goneByStatus({ ...status('ok'), mode: 'inService' }, key, new Set())).toBe(false);
    // staff's answer, told as that supply's refill done, does; a refused one or another supply does not
    const answer = { action: 'refill', device: 'receiptPrinter', supply: 'paper' };
    expect(supplyActAnsweredKey(answer)).toBe(key);
    expect(supplyActAnsweredKey({ ...answer, code: 'MAINTENANCE_SUPPLY_UNSETTLED' })).toBeUndefined();
    expect(supplyActAnsweredKey({ ...answer, supply: 'ribbon' })).not.toBe(key);
    expect(supplyActAnsweredKey({ ...answer, action: 'logout' })).toBeUndefined();
    // a recovery code without a supply keeps its recovery key
    expect(recoveryAlertKey({ code: 'SELF_TEST_FAILED' })).toBe('recovery/SELF_TEST_FAILED');
  });

  it('fault: a withdrawal left for staff in service was cleared by the next status in service; now only by a status counting none', () => {
    const key = recoveryAlertKey({ code: 'WITHDRAWAL_UNDECIDED' });
    expect(key).toBe(WITHDRAWAL_LEFT_KEY);
    const inService = { ...status('ok'), mode: 'inService' } as const;
    // in service with the withdrawal counted, or a status that does not count (an older kiosk): kept
    expect(goneByStatus({ ...inService, withdrawalsLeft: 1 }, key, new Set([key]))).toBe(false);
    expect(goneByStatus(inService, key, new Set())).toBe(false);
    // the supervisor settled it: a status counting none clears it, whatever the kiosk's mode
    expect(goneByStatus({ ...inService, withdrawalsLeft: 0 }, key, new Set())).toBe(true);
    expect(alertsForStatus({ ...inService, withdrawalsLeft: 2 })).toEqual([
      { kind: 'recoveryNeedsStaff', key, code: 'WITHDRAWAL_UNDECIDED' },
    ]);
    expect(alertsForStatus({ ...inService, withdrawalsLeft: 0 })).toEqual([]);
    // the self test's own alert, failed on a withdrawal, keeps its recovery key
    const selfTest = { code: 'SELF_TEST_FAILED', cause: 'WITHDRAWAL_UNDECIDED' };
    expect(recoveryAlertKey(selfTest)).toBe('recovery/SELF_TEST_FAILED');
  });
});
