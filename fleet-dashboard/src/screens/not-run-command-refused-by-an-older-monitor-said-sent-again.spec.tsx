/**
 * Fault: a command a kiosk answered not run, its journal unavailable (rejected
 * TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE, ADR 0027), is kept waiting by this release's monitor, but
 * stored as a final refusal by a monitor of the release before (ADR 0018: the kiosks upgraded
 * first, or two monitors on one store while they are upgraded in turn). That monitor never sends
 * it again; the operator sends it again. Once the monitor is upgraded, the dashboard read that row
 * "refused: Not run yet: ...; sent again when the kiosk is back": a promise nothing keeps, so the
 * operator waited for a hold that never came. The code's words now say what is true in both
 * states (not run, the kiosk's journal could not record it); waiting, the row says it waits.
 */
import { describe, expect, it } from '@jest/globals';
import type { CommandView } from '@kiosk/fleet-monitor/dashboard';
import { formatTime } from './format-time';
import { commandStatesOf, kioskDetailOf } from './kiosk-detail.spec-support';

const NOT_RUN = 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE';
const EXPIRES = '2026-11-28T01:00:00.000Z';

const hold = (id: string, stored: Pick<CommandView, 'result' | 'ackedAt'>): CommandView => ({
  id,
  kioskId: 'JZ-0001',
  type: 'outOfService',
  issuedBy: 'ops',
  issuedAt: '2026-11-27T01:00:00.000Z',
  code: NOT_RUN,
  expiresAt: EXPIRES,
  ...stored,
});

const DETAIL = kioskDetailOf({
  commands: [
    // stored so by this release's monitor: waiting, sent again when the kiosk is back
    hold('c2', { result: null, ackedAt: '2026-11-27T01:00:05.000Z' }),
    // stored so by a monitor of the release before: final, never sent again
    hold('c1', { result: 'rejected', ackedAt: '2026-11-27T01:00:05.000Z' }),
  ],
});

describe('not-run command refused by an older monitor, said sent again', () => {
  it('the refusal an older monitor stored promises no sending again; the waiting one says it waits, in both languages', () => {
    expect(commandStatesOf(DETAIL, 'en')).toEqual([
      `waiting for the kiosk (until ${formatTime(EXPIRES, 'en')}): Not run: the journal of the kiosk could not record it [${NOT_RUN}]`,
      `refused: Not run: the journal of the kiosk could not record it [${NOT_RUN}]`,
    ]);
    expect(commandStatesOf(DETAIL, 'zh-CN')).toEqual([
      `等待终端确认 (截至 ${formatTime(EXPIRES, 'zh-CN')}): 未执行：终端日志未能记录该指令 [${NOT_RUN}]`,
      `被拒绝: 未执行：终端日志未能记录该指令 [${NOT_RUN}]`,
    ]);
  });
});
